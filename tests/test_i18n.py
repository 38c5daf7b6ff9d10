"""The English catalogue is complete, compiled and up to date with the code."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

SRC = Path(__file__).resolve().parents[1] / "src" / "nghiquyet"
PO = SRC / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def entries(catalogue) -> dict[tuple[str | None, str], str]:
    return {(e.msgctxt, e.msgid): e.msgstr for e in catalogue if e.msgid}


def test_every_message_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(PO))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_source_catalogue():
    assert entries(polib.mofile(str(MO))) == entries(polib.pofile(str(PO)))


def test_catalogue_has_every_message_of_the_code(tmp_path):
    """Re-extract the messages from a copy of the code and compare with the catalogue."""
    assert shutil.which("xgettext"), "GNU gettext is missing: run `make system-deps`"
    copy = tmp_path / "nghiquyet"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "en",
            "--no-obsolete",
            "-i",
            "engine/*",
            "--settings=nghiquyet.settings_test",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(PO))
    missing = set(entries(fresh)) - set(entries(committed))
    assert missing == set(), "run `make messages` and translate the new strings"
