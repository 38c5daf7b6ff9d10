"""The ``nghiquyet`` command line.

Each subcommand is a module of this package with ``add_parser(commands)`` and a handler
``cmd_<name>(args) -> int``. Handlers raise :class:`~.base.CommandError` for bad input
(exit status 2, Vietnamese message on stderr, nothing on stdout).

``classify`` is stateless: it must run with no database and no ``DJANGO_SETTINGS_MODULE``,
so no module of this package imports Django at the top; the commands that need the database
import it inside their handler.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import backup, check_report, classify, demo, evaluate, plan, remind, units
from .base import (
    DEBUG_ENV,
    EXIT_BAD_INPUT,
    EXIT_UNEXPECTED,
    ArgumentParser,
    CommandError,
    print_errors,
    use_utf8_streams,
)


def build_parser() -> argparse.ArgumentParser:
    """The ``nghiquyet`` parser with one subparser per command."""
    parser = ArgumentParser(
        prog="nghiquyet",
        description=(
            "Đánh giá, xếp loại các chỉ tiêu của nghị quyết cấp ủy và chính quyền\n"
            "(đạt và vượt, xấp xỉ đạt, đạt trên 80%, …, không đạt)."
        ),
        epilog="Xem hướng dẫn của từng lệnh: nghiquyet LỆNH --help",
    )
    commands = parser.add_subparsers(
        title="các lệnh", metavar="LỆNH", dest="command", required=True
    )
    classify.add_parser(commands)
    evaluate.add_parser(commands)
    check_report.add_parser(commands)
    demo.add_parser(commands)
    remind.add_parser(commands)
    plan.add_parser(commands)
    units.add_parser(commands)
    backup.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input, 1 unexpected)."""
    use_utf8_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed in Vietnamese
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        return args.handler(args)
    except CommandError as exc:
        print_errors(exc.messages)
        return exc.status
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of a pipe (e.g. `| head`) went away; nothing left to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_UNEXPECTED
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        print(
            f"Lỗi ngoài dự kiến ({type(exc).__name__}: {exc}). Hãy báo lỗi này cho người "
            f"quản trị; đặt biến môi trường {DEBUG_ENV}=1 để xem chi tiết.",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED
