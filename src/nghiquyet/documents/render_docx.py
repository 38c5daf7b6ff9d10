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

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from nghiquyet.plans.choices import BodyKind

from . import docx_tables
from .charts import chart_png, review_chart_spec
from .report import Review

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
    section.header_distance = Mm(10)
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


def _rule(cell, *, indent_cm: float = 1.5) -> None:
    """A short line under the previous line of ``cell`` (as in the official samples)."""
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(2)
    _font(paragraph.add_run(), size=2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    paragraph.paragraph_format.right_indent = Cm(indent_cm)


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
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if review.mark:
        _font(p.add_run(review.mark), size=BODY_PT, bold=True)
    if review.demo_note:
        note = header.add_paragraph() if review.mark else p
        note.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(note.add_run(review.demo_note), size=TABLE_PT, italic=True)


def issuer_lines(issuer: str) -> list[str]:
    """The issuing body on the lines Nghị định 30/2020/NĐ-CP's samples break it into:
    "ỦY BAN NHÂN DÂN" / "TỈNH BẾN TRE"."""
    for head in ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"):
        if issuer.startswith(head + " "):
            return [head, issuer[len(head) + 1 :]]
    return [issuer]


def _letterhead(doc, review: Review) -> None:
    head = review.letterhead
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    table.autofit = False
    left, right = table.rows[0].cells
    if head.body_kind == BodyKind.PARTY:
        # Hướng dẫn 36-HD/VPTW: 14 pt bodies (the issuer bold), 15 pt bold party name.
        _widths(table, (7.0, 9.5))
        _cell_text(left, head.superior, first=True)
        _cell_text(left, head.issuer, bold=True)
        _cell_text(left, "*")
        _cell_text(left, head.number)
        _cell_text(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, first=True)
        _rule(right, indent_cm=1.2)
        _cell_text(right, "")
        _cell_text(right, head.place_and_date, italic=True)
    else:
        # Nghị định 30/2020/NĐ-CP: 12–13 pt; the motto on one line, a solid rule under it.
        _widths(table, (6.0, 10.5))
        lines = ([head.superior] if head.superior else []) + issuer_lines(head.issuer)
        bold_from = 1 if head.superior else 0
        for i, line in enumerate(lines):
            _cell_text(left, line, size=13, bold=i >= bold_from, first=i == 0)
        _rule(left, indent_cm=1.8)
        _cell_text(left, head.number, size=13)
        _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, first=True)
        _cell_text(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
        _rule(right, indent_cm=2.6)
        _cell_text(right, head.place_and_date, italic=True)


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
    run = p.add_run(review.title)
    _font(run, size=BODY_PT, bold=True)
    if party:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.first_line_indent = Cm(0)
        _font(p.add_run("-----"), size=BODY_PT)
    else:
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


def _heading(doc, text: str, level: int):
    return doc.add_heading(text, level=level)


HEADINGS = (
    "STT",
    "Chỉ tiêu",
    "ĐVT",
    "Kế hoạch",
    "Thực hiện",
    "% kế hoạch",
    "So với cùng kỳ",
    "Đánh giá",
)
WIDTHS = (1.0, 4.5, 1.6, 1.9, 1.9, 1.9, 1.9, 1.8)


ALIGN = {
    "c": WD_ALIGN_PARAGRAPH.CENTER,
    "l": WD_ALIGN_PARAGRAPH.LEFT,
    "r": WD_ALIGN_PARAGRAPH.RIGHT,
}
COLUMN_ALIGN = ("c", "l", "c", "r", "r", "r", "r", "l")


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


def _target_table(doc, rows, rate_heading: str = "% kế hoạch") -> None:
    # Written as XML in one pass (docx_tables): the appendix has thousands of rows.
    docx_tables.add_table(
        doc,
        style_id=doc.styles[TABLE_STYLE].style_id,
        widths_cm=WIDTHS,
        aligns=COLUMN_ALIGN,
        headings=[rate_heading if h == "% kế hoạch" else h for h in HEADINGS],
        rows=(
            docx_tables.Row(
                values=(
                    row.code,
                    row.name,
                    row.unit_of_measure,
                    row.plan,
                    row.actual,
                    row.rate,
                    row.yoy,
                    row.class_label,
                ),
                fill=CLASS_FILLS.get(row.class_key, "FFFFFF"),
                italic=bool(row.part),
            )
            for row in rows
        ),
    )


OUTLOOK_HEADINGS = ("STT", "Chỉ tiêu", "ĐVT", "Chỉ tiêu nhiệm kỳ", "Đã đạt", "Dự báo", "Khả năng")
OUTLOOK_WIDTHS = (1.2, 5.2, 1.7, 2.6, 1.9, 1.9, 2.0)
OUTLOOK_ALIGN = ("c", "l", "c", "r", "r", "r", "c")
OUTLOOK_FILLS = {"likely": "DCEFDC", "hard": "FBE7C6", "cannot": "F8D0CF"}


def _outlook_table(doc, rows) -> None:
    docx_tables.add_table(
        doc,
        style_id=doc.styles[TABLE_STYLE].style_id,
        widths_cm=OUTLOOK_WIDTHS,
        aligns=OUTLOOK_ALIGN,
        headings=OUTLOOK_HEADINGS,
        rows=(
            docx_tables.Row(
                values=(
                    row.code,
                    row.name,
                    row.unit_of_measure,
                    row.plan,
                    row.so_far,
                    row.forecast,
                    row.outlook_label,
                ),
                fill=OUTLOOK_FILLS.get(row.outlook, "FFFFFF"),
            )
            for row in rows
        ),
    )


def _signature(doc, review: Review) -> None:
    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (8.0, 8.5))
    left, right = table.rows[0].cells
    if review.letterhead.body_kind == BodyKind.PARTY:
        # Hướng dẫn 36-HD/VPTW: "Nơi nhận:" 14 pt underlined, the list 12 pt.
        p = _cell_text(left, "Nơi nhận:", size=BODY_PT, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
        p.runs[0].font.underline = True
        size = 12
    else:
        # Nghị định 30/2020/NĐ-CP: "Nơi nhận:" 12 pt bold italic, the list 11 pt.
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
        _cell_text(left, line, size=size, align=WD_ALIGN_PARAGRAPH.LEFT)
    for i, line in enumerate(review.signature):
        _cell_text(right, line, bold=True, first=i == 0)
    for _blank in range(4):  # room for the signature and the seal
        _cell_text(right, "")
    _cell_text(right, review.signer_name, bold=True)


def core_property(text: str, limit: int = 255) -> str:
    """A document property Word keeps to 255 characters (python-docx refuses longer ones):
    a long abstract is cut on a word boundary, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


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
    _target_table(doc, review.all_rows, review.rate_heading)
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
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run("Kết quả thực hiện các chỉ tiêu theo đơn vị"), size=BODY_PT, bold=True)
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(review.attached_to), size=BODY_PT, italic=True)
        for i, unit in enumerate(review.appendix, start=1):
            heading = _heading(doc, f"Phụ lục {i}. {unit.title}", 2)
            # Each unit's appendix on its own page (the PDF's parts are cut there).
            heading.paragraph_format.page_break_before = i > 1 or None
            _body(doc, unit.summary)
            _target_table(doc, unit.rows, review.rate_heading)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
