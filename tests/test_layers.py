"""The layers and their contract (docs/architecture.md), checked with import-linter.

engine ← text ← audit ← accounts ← orgs ← plans ← reporting ← emulation
← documents/notifications/demo ← web/api/cli: a package imports only from the layers below
it (never sideways inside a layer of independent packages), the engine and the text layer
import no Django, and reads (selectors, models) never import writes (services, workflow) or
views. An import inside a function counts like any other.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "nghiquyet"
#: Packages that are configuration, not a layer: Django's number and date formats.
NOT_LAYERS = {"formats"}


def _contracts() -> list[dict]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]["contracts"]


def test_the_import_contracts_are_kept():
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_every_package_has_its_layer():
    """A new app must be placed in the layers, or nothing would check its imports."""
    layers = next(c for c in _contracts() if c["id"] == "layers")["layers"]
    placed = {
        name.strip().removeprefix("nghiquyet.") for layer in layers for name in layer.split("|")
    }
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert packages - NOT_LAYERS <= placed
    assert placed <= packages | modules


def test_a_broken_contract_is_reported(tmp_path):
    """The check can fail: a copy of the contract with the layers upside down is broken."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        config = tomllib.load(f)["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["id"] == "layers")["layers"]
    upside_down = "\n".join(f"    {layer}" for layer in reversed(layers))
    ini = tmp_path / "upside-down.ini"
    ini.write_text(
        "[importlinter]\nroot_package = nghiquyet\n\n"
        "[importlinter:contract:upside-down]\nname = upside down\ntype = layers\n"
        f"layers =\n{upside_down}\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", "--config", str(ini)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1
    assert "nghiquyet.engine is not allowed to import" not in proc.stdout
    assert "is not allowed to import nghiquyet.engine" in proc.stdout
