"""A .docx read in order — paragraphs and tables as they stand in the body — and given back
with a Word comment on every claim and a summary page.

The reading follows the document's parts: no counts in the appendix ("PHỤ LỤC": each unit's
own), nothing in the chapter on the next period ("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023": the next
plan's figures), and an appendix section headed by a unit whose own plan concretises this one
("Phụ lục 2. Phường 6 (Nghị quyết số 01-NQ/ĐU)") checked against that unit's evaluation when
the caller hands it in ``units``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from docx import Document
from docx.enum.text import WD_BREAK
from docx.table import Table
from docx.text.paragraph import Paragraph

from nghiquyet.reporting.selectors.evaluation import PlanEvaluation

from .claims import RIGHT, UNMATCHED, VERDICT_WORDS, WRONG, CheckResult, Claim
from .prose import Reader, count_claims, figure_claims, opens_chapter, opens_next_period
from .tables import table_claims


def _blocks(doc):
    """("p", index, Paragraph) and ("t", index, Table) of the body, in order; the indexes
    are those of ``doc.paragraphs`` and ``doc.tables``."""
    p = t = 0
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield "p", p, Paragraph(child, doc._body)
            p += 1
        elif tag == "tbl":
            yield "t", t, Table(child, doc._body)
            t += 1


def _tasks(ev: PlanEvaluation) -> list[str]:
    return list(ev.plan.tasks.values_list("title", flat=True))


def _unit_reader(text: str, readers: Mapping[str, Reader]) -> Reader | None:
    """The reader of the unit an appendix heading names (the longest name it holds)."""
    low = text.lower()
    for name in sorted(readers, key=len, reverse=True):
        if name.lower() in low:
            return readers[name]
    return None


def find_document_claims(
    doc,
    ev: PlanEvaluation,
    units: Mapping[str, PlanEvaluation] | None = None,
    outlook: Mapping[str, tuple[int, int]] | None = None,
) -> list[Claim]:
    """Every claim of a python-docx document, checked against ``ev`` (and, in the appendix,
    against the evaluation of the unit a section is headed by; ``outlook``: a term plan's
    forecast counts, :func:`~.units.outlook_counts`)."""
    main = Reader(ev, _tasks(ev), dict(outlook or {}))
    readers = {name: Reader(u, _tasks(u)) for name, u in (units or {}).items()}
    reader = main
    claims: list[Claim] = []
    appendix = next_period = False
    for kind, index, block in _blocks(doc):
        if kind == "t":
            if not next_period:
                claims.extend(table_claims(reader, index, block))
            continue
        text = block.text
        if not text.strip():
            continue
        # "PHỤ LỤC", "PHỤ LỤC: KẾT QUẢ …" (capitals: a heading, not a sentence)
        if text.strip().upper() == "PHỤ LỤC" or text.strip().startswith("PHỤ LỤC"):
            appendix = True
        if opens_next_period(text):
            next_period = True
        elif next_period and (opens_chapter(text) or appendix):
            next_period = False
        if next_period:
            continue
        if appendix and text.strip().lower().startswith("phụ lục"):
            reader = _unit_reader(text, readers) or main
        where = str(index)
        if not appendix:
            claims.extend(count_claims(reader, where, text))
        claims.extend(figure_claims(reader, where, text))
    return claims


def check_report(
    data: bytes,
    ev: PlanEvaluation,
    units: Mapping[str, PlanEvaluation] | None = None,
    outlook: Mapping[str, tuple[int, int]] | None = None,
) -> CheckResult:
    """The claims of a .docx checked against a plan's evaluation for a period (``units``:
    the evaluations of the units whose own plans concretise it, by unit name, for the
    appendix; ``outlook``: a term plan's forecast counts)."""
    doc = Document(io.BytesIO(data))
    return CheckResult(find_document_claims(doc, ev, units, outlook))


def _note(c: Claim) -> str:
    note = f"{VERDICT_WORDS[c.verdict]}: {c.claimed}"
    if c.verdict == WRONG:
        note += f" — số liệu là {c.actual} ({c.target})"
    elif c.verdict == RIGHT:
        note += f" ({c.target})"
    return note


def _runs(doc, where: str):
    """The runs a claim's comment is anchored on: its paragraph's, or its cell's."""
    if where.startswith("t"):
        ti, ri, ci = (int(x) for x in where[1:].split("."))
        cell = doc.tables[ti].rows[ri].cells[ci]
        return next((p.runs for p in cell.paragraphs if p.runs), [])
    return doc.paragraphs[int(where)].runs


def annotate_docx(
    data: bytes,
    ev: PlanEvaluation,
    result: CheckResult | None = None,
    units: Mapping[str, PlanEvaluation] | None = None,
    outlook: Mapping[str, tuple[int, int]] | None = None,
) -> bytes:
    """The document with a Word comment on every claim (right; wrong, with the right
    figure; not in the data) — on its paragraph, or on its table cell — and a summary page
    at the end."""
    doc = Document(io.BytesIO(data))
    result = result or check_report(data, ev, units, outlook)
    for c in result.claims:
        runs = _runs(doc, c.where)
        if runs:
            doc.add_comment(runs, text=_note(c), author="nghiquyet", initials="NQ")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("KẾT QUẢ KIỂM TRA SỐ LIỆU", level=1)
    counts = result.counts
    doc.add_paragraph(
        f"{ev.plan.heading}, {ev.period.label}: {len(result.claims)} số liệu được kiểm tra; "
        f"{counts[RIGHT]} đúng; {counts[WRONG]} sai; {counts[UNMATCHED]} không có trong số liệu."
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(
        table.rows[0].cells, ("Chỉ tiêu", "Văn bản ghi", "Số liệu", "Kết quả"), strict=True
    ):
        cell.text = text
    for c in sorted(result.claims, key=lambda c: (c.verdict != WRONG, c.verdict)):
        cells = table.add_row().cells
        for cell, text in zip(
            cells, (c.target, c.claimed, c.actual, VERDICT_WORDS[c.verdict]), strict=True
        ):
            cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
