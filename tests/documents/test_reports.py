"""Review reports: built from live data, rendered to Word, PDF and Excel, and opened back."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook
from pypdf import PdfReader

from nghiquyet.documents.choices import JobStatus
from nghiquyet.documents.models import Job
from nghiquyet.documents.render_docx import render_docx
from nghiquyet.documents.render_pdf import render_pdf
from nghiquyet.documents.render_xlsx import render_xlsx
from nghiquyet.documents.report import MID_TERM, build_review, vietnamese_date
from nghiquyet.documents.sentences import lower_first
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period

from .reviews import people_committee_plan

pytestmark = pytest.mark.django_db

SEED_001 = (
    "15/25 chỉ tiêu đạt và vượt; 6/25 chỉ tiêu xấp xỉ đạt; 1/25 chỉ tiêu đạt trên 80%; "
    "1/25 chỉ tiêu đạt trên 70%; 1/25 chỉ tiêu đạt trên 50%; 1/25 chỉ tiêu không đạt."
)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def review_2022(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return build_review(
            user=SYSTEM,
            plan=Plan.objects.get(code="tinh-2022"),
            period=Period.objects.get(key="2022"),
        )


@pytest.fixture(scope="module")
def docx_2022(review_2022):
    return Document(io.BytesIO(render_docx(review_2022)))


@pytest.fixture(scope="module")
def pdf_2022(review_2022):
    return render_pdf(review_2022)


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_the_review_says_what_the_province_reported(review_2022):
    assert review_2022.intro == (
        "Năm 2022, trong 25 chỉ tiêu chủ yếu Nghị quyết số 04-NQ/TU đề ra, có " + SEED_001
    )
    assert review_2022.title == (
        "Tổng kết thực hiện Nghị quyết số 04-NQ/TU ngày 10/12/2021 "
        "của Tỉnh ủy Bến Tre về nhiệm vụ năm 2022"
    )
    assert review_2022.groups[0].title == "1. Các chỉ tiêu về kinh tế"
    assert len(review_2022.all_rows) == 25
    economy = " ".join(review_2022.groups[0].paragraphs)
    assert (
        "Có 6/11 chỉ tiêu đạt và vượt: tốc độ tăng trưởng GRDP đạt 7,35% (kế hoạch 7 – 7,5%)"
        in (economy)
    )
    assert "GRDP bình quân đầu người đạt 60,5 triệu đồng, bằng 97,58% kế hoạch" in economy
    assert "tổng vốn đầu tư toàn xã hội đạt 21.200 tỷ đồng, bằng 86,53% kế hoạch" in economy
    assert any(p.startswith("Các nhiệm vụ chưa hoàn thành quá hạn: ") for p in review_2022.tasks)
    # completed tasks by group, with their named results
    assert any(": đã hoàn thành " in p and "(sản phẩm: " in p for p in review_2022.tasks)
    # No unit concretises the provincial resolution: the appendix goes by lead unit.
    assert any(u.title == "Cục Thống kê tỉnh (đơn vị chủ trì)" for u in review_2022.appendix)
    head = review_2022.letterhead
    # A province's committee heads its papers alone (Hướng dẫn 36-HD/VPTW, mục II 1.2):
    # "Đảng bộ tỉnh Bến Tre" is its own organisation, not a body above it.
    assert (head.superior, head.issuer) == ("", "TỈNH ỦY BẾN TRE")
    assert head.number.startswith("Số") and head.number.endswith("-BC/TU")
    # No date chosen: blanks to fill by hand in the year of the review, never today's date.
    assert head.place_and_date.startswith("Bến Tre, ngày") and head.place_and_date.endswith(
        "năm 2022"
    )
    assert review_2022.mark == "DỰ THẢO"
    assert review_2022.demo_note.startswith("Số liệu minh họa")
    assert review_2022.signature == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]


def _named(paragraph: str, after: str) -> set[str]:
    """The target names listed after ``after`` up to the sentence's end."""
    listed = paragraph.split(after, 1)[1].split(".", 1)[0]
    return {name.strip() for name in listed.split(";")}


