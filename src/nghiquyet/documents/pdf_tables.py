"""The appendix's unit tables drawn straight onto PDF pages (reportlab's canvas), where
WeasyPrint set them from HTML: the same page, the same rows on each page, the same lines in
each cell, 50–90 times less CPU (0.6–1 s for 7,500 rows).

Why: the annual review of a province has 125 units × 60 targets in its appendix; WeasyPrint
spends ~6 ms of CPU on each table row (a box tree, styles, Pango's line breaking per cell),
so the appendix alone cost 50 s of CPU. The appendix is one simple table per unit, so this
module lays it out itself, with the rules of the print CSS (``_print_base.css`` and
``review_print.html``) as WeasyPrint applies them — measured from WeasyPrint's own output:

- A4, margins 20 mm top and bottom, 30 mm left, 15 mm right; lines of 1.3 × the font size,
  the baseline where Pango puts it (half the leading, then the font's ascent: hhea 1825/2048).
- The unit's heading ("Phụ lục N. …", 14 pt bold, 8 pt above and 6 pt below), its summary
  (14 pt, justified, first line indented 1 cm, 6 pt below), the table 6 pt below it.
- The table: collapsed borders of 0.6 pt, the grid on the borders' centres, the first
  border inside the text area; column widths as the CSS percentages of the text width less
  one border; each cell padded 2 pt above and below and ``Columns.pad`` (Word's 0.19 cm)
  left and right (a part row's name 10 pt on the left, in italics); 11 pt text, headings
  bold and centred on a #f0f2f5 fill, repeated at the top of every page; a row is never
  split: one that does not fit goes to the next page.
- Lines are broken greedily where Pango may break them here (:func:`pieces`), and a
  table's row or a heading's line that is wider than its box starts at its left, as in
  WeasyPrint. Widths come from the font's advance widths **and its kerning pairs** (GPOS,
  which HarfBuzz applies: "11" is 0.4 pt narrower at 11 pt) at the size Pango sets the
  font at (:func:`pango_size`), with what Pango keeps of a kerning at a line's end
  (:func:`wrap`), so a line breaks where WeasyPrint breaks it; the glyphs are placed with the
  same kerning (TJ adjustments), a justified line as WeasyPrint justifies it
  (:meth:`_Writer.show`). Pango sums widths in whole 1/1024 px, which is not reproduced:
  a line must fit with :data:`PANGO_SLACK` to spare, so only a line within ~0.001 pt of its
  cell's width may still break otherwise (none in 24 random 30-unit appendices of names
  full of kerned capitals, "AVAT WAY", nor on the demo's reviews or the benchmark's).
- Fonts: the files fontconfig picks for "Times New Roman" (here Liberation Serif, Debian's
  fonts-liberation2), as WeasyPrint does; reportlab embeds a subset of each with a ToUnicode
  map, so the text can be extracted (a non-breaking space comes out as a space: reportlab
  writes the space glyph for it).

``tests/documents/test_pdf_tables.py`` compares the pages with WeasyPrint's, line by line.

This module imports nothing from Django: it takes plain rows.
"""

from __future__ import annotations

import functools
import io
import math
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
TOP, BOTTOM, LEFT, RIGHT = 20 * MM, 20 * MM, 30 * MM, 15 * MM
TEXT_W = PAGE_W - LEFT - RIGHT
BODY_PT, TABLE_PT, LINE = 14, 11, 1.3


def pango_size(pt: float) -> float:
    """The size Pango sets a font of ``pt`` points at: WeasyPrint gives it in CSS pixels and
    Pango keeps 1/1024 of a pixel, rounded down (11 pt → 10.9995 pt). Lines are measured and
    glyphs drawn at that size, so that a line that just fits in WeasyPrint fits here."""
    return math.floor(pt * 4 / 3 * 1024) / 1024 * 0.75


