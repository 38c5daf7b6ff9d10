"""Large Word tables written as XML in one pass and parsed once.

A review's appendix has 125 units × 60 targets = 7.500 rows of 8 cells. Built through
python-docx's objects, every cell costs a dozen generic element insertions (each one
searching the schema order of its siblings) and a lookup per run: 6–7 s for the
appendix. Here each table is one string, parsed once by lxml and inserted into the body
(~10× faster), producing the very elements python-docx would: the table style, the
centred fixed layout and its grid, the header row repeated on every page, each cell's
width as ``add_table`` sets it, the table paragraph style by id, the alignment, bold or
italic runs, tabs and line breaks as python-docx writes them, and the fill of a cell.
tests/documents/test_docx_tables.py checks that the document's XML is byte for byte the
one the object-by-object construction gave.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Emu

HEADER_FILL = "F0F2F5"
JC = {"c": "center", "r": "right"}  # "l": no alignment (the style's left)


@dataclass(frozen=True)
class Row:
    """One row of a table: its cells' texts, whether the left-aligned cells are in
    italics (the parts of a composite target), and the last cell's fill (hex)."""

    values: Sequence[str]
    fill: str
    italic: bool = False


def _run(text: str, prop: str) -> str:
    """A ``w:r`` as python-docx's ``add_run`` writes it: a tab is ``w:tab``, a line
    break ``w:br``, other characters go in ``w:t`` (space-preserving when the text
    starts or ends with white space)."""
    if not text:
        return f"<w:r>{prop}</w:r>" if prop else "<w:r/>"
    if "\t" not in text and "\r" not in text and "\n" not in text:  # most cells: one w:t
        space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
        return f"<w:r>{prop}<w:t{space}>{escape(text)}</w:t></w:r>"
    parts = [prop]
    buffer: list[str] = []

    def flush() -> None:
        text = "".join(buffer)
        if text:
            space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
            parts.append(f"<w:t{space}>{escape(text)}</w:t>")
        buffer.clear()

    for char in text or "":
        if char == "\t":
            flush()
            parts.append("<w:tab/>")
        elif char in "\r\n":
            flush()
            parts.append("<w:br/>")
        else:
            buffer.append(char)
    flush()
    body = "".join(parts)
    return f"<w:r>{body}</w:r>" if body else "<w:r/>"


def _cell(text: str, *, width: str, style: str, align: str, prop: str, fill: str | None) -> str:
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    jc = f'<w:jc w:val="{JC[align]}"/>' if align in JC else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{shade}</w:tcPr>'
        f"<w:p><w:pPr><w:pStyle w:val={style}/>{jc}</w:pPr>{_run(text, prop)}</w:p></w:tc>"
    )


def table_xml(
    *,
    style_id: str,
    block_width: int,
    widths_cm: Sequence[float],
    aligns: Sequence[str],
    headings: Sequence[str],
    rows: Iterable[Row],
) -> str:
    """The ``w:tbl`` of a table with a shaded, repeated header row and ``rows``.

    ``block_width`` is the width between the margins (EMU): ``add_table`` gives every
    cell an equal share of it, which Word shows until the grid's widths apply.
    """
    cols = len(headings)
    width = str(Emu(block_width // cols).twips)
    style = quoteattr(style_id)
    grid = "".join(f'<w:gridCol w:w="{Cm(w).twips}"/>' for w in widths_cm)
    out = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        '<w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
        'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        '<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>'
    ]
    bold = "<w:rPr><w:b/></w:rPr>"
    for text in headings:
        out.append(_cell(text, width=width, style=style, align="c", prop=bold, fill=HEADER_FILL))
    out.append("</w:tr>")
    italic = "<w:rPr><w:i/></w:rPr>"
    for row in rows:
        # A row is never split across pages (as the PDF sets it: tr { page-break-inside:
        # avoid }): a figure and its rating stay with the target's name.
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        last = cols - 1
        for i, (text, align) in enumerate(zip(row.values, aligns, strict=True)):
            prop = italic if row.italic and align == "l" else ""
            fill = row.fill if i == last else None
            out.append(_cell(text, width=width, style=style, align=align, prop=prop, fill=fill))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def add_table(doc, **kwargs) -> None:
    """Append the table of :func:`table_xml` to the end of ``doc``'s body."""
    body = doc.element.body
    tbl = parse_xml(table_xml(block_width=doc._block_width, **kwargs))
    body._insert_tbl(tbl)  # before the final section properties, as add_table does