def test_the_directions_name_the_targets_chapter_ii_calls_not_met(review_2022):
    """Chapter II says "Còn 4/25 chỉ tiêu chưa đạt"; the directions' "chỉ tiêu chưa đạt" must
    be those four, not the ten below "đạt và vượt" (the six "xấp xỉ đạt" are named apart)."""
    not_met = [
        r for r in review_2022.evaluation.rows if r.class_key not in ("achieved", "near", "no_data")
    ]
    near = [r for r in review_2022.evaluation.rows if r.class_key == "near"]
    assert (len(not_met), len(near)) == (4, 6)
    assert review_2022.limitations[0].startswith("Còn 4/25 chỉ tiêu chưa đạt: ")
    (push,) = [p for p in review_2022.directions if "chỉ tiêu chưa đạt" in p]
    assert _named(push, "các chỉ tiêu chưa đạt: ") == {lower_first(r.target.name) for r in not_met}
    assert _named(push, "các chỉ tiêu xấp xỉ đạt: ") == {lower_first(r.target.name) for r in near}


def test_word_page_set_up_and_fonts(docx_2022):
    section = docx_2022.sections[0]

    def mm(length) -> int:  # Word keeps sizes in twips
        return round(length.mm)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30, 15)
    normal = docx_2022.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    assert docx_2022.core_properties.language == "vi-VN"
    # Page numbers from page 2: a PAGE field in the header, none on the first page.
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_word_party_letterhead(docx_2022):
    (left, right), (number, date) = (row.cells for row in docx_2022.tables[0].rows)
    party = right.paragraphs[0]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert party.runs[0].bold and party.runs[0].font.size == Pt(15)
    assert "w:pBdr" in right.paragraphs[1]._p.xml  # the rule under it
    # the number and the place and date on one row, so on one line
    date = date.paragraphs[0]
    assert date.text.startswith("Bến Tre, ngày") and date.runs[0].italic
    assert number.paragraphs[0].text.endswith("-BC/TU")
    assert [p.text for p in left.paragraphs] == ["TỈNH ỦY BẾN TRE", "*"]
    assert left.paragraphs[0].runs[0].bold


def test_word_body(docx_2022):
    paragraphs = docx_2022.paragraphs
    kind = next(p for p in paragraphs if p.text == "BÁO CÁO")
    assert kind.runs[0].bold and kind.alignment == 1  # centred
    assert any(SEED_001 in t for t in texts(docx_2022))
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    # The outline offices write: results; limitations and causes; directions.
    assert headings == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. HẠN CHẾ, YẾU KÉM VÀ NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023",
    ]
    subheadings = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert "5. Thực hiện nhiệm vụ, giải pháp" in subheadings
    assert "2. Nguyên nhân" in subheadings
    table = docx_2022.tables[1]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "Kế hoạch",
        "Thực hiện",
        "% kế hoạch",
        "So với cùng kỳ",
        "Đánh giá",
    ]
    assert len(table.rows) == 26
    first = [c.text for c in table.rows[1].cells]
    assert first == [
        "1",
        "Tốc độ tăng trưởng GRDP",
        "%",
        "7\u00a0–\u00a07,5",  # a range never wraps at its dash
        "7,35",
        "105,00%",
        "",  # a growth rate is not compared with last year's growth rate
        "đạt và vượt",
    ]
    assert table.style.name == "Table Grid"
    assert "w:tblHeader" in table.rows[0]._tr.xml  # repeated on every page
    assert len(docx_2022.inline_shapes) == 1  # the chart
    assert any(p.text == "PHỤ LỤC" for p in paragraphs)
    assert "T/M BAN THƯỜNG VỤ" in docx_2022.tables[2].rows[0].cells[1].text


