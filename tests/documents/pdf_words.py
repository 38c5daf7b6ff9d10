"""The words of a PDF's pages with their places (pypdfium2), to compare two PDFs word for
word: ``test_pdf_tables`` and the documents benchmark compare the appendix drawn by
``pdf_tables`` with WeasyPrint's. See ``test_pdf_tables`` for the differences allowed."""

from __future__ import annotations

import ctypes
from collections import defaultdict

import pypdfium2
import pypdfium2.raw as pdfium

NBSP = "\u00a0"


def words(pdf: bytes) -> list[list[tuple[float, float, str]]]:
    """Each page's words (split at spaces and non-breaking spaces): (top, left, text), in
    points from the top-left corner, the left of a word where pdfium puts its first glyph."""
    out = []
    x, y = ctypes.c_double(), ctypes.c_double()
    doc = pypdfium2.PdfDocument(pdf)
    for page in doc:
        textpage = page.get_textpage()
        height = page.get_height()
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n) if n else ""
        found, word, start = [], "", (0.0, 0.0)
        for i in range(n):
            c = text[i] if i < len(text) else " "
            if c.isspace() or c in (NBSP, "\ufffe"):
                if word:
                    found.append((*start, word))
                word = ""
                continue
            if not word:
                pdfium.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
                start = (height - y.value, x.value)
            word += c
        if word:
            found.append((*start, word))
        out.append(found)
    return out


def differences(ours: bytes, reference: bytes, *, dx: float = 1.0, dy: float = 0.3) -> list:
    """The words of one PDF with no match in the other (same page, same text, top within
    ``dy`` and left within ``dx``)."""
    a, b = words(ours), words(reference)
    assert len(a) == len(b), (len(a), len(b))
    missing = []
    for number, (page_a, page_b) in enumerate(zip(a, b, strict=True), start=1):
        free = defaultdict(list)
        for top, left, text in page_b:
            free[text].append([top, left])
        for top, left, text in page_a:
            match = next(
                (c for c in free[text] if abs(c[0] - top) <= dy and abs(c[1] - left) <= dx),
                None,
            )
            if match is None:
                missing.append(("ours", number, round(top, 1), round(left, 1), text))
            else:
                free[text].remove(match)
        missing += [
            ("reference", number, round(c[0], 1), round(c[1], 1), text)
            for text, left_over in free.items()
            for c in left_over
        ]
    return missing
