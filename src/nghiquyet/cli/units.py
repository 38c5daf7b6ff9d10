"""``nghiquyet units load-vietnam``: the administrative map of Vietnam from the data packages."""

from __future__ import annotations

import argparse
from typing import Any

from .base import EXIT_OK, CommandError, database_problem, setup_django


def add_parser(commands: Any) -> None:
    units = commands.add_parser(
        "units",
        help="đơn vị hành chính: nạp bản đồ hành chính Việt Nam từ gói dữ liệu",
        description="Các lệnh về đơn vị (tỉnh, xã, phường…).",
    )
    sub = units.add_subparsers(title="các lệnh", metavar="LỆNH", dest="units_command")
    sub.required = True
    load = sub.add_parser(
        "load-vietnam",
        help="nạp 34 tỉnh, 3.321 xã với mã thống kê; tùy chọn bản đồ trước 01/07/2025",
        description=(
            "Nạp các tỉnh, thành phố và xã, phường, đặc khu hiện nay với mã và tên theo danh\n"
            "mục của cơ quan thống kê; với --before-2025 thêm 63 tỉnh, 696 huyện, 10.035 xã\n"
            "trước ngày 01/07/2025 và quan hệ kế thừa (sáp nhập; chia tách chưa có tỷ lệ).\n"
            "Chạy lại không thay đổi gì; phiên bản gói mới hơn ghi thay đổi có ngày hiệu lực."
        ),
        epilog=(
            "Ví dụ:\n  nghiquyet units load-vietnam --province 86 --before-2025\n"
            "  nghiquyet units load-vietnam --before-2025   (cả nước)"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    load.add_argument(
        "--province",
        metavar="MÃ",
        nargs="+",
        action="extend",
        help="mã tỉnh, thành phố hiện nay (ví dụ 86 Vĩnh Long); bỏ trống là cả nước",
    )
    load.add_argument(
        "--before-2025",
        action="store_true",
        help="nạp cả bản đồ trước 01/07/2025 và quan hệ kế thừa",
    )
    load.set_defaults(handler=cmd_load_vietnam)


def cmd_load_vietnam(args: argparse.Namespace) -> int:
    """Load the provinces asked for (all if none), with the map before 1/7/2025 if asked."""
    setup_django()
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.db import DatabaseError

    from nghiquyet.orgs.loading import vietnam_load
    from nghiquyet.orgs.scopes import SYSTEM

    def progress(_percent: int, message: str) -> None:
        print(f"  {message}…", flush=True)

    try:
        report = vietnam_load(
            acting_user=SYSTEM,
            provinces=args.province,
            before_2025=args.before_2025,
            progress=progress,
        )
    except ValidationError as exc:
        raise CommandError(" ".join(exc.messages)) from None
    except PermissionDenied:
        raise CommandError("Không có quyền nạp bản đồ.") from None
    except DatabaseError as exc:
        raise database_problem(exc) from None
    print(report.summary())
    return EXIT_OK
