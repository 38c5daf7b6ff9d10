"""``nghiquyet backup DIR`` and ``nghiquyet restore ARCHIVE``: the database and the media files
in one archive, and back (the mechanics are :mod:`.archive`; docs/deploy.md schedules it)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import archive
from .base import EXIT_OK, CommandError, database_problem, setup_django


def add_parser(commands: Any) -> None:
    backup = commands.add_parser(
        "backup",
        help="sao lưu cơ sở dữ liệu và các tệp (minh chứng, báo cáo) vào một tệp",
        description=(
            "Ghi một tệp sao lưu vào THƯ_MỤC rồi in đường dẫn của nó: cơ sở dữ liệu\n"
            "(PostgreSQL bằng pg_dump, SQLite bằng sao lưu trực tuyến — trang web vẫn chạy),\n"
            "các tệp trong NGHIQUYET_MEDIA_ROOT và một bản kê (phiên bản, cấu trúc, số dòng\n"
            "từng bảng, thời điểm tạo). Tệp chỉ người chạy lệnh đọc được."
        ),
        epilog="Ví dụ: nghiquyet backup /var/backups/nghiquyet",
    )
    backup.add_argument("directory", metavar="THƯ_MỤC", help="thư mục ghi tệp sao lưu")
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore",
        help="khôi phục một tệp sao lưu vào cơ sở dữ liệu đang cấu hình (trống hoặc mới tạo)",
        description=(
            "Khôi phục cơ sở dữ liệu và các tệp từ một tệp của 'nghiquyet backup'. Cơ sở dữ\n"
            "liệu đang cấu hình phải trống hoặc vừa tạo bằng 'manage.py migrate'; nếu đã có\n"
            "dữ liệu, lệnh từ chối (trừ khi có --force: dữ liệu hiện có bị thay hết). Hãy dừng\n"
            "trang web và máy chạy nền trước khi khôi phục."
        ),
        epilog="Ví dụ: nghiquyet restore /var/backups/nghiquyet/nghiquyet-20261207-020000.tar.gz",
    )
    restore.add_argument("archive", metavar="TỆP", help="tệp sao lưu (.tar.gz)")
    restore.add_argument(
        "--force",
        action="store_true",
        help="thay cả cơ sở dữ liệu và các tệp đang có dữ liệu (không hỏi lại)",
    )
    restore.set_defaults(handler=cmd_restore)


def _media_root() -> Path:
    from django.conf import settings

    return Path(settings.MEDIA_ROOT)


def cmd_backup(args: argparse.Namespace) -> int:
    """Write one archive into the directory; print its path."""
    setup_django()
    from django.db import DatabaseError

    try:
        path, manifest = archive.write_archive(Path(args.directory), _media_root())
    except DatabaseError as exc:
        raise database_problem(exc) from None
    except OSError as exc:
        raise CommandError(f"Không ghi được tệp sao lưu vào {args.directory}: {exc}") from None
    rows = sum(manifest.rows.values())
    media = manifest.data["media"]["files"]
    print(path)
    print(
        f"Đã sao lưu {archive.vi_int(len(manifest.rows))} bảng, {archive.vi_int(rows)} dòng "
        f"và {archive.vi_int(media)} tệp.",
        file=sys.stderr,
    )
    return EXIT_OK


def _check_migrations(manifest: archive.Manifest) -> set[tuple[str, str]]:
    """Refuse an archive made by newer code; return the migrations the archive lacks."""
    code = archive.code_migrations()
    unknown = sorted(manifest.migrations - code)
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:10])
        raise CommandError(
            f"Bản sao lưu do phiên bản {manifest.data.get('app_version', '?')} tạo, có những "
            f"thay đổi cấu trúc cơ sở dữ liệu mà mã nguồn này chưa có ({names}). Hãy cập nhật "
            "nghiquyet lên phiên bản đó hoặc mới hơn rồi khôi phục lại; chưa có gì thay đổi."
        )
    return code - manifest.migrations


def _check_target(manifest: archive.Manifest, media_root: Path, force: bool) -> None:
    here = archive.vendor()
    if manifest.vendor != here:
        names = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
        raise CommandError(
            f"Bản sao lưu là của {names[manifest.vendor]}, còn cơ sở dữ liệu đang cấu hình là "
            f"{names[here]}; hãy đặt DATABASE_URL đúng loại rồi chạy lại. Chưa có gì thay đổi."
        )
    if force:
        return
    data = archive.data_tables(archive.current_rows())
    if data:
        listed = ", ".join(f"{t} ({archive.vi_int(n)} dòng)" for t, n in sorted(data.items())[:5])
        more = f" và {len(data) - 5} bảng khác" if len(data) > 5 else ""
        raise CommandError(
            f"Cơ sở dữ liệu {archive.database_label()} đã có dữ liệu: {listed}{more}. Chỉ khôi "
            "phục vào cơ sở dữ liệu trống hoặc vừa tạo bằng 'manage.py migrate'; thêm --force "
            "nếu chắc chắn muốn thay toàn bộ dữ liệu hiện có. Chưa có gì thay đổi."
        )
    existing = list(archive.media_files(media_root))
    if existing:
        raise CommandError(
            f"Thư mục tệp {media_root} đã có {archive.vi_int(len(existing))} tệp. Hãy khôi phục "
            "vào thư mục trống, hoặc thêm --force để ghi đè. Chưa có gì thay đổi."
        )


def _verify(manifest: archive.Manifest) -> None:
    now = archive.current_rows()
    wrong = [
        f"{t}: {archive.vi_int(now.get(t, 0))} dòng, bản sao lưu có {archive.vi_int(n)}"
        for t, n in sorted(manifest.rows.items())
        if now.get(t, 0) != n
    ]
    if wrong:
        raise CommandError(
            ["Sau khi khôi phục, số dòng không khớp với bản sao lưu:", *wrong], status=1
        )


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore an archive into the configured (empty or freshly migrated) database."""
    setup_django()
    from django.core.management import call_command
    from django.db import DatabaseError

    media_root = _media_root()
    path = Path(args.archive)
    try:
        with archive.open_archive(path) as (tar, manifest):
            missing = _check_migrations(manifest)
            _check_target(manifest, media_root, args.force)
            media_root.mkdir(parents=True, exist_ok=True)
            # Unpacked beside MEDIA_ROOT (same file system: moved in by renaming).
            with (
                tempfile.TemporaryDirectory(prefix="nghiquyet-restore-") as work,
                tempfile.TemporaryDirectory(
                    prefix=".nghiquyet-restore-", dir=media_root.parent
                ) as staging,
            ):
                files = archive.extract_media(tar, Path(staging))
                dump = archive.extract_database(tar, manifest, Path(work))
                if manifest.vendor == "postgresql":
                    archive.pg_restore(dump)
                else:
                    archive.sqlite_restore(dump)
                for f in files:
                    target = media_root / f.relative_to(staging)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(f, target)
        _verify(manifest)
        if missing:
            call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as exc:
        raise database_problem(exc) from None
    except OSError as exc:
        raise CommandError(f"Không khôi phục được từ {path}: {exc}") from None
    from django.utils import timezone

    made = archive.vi_int
    created = manifest.created_at
    print(
        f"Đã khôi phục bản sao lưu tạo lúc {timezone.localtime(created):%H:%M %d/%m/%Y} "
        f"(phiên bản {manifest.data.get('app_version', '?')}) vào {archive.database_label()}: "
        f"{made(len(manifest.rows))} bảng, {made(sum(manifest.rows.values()))} dòng — số dòng "
        f"từng bảng khớp với bản kê; {made(len(files))} tệp vào {media_root}."
    )
    if missing:
        print(f"Đã áp dụng thêm {made(len(missing))} thay đổi cấu trúc của phiên bản này.")
    return EXIT_OK
