"""A review as a Word document (.docx), formatted as the issuing body's rules require.

- Party documents (Hướng dẫn 36-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM" top right, 15 pt
  bold, a rule under it; the superior and issuing bodies in capitals top left, a "*"
  under the issuer, then the number; place and date in italics.
- State documents (Nghị định 30/2020/NĐ-CP): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM /
  Độc lập - Tự do - Hạnh phúc" top right.
- Both: A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman
  14 pt; page numbers centred at the top from page 2; real Word styles (Normal,
  Heading 1/2, Table Grid), so that staff can edit the draft before it is signed.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from nghiquyet.plans.choices import BodyKind

from . import docx_tables
from .charts import chart_png, review_chart_spec
from .collector import without_collector
from .report import Review
from .review_tables import (  # noqa: F401 — the columns, also read from here (render_pdf, tests)
    COLUMN_ALIGN,
    HEADINGS,
    OUTLOOK_HEADINGS,
    PACE_WIDTHS,
    WIDTHS,
    row_cells,
    target_columns,
)

FONT = "Times New Roman"
TABLE_STYLE = "Bảng - chữ"
BODY_PT = 14
TABLE_PT = 11
CLASS_FILLS = {
    "achieved": "D9F0E3",
    "near": "E8F3D9",
    "above_80": "FFF1C9",
    "above_70": "FFE2C2",
    "above_50": "FBD9CC",
    "not_achieved": "FDE2DF",
    "no_data": "EEF0F3",
}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: The letterhead's and the signature's columns (cm), shared with the PDF (render_pdf), so
#: that both set each line at the same place. Word pads every cell 0.19 cm on each side.
LETTERHEAD_CM = {"party": (7.0, 9.5), "state": (6.0, 10.5)}
SIGNATURE_CM = (8.0, 8.5)
CELL_PAD_CM = 0.19
#: Rules (cm): under "ĐẢNG CỘNG SẢN VIỆT NAM" as long as it (Hướng dẫn 36-HD/VPTW, mục II
#: 1.1.2); under the motto as long as "Độc lập - Tự do - Hạnh phúc", under the issuer 1/3
#: to 1/2 of its line (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II 1–2). Measured on
#: Liberation Serif, metric-compatible with Times New Roman.
RULE_CM = {"party": 7.3, "motto": 5.6, "issuer": 2.0}
APPENDIX_TITLE = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THEO ĐƠN VỊ"
#: Room for the signature and the seal, above the signer's name (pt).
SIGNATURE_GAP_PT = 64
#: The first page's header (10 mm from the top edge): "DỰ THẢO" and the demo's note under
#: it, right-aligned, on lines of exact heights (pt) — 10 mm + 15 + 12 pt stays inside the
#: 20 mm top margin, so the letterhead keeps its place. The PDF sets them the same way.
HEADER_MM = 10
MARK_LINE_PT = (15, 12)


def _font(
    run_or_style, *, size: float | None = None, bold: bool | None = None, italic: bool | None = None
) -> None:
    font = run_or_style.font
    font.name = FONT
    # East-Asian and complex-script slots too, or Word falls back to another font.
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic


def _language(style) -> None:
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    _font(normal, size=BODY_PT)
    _language(normal)
    fmt = normal.paragraph_format
    fmt.space_after = Pt(6)
    fmt.space_before = Pt(0)
    fmt.line_spacing = 1.15
    for name, size in (("Heading 1", BODY_PT), ("Heading 2", BODY_PT), ("Heading 3", BODY_PT)):
        style = doc.styles[name]
        _font(style, size=size, bold=True, italic=False)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        # Heading styles carry a theme font and colour in the default template.
        rpr = style.element.get_or_add_rPr()
        for child in list(rpr):
            if child.tag == qn("w:color"):
                child.set(qn("w:val"), "000000")
                for attr in ("w:themeColor", "w:themeShade"):
                    if child.get(qn(attr)) is not None:
                        del child.attrib[qn(attr)]
        fonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts is not None and fonts.get(qn(attr)) is not None:
                del fonts.attrib[qn(attr)]
    doc.styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    # Text in tables: a style of its own, so that thousands of cells carry no direct
    # formatting (and staff can restyle every table at once).
    table_text = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(TABLE_PT)
    fmt = table_text.paragraph_format
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Cm(0)
    fmt.line_spacing = 1.0


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(HEADER_MM)
    # Page numbers from page 2, centred at the top.
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    _font(paragraph.style, size=BODY_PT)


def _rule(cell, *, length_cm: float, cell_cm: float, after_pt: float = 4) -> None:
    """A line ``length_cm`` long, centred under the previous line of ``cell`` (as in the
    official samples): the bottom border of an empty paragraph one point high."""
    paragraph = cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after_pt)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    fmt.first_line_indent = Cm(0)
    _font(paragraph.add_run(), size=1)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    indent = max(0.0, (cell_cm - 2 * CELL_PAD_CM - length_cm) / 2)
    fmt.left_indent = fmt.right_indent = Cm(indent)


def _cell_text(
    cell,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = Cm(0)
    run = paragraph.add_run(text)
    _font(run, size=size, bold=bold, italic=italic)
    return paragraph


def _widths(table, widths_cm) -> None:
    """Column widths in the table grid and in every cell: Word and LibreOffice read both."""
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _mark(doc, review: Review) -> None:
    """ "DỰ THẢO" at the top right of the first page, above the letterhead (in the
    header, so that the letterhead keeps its place), until the review is final; the demo's
    note under it."""
    if not (review.mark or review.demo_note):
        return
    header = doc.sections[0].first_page_header
    p = header.paragraphs[0]
    if review.mark:
        _font(p.add_run(review.mark), size=BODY_PT, bold=True)
        _exact_line(p, MARK_LINE_PT[0])
    if review.demo_note:
        note = header.add_paragraph() if review.mark else p
        _font(note.add_run(review.demo_note), size=TABLE_PT, italic=True)
        _exact_line(note, MARK_LINE_PT[1])


def _exact_line(paragraph, height_pt: float) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(height_pt)


def issuer_lines(issuer: str) -> list[str]:
    """The issuing body on the lines Nghị định 30/2020/NĐ-CP's samples break it into:
    "ỦY BAN NHÂN DÂN" / "TỈNH BẾN TRE"."""
    for head in ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"):
        if issuer.startswith(head + " "):
            return [head, issuer[len(head) + 1 :]]
    return [issuer]


def _letterhead(doc, review: Review) -> None:
    """Two rows: the bodies (and the party's name or the motto) with their rules, then the
    number and the place and date — on one line, as both rules place them."""
    head = review.letterhead
    party = head.body_kind == BodyKind.PARTY
    widths = LETTERHEAD_CM["party" if party else "state"]
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    table.autofit = False
    _widths(table, widths)
    (left, right), (number, date) = table.rows[0].cells, table.rows[1].cells
    if party:
        # Hướng dẫn 36-HD/VPTW, Phụ lục (mẫu trình bày): the body above 14 pt, the issuer
        # 14 pt bold, capitals, a "*" under them; "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt bold; the
        # number 14 pt; place and date 14 pt italic.
        lines = ([head.superior] if head.superior else []) + [head.issuer]
        for i, line in enumerate(lines):
            _cell_text(left, line, bold=i == len(lines) - 1, first=i == 0)
        _cell_text(left, "*")
        _cell_text(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, first=True)
        _rule(right, length_cm=RULE_CM["party"], cell_cm=widths[1])
        _cell_text(number, head.number, first=True)
        _cell_text(date, head.place_and_date, italic=True, first=True)
    else:
        # Nghị định 30/2020/NĐ-CP, Phụ lục I: the bodies 12–13 pt capitals (the issuer
        # bold); the motto 12–13 pt bold capitals on one line, "Độc lập - Tự do - Hạnh
        # phúc" 13–14 pt bold, solid rules; the number 13 pt; place and date 13–14 pt
        # italic (13 here, on the number's line).
        lines = ([head.superior] if head.superior else []) + issuer_lines(head.issuer)
        bold_from = 1 if head.superior else 0
        for i, line in enumerate(lines):
            _cell_text(left, line, size=13, bold=i >= bold_from, first=i == 0)
        _rule(left, length_cm=RULE_CM["issuer"], cell_cm=widths[0])
        _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, first=True)
        _cell_text(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
        _rule(right, length_cm=RULE_CM["motto"], cell_cm=widths[1])
        _cell_text(number, head.number, size=13, first=True)
        _cell_text(date, head.place_and_date, size=13, italic=True, first=True)


#: A document's number or a span of years, which a line must not break inside:
#: "04-NQ/TU", "120/KH-UBND", "2020-2025".
UNBROKEN = re.compile(r"\S*\d\S*-\S+")


def unbroken_parts(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (part, keep whole) pairs, a number like "02-NQ/ThU" kept whole (a
    line broken at its hyphen, "02- / NQ/ThU", is a line a clerk retypes)."""
    parts: list[tuple[str, bool]] = []
    at = 0
    for match in UNBROKEN.finditer(text):
        if match.start() > at:
            parts.append((text[at : match.start()], False))
        parts.append((match.group(), True))
        at = match.end()
    if at < len(text):
        parts.append((text[at:], False))
    return parts


def _unbroken_runs(paragraph, text: str, **font) -> None:
    """``text`` as runs, the hyphens of its numbers Word's non-breaking hyphens."""
    for part, keep in unbroken_parts(text):
        if not keep:
            _font(paragraph.add_run(part), **font)
            continue
        for i, piece in enumerate(part.split("-")):
            run = paragraph.add_run(piece)
            _font(run, **font)
            if i < part.count("-"):
                run._r.append(OxmlElement("w:noBreakHyphen"))


def _title(doc, review: Review) -> None:
    party = review.letterhead.body_kind == BodyKind.PARTY
    doc.add_paragraph()
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.first_line_indent = Cm(0)
    run = p.add_run(review.doc_type)
    # The kind of document: 16 pt (Hướng dẫn 36: 15–16), 14 pt (Nghị định 30: 13–14).
    _font(run, size=16 if party else BODY_PT, bold=True)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Cm(0)
    p.paragraph_format.space_after = Pt(0)
    _unbroken_runs(p, review.title, size=BODY_PT, bold=True)
    if party:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.first_line_indent = Cm(0)
        _font(p.add_run("-----"), size=BODY_PT)
    else:
        _short_rule(doc)


def _short_rule(doc) -> None:
    """A solid rule, centred, a third of the line (Nghị định 30/2020/NĐ-CP: under the
    abstract, 1/3 to 1/2 of its line)."""
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Cm(0)
    _font(p.add_run(), size=2)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)
    p.paragraph_format.left_indent = Cm(6)
    p.paragraph_format.right_indent = Cm(6)