def test_word_state_letterhead(users, units):
    office = users["vanphong.tinh"]
    # one target, no lead unit named
    plan = people_committee_plan(
        units,
        code="ubnd-kh-2022",
        number="125/KH-UBND",
        targets=[("1", "Kim ngạch xuất khẩu", "exports", 1550, None)],
        user=office,
    )
    review = build_review(user=office, plan=plan, period=Period.objects.get(key="2022"))
    doc = Document(io.BytesIO(render_docx(review)))
    (left, right), (number, _date) = (row.cells for row in doc.tables[0].rows)
    assert [p.text for p in right.paragraphs][:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    # Nghị định 30: the body on two lines, the motto on one, "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".
    assert [p.text for p in left.paragraphs][:2] == ["ỦY BAN NHÂN DÂN", "TỈNH BẾN TRE"]
    assert review.signature == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert review.letterhead.number.startswith("Số:")
    assert number.text.startswith("Số:") and number.text.endswith("/BC-UBND")
    assert "1/1 chỉ tiêu đạt và vượt." in review.intro
    # No unit below concretises it and no lead unit is named: no appendix repeating Bảng 1.
    assert review.appendix == []
    assert not any(p.text.startswith(("PHỤ LỤC", "Phụ lục")) for p in doc.paragraphs)
    assert "CHỦ TỊCH" in doc.tables[-2].rows[0].cells[1].text or any(
        "CHỦ TỊCH" in t.rows[0].cells[-1].text for t in doc.tables
    )


def test_pdf_text_pages_and_fonts(pdf_2022):
    reader = PdfReader(io.BytesIO(pdf_2022))
    assert len(reader.pages) >= 4
    first = reader.pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = " ".join(first.extract_text().split())  # the PDF's own line breaks aside
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "TỈNH ỦY BẾN TRE",
        "BÁO CÁO",
        "15/25 chỉ tiêu đạt và vượt",
    ):
        assert expected in text
    # No number on page 1; page 2 starts with its number.
    assert not re.match(r"\s*1\s", text)
    assert reader.pages[1].extract_text().lstrip().startswith("2")
    fonts = {
        str(f.get_object()["/BaseFont"])
        for p in reader.pages[:1]
        for f in p["/Resources"]["/Font"].values()
    }
    # Times New Roman is asked for; Liberation Serif (metric-compatible) is what is embedded.
    assert any("Liberation-Serif" in f for f in fonts), fonts


def test_pdf_first_page_looks_like_a_party_document(pdf_2022):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(pdf_2022)
    image = pdf[0].render(scale=1).to_pil().convert("L")
    ARTIFACTS.mkdir(exist_ok=True)
    image.save(ARTIFACTS / "review-2022-page1.png")
    w, h = image.size
    assert abs(w / h - 210 / 297) < 0.01

    def ink(box) -> float:
        region = image.crop(box)
        dark = sum(region.histogram()[:128])  # greyscale: pixels darker than mid-grey
        return dark / (region.size[0] * region.size[1])

    # The party's name top right and the bodies top left are printed; the top margin is blank.
    assert ink((int(w * 0.55), int(h * 0.06), int(w * 0.95), int(h * 0.10))) > 0.02
    assert ink((int(w * 0.12), int(h * 0.06), int(w * 0.45), int(h * 0.10))) > 0.02
    # The top margin holds only the draft's mark and the demo's note under it, on the right
    # as in the Word file (test_mark_placement measures where).
    assert ink((int(w * 0.75), 0, w, int(h * 0.065))) > 0.01
    assert ink((0, 0, int(w * 0.5), int(h * 0.065))) == 0


def test_excel_workbook(review_2022):
    wb = load_workbook(io.BytesIO(render_xlsx(review_2022)))
    assert wb.sheetnames[0] == "Tổng hợp"
    assert "1. Các chỉ tiêu về kinh tế" in wb.sheetnames
    assert any(name.startswith("PL - ") for name in wb.sheetnames)
    summary = wb["Tổng hợp"]
    assert SEED_001 in summary["A3"].value
    assert summary.cell(row=6, column=1).value == "1. Các chỉ tiêu về kinh tế"
    economy = wb["1. Các chỉ tiêu về kinh tế"]
    assert economy.freeze_panes == "C4"
    assert economy["B4"].value == "Tốc độ tăng trưởng GRDP"
    assert economy["F4"].value == pytest.approx(7.35) and economy["F4"].number_format == "#,##0.00"
    assert economy["G4"].value == pytest.approx(105.0)
    assert economy["J4"].value == "đạt và vượt"
    assert economy.max_row == 3 + 11


