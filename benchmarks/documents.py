"""Benchmark: review reports at province scale, and reading spreadsheets.

1. The annual review of a synthetic province plan with 60 targets and 125 units
   (each unit concretises every target, so the appendix has 125 × 60 rows):
   time to gather it (``build_review``) and to render Word, PDF and Excel.
2. Reading the same 100 000-figure workbook with python-calamine and with
   openpyxl (read-only), values turned into numbers the same way: values per
   second and the ratio, in one run.

Run from the repository root (``make bench``): ``.venv/bin/python benchmarks/documents.py``.
It uses a throw-away SQLite database in a temporary folder.
"""

from __future__ import annotations

import importlib
import io
import os
import platform
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import footprint  # benchmarks/footprint.py, next to this script

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(1, str(ROOT))  # tests.documents.docx_reference: the Word baseline
TMP = tempfile.mkdtemp(prefix="nghiquyet-bench-")
os.environ["NGHIQUYET_VAR_DIR"] = TMP
os.environ.setdefault("NGHIQUYET_CLI", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nghiquyet.settings")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

UNITS = 125
TARGETS = 60
CELLS = 100_000
GOAL_WORD_S = 2.0
GOAL_PDF_S = 15.0
GOAL_PDF_MB = 500


def timed(label: str, func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    elapsed = time.perf_counter() - start
    print(f"  {label:<44} {elapsed:8.2f} s")
    return result, elapsed


def build_province() -> tuple:
    """A province, 125 communes, a plan with 60 targets concretised by every commune, and the
    figures of two years for all of them — written in bulk (this is set-up, not measured)."""
    from nghiquyet.orgs.models import OrgUnit
    from nghiquyet.plans.models import ClassificationScheme, Group, Indicator, Plan, Target
    from nghiquyet.reporting.models import Value
    from nghiquyet.reporting.periods import PeriodSpec
    from nghiquyet.reporting.services import period_get_or_create

    rng = random.Random(20261121)
    with transaction.atomic():
        province = OrgUnit.objects.create(
            code="P", name="Tỉnh Thử nghiệm", kind="province", path=""
        )
        province.path = f"/{province.pk}/"
        province.save()
        communes = OrgUnit.objects.bulk_create(
            OrgUnit(
                code=f"X{i:03d}",
                name=f"Xã Thử nghiệm {i}",
                kind="commune",
                parent=province,
                path="",
                depth=1,
                order=i,
            )
            for i in range(UNITS)
        )
        for c in communes:
            c.path = f"{province.path}{c.pk}/"
        OrgUnit.objects.bulk_update(communes, ["path"])
        scheme = ClassificationScheme.objects.get(key="bands")
        indicators = Indicator.objects.bulk_create(
            Indicator(
                code=f"ind-{i}",
                name=f"Chỉ số thử nghiệm số {i}",
                unit_of_measure="%" if i % 3 == 0 else "tỷ đồng",
                aggregation="sum",
                nature="flow",
            )
            for i in range(TARGETS)
        )
        plan = Plan.objects.create(
            code="tinh-thu",
            kind="annual_resolution",
            number="01-NQ/TU",
            title="về nhiệm vụ năm 2025",
            unit=province,
            issuing_body="Tỉnh ủy Thử nghiệm",
            superior_body="Đảng bộ tỉnh",
            year=2025,
            scheme=scheme,
        )
        groups = Group.objects.bulk_create(
            Group(plan=plan, kind="targets", code=r, name=f"Nhóm chỉ tiêu {r}", order=i)
            for i, r in enumerate(("I", "II", "III", "IV"))
        )
        targets = Target.objects.bulk_create(
            Target(
                plan=plan,
                group=groups[i % 4],
                code=str(i + 1),
                order=i,
                indicator=indicators[i],
                name=f"Chỉ tiêu thử nghiệm số {i + 1}",
                direction="lower" if i % 7 == 0 else "higher",
                target_value=rng.uniform(50, 5000),
            )
            for i in range(TARGETS)
        )
        child_targets = []
        for c in communes:
            child = Plan.objects.create(
                code=f"xa-{c.code}",
                kind="annual_resolution",
                number="01-NQ/ĐU",
                title="về nhiệm vụ năm 2025",
                unit=c,
                issuing_body=f"Đảng ủy {c.name}",
                year=2025,
                parent=plan,
                scheme=scheme,
            )
            g = Group.objects.create(
                plan=child, kind="targets", name="Chỉ tiêu cụ thể hóa", order=0
            )
            child_targets += [
                Target(
                    plan=child,
                    group=g,
                    code=t.code,
                    order=t.order,
                    indicator=t.indicator,
                    name=t.name,
                    direction=t.direction,
                    parent=t,
                    target_value=float(t.target_value) / UNITS,
                )
                for t in targets
            ]
        Target.objects.bulk_create(child_targets, batch_size=2000)
        values = []
        for year in (2024, 2025):
            period = period_get_or_create(spec=PeriodSpec("year", year))
            for t in targets:
                base = float(t.target_value)
                values.append(
                    Value(
                        indicator=t.indicator,
                        unit=province,
                        period=period,
                        value=round(base * rng.uniform(0.4, 1.3), 2),
                        status="official",
                    )
                )
                for c in communes:
                    values.append(
                        Value(
                            indicator=t.indicator,
                            unit=c,
                            period=period,
                            value=round(base / UNITS * rng.uniform(0.4, 1.3), 2),
                            status="official",
                        )
                    )
        Value.objects.bulk_create(values, batch_size=5000)
    return plan, len(values)


def bench_reports() -> dict:
    from nghiquyet.documents.render_docx import render_docx
    from nghiquyet.documents.render_pdf import render_pdf, render_pdf_weasyprint
    from nghiquyet.documents.render_xlsx import render_xlsx
    from nghiquyet.documents.report import build_review
    from nghiquyet.orgs.scopes import SYSTEM
    from nghiquyet.plans.models import Plan
    from nghiquyet.reporting.models import Period
    from nghiquyet.reporting.selectors.evaluation import plan_evaluation, plan_evaluations

    print(f"1. Annual review: {TARGETS} targets, {UNITS} units (appendix {TARGETS * UNITS:,} rows)")
    (plan, n_values), _setup = timed("set-up (not measured below)", build_province)
    period = Period.objects.get(key="2025")
    review, t_build, m_build, _ = footprint.measured(
        lambda: build_review(user=SYSTEM, plan=plan, period=period)
    )
    print(
        f"  {'build_review (evaluate plan and 125 units)':<44} {t_build:8.2f} s, {m_build:,.0f} MB"
    )
    units = list(Plan.objects.filter(parent=plan).select_related("unit", "scheme"))
    one_by_one, t_each = timed(
        f"evaluate the {len(units)} units one by one (baseline)",
        lambda: [plan_evaluation(user=SYSTEM, plan=u, period=period) for u in units],
    )
    together, t_together = timed(
        f"evaluate the {len(units)} units together",
        plan_evaluations,
        user=SYSTEM,
        plans=units,
        period=period,
    )
    assert [e.summary for e in together] == [e.summary for e in one_by_one]
    print(f"  together is {t_each / t_together:.1f}× faster than one by one")
    print(f"  ({footprint.load_average()})")
    docx_old, t_docx_old, m_docx_old, s_docx_old = footprint.measured(
        lambda: render_docx_cell_by_cell(review)
    )
    docx, t_docx, m_docx, s_docx = footprint.measured(lambda: render_docx(review))
    same = document_xml(docx) == document_xml(docx_old)
    assert same, "the one-pass tables must give the same word/document.xml"
    print(f"  ({footprint.load_average()} before the PDF)")
    # Once per process, as in the job worker (only its first PDF pays it), and outside both
    # PDF steps so that neither route carries it: ~1 s here, where no bytecode is cached.
    timed("import WeasyPrint (once per process)", lambda: importlib.import_module("weasyprint.pdf"))
    # The new route first: the one-process WeasyPrint route leaves the process holding ~1 GB
    # it does not give back.
    pdf, t_pdf, m_pdf, s_pdf, cpu_own, cpu_workers = footprint.measured_with_workers(
        lambda: render_pdf(review), every_s=0.1
    )
    pdf_one, t_pdf_one, m_pdf_one, s_pdf_one, cpu_one, _ = footprint.measured_with_workers(
        lambda: render_pdf_weasyprint(review, processes=1)
    )
    pages, same_pdf = compare_pdfs(pdf_one, pdf)
    xlsx, t_xlsx, m_xlsx, s_xlsx = footprint.measured(lambda: render_xlsx(review))
    print(f"  {'step':<46}{'time':>9}{'peak RSS':>11}{'at start':>10}{'goal':>22}  met?")
    for label, t, mb, at_start, goal in (
        ("render Word, cell by cell (baseline)", t_docx_old, m_docx_old, s_docx_old, ""),
        ("render Word, tables in one pass", t_docx, m_docx, s_docx, ""),
        ("build_review + render Word", t_build + t_docx, max(m_build, m_docx), 0, "< 2 s"),
        ("render PDF, WeasyPrint, one process (baseline)", t_pdf_one, m_pdf_one, s_pdf_one, ""),
        ("render PDF, appendix drawn (pdf_tables)", t_pdf, m_pdf, s_pdf, "< 15 s, < 500 MB"),
        ("render Excel (.xlsx)", t_xlsx, m_xlsx, s_xlsx, ""),
    ):
        met = ""
        if goal == "< 2 s":
            met = "yes" if t < GOAL_WORD_S else "NO"
        elif goal:  # the memory the PDF needs: its peak less what the process held before
            met = "yes" if t < GOAL_PDF_S and mb - at_start < GOAL_PDF_MB else "NO"
        start = f"{at_start:>7,.0f} MB" if at_start else f"{'':>10}"
        print(f"  {label:<46}{t:>7.2f} s{mb:>8,.0f} MB{start}{goal:>22}  {met}")
    print(
        f"  Word: one pass {t_docx_old / t_docx:.1f}× faster than cell by cell, "
        f"word/document.xml identical: {same}"
    )
    print(
        f"  PDF: appendix drawn {t_pdf_one / t_pdf:.1f}× faster than WeasyPrint in one "
        f"process (wall); CPU {cpu_one:.1f} s WeasyPrint, {cpu_own:.1f} s here + "
        f"{cpu_workers:.1f} s in workers with the appendix drawn; PDF memory = this process "
        f"and any workers together (proportional set sizes, sampled; 'at start' the process "
        f"alone): drawn +{m_pdf - s_pdf:,.0f} MB, WeasyPrint +{m_pdf_one - s_pdf_one:,.0f} "
        f"MB over the start; the two PDFs' pages: {same_pdf}"
    )
    print(
        f"  sizes: docx {len(docx) / 1e6:.1f} MB, pdf {len(pdf) / 1e6:.1f} MB ({pages} pages), "
        f"xlsx {len(xlsx) / 1e6:.1f} MB; {n_values:,} figures in the database"
    )
    print(f"  total for Word: {t_build + t_docx:.2f} s; for PDF: {t_build + t_pdf:.2f} s")
    print(f"  ({footprint.load_average()}; peak RSS: the process's while the step ran)")
    return {
        "build": t_build,
        "each": t_each,
        "together": t_together,
        "docx_old": t_docx_old,
        "docx": t_docx,
        "pdf_one": t_pdf_one,
        "pdf": t_pdf,
        "pdf_mb": m_pdf,
        "xlsx": t_xlsx,
        "pages": pages,
    }


def compare_pdfs(reference: bytes, drawn: bytes) -> tuple[int, str]:
    """(pages, what was checked): the PDF with the appendix drawn has the pages of the one
    WeasyPrint set in one process, each numbered from 2 on, and every word of every page on
    the same line at the same place (within the tolerances of tests/documents/test_pdf_tables:
    1 pt across, 0.3 pt down)."""
    from pypdf import PdfReader
    from tests.documents.pdf_words import differences

    a, b = PdfReader(io.BytesIO(reference)), PdfReader(io.BytesIO(drawn))
    assert len(a.pages) == len(b.pages), (len(a.pages), len(b.pages))
    for i in range(1, len(b.pages)):
        text = b.pages[i].extract_text()
        assert text.split()[0] == str(i + 1), (i, text[:40])
    missing = differences(drawn, reference)
    assert not missing, missing[:20]
    words = sum(len(p.extract_text().split()) for p in b.pages)
    return len(b.pages), f"{len(b.pages)} each, numbered, all ~{words:,} words in place"


def document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def render_docx_cell_by_cell(review) -> bytes:
    """The Word file as it was rendered before the one-pass tables (the baseline): the
    tables built with python-docx's objects (tests/documents/docx_reference.py)."""
    from tests.documents import docx_reference

    from nghiquyet.documents import render_docx as module

    fast = module._target_table, module._outlook_table
    module._target_table = docx_reference.target_table
    module._outlook_table = docx_reference.outlook_table
    try:
        return module.render_docx(review)
    finally:
        module._target_table, module._outlook_table = fast


def make_workbook(path: Path) -> None:
    """100 000 figures: 2 000 rows × 50 value columns, half numbers, half Vietnamese text."""
    from openpyxl import Workbook

    rng = random.Random(7)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Số liệu")
    ws.append(["Mã", *[f"Chỉ tiêu {i}" for i in range(50)]])
    for r in range(CELLS // 50):
        row = [f"X{r:05d}"]
        for c in range(50):
            value = round(rng.uniform(0, 100_000), 2)
            # Some units type text: "1.234,5" instead of a number.
            row.append(value if c % 2 else f"{value:,.2f}".translate(str.maketrans(",.", ".,")))
        ws.append(row)
    wb.save(path)


def read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    from nghiquyet.text.numbers import NumberReader

    reader = NumberReader()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Số liệu").to_python()
    n = 0
    for row in rows[1:]:
        for cell in row[1:]:
            value = cell if isinstance(cell, float | int) else reader.read(cell)
            n += value == value
    return n


def read_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    from nghiquyet.text.numbers import NumberReader

    reader = NumberReader()
    wb = load_workbook(path, read_only=True, data_only=True)
    n = 0
    for row in wb["Số liệu"].iter_rows(min_row=2, values_only=True):
        for cell in row[1:]:
            value = cell if isinstance(cell, float | int) else reader.read(cell)
            n += value == value
    wb.close()
    return n


def bench_reading() -> dict:
    path = Path(TMP) / "100k.xlsx"
    print(f"2. Reading a workbook of {CELLS:,} figures (half numbers, half text '1.234,5')")
    timed("write it with openpyxl (set-up)", make_workbook, path)
    print(f"  file size {path.stat().st_size / 1e6:.1f} MB")
    best = {}
    for name, func in (("python-calamine", read_calamine), ("openpyxl (read-only)", read_openpyxl)):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            n = func(path)
            times.append(time.perf_counter() - start)
        assert n == CELLS, n
        best[name] = min(times)
        print(f"  {name:<22} best of 3 {best[name]:6.2f} s  {CELLS / best[name]:>10,.0f} values/s")
    ratio = best["openpyxl (read-only)"] / best["python-calamine"]
    print(f"  calamine is {ratio:.1f}× faster than openpyxl on the same file")
    return best


def main() -> None:
    print(
        f"Machine: {os.cpu_count()} CPU ({platform.machine()}), Python "
        f"{platform.python_version()}, {platform.system()}; database SQLite in {TMP}"
    )
    call_command("migrate", verbosity=0)
    bench_reports()
    bench_reading()
    print(footprint.peak_line())


if __name__ == "__main__":
    main()
