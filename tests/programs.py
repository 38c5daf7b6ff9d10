"""Running the project's programs (the command line, the worker, manage.py) as an operator
does — separate processes with the production settings' environment — against the test
database, for the tests of backups, a worker killed mid-job and such."""

from __future__ import annotations

import os
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
SECRET_KEY = "program-test-secret-key-program-test-secret-key-0123"


def database_url(name: str | None = None) -> str:
    """The suite's database (or another of the same server) as a DATABASE_URL."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{name or s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name or s['NAME']}"


def program_env(*, database_url: str, media: Path, **extra: str) -> dict[str, str]:
    """The environment of a program: production settings (DEBUG off), this database and
    media folder, and ``extra``."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NGHIQUYET_"))},
        "DJANGO_SETTINGS_MODULE": "nghiquyet.settings",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": database_url,
        "NGHIQUYET_MEDIA_ROOT": str(media),
        "PYTHONPATH": str(ROOT / "src"),
        **extra,
    }
