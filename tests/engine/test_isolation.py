"""The engine is a library: importing it must not import Django."""

from __future__ import annotations

import os
import subprocess
import sys


def test_engine_does_not_import_django() -> None:
    code = (
        "import nghiquyet.engine, sys; "
        "assert not any(m.startswith('django') for m in sys.modules), "
        "sorted(m for m in sys.modules if m.startswith('django'))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_subprocess_check_can_fail() -> None:
    """The same check reports Django when it is imported, so the test above can fail."""
    code = (
        "import django, nghiquyet.engine, sys; "
        "assert not any(m.startswith('django') for m in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode != 0