#: Pango sums glyph widths in whole 1/1024 px and WeasyPrint hands it the line's width
#: truncated to those units: a line fitted in WeasyPrint when our width was 0.0003 to
#: 0.0020 pt under the line's at the most (8 lines measured by bisection), so a line must
#: fit here with this much to spare.
PANGO_SLACK = 0.0012
BORDER = 0.6
PART_PAD = 10
CELL_PAD_V = 2
INDENT = 72 / 2.54  # 1 cm
HEADER_FILL = (0xF0, 0xF2, 0xF5)
#: After these a line may break (see :func:`pieces`).
BREAK_AFTER = frozenset("-/")
BREAK_AFTER_ALWAYS = frozenset("–—")
FACES = {"regular": "", "bold": ":bold", "italic": ":italic"}
FAMILY = "Times New Roman"
#: white space that CSS's ``white-space: normal`` collapses (not the non-breaking space)
_SPACES = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True)
class TableRow:
    """One row of a unit's table: its cells' texts, whether it is a part of a target (its
    name in italics, further in), and the fill of its last cell (RRGGBB, or "")."""

    cells: tuple[str, ...]
    part: bool = False
    fill: str = ""


@dataclass(frozen=True)
class UnitTable:
    """A unit's appendix: its heading, its summary paragraph, its rows."""

    heading: str
    summary: str
    rows: Sequence[TableRow]


@dataclass(frozen=True)
class Columns:
    """The table's headings, widths (fractions of the table, as the CSS percentages),
    alignments ("l", "c", "r") and the cells' padding left and right (points)."""

    headings: tuple[str, ...]
    fractions: tuple[float, ...]
    align: tuple[str, ...]
    pad: float


@dataclass(frozen=True)
class TitleBlock:
    """Over the first unit: "PHỤ LỤC", the appendix's title (bold, centred), what it is
    attached to (italic, centred), and for a state body a short rule under it."""

    title: str
    attached_to: str
    rule: bool


class Face:
    """A TrueType font: its advance widths, kerning pairs and vertical metrics (font units),
    registered with reportlab under ``name``."""

    def __init__(self, name: str, path: str):
        from fontTools.ttLib import TTFont as FontFile

        font = FontFile(path, lazy=True)
        self.name = name
        self.upem = font["head"].unitsPerEm
        self.ascent = font["hhea"].ascent / self.upem
        self.descent = -font["hhea"].descent / self.upem
        cmap = font.getBestCmap()
        hmtx = font["hmtx"].metrics
        self.widths = {chr(code): hmtx[glyph][0] for code, glyph in cmap.items()}
        glyph_chars: dict[str, list[str]] = {}
        for code, glyph in cmap.items():
            glyph_chars.setdefault(glyph, []).append(chr(code))
        self.kerns = _kern_pairs(font, glyph_chars)
        self.kern_first = frozenset(a for a, _b in self.kerns)
        self.tt = TTFont(name, path)
        pdfmetrics.registerFont(self.tt)
        self._word_widths: dict[str, float] = {}

    def units(self, text: str) -> float:
        """The advance of ``text`` in font units, kerning included."""
        cached = self._word_widths.get(text)
        if cached is not None:
            return cached
        widths = self.widths
        total = sum(widths.get(c, 0) for c in text)
        kerns = self.kerns
        if len(text) > 1:
            for i in range(len(text) - 1):
                if text[i] in self.kern_first:
                    total += kerns.get(text[i : i + 2], 0)
        self._word_widths[text] = total
        return total

    def kern(self, a: str, b: str) -> int:
        return self.kerns.get(a + b, 0) if a in self.kern_first else 0


