"""A long PDF set in parts: each part is its own WeasyPrint document, the parts are set in
worker processes (one per core) and joined with pypdf, and the page numbers are written on
the joined pages.

Why: WeasyPrint keeps every page's boxes until it writes the file and spends ~3 ms of CPU per
table row, so a provincial annual review with 7,500 appendix rows took a minute and 1.5 GB in
one process. Parts that each begin on a new page lay out exactly as in one document (nothing
flows across the cut), bound each process's memory by the part's size and use both cores.
Page numbers cannot come from CSS ``counter(page)`` then — a part does not know how many
pages the parts before it have — so the parts are set without them and the numbers are
stamped after the join, where they were: centred in the top margin, 14 pt Times.

Each part is set inside :func:`_with_stack_room` (see there: a CPython 3.11 cost that was a
quarter of the CPU), and the parts are handed to the workers as they are written, so that the
workers set the first ones while this process writes the rest.

Since the appendix's tables are drawn by :mod:`.pdf_tables` (a second's work for the
7,500 rows), the review's PDF joins two parts here: WeasyPrint's body and the drawn
appendix (:func:`join_numbered`). Setting a review in WeasyPrint parts in the workers
(:func:`iter_set_parts`) remains as the reference route, ``render_pdf_weasyprint``.

This module imports nothing from Django: the workers only need WeasyPrint and pypdf.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import chain, islice
from typing import TypeVar

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
)

from .collector import collector_paused

# Where WeasyPrint set counter(page) in the @top-center box of _print_base.css (A4, margins
# 20 mm top, 30 mm left, 15 mm right, 14 pt): the text area's centre, and the baseline in
# PDF points from the bottom edge — measured from its own output.
NUMBER_CENTRE_X = (30 + (210 - 15)) / 2 * 72 / 25.4
NUMBER_BASELINE_Y = 808.82
NUMBER_PT = 14
DIGIT_WIDTH = 0.5 * NUMBER_PT  # every digit of Times is 500/1000 em wide
NUMBER_FONT = "/NQPageNumber"

T = TypeVar("T")


def _with_stack_room(fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)``, called from a frame that reserves 512 KiB of CPython's frame stack.

    CPython 3.11 keeps Python frames in 16 KiB chunks of memory and unmaps a chunk as soon
    as the frame at its start returns (gh-142183, fixed by caching a chunk only in later
    versions). WeasyPrint's layout recurses up and down across such a boundary for every
    table cell: setting 1,000 appendix rows mapped, touched and unmapped a chunk ~165,000
    times — 1.1 s of system time in a part of 4.3 s CPU. This function's code declares a
    stack of 65,536 slots (``co_stacksize`` below; the slots are reserved, never used), so
    CPython gives its frame a fresh 1 MiB chunk, and WeasyPrint's frames (less than 48 KiB
    deep, measured) fit in the rest of it: one mapping per part instead.
    """
    return fn(*args)


_with_stack_room.__code__ = _with_stack_room.__code__.replace(co_stacksize=65_536)


def set_pdf(html: str) -> bytes:
    """One HTML document as PDF bytes (WeasyPrint). The cyclic garbage collector is off while
    it runs: WeasyPrint allocates millions of long-lived objects and Python's collector
    re-walks them again and again (~25 % of the time), while what it frees is small."""
    with collector_paused():
        return _with_stack_room(_write_pdf, html)


def _write_pdf(html: str) -> bytes:
    return _document(html).write_pdf()


def _document(html: str):
    """WeasyPrint's document for ``html``. Without inline SVG or MathML (the appendix's
    parts), the tree is parsed by lxml — libxml2's HTML parser, in C — instead of WeasyPrint's
    HTML5 parser in Python: 0.25 s of a 1,000-row part's ~3.5 s, for the same PDF, byte for
    byte (``tests/documents/test_pdf_parse.py``). SVG needs the HTML5 rules for foreign
    content, which libxml2 does not know. The document is built as ``weasyprint.HTML``
    builds it from a string (WeasyPrint is pinned; the test compares the two routes)."""
    import weasyprint

    if "<svg" in html or "<math" in html:
        return weasyprint.HTML(string=html, base_url=None)
    import cssselect2
    import lxml.html
    from weasyprint.urls import URLFetcher

    document = weasyprint.HTML.__new__(weasyprint.HTML)
    document.base_url = None
    document.url_fetcher = URLFetcher()
    document.media_type = "print"
    document.wrapper_element = cssselect2.ElementWrapper.from_html_root(
        lxml.html.document_fromstring(html), content_language=None
    )
    document.etree_element = document.wrapper_element.etree_element
    return document


