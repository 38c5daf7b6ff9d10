"""``nghiquyet demo``: migrate the database and load the demo data set."""

from __future__ import annotations

import argparse
import os
from typing import Any

from .base import EXIT_OK, setup_django


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "demo",
        help="tạo cơ sở dữ liệu và nạp dữ liệu minh họa (chạy lại không thay đổi gì)",
        description=(
            "Tạo hoặc cập nhật cấu trúc cơ sở dữ liệu rồi nạp dữ liệu minh họa tỉnh Bến Tre\n"
            "(số liệu minh họa, không phải số liệu chính thức). Chạy lại không thay đổi gì."
        ),
    )
    parser.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    """Migrate the database and load the demo data set."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from nghiquyet.demo.accounts import demo_accounts_print
    from nghiquyet.demo.loader import load_demo

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        os.makedirs(os.path.dirname(database["NAME"]) or ".", exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    load_demo(log=print)
    demo_accounts_print()
    return EXIT_OK
