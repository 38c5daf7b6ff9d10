"""A review, or a dashboard, as PDF: the same content as HTML with print CSS, set by WeasyPrint.

Fonts: the CSS asks for Times New Roman and falls back to Liberation Serif
(Debian's fonts-liberation2, metric-compatible, with every Vietnamese glyph).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .charts import chart_svg, review_chart_spec
from .render_docx import (
    APPENDIX_TITLE,
    CELL_PAD_CM,
    LETTERHEAD_CM,
    RULE_CM,
    SIGNATURE_CM,
    SIGNATURE_GAP_PT,
    issuer_lines,
    unbroken_parts,
)
from .report import Review
from .review_tables import OUTLOOK_HEADINGS

PDF_TYPE = "application/pdf"


def _pdf(html: str) -> bytes:
    import weasyprint  # heavy import, only where PDFs are made

    return weasyprint.HTML(string=html, base_url=None).write_pdf()


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
    }


def review_html(review: Review) -> str:
    # The SVG is Vega's own output for our spec; Vega escapes the text it draws.
    chart = mark_safe(chart_svg(review_chart_spec(review)))
    with translation.override("vi"):
        return render_to_string(
            "documents/review_print.html",
            {
                "r": review,
                "chart": chart,
                "party": review.letterhead.body_kind == "party",
                "issuer_lines": issuer_lines(review.letterhead.issuer),
                "outlook_headings": OUTLOOK_HEADINGS,
                "title_html": unbroken_html(review.title),
                "appendix_title": APPENDIX_TITLE,
                "layout": layout(review.letterhead.body_kind == "party"),
            },
        )


def render_pdf(review: Review) -> bytes:
    """The review as PDF bytes."""
    return _pdf(review_html(review))


def render_dashboard_pdf(context: dict) -> bytes:
    """The plan dashboard, printed: the context of the dashboard page plus its charts."""
    with translation.override("vi"):
        html = render_to_string("documents/dashboard_print.html", context)
    return _pdf(html)
