"""A review, or a dashboard, as PDF: the same content as HTML with print CSS, set by WeasyPrint.

Fonts: the CSS asks for Times New Roman and falls back to Liberation Serif
(Debian's fonts-liberation2, metric-compatible, with every Vietnamese glyph).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from .charts import chart_svg, review_chart_spec
from .render_docx import issuer_lines
from .report import Review
from .review_tables import OUTLOOK_HEADINGS

PDF_TYPE = "application/pdf"


def _pdf(html: str) -> bytes:
    import weasyprint  # heavy import, only where PDFs are made

    return weasyprint.HTML(string=html, base_url=None).write_pdf()


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