def _kern_pairs(font, glyph_chars: dict[str, list[str]]) -> dict[str, int]:
    """The font's GPOS pair adjustments (lookup type 2, the "kern" feature) as
    {two characters: x advance change in font units}."""
    out: dict[str, int] = {}
    if "GPOS" not in font:
        return out
    table = font["GPOS"].table
    lookups = set()
    for record in table.FeatureList.FeatureRecord:
        if record.FeatureTag == "kern":
            lookups.update(record.Feature.LookupListIndex)
    for index in sorted(lookups):
        lookup = table.LookupList.Lookup[index]
        for sub in lookup.SubTable:
            if lookup.LookupType == 9:
                sub = sub.ExtSubTable
            if getattr(sub, "LookupType", lookup.LookupType) != 2:
                continue
            if sub.Format == 1:
                for first, pairs in zip(sub.Coverage.glyphs, sub.PairSet, strict=True):
                    for record in pairs.PairValueRecord:
                        value = getattr(record.Value1, "XAdvance", 0) if record.Value1 else 0
                        if value:
                            for a in glyph_chars.get(first, ()):
                                for b in glyph_chars.get(record.SecondGlyph, ()):
                                    out.setdefault(a + b, value)
            elif sub.Format == 2:
                class1 = sub.ClassDef1.classDefs
                class2 = sub.ClassDef2.classDefs
                seconds: dict[int, list[str]] = {}
                for glyph, chars in glyph_chars.items():
                    seconds.setdefault(class2.get(glyph, 0), []).extend(chars)
                for first in sub.Coverage.glyphs:
                    row = sub.Class1Record[class1.get(first, 0)]
                    for c2, record in enumerate(row.Class2Record):
                        value = getattr(record.Value1, "XAdvance", 0) if record.Value1 else 0
                        if value:
                            for a in glyph_chars.get(first, ()):
                                for b in seconds.get(c2, ()):
                                    out.setdefault(a + b, value)
    return out


