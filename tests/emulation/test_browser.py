"""The issue's done-when in a real browser, on the demo: the city office opens the 2021
emulation round, sees each ward's score built from its resolution results, reporting
timeliness and tasks — each point traceable —, records the council's vote on a proposal, and
generates the decision as Word (and a certificate); a Ban Thường vụ meeting's conclusion
becomes tasks whose progress shows on a page and in a report."""

import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _docx_text(path) -> str:
    doc = Document(path)
    return "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )


def test_the_city_scores_its_wards_votes_on_a_proposal_and_decides(new_page, tmp_path):
    page = new_page()
    sign_in(page, "vanphong.thanhpho")
    page.goto("/thi-dua/")
    page.get_by_role("link", name=re.compile("Đồng khởi mới.* năm 2021")).click()
    expect(page.get_by_role("heading", name="Chấm điểm thi đua năm 2021")).to_be_visible()
    wards = page.locator(
        "section.ranking", has=page.get_by_role("heading", name="Cụm thi đua các phường")
    )
    rows = wards.locator("tbody tr")
    assert rows.count() >= 2
    # Every ward has a total, and ranks start at 1.
    expect(rows.first.locator("td.rank")).to_have_text("1")
    for i in range(rows.count()):
        assert re.fullmatch(r"\d+(,\d+)?", rows.nth(i).locator("td.total").inner_text().strip())
    # Each ward's score: each criterion with what it was built from — its targets and its
    # reports for every ward, the tasks it owns where it owns some.
    round_url = page.url
    scores = [
        rows.nth(i).locator("td").nth(1).get_by_role("link").first.get_attribute("href")
        for i in range(rows.count())
    ]
    kinds_seen = set()
    for href in scores:
        page.goto(href)
        expect(page.get_by_test_id("total")).to_be_visible()
        for kind in ("target", "submission"):
            expect(page.locator(f"table.trace tr[data-kind='{kind}']").first).to_be_visible()
        if page.locator("table.trace tr[data-kind='task']").count():
            kinds_seen.add("task")
            with_task = href
    assert kinds_seen == {"task"}
    # …and one click leads from a point to the target and the task behind it.
    page.goto(with_task)
    task = page.locator("table.trace tr[data-kind='task'] a").first
    title = task.inner_text()
    task.click()
    expect(page.locator("h1")).to_contain_text(title[:30])
    page.goto(with_task)
    target = page.locator("table.trace tr[data-kind='target'] a").first
    name = target.inner_text().split(". ", 1)[1][:30]
    target.click()
    expect(page.locator("h1")).to_contain_text(name)
    page.goto(round_url)
    # The council's vote on the proposal still waiting.
    page.locator("#de-nghi tr[data-status='proposed'] a").first.click()
    expect(page.get_by_test_id("proposal-status")).to_have_attribute("data-status", "proposed")
    page.get_by_label("Số phiếu đồng ý").fill("9")
    page.get_by_label("Tổng số phiếu").fill("11")
    page.get_by_label("Hội đồng xác nhận các tiêu chuẩn do hội đồng đánh giá").check()
    page.get_by_role("button", name="Ghi kết quả bình xét").click()
    expect(page.get_by_test_id("proposal-status")).to_have_attribute("data-status", "approved")
    expect(page.get_by_test_id("votes")).to_contain_text("9/11 (81,8%)")
    # The decision on it, as Word.
    page.locator("nav.crumbs a").nth(1).click()
    page.get_by_role("link", name=re.compile("Quyết định khen thưởng \\(1 đề nghị")).click()
    page.locator("input[name='proposals']").first.check()
    page.get_by_label("Số, ký hiệu").fill("35/QĐ-UBND")
    page.get_by_label("Ngày ký").fill("25/01/2022")
    page.get_by_label("Cơ quan ban hành").fill("Ủy ban nhân dân thành phố Bến Tre")
    page.get_by_label("Chức vụ người ký").fill("Chủ tịch")
    page.get_by_role("button", name="Ban hành quyết định").click()
    expect(page.get_by_role("heading", name="Quyết định số 35/QĐ-UBND")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải quyết định (Word)").click()
    path = tmp_path / "qd.docx"
    info.value.save_as(path)
    text = _docx_text(path)
    assert "Số: 35/QĐ-UBND" in text and "Cờ thi đua của Ủy ban nhân dân tỉnh" in text
    # The earlier decision's person has a certificate to print.
    page.goto("/thi-dua/")
    page.get_by_role("link", name=re.compile("Đồng khởi mới.* năm 2021")).click()
    page.get_by_role("link", name="2150/QĐ-UBND").first.click()
    href = page.locator("tr", has_text="Nguyễn Thị Minh Thư").get_by_role("link", name="In (PDF)")
    pdf = page.request.get(href.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    words = " ".join(PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text().split())
    assert "Lao động tiên tiến" in words and "Nguyễn Thị Minh Thư" in words


def test_a_conclusion_becomes_tasks_whose_progress_shows_and_is_reported(new_page, tmp_path):
    page = new_page()
    sign_in(page, "vanphong.thanhpho")
    page.goto("/hoi-nghi/")
    page.get_by_role(
        "link", name=re.compile("Sơ kết tình hình thực hiện Nghị quyết 6 tháng")
    ).click()
    expect(page.get_by_test_id("progress-summary")).to_contain_text("2/4 nhiệm vụ đã hoàn thành")
    statuses = page.locator("tr[data-task]")
    expect(statuses).to_have_count(4)
    got = sorted(statuses.nth(i).get_attribute("data-status") for i in range(4))
    assert got == ["done_late", "done_on_time", "open_overdue", "open_overdue"]
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải báo cáo tình hình thực hiện (Word)").click()
    path = tmp_path / "tinh-hinh.docx"
    info.value.save_as(path)
    text = _docx_text(path)
    assert "Rà soát, điều chuyển vốn các công trình chậm giải ngân" in text
    assert "quá hạn" in text


def test_the_emulation_pages_pass_axe(new_page):
    """axe-core (WCAG 2.1 A and AA) over the emulation and meeting pages, as
    tests/web/test_accessibility_browser.py does for the others."""
    from nghiquyet.emulation.models import Decision, EmulationRound, Person, Proposal
    from nghiquyet.meetings.models import Meeting
    from tests.browser import axe_violations

    rnd = EmulationRound.objects.get(movement__unit__code="829", year=2021)
    person = Person.objects.get(name="Nguyễn Thị Minh Thư")
    urls = [
        "/thi-dua/",
        f"/thi-dua/dot/{rnd.pk}/",
        f"/thi-dua/dot/{rnd.pk}/don-vi/{person.unit_id}/",
        f"/thi-dua/dot/{rnd.pk}/de-nghi/moi/",
        f"/thi-dua/dot/{rnd.pk}/quyet-dinh/moi/",
        f"/thi-dua/de-nghi/{Proposal.objects.get(round=rnd, status='proposed').pk}/",
        f"/thi-dua/quyet-dinh/{Decision.objects.get(number='2150/QĐ-UBND').pk}/",
        f"/thi-dua/lich-su/{person.unit_id}/",
        f"/thi-dua/ca-nhan/{person.pk}/",
        f"/hoi-nghi/{Meeting.objects.get(conclusion__number='145-TB/ThU').pk}/",
    ]
    page = new_page()
    sign_in(page, "vanphong.thanhpho")
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        problems += [f"{url}: {line}" for line in axe_violations(page)]
    assert problems == [], "\n".join(problems)
