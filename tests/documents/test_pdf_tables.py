"""The appendix drawn by :mod:`nghiquyet.documents.pdf_tables` against the same review set
whole by WeasyPrint (``render_pdf_weasyprint``), page for page and word for word: the same
pages, each word on the same line at the same place.

Where a difference is allowed, and why:
- A word's x within 1 pt. pdfium (which reads the words' places back) truncates the glyph
  widths of a simple TrueType font to whole thousandths of an em, and reportlab writes them
  with decimals, so the words after the first of a line drift left by up to ~0.01 pt a glyph
  *as pdfium reads them*; each line starts where WeasyPrint starts it (exact).
- A line's top within 0.3 pt (both round the sum of the rows' heights differently).
- A non-breaking space comes out as a space (reportlab draws the space glyph for it); the
  words are compared split at both, and ``test_table_widths`` checks that "7 – 7,5" and
  "−0,71 điểm %" stay on one line.
No other difference was found on the demo's reviews and on the rows below (long names that
wrap, kerned capitals at the end of a line, part rows, every class's fill, a row that does
not fit at the foot of a page, the half-year's pace column).
"""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader

from nghiquyet.documents.render_docx import CLASS_FILLS
from nghiquyet.documents.render_pdf import render_pdf, render_pdf_weasyprint
from nghiquyet.documents.review_tables import NBSP, AppendixUnit, Row

from .pdf_words import differences
from .reviews import demo_review
from .test_pdf_layout import runs

pytestmark = pytest.mark.django_db

LONG = (
    "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2022 - 2025 (giảm bình quân mỗi "
    "năm), trong đó hộ nghèo dân tộc thiểu số"
)
NAMES = (
    LONG,
    "Thu ngân sách nhà nước trên địa bàn",
    "GRDP bình quân đầu người (triệu đồng/người)",
    "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ",
    "Số xã đạt chuẩn nông thôn mới nâng cao AVAT WAY",
    "Trường học đạt chuẩn quốc gia",
)


def _units(pace: bool) -> list[AppendixUnit]:
    """Two units: the first runs over pages (rows of 1 to 6 lines), the second is short and
    has no summary."""
    keys = [*CLASS_FILLS, "unknown"]
    rows = []
    for i in range(48):
        rows.append(
            Row(
                code=str(i + 1) if i % 4 != 2 else "",
                name=NAMES[i % len(NAMES)],
                unit_of_measure=("%", "tỷ đồng", "triệu đồng/người", "trường")[i % 4],
                plan=("1.612,3", f"7{NBSP}–{NBSP}7,5", "111,11", "≥ 95")[i % 4],
                actual=("7,5", "1.111,1", "", "Đạt")[i % 4],
                rate=("109,58%", "11,1%", "")[i % 3],
                yoy=(f"−0,71 điểm{NBSP}%", "+11,1%", "")[i % 3],
                class_key=keys[i % len(keys)],
                class_label=("Đạt và vượt", "Gần đạt", "Đạt trên 80%", "Không đạt")[i % 4],
                status="",
                part=i % 4 == 2,
                pace="52,1%" if pace else "",
            )
        )
    summary = (
        "Đơn vị có 48 chỉ tiêu: 12 đạt và vượt, 12 gần đạt, 24 không đạt; tỷ lệ hộ nghèo "
        "giảm 0,8 điểm % so với cùng kỳ, thu ngân sách đạt 109,58% kế hoạch năm."
    )
    return [
        AppendixUnit(title="Xã Thử nghiệm Một", summary=summary, rows=rows),
        AppendixUnit(title="Phường Hai", summary="", rows=rows[:5]),
    ]


FILL = re.compile(rb"([\d.]+ [\d.]+ [\d.]+) rg")


def fills(pdf: bytes) -> list[set[bytes]]:
    """The fill colours each page paints (both writers print them with 6 digits)."""
    return [
        set(FILL.findall(page.get_contents().get_data())) - {b"0 0 0"}
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


@pytest.fixture(scope="module")
def annual(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return demo_review("tinh-2022", "2022")


@pytest.fixture(scope="module")
def half_year(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return demo_review("thanhpho-2021", "2021-H1")


@pytest.mark.parametrize("which", ["annual", "half_year"])
def test_the_demos_appendix_has_weasyprints_pages(request, which):
    review = request.getfixturevalue(which)
    assert review.appendix
    ours, reference = render_pdf(review), render_pdf_weasyprint(review, processes=1)
    assert differences(ours, reference) == []
    assert fills(ours) == fills(reference)


@pytest.mark.parametrize("which", ["annual", "half_year"])
def test_wrapped_part_and_straddling_rows_have_weasyprints_pages(request, which):
    base = request.getfixturevalue(which)
    review = dataclasses.replace(base, appendix=_units(pace=bool(base.pace_heading)))
    ours, reference = render_pdf(review), render_pdf_weasyprint(review, processes=1)
    assert differences(ours, reference) == []
    assert fills(ours) == fills(reference)

    pages = PdfReader(io.BytesIO(ours)).pages
    texts = [page.extract_text() for page in pages]
    first = next(i for i, t in enumerate(texts) if "Phụ lục 1." in t)
    second = next(i for i, t in enumerate(texts) if "Phụ lục 2." in t)
    # the first unit's table runs over pages, its header row repeated on each (bold)
    assert second - first >= 2
    for page in pages[first:]:
        (stt,) = [r for r in runs(page) if r.text.startswith("STT")]
        assert "Bold" in stt.font
    # the Vietnamese text is extracted as written, the pages numbered from 2 on
    flat = " ".join(" ".join(texts[first:]).replace(NBSP, " ").split())
    assert "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THEO ĐƠN VỊ" in flat
    assert "Phụ lục 1. Xã Thử nghiệm Một" in flat
    assert "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ" in flat
    assert [t.split()[0] for t in texts[1:]] == [str(n) for n in range(2, len(texts) + 1)]
    # a part row's name in italics, further in than the other names
    (part, *_) = [r for r in runs(pages[first]) if r.text.startswith("GRDP bình")]
    assert "Italic" in part.font
    if base.pace_heading:
        assert base.pace_heading in " ".join(texts[first].split())
    # every class's fill is painted (CLASS_FILLS, as Word's)
    painted = set().union(*fills(ours)[first:])
    for hex_fill in CLASS_FILLS.values():
        rgb = " ".join(f"{int(hex_fill[i : i + 2], 16) / 255:.6g}" for i in (0, 2, 4))
        assert rgb.encode() in painted
