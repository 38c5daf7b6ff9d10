"""A review, or a dashboard, as PDF: the same content as HTML with print CSS, set by WeasyPrint.

Fonts: the CSS asks for Times New Roman and falls back to Liberation Serif
(Debian's fonts-liberation2, metric-compatible, with every Vietnamese glyph).

The tables have the Word file's column widths (``table-layout: fixed``), so a row wraps as
in Word and WeasyPrint does not measure every cell's text to size the columns.

The appendix (a table per unit, each from a new page as in the Word file) is most of a
province's review — 125 units × 60 targets, 500 pages — and is drawn straight onto PDF
pages by :mod:`.pdf_tables` (reportlab), with the layout WeasyPrint gives it: 0.6–1 s of CPU for
7,500 rows where WeasyPrint took ~50 s. WeasyPrint sets the body (letterhead,
chapters, chart, signature) and a short appendix that goes with it; the two PDFs are joined
and numbered by :func:`.pdf_parts.join_numbered`. :func:`render_pdf_weasyprint` sets the
whole review with WeasyPrint: the reference the tests compare the appendix with, and the
benchmark's baseline.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import pdf_tables
from .charts import chart_svg, review_chart_spec
from .collector import without_collector
from .pdf_parts import iter_set_parts, join_numbered, set_pdf, workers
from .render_docx import (
    APPENDIX_TITLE,
    CELL_PAD_CM,
    CLASS_FILLS,
    HEADER_MM,
    LETTERHEAD_CM,
    MARK_LINE_PT,
    OUTLOOK_WIDTHS,
    PACE_WIDTHS,
    RULE_CM,
    SIGNATURE_CM,
    SIGNATURE_GAP_PT,
    WIDTHS,
    issuer_lines,
    unbroken_parts,
)
from .report import Review
from .review_tables import OUTLOOK_HEADINGS, row_cells, target_columns

PDF_TYPE = "application/pdf"
#: Appendix rows per part: a unit's table (60 rows, ~4 pages) per part. WeasyPrint's CPU per
#: row is lower in small documents (10 units set as 10 parts: 2,0–2,2 s; as one part:
#: 2,3–2,6 s), small parts keep both workers busy to the end, and a worker holds one small
#: part's boxes. The price: each part embeds its own subset of the fonts (+25 % file size).
ROWS_PER_PART = 60


def _pdf(html: str) -> bytes:
    return set_pdf(html)


def _percent(widths_cm: tuple[float, ...]) -> list[str]:
    total = sum(widths_cm)
    return [f"{100 * w / total:.3f}" for w in widths_cm]


def _groups(review: Review, rows_per_part: int) -> list[tuple[int, list]]:
    """The appendix's units in groups of about ``rows_per_part`` rows: (first number, units)."""
    groups: list[tuple[int, list]] = []
    rows = 0
    for number, unit in enumerate(review.appendix, start=1):
        if not groups or rows + len(unit.rows) > rows_per_part:
            groups.append((number, []))
            rows = 0
        groups[-1][1].append(unit)
        rows += len(unit.rows)
    return groups


def _with_body(review: Review, rows_per_part: int) -> tuple[tuple[int, list], list]:
    """The units set with the body — a short appendix goes with it — and the groups after."""
    body_rows = len(review.all_rows) + 10 * len(review.groups)
    groups = _groups(review, rows_per_part)
    if groups and body_rows + sum(len(u.rows) for u in groups[0][1]) <= rows_per_part:
        return groups[0], groups[1:]
    return (1, []), groups


def review_html_parts(review: Review, *, rows_per_part: int = ROWS_PER_PART) -> list[str]:
    """The review as HTML documents to set one after another: the body with as many of the
    appendix's units as fit in a part, then the rest of the units in parts."""
    return list(iter_review_html_parts(review, rows_per_part=rows_per_part))


def iter_review_html_parts(review: Review, *, rows_per_part: int = ROWS_PER_PART):
    """:func:`review_html_parts` one at a time, each written when it is asked for (the
    workers set the first parts while the next are written)."""
    # The SVG is Vega's own output for our spec; Vega escapes the text it draws.
    chart = mark_safe(chart_svg(review_chart_spec(review)))
    base = {
        "r": review,
        "chart": chart,
        "party": review.letterhead.body_kind == "party",
        "issuer_lines": issuer_lines(review.letterhead.issuer),
        "widths": _percent(PACE_WIDTHS if review.pace_heading else WIDTHS),
        "outlook_widths": _percent(OUTLOOK_WIDTHS),
        "outlook_headings": OUTLOOK_HEADINGS,
        "title_html": unbroken_html(review.title),
        "appendix_title": APPENDIX_TITLE,
        "layout": layout(review.letterhead.body_kind == "party"),
    }
    first, groups = _with_body(review, rows_per_part)
    contexts = [{**base, "front": True, "appendix_start": first[0], "units": first[1]}]
    contexts += [
        {**base, "front": False, "appendix_start": start, "units": units} for start, units in groups
    ]
    for context in contexts:
        with translation.override("vi"):
            html = render_to_string("documents/review_print.html", context)
        yield html