def font_file(style: str) -> str:
    """The file fontconfig picks for the CSS's "Times New Roman" in ``style`` — the one
    WeasyPrint (through Pango and fontconfig) sets the text in."""
    return subprocess.run(
        ["fc-match", "-f", "%{file}", f"{FAMILY}{FACES[style]}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@functools.cache
def faces() -> dict[str, Face]:
    """The three faces, read once per process."""
    return {style: Face(f"NQSerif-{style}", font_file(style)) for style in FACES}


def pieces(text: str) -> list[str]:
    """``text`` cut where Pango may break a line (UAX #14, for the text of these tables):
    after a space, which stays at the end of its piece; never at a non-breaking space; after
    a hyphen or a slash unless a digit follows ("2021-2025" stays whole); after a dash even
    before a non-breaking space (LB12a): "5 – 10%", held together by non-breaking spaces,
    still breaks after its dash when it is wider than its cell, as in WeasyPrint."""
    text = _SPACES.sub(" ", text).strip(" ")
    out: list[str] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c == " ":
            while i + 1 < n and text[i + 1] == " ":
                i += 1
            out.append(text[start : i + 1])
            start = i + 1
        elif (
            0 < i < n - 1
            and text[i + 1] != " "
            and (c in BREAK_AFTER_ALWAYS or (c in BREAK_AFTER and not text[i + 1].isdigit()))
        ):
            out.append(text[start : i + 1])
            start = i + 1
        i += 1
    if start < n:
        out.append(text[start:])
    return out


def wrap(
    face: Face, text: str, size: float, width: float, first_indent: float = 0
) -> list[tuple[str, float]]:
    """The lines of ``text`` (greedy, as Pango breaks them) in ``width`` points, each with
    its width in font units; a piece wider than the line stays whole and overflows, as in
    WeasyPrint. HarfBuzz shapes the whole text before it is broken, so a letter kerned
    against the space after it ("Y ", "A ") keeps that kerning at the end of a line."""
    limit = (width - PANGO_SLACK) * face.upem / size
    first_limit = (width - first_indent - PANGO_SLACK) * face.upem / size
    space = face.widths.get(" ", 0)
    lines: list[tuple[str, float]] = []
    line = ""
    advance = 0.0  # of ``line``, its trailing space included
    parts = pieces(text)
    for i, piece in enumerate(parts):
        trailing = 0.0
        if piece.endswith(" "):
            trailing = space
            if i + 1 < len(parts) and len(piece) > 1:
                # Measured from WeasyPrint (Pango 1.5x, HarfBuzz): when the space before the
                # break kerns with the next word's first letter (" A", " T"), the letter
                # before the space loses up to that much of its own kerning with the space.
                trailing -= min(-face.kern(" ", parts[i + 1][0]), -face.kern(piece[-2], " "))
        if line:
            kern = face.kern(line[-1], piece[0])
            if advance + kern + face.units(piece) - trailing <= (limit if lines else first_limit):
                advance += kern + face.units(piece)
                line += piece
                continue
            lines.append(_trimmed(line, advance, space))
        line = piece
        advance = face.units(piece)
    if line:
        lines.append(_trimmed(line, advance, space))
    return lines


def _trimmed(line: str, advance: float, space: float) -> tuple[str, float]:
    if line.endswith(" "):
        return line[:-1], advance - space
    return line, advance


class _Writer:
    """Text as PDF operators in the subsets reportlab assigns, kerned with TJ."""

    def __init__(self, canvas: Canvas):
        self.doc = canvas._doc
        self.escape = canvas._escape
        self._ops: dict[tuple[str, float, str], str] = {}

    def show(self, face: Face, size: float, text: str, spacing: float = 0) -> str:
        """``Tf`` and ``TJ`` operators that show ``text`` (``spacing`` points added after
        each space, for a justified line). WeasyPrint justifies a line by spacing its spaces
        out (a Pango attribute on each space), which cuts the text into runs at the spaces:
        the pairs with a space (" A", "T ") are no longer kerned, so such a line ends a
        little past the margin. The same here, so that each word is where WeasyPrint puts
        it."""
        key = (face.name, size, text) if not spacing else None
        if key is not None and key in self._ops:
            return self._ops[key]
        font = face.tt
        ops: list[str] = []
        current = -1
        array: list[str] = []
        space_adjust = -spacing * 1000 / size

        def flush():
            if array:
                ops.append("[" + " ".join(array) + "] TJ")
                array.clear()

        # segments between adjustments: a kerning pair, a space when justified
        segment_start = 0
        adjustments: list[tuple[int, float]] = []
        for i in range(len(text) - 1):
            k = face.kern(text[i], text[i + 1])
            if spacing and " " in text[i : i + 2]:
                k = 0  # see above
            if k:
                adjustments.append((i + 1, -k * 1000 / face.upem))
            if spacing and text[i] == " ":
                adjustments.append((i + 1, space_adjust))
        if spacing and text.endswith(" "):
            adjustments.append((len(text), space_adjust))
        adjustments.append((len(text), 0))
        for end, adjust in adjustments:
            segment = text[segment_start:end]
            segment_start = end
            for subset, chunk in font.splitString(segment, self.doc):
                if subset != current:
                    flush()
                    name = font.getSubsetInternalName(subset, self.doc)
                    ops.append(f"{name} {size:.6g} Tf")
                    current = subset
                array.append(f"({self.escape(chunk)})")
            if adjust:
                array.append(f"{adjust:.1f}")
        flush()
        out = " ".join(ops)
        if key is not None:
            self._ops[key] = out
        return out


def _rgb(fill: tuple[int, int, int] | str) -> str:
    if isinstance(fill, str):
        fill = tuple(int(fill[i : i + 2], 16) for i in (0, 2, 4))
    return " ".join(f"{c / 255:.6g}" for c in fill)


class _Page:
    """One page's content, top-down coordinates turned into PDF's."""

    def __init__(self):
        self.fills: list[str] = []
        self.rules: list[str] = []
        self.text: list[str] = []

    def fill(self, rgb: str, x: float, top: float, w: float, h: float) -> None:
        self.fills.append(f"{rgb} rg {x:.3f} {PAGE_H - top - h:.3f} {w:.3f} {h:.3f} re f")

    def rule(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.rules.append(f"{x1:.3f} {PAGE_H - y1:.3f} m {x2:.3f} {PAGE_H - y2:.3f} l")

    def show(self, x: float, baseline: float, ops: str) -> None:
        self.text.append(f"1 0 0 1 {x:.3f} {PAGE_H - baseline:.3f} Tm {ops}")

    def content(self) -> str:
        parts = list(self.fills)
        if self.rules:
            parts.append(f"0 G {BORDER} w 2 J")
            parts.extend(self.rules)
            parts.append("S")
        if self.text:
            parts.append("0 g BT")
            parts.extend(self.text)
            parts.append("ET")
        return "\n".join(parts)


class _Layout:
    """The page loop: paragraphs and tables set from the top of the text area down."""

    def __init__(self, columns: Columns):
        self.faces = faces()
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
        self.canvas.setAuthor("")
        self.writer = _Writer(self.canvas)
        self.page: _Page | None = None
        self.y = TOP
        #: the bottom margin of the last block, not yet added: it collapses with the next's
        self.pending = 0.0
        self.columns = columns
        grid = TEXT_W - BORDER
        self.edges = [LEFT + BORDER / 2]
        for fraction in columns.fractions:
            self.edges.append(self.edges[-1] + fraction * grid)
        self.header = self._row_layout(columns.headings, bold=True, part=False)

    # pages ---------------------------------------------------------------
    def new_page(self) -> None:
        self.finish_page()
        self.page = _Page()
        self.y = TOP
        self.pending = 0.0

    def finish_page(self) -> None:
        if self.page is not None:
            self.canvas._code.append(self.page.content())
            self.canvas.showPage()
            self.page = None

    def pdf(self) -> bytes:
        self.finish_page()
        self.canvas.save()
        return self.buffer.getvalue()

    # paragraphs ----------------------------------------------------------
    def paragraph(
        self,
        text: str,
        style: str,
        *,
        align: str = "left",
        indent: float = 0,
        before: float = 0,
        after: float = 0,
        size: float = BODY_PT,
    ) -> None:
        """A block of text; its margins collapse with its neighbours' (an empty one's
        collapse through it)."""
        face = self.faces[style]
        line_height = size * LINE
        baseline = (line_height - (face.ascent + face.descent) * size) / 2 + face.ascent * size
        size = pango_size(size)
        lines = wrap(face, text, size, TEXT_W, indent) if text.strip() else []
        if not lines:
            self.pending = max(self.pending, before, after)
            return
        self.y += max(self.pending, before)
        for n, (line, advance) in enumerate(lines):
            start = indent if n == 0 else 0
            x = LEFT + start
            spacing = 0.0
            width = advance * size / face.upem
            if align == "center" and width < TEXT_W:
                x = LEFT + (TEXT_W - width) / 2
            elif align == "justify" and n < len(lines) - 1 and line.count(" "):
                spacing = (TEXT_W - start - width) / line.count(" ")
            self.page.show(x, self.y + baseline, self.writer.show(face, size, line, spacing))
            self.y += line_height
        self.pending = after

    def rule(self, width: float, before: float, thickness: float, after: float) -> None:
        """A centred horizontal rule (the CSS's ``border-top`` of an empty block)."""
        self.y += max(self.pending, before)
        x = LEFT + (TEXT_W - width) / 2
        self.page.fill("0 0 0", x, self.y, width, thickness)
        self.y += thickness
        self.pending = after

    # tables --------------------------------------------------------------
    def _row_layout(self, cells: Sequence[str], *, bold: bool, part: bool):
        """Each cell's lines and the x of each line, and the row's height."""
        regular = self.faces["bold" if bold else "regular"]
        size = pango_size(TABLE_PT)
        placed = []
        most = 1
        for i, text in enumerate(cells):
            face = self.faces["italic"] if part and i == 1 else regular
            left_pad = PART_PAD if part and i == 1 else self.columns.pad
            left = self.edges[i] + BORDER / 2 + left_pad
            right = self.edges[i + 1] - BORDER / 2 - self.columns.pad
            align = "c" if bold else self.columns.align[i]
            lines = wrap(face, text, size, right - left) if text.strip() else []
            most = max(most, len(lines))
            for n, (line, advance) in enumerate(lines):
                x = left
                if align != "l":
                    width = advance * size / face.upem
                    if width < right - left:  # a line wider than the cell starts at its left
                        x = right - width if align == "r" else (left + right - width) / 2
                placed.append((n, x, face, line))
        height = most * size * LINE + 2 * CELL_PAD_V + BORDER
        return placed, height

    def _draw_row(self, placed, top: float, height: float, fills) -> None:
        page = self.page
        for i, rgb in fills:
            page.fill(rgb, self.edges[i], top, self.edges[i + 1] - self.edges[i], height)
        face = self.faces["regular"]
        line_height = TABLE_PT * LINE
        size = pango_size(TABLE_PT)
        first = (
            top
            + BORDER / 2
            + CELL_PAD_V
            + (line_height - (face.ascent + face.descent) * TABLE_PT) / 2
            + face.ascent * TABLE_PT
        )
        for n, x, face, line in placed:
            page.show(x, first + n * line_height, self.writer.show(face, size, line))
        page.rule(self.edges[0], top, self.edges[-1], top)

    def _close_grid(self, top: float, bottom: float) -> None:
        page = self.page
        page.rule(self.edges[0], bottom, self.edges[-1], bottom)
        for x in self.edges:
            page.rule(x, top, x, bottom)

    def table(self, rows: Iterable[TableRow], *, before: float, after: float) -> None:
        self.y += max(self.pending, before)
        header, header_height = self.header
        header_fill = _rgb(HEADER_FILL)
        header_fills = [(i, header_fill) for i in range(len(self.columns.headings))]
        last = len(self.columns.headings) - 1
        limit = PAGE_H - BOTTOM
        top = self.y + BORDER / 2  # the grid's first line, on the border's centre
        self._draw_row(header, top, header_height, header_fills)
        y = top + header_height
        rows_on_page = 0
        for row in rows:
            placed, height = self._row_layout(row.cells, bold=False, part=row.part)
            if rows_on_page and y + height + BORDER / 2 > limit + 1e-6:
                self._close_grid(top, y)
                self.new_page()
                top = self.y + BORDER / 2
                self._draw_row(header, top, header_height, header_fills)
                y = top + header_height
                rows_on_page = 0
            fills = [(last, _rgb(row.fill))] if row.fill else []
            self._draw_row(placed, y, height, fills)
            y += height
            rows_on_page += 1
        self._close_grid(top, y)
        self.y = y + BORDER / 2
        self.pending = after


def appendix_pdf(
    units: Sequence[UnitTable], columns: Columns, *, title: TitleBlock | None = None
) -> bytes:
    """The units' appendices as PDF pages, each unit from a new page, as the print CSS sets
    them (``review_print.html``): the title block over the first unit if given."""
    # Streams zlib-compressed only: reportlab's default ASCII85 on top is written in Python
    # here (a quarter of the time) and makes the file 25 % larger, for 7-bit-clean output
    # that nobody needs any more.
    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        return _appendix_pdf(units, columns, title)
    finally:
        rl_config.useA85 = a85


def _appendix_pdf(units: Sequence[UnitTable], columns: Columns, title: TitleBlock | None) -> bytes:
    layout = _Layout(columns)
    for unit in units:
        layout.new_page()
        if title is not None:
            layout.paragraph("PHỤ LỤC", "bold", align="center", after=6)
            layout.paragraph(title.title, "bold", align="center")
            layout.paragraph(title.attached_to, "italic", align="center", after=6)
            if title.rule:
                layout.rule(0.28 * TEXT_W, before=2, thickness=0.8, after=10)
            title = None
        layout.paragraph(unit.heading, "bold", before=8, after=6)
        layout.paragraph(unit.summary, "regular", align="justify", indent=INDENT, after=6)
        layout.table(unit.rows, before=6, after=10)
    return layout.pdf()
