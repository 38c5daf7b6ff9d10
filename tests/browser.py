"""Playwright driving Debian's chromium, headless — shared by the browser tests."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("NGHIQUYET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEMO_PASSWORD = "nghiquyet-demo"
ROOT = Path(__file__).resolve().parents[1]
#: axe-core from the npm registry (``make axe``, pinned in the Makefile), into git-ignored var/
AXE = ROOT / "var" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
#: the WCAG 2.1 A and AA rules
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (Debian package chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser, live_server, demo_loaded, tmp_path):
    """Open pages in fresh contexts; the browser says it prefers English, as many offices' do."""
    contexts = []

    def _new_page(viewport=None):
        ctx = browser.new_context(
            base_url=live_server.url,
            locale="en-US",
            viewport=viewport or {"width": 1280, "height": 900},
        )
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        return ctx.new_page()

    yield _new_page
    for ctx in contexts:
        ctx.close()


def sign_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("domcontentloaded")


def axe_violations(page) -> list[str]:
    """The WCAG 2.1 AA violations axe-core finds on the page as it stands, one line each with
    the elements at fault. axe-core is evaluated in the page through the DevTools protocol
    (neither fetched by the page nor subject to its Content-Security-Policy)."""
    if not AXE.exists():
        subprocess.run(["make", "-s", "axe"], cwd=ROOT, check=True)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]
        })""",
        AXE_TAGS,
    )
    lines = []
    for v in result["violations"]:
        nodes = "; ".join(
            f"{' '.join(map(str, n['target']))} — {n['failureSummary'].splitlines()[-1].strip()}"
            for n in v["nodes"][:6]
        )
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {v['help']}: {nodes}")
    return lines