def test_mid_term_review_of_the_term_resolution():
    review = build_review(
        user=SYSTEM,
        plan=Plan.objects.get(code="tinh-2020-2025"),
        period=Period.objects.get(key="2023"),
    )
    assert review.kind == MID_TERM
    assert review.title.startswith(
        "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết số 01-NQ/ĐH "
        "Đại hội đại biểu Đảng bộ tỉnh Bến Tre lần thứ XI"
    )
    assert "bình quân 2021–2023" in " ".join(p for g in review.groups for p in g.paragraphs)
    # The counts of a term review stand after the years run so far, not "Năm 2023"
    assert review.intro.startswith(
        "Sau 3 năm thực hiện (2021–2023), trong 9 chỉ tiêu chủ yếu Nghị quyết số 01-NQ/ĐH đề ra,"
    )
    # GRDP needs 10%/năm against a best year of 7,35%: "khó đạt", but not "within reach"
    (grdp,) = [r for r in review.outlook.rows if r.name == "Tăng trưởng GRDP bình quân"]
    assert grdp.outlook == "hard"
    (reason,) = [p for p in review.outlook.paragraphs if p.startswith("- Tăng trưởng GRDP")]
    assert "phải đạt bình quân 10%/năm — cao hơn cả năm cao nhất đã đạt" in reason
    assert "trong tầm với" not in reason
    # the exports need 1.630,9 a year, below the best year's 1.701,4: within reach
    (exports,) = [p for p in review.outlook.paragraphs if p.startswith("- Kim ngạch xuất khẩu")]
    assert "còn trong tầm với (năm cao nhất mới đạt 1.701,4 triệu USD)" in exports


def test_half_year_review_of_the_city_with_an_appendix_per_ward():
    review = build_review(
        user=SYSTEM,
        plan=Plan.objects.get(code="thanhpho-2021"),
        period=Period.objects.get(key="2021-H1"),
    )
    assert review.title.startswith("Sơ kết 6 tháng đầu năm 2021 thực hiện Nghị quyết số 02-NQ/ThU")
    # one appendix per ward or commune whose plan concretises the city's, in the order of
    # the statistics office's list: Phú Khương (28756) comes first.
    assert len(review.appendix) == Plan.objects.filter(parent__code="thanhpho-2021").count() > 0
    assert review.appendix[0].title.startswith("Phường Phú Khương")
    assert review.reporting[0].startswith("Đợt báo cáo 6 tháng đầu năm 2021 (hạn gửi 20/06/2021)")
    assert "Các đơn vị chưa gửi báo cáo:" in review.reporting[1]


@pytest.mark.parametrize(
    ("day", "text"),
    [
        ("2023-01-05", "ngày 05 tháng 01 năm 2023"),
        ("2022-12-20", "ngày 20 tháng 12 năm 2022"),
        ("2022-02-09", "ngày 09 tháng 02 năm 2022"),
        ("2022-11-21", "ngày 21 tháng 11 năm 2022"),
    ],
)
def test_dates_are_written_as_in_administrative_documents(day, text):
    import datetime as dt

    assert vietnamese_date(dt.date.fromisoformat(day)) == text


# --- in the background -------------------------------------------------------------------


def start(client, code="tinh-2022", fmt="docx", period="2022"):
    return client.post(
        reverse("documents:report-start", args=[code]), {"ky": period, "dinh_dang": fmt}
    )


@pytest.mark.parametrize(
    ("fmt", "content_type", "suffix"),
    [
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
        ),
        ("pdf", "application/pdf", ".pdf"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
        ("dashboard", "application/pdf", ".pdf"),
    ],
)
def test_a_report_is_made_in_the_background_and_downloaded(
    users, settings, tmp_path, django_capture_on_commit_callbacks, fmt, content_type, suffix
):
    settings.MEDIA_ROOT = tmp_path
    c = Client()
    c.force_login(users["lanhdao.tinh"])
    with django_capture_on_commit_callbacks(execute=True):
        response = start(c, fmt=fmt)
    job = Job.objects.get(created_by=users["lanhdao.tinh"])
    assert response.status_code == 302 and response["Location"] == reverse(
        "documents:job-detail", args=[job.pk]
    )
    assert job.status == JobStatus.DONE and job.progress == 100
    page = c.get(reverse("documents:job-detail", args=[job.pk])).content.decode()
    assert 'data-testid="download"' in page
    download = c.get(reverse("documents:job-download", args=[job.pk]))
    assert download["Content-Type"] == content_type
    assert job.result_name.endswith(suffix) and "tinh-2022-2022" in job.result_name
    body = b"".join(download.streaming_content)
    if suffix == ".docx":
        assert any(SEED_001 in p.text for p in Document(io.BytesIO(body)).paragraphs)
    elif suffix == ".pdf":
        text = " ".join(PdfReader(io.BytesIO(body)).pages[0].extract_text().split())
        assert "15/25 chỉ tiêu đạt và vượt" in text
    else:
        assert SEED_001 in load_workbook(io.BytesIO(body))["Tổng hợp"]["A3"].value


