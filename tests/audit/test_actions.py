"""The registry of audit action codes: each app registers the codes it writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from nghiquyet.audit import actions


def _codes_written_by(app_dir: Path) -> set[str]:
    """Every literal action code passed to audit_log in an app's code."""
    found = set()
    for path in app_dir.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', text))
    return found


def test_every_app_registers_the_codes_it_writes():
    for config in apps.get_app_configs():
        if not config.name.startswith("nghiquyet."):
            continue
        module = (
            __import__(f"{config.name}.choices", fromlist=["AUDIT_ACTIONS"])
            if (Path(config.path) / "choices.py").exists()
            else None
        )
        declared = set(getattr(module, "AUDIT_ACTIONS", {})) if module else set()
        if config.label == "audit":
            declared |= set(actions.AUDIT_ACTIONS)
        written = _codes_written_by(Path(config.path))
        assert written <= declared, (config.label, sorted(written - declared))
        assert all(actions.is_registered(code) for code in declared), config.label


def test_transitions_write_registered_codes():
    """The workflow writes submission.<move> for each move it knows."""
    from nghiquyet.reporting.workflow import TRANSITIONS

    for move in TRANSITIONS:
        assert actions.is_registered(f"submission.{move}")


def test_a_code_keeps_its_label():
    actions.register({"house.test": "Thử"})
    actions.register({"house.test": "Thử"})  # the same again is harmless
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        actions.register({"house.test": "Khác"})
    assert actions.label("house.test") == "Thử"
    assert actions.label("no.such") == "no.such"
