"""What every command shares: exit statuses, :class:`CommandError`, argparse in Vietnamese,
starting Django for the commands that need the database, printing errors.

Nothing here imports Django at the top: ``classify`` runs with no database.
"""

from __future__ import annotations

import argparse
import codecs
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

from nghiquyet import engine

EXIT_OK = 0


EXIT_UNEXPECTED = 1


EXIT_BAD_INPUT = 2


#: At most this many error lines are printed; the rest are counted.
MAX_ERRORS = 50


#: Set to re-raise unexpected exceptions instead of the short message (for debugging).
DEBUG_ENV = "NGHIQUYET_DEBUG"


class CommandError(Exception):
    """Bad input: the messages go to stderr, the command exits with ``status``."""

    def __init__(self, messages: str | Sequence[str], status: int = EXIT_BAD_INPUT) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.status = status
        super().__init__("\n".join(self.messages))


_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (.*)$"), r"thiếu đối số bắt buộc: \1"),
    (re.compile(r"^unrecognized arguments: (.*)$"), r"không hiểu đối số: \1"),
    (
        re.compile(r"^argument (.+?): invalid choice: (.*) \(choose from (.*)\)$"),
        r"đối số \1: \2 không hợp lệ (chọn một trong: \3)",
    ),
    (re.compile(r"^argument (.+?): expected one argument$"), r"đối số \1 cần một giá trị"),
    (re.compile(r"^argument (.+?): ignored explicit argument (.*)$"), r"đối số \1 không nhận \2"),
    (
        re.compile(r"^argument (.+?): invalid int value: (.*)$"),
        r"đối số \1: \2 không hợp lệ (cần một số nguyên)",
    ),
    (
        re.compile(r"^one of the arguments (.*) is required$"),
        r"cần một trong các đối số \1",
    ),
    (
        re.compile(r"^argument (.+?): not allowed with argument (.*)$"),
        r"đối số \1 không được dùng cùng đối số \2",
    ),
    (re.compile(r"^argument (.+?): (.*)$"), r"đối số \1: \2"),
)


def _translate_argparse(message: str) -> str:
    for pattern, replacement in _ARGPARSE_MESSAGES:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are in Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help="in hướng dẫn này rồi thoát",
        )

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: lỗi: {_translate_argparse(message)}\n")


def resolve_scheme(value: str) -> engine.Scheme:
    """A preset by key (``bands``, ``binary``) or a scheme read from a JSON file."""
    if value in engine.PRESETS:
        return engine.PRESETS[value]
    if not value.lower().endswith(".json") and not os.path.exists(value):
        presets = ", ".join(engine.PRESETS)
        raise CommandError(
            f"Không có bảng phân loại '{value}'; dùng một trong {presets} "
            "hoặc đường dẫn tới tệp .json."
        )
    try:
        return engine.load_scheme(value)
    except engine.SchemeError as exc:
        raise CommandError(str(exc)) from None


def setup_django() -> None:
    """Start Django for the commands that read or write the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nghiquyet.settings")
    # The command line signs nothing, so it may run without DJANGO_SECRET_KEY.
    os.environ.setdefault("NGHIQUYET_CLI", "1")
    import django
    from django.utils import translation

    django.setup()
    translation.activate("vi")


def database_problem(exc: Exception) -> CommandError:
    return CommandError(
        f"Không đọc được cơ sở dữ liệu ({exc}). Hãy khởi tạo bằng 'nghiquyet demo' "
        "hoặc 'python manage.py migrate'."
    )


def print_errors(messages: Sequence[str]) -> None:
    for message in messages[:MAX_ERRORS]:
        print(message, file=sys.stderr)
    if len(messages) > MAX_ERRORS:
        print(f"… và {len(messages) - MAX_ERRORS} lỗi khác.", file=sys.stderr)


def use_utf8_streams() -> None:
    """Write UTF-8 even where the console or pipe defaults to a legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            is_utf8 = codecs.lookup(encoding).name == "utf-8"
        except LookupError:
            is_utf8 = False
        if not is_utf8 and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