def _body(doc, text: str) -> None:
    p = doc.add_paragraph(text)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.first_line_indent = Cm(1)


def _style_id(doc, name: str) -> str:
    """A style's id by its name, looked up once per document: python-docx walks every style
    of the document on each lookup (0,3 s for an appendix's 126 headings and tables)."""
    ids = doc.__dict__.setdefault("_style_ids", {})
    if name not in ids:
        ids[name] = doc.styles[name].style_id
    return ids[name]


def _heading(doc, text: str, level: int):
    # What add_heading writes, with the style id looked up once.
    paragraph = doc.add_paragraph(text)
    paragraph._p.style = _style_id(doc, f"Heading {level}")
    return paragraph


ALIGN = {
    "c": WD_ALIGN_PARAGRAPH.CENTER,
    "l": WD_ALIGN_PARAGRAPH.LEFT,
    "r": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _table_cell(
    cell, text: str, style_id: str, *, align: str, bold: bool = False, italic: bool = False
) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id  # the id, not the style object: no lookup per cell
    if align != "l":
        paragraph.alignment = ALIGN[align]
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True


def _target_table(doc, rows, rate_heading: str = "% kế hoạch", pace_heading: str = "") -> None:
    # Written as XML in one pass (docx_tables): the appendix has thousands of rows.
    headings, widths, aligns = target_columns(rate_heading, pace_heading)
    pace = bool(pace_heading)
    docx_tables.add_table(
        doc,
        style_id=_style_id(doc, TABLE_STYLE),
        widths_cm=widths,
        aligns=aligns,
        headings=headings,
        rows=(
            docx_tables.Row(
                values=row_cells(row, pace),
                fill=CLASS_FILLS.get(row.class_key, "FFFFFF"),
                italic=bool(row.part),
            )
            for row in rows
        ),
    )


#: Ten columns on A4 portrait: "STT", "triệu", "khoảng", "7.897,2", "nhiệm" (bold) and "không"
#: each fit a line; the yearly rates ("tăng 1,9 điểm %/năm") wrap between words.
OUTLOOK_WIDTHS = (1.15, 2.45, 1.2, 1.55, 1.55, 1.85, 1.85, 1.85, 1.55, 1.5)
OUTLOOK_ALIGN = ("c", "l", "c", "r", "r", "r", "r", "r", "r", "c")
OUTLOOK_FILLS = {"likely": "DCEFDC", "hard": "FBE7C6", "cannot": "F8D0CF"}


def _outlook_table(doc, rows) -> None:
    docx_tables.add_table(
        doc,
        style_id=_style_id(doc, TABLE_STYLE),
        widths_cm=OUTLOOK_WIDTHS,
        aligns=OUTLOOK_ALIGN,
        headings=OUTLOOK_HEADINGS,
        rows=(
            docx_tables.Row(
                values=row.values,
                fill=OUTLOOK_FILLS.get(row.outlook, "FFFFFF"),
            )
            for row in rows
        ),
    )


def _signature(doc, review: Review) -> None:
    """ "Nơi nhận" on the left, the signature block on the right, both from the same top.

    Hướng dẫn 36-HD/VPTW (mục II, nơi nhận; thẩm quyền ký): "Nơi nhận:" 14 pt underlined,
    the list 12 pt upright; the authority ("T/M BAN THƯỜNG VỤ") and the title 14 pt bold
    capitals, the name 14 pt bold. Nghị định 30/2020/NĐ-CP, Phụ lục I (mục II 7, 9):
    "Nơi nhận:" 12 pt bold italic, the list 11 pt; "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    and the title 13–14 pt bold capitals (14 here), the name 13–14 pt bold."""
    # Never alone on its page: the text's last paragraph keeps with it.
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    doc.add_paragraph().paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    table.autofit = False
    _widths(table, SIGNATURE_CM)
    # The block never splits across two pages (a "Nơi nhận" left alone at a page's foot).
    cant_split = OxmlElement("w:cantSplit")
    table.rows[0]._tr.get_or_add_trPr().append(cant_split)
    left, right = table.rows[0].cells
    if review.letterhead.body_kind == BodyKind.PARTY:
        p = _cell_text(left, "Nơi nhận:", size=BODY_PT, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
        p.runs[0].font.underline = True
        size = 12
    else:
        _cell_text(
            left,
            "Nơi nhận:",
            size=12,
            bold=True,
            italic=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            first=True,
        )
        size = 11
    for line in review.recipients:
        p = _cell_text(left, line, size=size, align=WD_ALIGN_PARAGRAPH.LEFT)
        p.paragraph_format.line_spacing = 1.0
    for i, line in enumerate(review.signature):
        _cell_text(right, line, bold=True, first=i == 0)
    name = _cell_text(right, review.signer_name, bold=True)
    name.paragraph_format.space_before = Pt(SIGNATURE_GAP_PT)  # the signature and the seal


def core_property(text: str, limit: int = 255) -> str:
    """A document property Word keeps to 255 characters (python-docx refuses longer ones):
    a long abstract is cut on a word boundary, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


@without_collector
def render_docx(review: Review) -> bytes:
    """The review as .docx bytes."""
    doc = Document()
    _styles(doc)
    _page(doc)
    props = doc.core_properties
    props.title = core_property(review.title)
    props.author = core_property(review.letterhead.issuer)
    props.language = "vi-VN"
    props.comments = "Dự thảo do nghiquyet tạo từ số liệu đã tiếp nhận."

    _mark(doc, review)
    _letterhead(doc, review)
    _title(doc, review)
    for paragraph in review.opening:
        _body(doc, paragraph)
    chapters = review.chapters
    _heading(doc, chapters["results"], 1)
    _body(doc, review.intro)
    doc.add_picture(io.BytesIO(chart_png(review_chart_spec(review))), width=Cm(16))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for group in review.groups:
        _heading(doc, group.title, 2)
        for paragraph in group.paragraphs:
            _body(doc, paragraph)
    if review.relative:
        _heading(doc, "So sánh tương quan với vùng và cả nước", 2)
        for paragraph in review.relative:
            _body(doc, paragraph)
    _heading(doc, "Bảng 1. Kết quả thực hiện các chỉ tiêu", 2)
    _target_table(doc, review.all_rows, review.rate_heading, review.pace_heading)
    subs = review.sub_headings
    if review.outlook:
        _heading(doc, subs["outlook"], 2)
        for paragraph in review.outlook.paragraphs:
            _body(doc, paragraph)
        _heading(doc, review.outlook.table_title, 2)
        _outlook_table(doc, review.outlook.rows)
    if review.tasks:
        _heading(doc, subs["tasks"], 2)
        for paragraph in review.tasks:
            _body(doc, paragraph)
    if review.reporting:
        _heading(doc, subs["reporting"], 2)
        for paragraph in review.reporting:
            _body(doc, paragraph)
    _heading(doc, chapters["limitations"], 1)
    _heading(doc, "1. Hạn chế, yếu kém", 2)
    for paragraph in review.limitations or ["Không có chỉ tiêu chưa đạt."]:
        _body(doc, paragraph)
    _heading(doc, "2. Nguyên nhân", 2)
    _heading(doc, "a) Nguyên nhân khách quan", 3)
    for paragraph in review.causes_objective:
        _body(doc, paragraph)
    _heading(doc, "b) Nguyên nhân chủ quan", 3)
    for paragraph in review.causes_subjective:
        _body(doc, paragraph)
    if review.lessons is not None:
        _heading(doc, chapters["lessons"], 1)
        for paragraph in review.lessons:
            _body(doc, paragraph)
    _heading(doc, chapters["directions"], 1)
    for paragraph in review.directions_written:
        _body(doc, paragraph)
    for paragraph in review.next_targets:
        _body(doc, paragraph)
    directions = review.directions or (
        [] if review.directions_written else ["Tiếp tục duy trì kết quả các chỉ tiêu đã đạt."]
    )
    for paragraph in directions:
        _body(doc, paragraph)
    _signature(doc, review)

    if review.appendix:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run("PHỤ LỤC"), size=BODY_PT, bold=True)
        # The appendix's name in capitals, bold; "(Kèm theo Báo cáo số …)" italic under it
        # (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục phụ lục; Hướng dẫn 36-HD/VPTW likewise),
        # a short solid rule under that in a state document.
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _font(p.add_run(APPENDIX_TITLE), size=BODY_PT, bold=True)
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(review.attached_to), size=BODY_PT, italic=True)
        if review.letterhead.body_kind != BodyKind.PARTY:
            _short_rule(doc)
        for i, unit in enumerate(review.appendix, start=1):
            heading = _heading(doc, f"Phụ lục {i}. {unit.title}", 2)
            # Each unit's appendix on its own page (the PDF's parts are cut there).
            heading.paragraph_format.page_break_before = i > 1 or None
            _body(doc, unit.summary)
            _target_table(doc, unit.rows, review.rate_heading, review.pace_heading)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
