"""Run as a program with ``DATABASE_URL`` pointing at a PostgreSQL port where nothing listens:
the database refuses every connection. Prints, as JSON, what a signed-in page, the grid's
autosave, the sign-in form and API calls answer (tests/web/test_database_down.py)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src")]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nghiquyet.settings")
    import django

    django.setup()
    from django.test import Client

    browser = Client(raise_request_exception=False)
    browser.cookies["sessionid"] = "a-session-the-database-would-know"
    program = Client(
        raise_request_exception=False, HTTP_AUTHORIZATION="Bearer nq_abcd1234_a-well-formed-secret"
    )
    anonymous = Client(raise_request_exception=False, enforce_csrf_checks=False)
    answers = {}
    for name, response in (
        ("page", browser.get("/")),
        ("tasks", browser.get("/nhiem-vu/")),
        (
            "autosave",
            browser.post(
                "/bao-cao/1/o/",
                {"revision": "1", "e-1-value": "12"},
                HTTP_ACCEPT="application/json",
            ),
        ),
        ("sign-in", anonymous.post("/dang-nhap/", {"username": "a", "password": "b"})),
        ("api-read", program.get("/api/v1/plans")),
        (
            "api-write",
            program.post("/api/v1/rounds", {"plan": "x"}, content_type="application/json"),
        ),
    ):
        answers[name] = {
            "status": response.status_code,
            "type": response.get("Content-Type", ""),
            "retry_after": response.get("Retry-After"),
            "body": response.content.decode(),
        }
    json.dump(answers, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