def test_jobs_and_reports_respect_scope(
    users, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    leader, ward = Client(), Client()
    leader.force_login(users["lanhdao.tinh"])
    ward.force_login(users["baocao.anhoi"])
    assert start(ward).status_code == 404  # the province's plan is outside the ward's scope
    with django_capture_on_commit_callbacks(execute=True):
        start(leader)
    job = Job.objects.get()
    assert ward.get(reverse("documents:job-detail", args=[job.pk])).status_code == 404
    assert ward.get(reverse("documents:job-download", args=[job.pk])).status_code == 404
    assert start(leader, period="2019").status_code == 404  # not a year of the plan
    assert start(leader, fmt="exe").status_code == 404
    assert leader.get(reverse("documents:report-start", args=["tinh-2022"])).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_report(demo_loaded, settings, tmp_path):
    """The real path: the job waits in the database until ``db_worker`` picks it up.

    Transactional: the worker closes its database connection when it is done.
    """
    from django.contrib.auth import get_user_model
    from django_tasks_db.models import DBTaskResult

    users = {u.username: u for u in get_user_model().objects.all()}
    from nghiquyet.documents.services import job_start

    settings.MEDIA_ROOT = tmp_path
    # As in production: jobs wait in the database (django-tasks resets on this change).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    plan = Plan.objects.get(code="tinh-2022")
    job = job_start(
        acting_user=users["lanhdao.tinh"],
        kind="report",
        unit=plan.unit,
        title="Báo cáo thử",
        params={"plan": plan.pk, "period": "2022", "format": "xlsx"},
    )
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.result_name.endswith(".xlsx")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_download_is_checked_against_the_current_scope(
    land, settings, tmp_path, django_capture_on_commit_callbacks
):
    """A report file made before the user's grant was taken away is no longer served."""
    from nghiquyet.accounts.models import Grant
    from nghiquyet.accounts.services import grant_delete
    from tests.factories import make_report, make_user

    settings.MEDIA_ROOT = tmp_path
    province = land["T1"]
    make_report(land, "tai-2031")
    reader = make_user("doc.tinh", ("viewer", province))
    c = Client()
    c.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = start(c, code="tai-2031", period="2031", fmt="xlsx")
    assert response.status_code == 302
    job = Job.objects.get(created_by=reader)
    assert job.status == JobStatus.DONE
    url = reverse("documents:job-download", args=[job.pk])
    assert c.get(url).status_code == 200
    grant_delete(acting_user=SYSTEM, grant=Grant.objects.get(user=reader))
    assert c.get(url).status_code == 403


def test_excel_prints_and_names_its_sheets_on_word_boundaries(review_2022):
    from nghiquyet.documents.render_xlsx import _sheet_name

    wb = load_workbook(io.BytesIO(render_xlsx(review_2022)))
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in ws.oddFooter.center.text
    economy = wb["1. Các chỉ tiêu về kinh tế"]
    assert economy.print_title_rows == "$3:$3"
    # Names cut on a word boundary, unique whatever their case.
    long = "4. Các chỉ tiêu về xây dựng Đảng và hệ thống chính trị"
    taken: set[str] = set()
    first, second = _sheet_name(long, taken), _sheet_name(long, taken)
    assert first == "4. Các chỉ tiêu về xây dựng…" and len(first) <= 31
    assert second.endswith(" (2)") and len(second) <= 31 and first != second
    assert all(len(name) <= 31 for name in wb.sheetnames)
    # A count with the indicator's own decimals: "1.845", not "1.845,00".
    party = wb[next(n for n in wb.sheetnames if n.startswith("4. "))]
    members = next(r for r in party.iter_rows(min_row=4) if r[1].value == "Kết nạp đảng viên mới")
    assert members[5].value == 1845 and members[5].number_format == "#,##0"
