"""``nghiquyet remind``: send the reminders that are due."""

from __future__ import annotations

import argparse
from typing import Any

from .base import EXIT_OK, CommandError, setup_django


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "remind",
        help="gửi nhắc việc: báo cáo, nhiệm vụ sắp đến hạn và quá hạn (chạy định kỳ)",
        description=(
            "Gửi thông báo trong ứng dụng và thư điện tử cho các đơn vị có báo cáo hoặc nhiệm vụ\n"
            "sắp đến hạn hay đã quá hạn. Mỗi nhắc việc chỉ gửi một lần, nên có thể chạy\n"
            "định kỳ (ví dụ mỗi giờ bằng cron)."
        ),
    )
    parser.add_argument(
        "--date", metavar="NGÀY", help="ngày coi là hôm nay, dạng dd/mm/yyyy (mặc định: hôm nay)"
    )
    parser.set_defaults(handler=cmd_remind)


def cmd_remind(args: argparse.Namespace) -> int:
    """Send the reminders that are due."""
    import datetime as dt

    today = None
    if args.date:
        try:
            today = dt.datetime.strptime(args.date, "%d/%m/%Y").date()
        except ValueError:
            raise CommandError(f"Ngày '{args.date}' không hợp lệ; dùng dạng dd/mm/yyyy.") from None
    setup_django()
    from nghiquyet.notifications.management.commands.send_reminders import reminder_summary
    from nghiquyet.notifications.services import send_reminders

    print(reminder_summary(send_reminders(today=today)))
    return EXIT_OK