def unbroken_html(text: str) -> SafeString:
    """``text`` escaped, its numbers ("02-NQ/ThU") kept on one line, as in the Word file."""
    return mark_safe(
        "".join(
            f'<span class="nobr">{escape(part)}</span>' if keep else escape(part)
            for part, keep in unbroken_parts(text)
        )
    )


def layout(party: bool) -> dict[str, str]:
    """The Word file's columns and rules as CSS lengths, so that the PDF sets each line of
    the letterhead and the signature where Word does (strings: a template would print a
    float with a decimal comma). Word pads each cell and hangs the table into the left
    margin by that padding, so that the text of the first column lines up with the body's."""
    left, right = LETTERHEAD_CM["party" if party else "state"]
    return {
        "head_left": f"{left}cm",
        "head_right": f"{right}cm",
        "sign_left": f"{SIGNATURE_CM[0]}cm",
        "sign_right": f"{SIGNATURE_CM[1]}cm",
        "pad": f"{CELL_PAD_CM}cm",
        "head_width": f"{left + right}cm",
        "sign_width": f"{SIGNATURE_CM[0] + SIGNATURE_CM[1]}cm",
        "rule_party": f"{RULE_CM['party']}cm",
        "rule_motto": f"{RULE_CM['motto']}cm",
        "rule_issuer": f"{RULE_CM['issuer']}cm",
        "signature_gap": f"{SIGNATURE_GAP_PT}pt",
        # "DỰ THẢO" and the demo's note where Word's first-page header sets them: from 10 mm
        # under the top edge (the page area begins at 20 mm), right-aligned, exact lines
        "mark_top": f"{HEADER_MM - 20}mm",
        "mark_line": f"{MARK_LINE_PT[0]}pt",
        "note_line": f"{MARK_LINE_PT[1]}pt",
    }


def review_html(review: Review) -> str:
    """The whole review as one HTML document (page numbers are added to the PDF)."""
    return review_html_parts(review, rows_per_part=10**9)[0]


def _body_and_appendix(review: Review) -> tuple[str, int]:
    """The body's HTML (with a short appendix if it goes with the body) and the number of
    the first unit the appendix's own pages begin with (past the last: none)."""
    parts = iter_review_html_parts(review, rows_per_part=ROWS_PER_PART)
    body = next(parts)
    parts.close()
    (start, units), _rest = _with_body(review, ROWS_PER_PART)
    return body, start + len(units)


def appendix_tables(review: Review, start: int = 1) -> bytes:
    """The appendix's units from number ``start`` on, drawn by :mod:`.pdf_tables` as the
    print CSS sets them (``review_print.html``): the title block over unit 1."""
    headings, widths, align = target_columns(review.rate_heading, review.pace_heading)
    pace = bool(review.pace_heading)
    columns = pdf_tables.Columns(
        tuple(headings),
        tuple(float(p) / 100 for p in _percent(widths)),
        align,
        CELL_PAD_CM * 72 / 2.54,
    )
    units = [
        pdf_tables.UnitTable(
            f"Phụ lục {number}. {unit.title}",
            unit.summary,
            [
                pdf_tables.TableRow(
                    row_cells(row, pace), row.part, CLASS_FILLS.get(row.class_key, "")
                )
                for row in unit.rows
            ],
        )
        for number, unit in enumerate(review.appendix[start - 1 :], start=start)
    ]
    title = None
    if start == 1:
        title = pdf_tables.TitleBlock(
            APPENDIX_TITLE, review.attached_to, review.letterhead.body_kind != "party"
        )
    return pdf_tables.appendix_pdf(units, columns, title=title)


@without_collector
def render_pdf(review: Review) -> bytes:
    """The review as PDF bytes: the body set by WeasyPrint, the appendix's tables drawn by
    :mod:`.pdf_tables`, joined and numbered."""
    body, start = _body_and_appendix(review)
    pdfs = [set_pdf(body)]
    if start <= len(review.appendix):
        pdfs.append(appendix_tables(review, start))
    return join_numbered(pdfs)


def render_pdf_weasyprint(review: Review, *, processes: int | None = None) -> bytes:
    """The whole review set by WeasyPrint (the route before :mod:`.pdf_tables`, kept as the
    reference and the benchmark's baseline): in one document in this process
    (``processes=1``), or in parts set in worker processes, joined and numbered."""
    processes = workers() if processes is None else processes
    parts = iter_review_html_parts(review) if processes > 1 else [review_html(review)]
    return join_numbered(iter_set_parts(parts, processes=processes))


def render_dashboard_pdf(context: dict) -> bytes:
    """The plan dashboard, printed: the context of the dashboard page plus its charts."""
    with translation.override("vi"):
        html = render_to_string("documents/dashboard_print.html", context)
    return _pdf(html)
