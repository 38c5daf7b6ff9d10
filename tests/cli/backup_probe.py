"""Run as a program against the database in ``DATABASE_URL``: prints, as JSON, every table's
row count, every project table's content hash (tests.dbstate) and the answers of several API
calls made with the token in ``PROBE_TOKEN`` — so that a database and its restored copy can be
compared byte for byte (tests/cli/test_backup.py)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

#: GET requests whose answers must not change across a backup and restore.
API_CALLS = (
    "/api/v1/units?under=83",
    "/api/v1/plans",
    "/api/v1/plans/tinh-2022",
    "/api/v1/plans/tinh-2022/evaluation?period=2022",
    "/api/v1/plans/tinh-2022/evaluation/units?period=2022",
    "/api/v1/values?plan=tinh-2022&period=2022",
    "/api/v1/submissions",
    "/api/v1/tasks?plan=tinh-2022",
    "/api/v1/audit-events?unit=83",
)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nghiquyet.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from tests.dbstate import database_state

    with connection.cursor() as cursor:
        rows = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            rows[table] = cursor.fetchone()[0]
    state = database_state()  # before the API calls, which touch the token's last use
    client = Client(HTTP_AUTHORIZATION=f"Bearer {os.environ['PROBE_TOKEN']}")
    api = {}
    for path in API_CALLS:
        response = client.get(path)
        api[path] = [response.status_code, response.content.decode()]
    json.dump({"rows": rows, "state": state, "api": api}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