def workers() -> int:
    """How many parts are set at once: the cores this process may use, at most 2 by default
    (``NGHIQUYET_PDF_WORKERS`` overrides; 1 sets every part in this process)."""
    wanted = os.environ.get("NGHIQUYET_PDF_WORKERS")
    if wanted:
        return max(1, int(wanted))
    return max(1, min(2, len(os.sched_getaffinity(0))))


def set_parts(parts: Iterable[str], *, processes: int | None = None) -> list[bytes]:
    """Each HTML part as PDF bytes, in order; in worker processes when there is more than
    one part and more than one core. ``parts`` may be a generator: each part goes to the
    workers as soon as it is written, while the next ones are being written."""
    return list(iter_set_parts(parts, processes=processes))


def iter_set_parts(parts: Iterable[str], *, processes: int | None = None) -> Iterator[bytes]:
    """:func:`set_parts`, each part's PDF given as soon as it and the parts before it are
    set (:func:`join_numbered` joins the first parts while the workers set the last)."""
    processes = workers() if processes is None else processes
    parts = iter(parts)
    head = list(islice(parts, 2))
    if len(head) == 1 or processes == 1:
        yield from (set_pdf(html) for html in chain(head, parts))
        return
    # WeasyPrint and its PDF writer (fontTools) imported here, once, before the fork: the
    # workers inherit them instead of each importing them (a second of CPU each when no
    # bytecode is cached).
    import weasyprint.pdf  # noqa: F401

    # fork: the workers start at the first part with what this process has imported; they
    # touch nothing but the HTML strings they are given. One part at a time, in order: the
    # parts are small, so both workers stay busy until the last. Each worker first freezes
    # the objects it inherited (gc.freeze): its collections between parts then skip them
    # instead of walking this process's whole heap and writing to it, which copied every
    # page of it into each worker (+330 MB with 126 parts in the benchmark).
    pool = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("fork"),
        initializer=gc.freeze,
    )
    try:
        pending = [pool.submit(set_pdf, html) for html in chain(head, parts)]
        for job in pending:
            yield job.result()
    finally:  # a part failed, or the caller stopped: the parts not begun are dropped
        pool.shutdown(wait=True, cancel_futures=True)


def join_numbered(pdfs: Iterable[bytes], *, number_from: int = 2) -> bytes:
    """The parts' pages one after another, each page from ``number_from`` on numbered
    (page 1 carries none, as in the Word file's different first page)."""
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Times-Roman"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    for number, page in enumerate(writer.pages, start=1):
        if number < number_from:
            continue
        text = str(number)
        x = NUMBER_CENTRE_X - DIGIT_WIDTH * len(text) / 2
        stream = DecodedStreamObject()
        stream.set_data(
            f"q BT {NUMBER_FONT} {NUMBER_PT} Tf {x:.2f} {NUMBER_BASELINE_Y:.2f} Td "
            f"({text}) Tj ET Q\n".encode("ascii")
        )
        resources = page[NameObject("/Resources")].get_object()
        fonts = resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
        fonts[NameObject(NUMBER_FONT)] = font
        contents = page.raw_get(NameObject("/Contents"))
        # First in the page's content, so that text extraction reads the number first, as
        # it did when WeasyPrint drew it in the margin box.
        existing = (
            list(contents.get_object())
            if isinstance(contents.get_object(), ArrayObject)
            else [contents]
        )
        # A stream must be referenced from the array, never written into it (reportlab's
        # pages come out of pypdf's append with their stream as a direct object).
        existing = [c if isinstance(c, IndirectObject) else writer._add_object(c) for c in existing]
        page[NameObject("/Contents")] = ArrayObject([writer._add_object(stream), *existing])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
