"""Checks on evidence files (minh chứng) before anything is stored.

A file is accepted only if its *content* is one of five kinds — PDF, PNG, JPEG,
Word (.docx) or Excel (.xlsx) — and its name ends with an extension of that
kind. What the browser says the type is, is ignored. Office files are ZIP
archives: only the archive's directory is read (never a member), which is
enough to tell a document from a workbook and to refuse macro-enabled files
(``vbaProject.bin``) without ever decompressing anything.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .display import number

MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MIB
#: Files per progress update.
MAX_FILES = 5
#: Bytes read to recognise a file.
_HEAD = 16


@dataclass(frozen=True)
class EvidenceKind:
    key: str
    label: Any
    extensions: tuple[str, ...]
    content_type: str


PDF = EvidenceKind("pdf", "PDF", (".pdf",), "application/pdf")
PNG = EvidenceKind("png", gettext_lazy("ảnh PNG"), (".png",), "image/png")
JPEG = EvidenceKind("jpeg", gettext_lazy("ảnh JPEG"), (".jpg", ".jpeg"), "image/jpeg")
DOCX = EvidenceKind(
    "docx",
    "Word (.docx)",
    (".docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = EvidenceKind(
    "xlsx",
    "Excel (.xlsx)",
    (".xlsx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
KINDS = (PDF, PNG, JPEG, DOCX, XLSX)
#: For the ``accept`` attribute of the file input (a hint to the browser, not a check).
ACCEPT = ",".join(ext for kind in KINDS for ext in kind.extensions)


def max_bytes() -> int:
    """Largest file accepted, in bytes (setting ``NGHIQUYET_EVIDENCE_MAX_BYTES``, 10 MiB)."""
    return int(getattr(settings, "NGHIQUYET_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def megabytes(size: int) -> str:
    """``12,4`` — a size in MB (MiB), rounded up to one decimal so that over the limit shows."""
    return number(math.ceil(size * 10 / MIB) / 10, 1)


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check, with what is stored about it."""

    upload: Any
    name: str
    size: int
    kind: EvidenceKind
    sha256: str

    @property
    def content_type(self) -> str:
        return self.kind.content_type


def clean_name(name: str) -> str:
    """The name as shown and sent back: last path component, NFC, no control characters.

    macOS sends Vietnamese names decomposed (NFD); they are stored composed so
    that they look and sort the same as names typed on Windows.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 254 - len(ext)] + dot + ext) if dot and len(ext) < 20 else name[:255]
    return name or "tep"


def _zip_kind(fileobj: IO[bytes], name: str) -> EvidenceKind:
    """DOCX or XLSX from the archive's directory; refuses macros and other archives."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refused(name) from None
    lowered = {m.lower() for m in members}
    if any(PurePosixPath(m).name == "vbaproject.bin" for m in lowered):
        raise ValidationError(
            _(
                "Tệp '%(name)s' có chứa macro (vbaProject.bin) nên không được chấp nhận. "
                "Hãy lưu lại dưới dạng .docx hoặc .xlsx không có macro."
            )
            % {"name": name},
            code="macro",
        )
    if "[Content_Types].xml" in members:
        if "word/document.xml" in members:
            return DOCX
        if "xl/workbook.xml" in members:
            return XLSX
    raise _refused(name)


def _refused(name: str) -> ValidationError:
    return ValidationError(
        _(
            "Tệp '%(name)s' không được chấp nhận: chỉ nhận PDF, Word (.docx), Excel (.xlsx), "
            "ảnh PNG hoặc JPEG."
        )
        % {"name": name},
        code="file_type",
    )


def detect_kind(fileobj: IO[bytes], name: str) -> EvidenceKind:
    """The kind of the file from its first bytes (and, for ZIP, its directory).

    Raises :class:`ValidationError` naming the file if it is none of the five kinds.
    """
    fileobj.seek(0)
    head = fileobj.read(_HEAD)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            return _zip_kind(fileobj, name)
        finally:
            fileobj.seek(0)
    raise _refused(name)


def _sha256(fileobj: IO[bytes]) -> str:
    digest = hashlib.sha256()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1024 * 1024), b""):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def check_file(upload: Any) -> CheckedFile:
    """Check one uploaded file (a Django ``UploadedFile`` or any ``File``).

    Size first (nothing is read from a file that is too large), then the kind
    from the content, then that the extension agrees with the kind.
    """
    name = clean_name(getattr(upload, "name", ""))
    size = int(upload.size)
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            _("Tệp '%(name)s' lớn %(size)s MB, vượt giới hạn %(limit)s MB.")
            % {"name": name, "size": megabytes(size), "limit": megabytes(limit)},
            code="file_size",
        )
    if size == 0:
        raise ValidationError(
            _("Tệp '%(name)s' rỗng (0 byte).") % {"name": name}, code="file_empty"
        )
    kind = detect_kind(upload, name)
    extension = PurePosixPath(name.lower()).suffix
    if extension not in kind.extensions:
        raise ValidationError(
            _(
                "Tệp '%(name)s' có nội dung là %(kind)s nhưng phần mở rộng là "
                "'%(extension)s'; hãy đặt đúng phần mở rộng (%(expected)s)."
            )
            % {
                "name": name,
                "kind": kind.label,
                "extension": extension or _("(không có)"),
                "expected": ", ".join(kind.extensions),
            },
            code="file_extension",
        )
    return CheckedFile(upload=upload, name=name, size=size, kind=kind, sha256=_sha256(upload))


def check_files(uploads: list[Any] | tuple[Any, ...]) -> list[CheckedFile]:
    """Check the files of one update; every problem is reported, one message per file.

    Raises :class:`ValidationError` (a list of messages) if any file is refused.
    """
    uploads = list(uploads)
    if len(uploads) > MAX_FILES:
        raise ValidationError(
            _(
                "Mỗi lần cập nhật chỉ đính kèm được tối đa %(max)d tệp minh chứng "
                "(bạn đã chọn %(n)d tệp)."
            )
            % {"max": MAX_FILES, "n": len(uploads)},
            code="too_many_files",
        )
    checked: list[CheckedFile] = []
    errors: list[ValidationError] = []
    for upload in uploads:
        try:
            checked.append(check_file(upload))
        except ValidationError as exc:
            errors.append(exc)
    if errors:
        raise ValidationError(errors)
    return checked
