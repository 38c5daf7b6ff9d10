"""``pdf_parts._document``: an appendix part parsed by lxml gives the PDF that WeasyPrint
gives when it parses the HTML itself, byte for byte; HTML with inline SVG (the body's
chart) keeps WeasyPrint's own parser."""

from __future__ import annotations

import lxml.etree
import pytest
import weasyprint

from nghiquyet.documents.pdf_parts import _document, set_pdf
from nghiquyet.documents.render_pdf import review_html_parts
from nghiquyet.documents.report import build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period

pytestmark = pytest.mark.django_db

AWKWARD = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>a &amp; b</title>
<style>td { border: 1px solid #000; } .x { font-style: italic; }</style></head>
<body><p>Tỷ lệ &lt; 50 % &amp; "trích dẫn" 'đơn' a&nbsp;b <b>đậm</b> <i>nghiêng</i> x</p>
<table><colgroup><col style="width: 30%"><col></colgroup>
<tr><td class="x">Xã Ư&#7899;c</td><td>1.234,5</td></tr>
<tr><td>  nhiều   khoảng trắng  </td><td><br>dòng<br>mới</td></tr></table>
<p>Đoạn<span class="nobr"> 02-NQ/ThU</span>cuối.</p></body></html>"""


@pytest.fixture(scope="module")
def parts(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        review = build_review(
            user=SYSTEM,
            plan=Plan.objects.get(code="tinh-2022"),
            period=Period.objects.get(key="2022"),
        )
    return review_html_parts(review, rows_per_part=1)


def weasyprints_own(html: str) -> bytes:
    return weasyprint.HTML(string=html, base_url=None).write_pdf()


def test_an_appendix_part_parsed_by_lxml_gives_the_same_pdf(parts):
    appendix = parts[1]
    assert "<svg" not in appendix and "Phụ lục" in appendix
    assert isinstance(_document(appendix).etree_element, lxml.etree._Element)
    assert set_pdf(appendix) == weasyprints_own(appendix)


def test_awkward_text_parsed_by_lxml_gives_the_same_pdf():
    assert isinstance(_document(AWKWARD).etree_element, lxml.etree._Element)
    assert set_pdf(AWKWARD) == weasyprints_own(AWKWARD)


def test_the_body_with_its_svg_chart_keeps_weasyprints_parser(parts):
    body = parts[0]
    assert "<svg" in body
    assert not isinstance(_document(body).etree_element, lxml.etree._Element)
    assert set_pdf(body) == weasyprints_own(body)
