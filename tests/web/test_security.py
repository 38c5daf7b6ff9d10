"""Production hardening: CSP without inline scripts, the reverse proxy's client address,
the login lockout behind it, request-size limits, the idle session timeout, and
``check --deploy`` under the documented settings (deploy/nghiquyet.env)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone

from tests.factories import make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "nghiquyet"
PROXY = "10.9.8.7"


def templates():
    return sorted(p for p in SRC.rglob("templates/**/*.html"))


def test_no_template_has_an_inline_script_or_event_handler():
    """The CSP allows scripts from the app's files only: an inline one would not run."""
    bad = []
    for path in templates():
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"<script\b([^>]*)>", text):
            attrs = m.group(1)
            if "src=" not in attrs and "application/json" not in attrs:
                bad.append(f"{path.relative_to(ROOT)}: inline <script>")
        for m in re.finditer(r"<[a-zA-Z][^>]*\s(on[a-z]+)\s*=", text):
            bad.append(f"{path.relative_to(ROOT)}: inline handler {m.group(1)}")
        if re.search(r"\shx-on[:-]", text) or re.search(r"""hx-vals=["']js:""", text):
            bad.append(f"{path.relative_to(ROOT)}: htmx code in an attribute")
        if "javascript:" in text:
            bad.append(f"{path.relative_to(ROOT)}: javascript: URL")
    assert bad == []


def test_every_page_carries_the_content_security_policy():
    response = Client().get("/dang-nhap/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "same-origin"


def test_htmx_runs_without_eval():
    html = Client().get("/dang-nhap/").content.decode()
    assert '"allowEval": false' in html


# --- the reverse proxy -----------------------------------------------------------------


@override_settings(NGHIQUYET_TRUSTED_PROXIES=PROXY)
def test_the_trusted_proxy_gives_the_client_address_and_scheme():
    from nghiquyet.web.middleware import ProxyMiddleware

    seen = {}

    def view(request):
        seen["ip"] = request.META["REMOTE_ADDR"]
        seen["secure"] = request.is_secure()
        from django.http import HttpResponse

        return HttpResponse()

    from django.test import RequestFactory

    mw = ProxyMiddleware(view)
    rf = RequestFactory()
    # The client forged a first address; the proxy appended the one it saw.
    mw(
        rf.get(
            "/",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5",
            HTTP_X_FORWARDED_PROTO="https",
        )
    )
    assert seen == {"ip": "203.0.113.5", "secure": True}
    # Anyone else's headers are ignored.
    mw(
        rf.get(
            "/",
            REMOTE_ADDR="198.51.100.1",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
            HTTP_X_FORWARDED_PROTO="https",
        )
    )
    assert seen == {"ip": "198.51.100.1", "secure": False}
    # Garbage from the proxy keeps the proxy's address.
    mw(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address"))
    assert seen["ip"] == PROXY


def _proxied(client_ip: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)


@override_settings(NGHIQUYET_TRUSTED_PROXIES=PROXY)
def test_lockout_behind_the_proxy_is_keyed_on_the_real_client(land):
    make_user("nguoi.dung")
    attacker = _proxied("203.0.113.66")
    for _ in range(5):
        attacker.post("/dang-nhap/", {"username": "nguoi.dung", "password": "sai"})
    refused = attacker.post("/dang-nhap/", {"username": "nguoi.dung", "password": "nghiquyet-thu"})
    assert refused.status_code == 429
    # The same user, from another office behind the same proxy, still signs in.
    owner = _proxied("203.0.113.10")
    response = owner.post("/dang-nhap/", {"username": "nguoi.dung", "password": "nghiquyet-thu"})
    assert response.status_code == 302
    assert "_auth_user_id" in owner.session


# --- request size ----------------------------------------------------------------------


def test_an_anonymous_huge_post_to_sign_in_is_refused_unread():
    """A 300 MB POST to the sign-in page was accepted and spooled to disk."""
    c = Client()
    response = c.generic(
        "POST",
        "/dang-nhap/",
        b"username=a&password=b",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn (300,0 MB)" in response.content.decode()


def test_an_anonymous_small_post_passes_the_size_check():
    response = Client().post("/dang-nhap/", {"username": "khong.co", "password": "sai"})
    assert response.status_code == 200


def test_a_signed_in_user_may_send_more_but_not_without_limit(land):
    c = Client()
    c.force_login(make_user("nguoi.gui"))
    medium = c.generic(
        "POST", "/nhiem-vu/", b"", CONTENT_LENGTH=str(1024 * 1024), content_type="text/plain"
    )
    assert medium.status_code != 413
    huge = c.generic(
        "POST", "/nhiem-vu/", b"", CONTENT_LENGTH=str(300 * 1024 * 1024), content_type="text/plain"
    )
    assert huge.status_code == 413


def test_the_api_says_413_in_json():
    response = Client().generic(
        "POST",
        "/api/v1/rounds",
        b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
        HTTP_AUTHORIZATION="Bearer x",
    )
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


# --- idle sessions ---------------------------------------------------------------------


def test_activity_pushes_the_idle_expiry_and_idleness_signs_out(land, settings):
    user = make_user("nguoi.ranh")
    c = Client()
    c.force_login(user)
    key = c.session.session_key
    assert settings.SESSION_COOKIE_AGE == settings.NGHIQUYET_SESSION_IDLE_MINUTES * 60
    # Some minutes of silence, then a page: the expiry moves to a full idle span from now.
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    session = c.session
    session["_seen"] = 0
    session.save()
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    assert c.get("/").status_code == 200
    expiry = Session.objects.get(pk=key).expire_date
    assert expiry > timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 120)
    # Idle past the expiry: signed out.
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = c.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


# --- check --deploy ----------------------------------------------------------------------


def _documented_environment() -> dict[str, str]:
    env = {}
    for line in (ROOT / "deploy" / "nghiquyet.env").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    return env


def test_check_deploy_is_clean_under_the_documented_settings(tmp_path):
    documented = _documented_environment()
    for name in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_SECURE_HSTS_SECONDS"):
        assert name in documented
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NGHIQUYET_"))}
    env.update(documented)
    env["DJANGO_SECRET_KEY"] = "k" * 20 + "7Hq2-xZ9pLm4Rt8vWb1Nc5Yd3Fg6Js0KeAo"
    env["NGHIQUYET_VAR_DIR"] = str(tmp_path)
    env["NGHIQUYET_MEDIA_ROOT"] = str(tmp_path / "media")
    env["NGHIQUYET_STATIC_ROOT"] = str(tmp_path / "static")
    env.pop("DATABASE_URL", None)  # the checks need no database
    env["DJANGO_SETTINGS_MODULE"] = "nghiquyet.settings"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
