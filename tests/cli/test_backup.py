"""``nghiquyet backup`` and ``nghiquyet restore``, run as an operator runs them (programs, with
the production settings' environment), on the suite's database: CI runs the suite on SQLite
and on PostgreSQL, so both variants (SQLite's online backup; pg_dump / pg_restore) are
proven. The demo, with a report file in MEDIA_ROOT and an API token, is backed up and
restored into a freshly migrated database; every table's rows, every project table's content
and several API answers are then compared byte for byte."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from nghiquyet.cli import archive
from tests.programs import ROOT, database_url, program_env

PROBE = Path(__file__).with_name("backup_probe.py")


def _program(args: list[str], *, database_url: str, media: Path, **extra: str):
    env = program_env(database_url=database_url, media=media, **extra)
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=900
    )


def _nghiquyet(*args: str, **kw):
    return _program(["-m", "nghiquyet.cli", *args], **kw)


def _probe(*, database_url: str, media: Path, token: str) -> dict:
    done = _program([str(PROBE)], database_url=database_url, media=media, PROBE_TOKEN=token)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


class _FreshDatabase:
    """A new, empty database of the suite's kind, dropped afterwards."""

    def __init__(self, tmp_path: Path):
        self.sqlite = connection.vendor == "sqlite"
        self.name = (
            str(tmp_path / "restored.sqlite3")
            if self.sqlite
            else f"{connection.settings_dict['NAME']}_restored"
        )
        self.url = database_url(self.name)

    def _admin(self, sql: str) -> None:
        with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def __enter__(self):
        if not self.sqlite:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self.name}"')
        return self

    def __exit__(self, *exc):
        if not self.sqlite:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_the_demo_backed_up_restores_identically_into_a_fresh_database(
    demo_loaded, tmp_path, settings
):
    from django.contrib.auth import get_user_model

    from nghiquyet.accounts.services import api_token_create
    from nghiquyet.documents.choices import JobStatus
    from nghiquyet.documents.services import job_start
    from nghiquyet.plans.models import Plan

    media, restored_media = tmp_path / "media", tmp_path / "restored-media"
    settings.MEDIA_ROOT = media
    office = get_user_model().objects.get(username="vanphong.tinh")
    _token, token = api_token_create(acting_user=office, name="sao lưu")
    plan = Plan.objects.get(code="tinh-2022")
    job = job_start(  # a report file in MEDIA_ROOT (the suite runs jobs at once)
        acting_user=office,
        kind="report",
        unit=plan.unit,
        title="Báo cáo để sao lưu",
        params={"plan": plan.pk, "period": "2022", "format": "xlsx"},
    )
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    report = media / job.result.name
    connection.close()  # everything above is committed; the programs take it from here

    source = database_url()
    before = _probe(database_url=source, media=media, token=token)
    backup = _nghiquyet("backup", str(tmp_path / "backups"), database_url=source, media=media)
    assert backup.returncode == 0, backup.stderr
    path = Path(backup.stdout.strip())
    assert path.parent == tmp_path / "backups" and path.name.endswith(".tar.gz")
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["rows"] == before["rows"]  # the manifest counts what the dump holds
    assert manifest["migrations"]["documents"]  # the migration state
    assert manifest["media"] == {"files": 1, "bytes": report.stat().st_size}
    assert f"media/{job.result.name}" in names
    assert manifest["app_version"] and manifest["created_at"]

    with _FreshDatabase(tmp_path) as fresh:
        migrate = _program(
            ["manage.py", "migrate", "--no-input", "-v0"], database_url=fresh.url, media=media
        )
        assert migrate.returncode == 0, migrate.stderr
        restore = _nghiquyet("restore", str(path), database_url=fresh.url, media=restored_media)
        assert restore.returncode == 0, restore.stderr
        assert "Đã khôi phục bản sao lưu" in restore.stdout
        assert "số dòng từng bảng khớp" in restore.stdout
        after = _probe(database_url=fresh.url, media=restored_media, token=token)

        # Restoring again: the database now has data, and is refused without --force.
        again = _nghiquyet("restore", str(path), database_url=fresh.url, media=tmp_path / "m3")
        assert again.returncode == 2
        assert "đã có dữ liệu" in again.stderr and "--force" in again.stderr
        assert "auth_user" in again.stderr and "Chưa có gì thay đổi" in again.stderr
        assert not (tmp_path / "m3").exists() or not any((tmp_path / "m3").iterdir())

    assert after["rows"] == before["rows"]
    assert after["state"] == before["state"]
    for call, (status, body) in before["api"].items():
        assert status == 200, (call, body[:300])
        assert after["api"][call] == [status, body], call
    assert (restored_media / job.result.name).read_bytes() == report.read_bytes()


def _archive(tmp_path: Path, **changes) -> Path:
    """A small archive whose manifest says what the test needs."""
    data = {
        "format": archive.FORMAT,
        "app_version": "9.9.9",
        "created_at": "2026-12-07T02:00:00+00:00",
        "database": {"vendor": connection.vendor, "file": archive.DUMPS[connection.vendor]},
        "migrations": {"plans": ["0001_initial"]},
        "rows": {},
        "media": {"files": 0, "bytes": 0},
        **changes,
    }
    path = tmp_path / "nghiquyet-test.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        body = json.dumps(data).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    return path


@pytest.mark.django_db
def test_an_archive_of_newer_code_is_refused_before_anything_changes(run, tmp_path):
    from tests.dbstate import database_state

    state = database_state()
    path = _archive(tmp_path, migrations={"plans": ["0001_initial", "0999_from_the_future"]})
    code, out, err = run("restore", path, "--force")
    assert code == 2 and not out
    assert "phiên bản 9.9.9" in err and "plans.0999_from_the_future" in err
    assert "Chưa có gì thay đổi" in err or "chưa có gì thay đổi" in err
    assert database_state() == state


@pytest.mark.django_db
def test_an_archive_of_the_other_database_kind_is_refused(run, tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    path = _archive(tmp_path, database={"vendor": other, "file": archive.DUMPS[other]})
    code, _out, err = run("restore", path)
    assert code == 2
    assert "DATABASE_URL" in err and "Chưa có gì thay đổi" in err


@pytest.mark.django_db
def test_a_database_with_data_is_refused_without_force(run, tmp_path):
    code, _out, err = run("restore", _archive(tmp_path))
    assert code == 2
    assert "đã có dữ liệu" in err and "auth_user" in err and "--force" in err


def test_a_file_that_is_not_a_backup_is_refused(run, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar file")
    code, _out, err = run("restore", bogus)
    assert code == 2 and "không phải bản sao lưu của nghiquyet" in err
    code, _out, err = run("restore", tmp_path / "missing.tar.gz")
    assert code == 2 and "Không tìm thấy tệp" in err
