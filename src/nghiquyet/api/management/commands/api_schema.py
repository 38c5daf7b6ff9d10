"""Write the OpenAPI schema of /api/v1 to docs/openapi.json, or check that it is current."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SCHEMA_FILE = Path(settings.PROJECT_DIR) / "docs" / "openapi.json"


def schema_text() -> str:
    """The schema as committed: stable key order, UTF-8, a final newline."""
    from django.utils.translation import override

    from nghiquyet.api.api import api

    with override("vi"):
        schema = api.get_openapi_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Ghi lược đồ OpenAPI của /api/v1 vào docs/openapi.json (--check: chỉ kiểm tra)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail if the file is stale")
        parser.add_argument("--output", default=str(SCHEMA_FILE))

    def handle(self, *args, check: bool, output: str, **options):
        text = schema_text()
        path = Path(output)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(f"{path} is out of date: run `make api-schema`")
            self.stdout.write(f"{path} is up to date")
            return
        path.write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {path}\n")
