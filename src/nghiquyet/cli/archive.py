"""One backup archive: the database, the media files and a manifest, in one ``.tar.gz``.

- PostgreSQL through ``pg_dump --format=custom`` (Debian's ``postgresql-client``), taken in
  the same snapshot as the manifest's row counts (``pg_export_snapshot``), and restored with
  ``pg_restore`` piped into ``psql --single-transaction``: the old tables are dropped and the
  archive's written in one transaction, so a failed restore changes nothing.
- SQLite through its online backup API (a consistent copy while the site runs), counted on
  the copy, restored with the same API.
- ``manifest.json``: the app's version, the migrations applied, the rows of every table, the
  media files, when it was made.

Called by the ``backup`` and ``restore`` commands (:mod:`.backup`) after Django has started.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .base import CommandError

FORMAT = "nghiquyet-backup/1"
MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}

#: Tables a fresh ``migrate`` fills (Django's bookkeeping and the data migrations' seeds): a
#: database holding rows only in these counts as freshly migrated. A new data migration that
#: seeds a table adds it here (tests/cli/test_backup.py restores into a migrated database).
MIGRATION_TABLES = frozenset(
    {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "plans_classificationscheme",
        "emulation_awardkind",
    }
)


@dataclass(frozen=True)
class Manifest:
    data: dict[str, Any]

    @property
    def vendor(self) -> str:
        return self.data["database"]["vendor"]

    @property
    def migrations(self) -> set[tuple[str, str]]:
        return {(app, name) for app, names in self.data["migrations"].items() for name in names}

    @property
    def rows(self) -> dict[str, int]:
        return self.data["rows"]

    @property
    def created_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.data["created_at"])


def vi_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def app_version() -> str:
    try:
        return importlib.metadata.version("nghiquyet")
    except importlib.metadata.PackageNotFoundError:
        return "?"


def vendor() -> str:
    from django.db import connection

    if connection.vendor not in DUMPS:
        raise CommandError(
            f"Sao lưu chỉ hỗ trợ PostgreSQL và SQLite, không hỗ trợ '{connection.vendor}'."
        )
    return connection.vendor


def applied_migrations(connection: Any) -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def code_migrations() -> set[tuple[str, str]]:
    """Every migration the code has (applied or not)."""
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def count_rows(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        quoted = '"' + table.replace('"', '""') + '"'
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")
        counts[table] = cursor.fetchone()[0]
    return counts


# --- PostgreSQL ------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise CommandError(
            f"Không tìm thấy chương trình {name}. Hãy cài gói postgresql-client của Debian "
            "(apt-get install postgresql-client), cùng phiên bản chính với máy chủ PostgreSQL "
            "hoặc mới hơn."
        )
    return path


def _pg_connection() -> tuple[list[str], dict[str, str]]:
    """libpq arguments (host, port, user, database) and the environment with the password."""
    from django.db import connection

    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    sslmode = (s.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise CommandError(f"{what} thất bại: {done.stderr.strip() or done.returncode}")


def pg_dump(path: Path) -> dict[str, int]:
    """Dump the configured database into ``path``; the rows of each table in the same
    snapshot."""
    from django.db import connection, transaction

    pg_dump_bin = _pg_tool("pg_dump")
    args, env = _pg_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        # pg_dump joins this transaction's snapshot: the counts are the dump's.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = count_rows(cursor, connection.introspection.table_names(cursor))
        _run(
            [
                pg_dump_bin,
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={path}",
                "--no-password",
                *args,
            ],
            env,
            "pg_dump",
        )
    return counts


#: Everything in the current schema, as DROP statements (tables, views and sequences; then
#: functions such as ``nq_fold``; then types): the restore replaces the schema, not only the
#: tables a fresh ``migrate`` made.
_PG_OBJECTS = """
SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
       WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
       format('%I.%I', n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
   AND NOT EXISTS (  -- a column's own sequence goes with its table
       SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
UNION ALL
SELECT 'ROUTINE', p.oid::regprocedure::text
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = current_schema()
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, format('%I.%I', n.nspname, t.typname)
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = current_schema() AND t.typtype IN ('d', 'e', 'r')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
"""


def _pg_drops(cursor: Any) -> str:
    cursor.execute(_PG_OBJECTS)
    return "".join(f"DROP {kind} IF EXISTS {name} CASCADE;\n" for kind, name in cursor.fetchall())


def pg_restore(path: Path) -> None:
    """Replace every table of the configured database by the dump's, in one transaction."""
    from django.db import connection, connections

    pg_restore_bin, psql_bin = _pg_tool("pg_restore"), _pg_tool("psql")
    args, env = _pg_connection()
    with connection.cursor() as cursor:
        drops = _pg_drops(cursor)
    connections.close_all()
    env["PGOPTIONS"] = "-c client_min_messages=warning"
    script = subprocess.Popen(
        [pg_restore_bin, "--no-owner", "--no-privileges", "--file=-", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    with tempfile.TemporaryFile() as errors:
        psql = subprocess.Popen(
            [
                psql_bin,
                "--no-psqlrc",
                "--quiet",
                "--no-password",
                "--single-transaction",
                "--set=ON_ERROR_STOP=1",
                *args,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env,
        )
        script_errors: list[bytes] = []
        reader = threading.Thread(target=lambda: script_errors.append(script.stderr.read()))
        reader.start()
        try:
            psql.stdin.write(drops.encode())
            shutil.copyfileobj(script.stdout, psql.stdin, 1 << 20)
        except BrokenPipeError:
            pass  # psql stopped at an error; its message says which
        finally:
            with suppress(BrokenPipeError):
                psql.stdin.close()
        script.stdout.close()
        script.wait()
        reader.join()
        psql.wait()
        errors.seek(0)
        message = errors.read().decode(errors="replace").strip()
    if script.returncode:
        failed = b"".join(script_errors).decode(errors="replace").strip()
        raise CommandError(f"pg_restore thất bại, cơ sở dữ liệu không đổi: {failed}")
    if psql.returncode:
        raise CommandError(f"Khôi phục thất bại, cơ sở dữ liệu không đổi: {message}")


# --- SQLite ----------------------------------------------------------------------------


def _sqlite_name() -> str:
    from django.db import connection

    return str(connection.settings_dict["NAME"])


def sqlite_dump(path: Path) -> dict[str, int]:
    """Copy the configured SQLite database through the online backup API; count the copy."""
    source = sqlite3.connect(f"file:{_sqlite_name()}?mode=ro", uri=True, timeout=60)
    copy = sqlite3.connect(path)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        tables = [
            r[0]
            for r in copy.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return count_rows(copy.cursor(), tables)
    finally:
        copy.close()
        source.close()


def sqlite_restore(path: Path) -> None:
    from django.db import connections

    connections.close_all()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = sqlite3.connect(_sqlite_name(), timeout=60)
    try:
        source.backup(target)  # the whole file, under the target's write lock
    finally:
        target.close()
        source.close()


# --- The configured database ------------------------------------------------------------


def current_rows() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        return count_rows(cursor, connection.introspection.table_names(cursor))


def data_tables(rows: dict[str, int]) -> dict[str, int]:
    """The tables that hold rows a fresh ``migrate`` does not make."""
    return {t: n for t, n in rows.items() if n and t not in MIGRATION_TABLES}


def database_label() -> str:
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(s["NAME"])
    return f"{s['NAME']} trên {s.get('HOST') or 'máy này'}"


# --- The archive ------------------------------------------------------------------------


def media_files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield path


def write_archive(directory: Path, media_root: Path) -> tuple[Path, Manifest]:
    """Write the archive into ``directory`` (a part file, renamed when complete)."""
    from django.db import connection
    from django.utils import timezone

    kind = vendor()
    directory.mkdir(parents=True, exist_ok=True)
    created = timezone.now().replace(microsecond=0)
    name = f"nghiquyet-{timezone.localtime(created):%Y%m%d-%H%M%S}.tar.gz"
    final = directory / name
    part = directory / f".{name}.part"
    with tempfile.TemporaryDirectory(prefix="nghiquyet-backup-") as work:
        dump = Path(work) / DUMPS[kind]
        counts = pg_dump(dump) if kind == "postgresql" else sqlite_dump(dump)
        files = list(media_files(media_root))
        manifest = Manifest(
            {
                "format": FORMAT,
                "app_version": app_version(),
                "created_at": created.isoformat(),
                "database": {"vendor": kind, "file": DUMPS[kind]},
                "migrations": applied_migrations(connection),
                "rows": counts,
                "media": {
                    "files": len(files),
                    "bytes": sum(f.stat().st_size for f in files),
                },
            }
        )
        try:
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                body = json.dumps(manifest.data, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(body), int(created.timestamp()), 0o600
                tar.addfile(info, io.BytesIO(body))
                tar.add(dump, arcname=DUMPS[kind])
                for f in files:
                    tar.add(f, arcname=f"{MEDIA}/{f.relative_to(media_root).as_posix()}")
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(part, final)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    return final, manifest


@contextmanager
def open_archive(path: Path) -> Iterator[tuple[tarfile.TarFile, Manifest]]:
    problem = f"Tệp {path} không phải bản sao lưu của nghiquyet (tạo bằng 'nghiquyet backup')."
    if not path.is_file():
        raise CommandError(f"Không tìm thấy tệp {path}.")
    try:
        tar = tarfile.open(path, "r:*")  # noqa: SIM115 (closed below, once read)
    except (tarfile.TarError, OSError):
        raise CommandError(problem) from None
    with tar:
        try:
            member = tar.extractfile(MANIFEST)
            data = json.loads(member.read()) if member else None
        except (KeyError, ValueError, tarfile.TarError):
            data = None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise CommandError(problem)
        yield tar, Manifest(data)


def extract_media(tar: tarfile.TarFile, into: Path) -> list[Path]:
    """The archive's media files into ``into`` (names checked: nothing outside it)."""
    members = [m for m in tar.getmembers() if m.name.startswith(f"{MEDIA}/") and m.isfile()]
    for m in members:
        m.name = m.name[len(MEDIA) + 1 :]
    tar.extractall(into, members=members, filter="data")
    return [into / m.name for m in members]


def extract_database(tar: tarfile.TarFile, manifest: Manifest, into: Path) -> Path:
    member = tar.getmember(manifest.data["database"]["file"])
    tar.extractall(into, members=[member], filter="data")
    return into / member.name
