"""The office's cycle in a real browser, with no superuser (issue 11, "Done when"): a city
office creates its resolution with groups, targets and tasks, corrects a target after figures
exist (the old figure stays, dated), adds a reporter and a leader for a new ward, opens a
round after seeing who will receive it, extends the ward's deadline and closes the round — and
divides a target among its wards by hand, and sees the adjustment on the target's page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nghiquyet.audit.models import AuditEvent
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.orgs.services import orgunit_create
from tests.browser import DEMO_PASSWORD, sign_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _city():
    province = OrgUnit.objects.get(code="86")
    city = orgunit_create(
        acting_user=SYSTEM,
        code="86-TPT",
        name="Thành phố Thử",
        kind="provincial_city",
        parent=province,
    )
    ward = orgunit_create(
        acting_user=SYSTEM, code="86-TPT-1", name="Phường Một", kind="ward", parent=city
    )
    orgunit_create(
        acting_user=SYSTEM, code="86-TPT-2", name="Phường Hai", kind="ward", parent=city, order=1
    )
    office = make_user("vanphong.tpthu", ("office", city))
    office.set_password(DEMO_PASSWORD)
    office.save()
    return city, ward, office


def test_a_city_office_runs_its_cycle_in_the_web(new_page):
    from nghiquyet.plans.models import Plan
    from nghiquyet.reporting.choices import PeriodKind
    from nghiquyet.reporting.periods import PeriodSpec
    from nghiquyet.reporting.services import period_get_or_create, value_record

    city, ward, office = _city()
    year = timezone.localdate().year
    page = new_page()
    sign_in(page, "vanphong.tpthu")

    # 1. The resolution.
    page.goto("/nghi-quyet-moi/")
    page.locator("[name=code]").fill("tpthu-nam")
    page.locator("[name=kind]").select_option("annual_resolution")
    page.locator("[name=number]").fill("05-NQ/ThU")
    page.locator("[name=title]").fill(f"về nhiệm vụ năm {year}")
    page.locator("[name=unit]").select_option(str(city.pk))
    page.locator("[name=issuing_body]").fill("Ban Chấp hành Đảng bộ thành phố Thử")
    page.locator("[name=year]").fill(str(year))
    page.get_by_role("button", name="Tạo").click()
    expect(page.locator("h1")).to_have_text("Nghị quyết số 05-NQ/ThU")

    # 2. A group, a target (with a new indicator), a task.
    page.get_by_role("link", name="Thêm nhóm chỉ tiêu").click()
    page.locator("[name=code]").fill("I")
    page.locator("[name=name]").fill("Phát triển kinh tế")
    page.get_by_role("button", name="Thêm").click()
    page.get_by_role("link", name="Thêm chỉ tiêu").click()
    page.locator("[name=name]").fill("Thu ngân sách trên địa bàn")
    page.locator("[name=new_indicator]").fill("Thu ngân sách trên địa bàn")
    page.locator("[name=new_indicator_unit]").fill("tỷ đồng")
    page.locator("[name=statement]").fill("Thu ngân sách đạt 100 tỷ đồng")
    page.locator("[name=target_value]").fill("100")
    page.locator("[name=lead_unit]").select_option(str(ward.pk))
    page.get_by_role("button", name="Thêm").click()
    expect(page.get_by_test_id("editor-targets")).to_contain_text("Thu ngân sách đạt 100 tỷ đồng")
    page.get_by_role("link", name="Giao nhiệm vụ", exact=True).click()
    page.locator("[name=title]").fill("Rà soát nguồn thu")
    page.locator("[name=owner_unit]").select_option(str(ward.pk))
    page.locator("[name=product]").fill("Báo cáo rà soát")
    page.locator("[name=deadline]").fill(f"30/09/{year + 1}")
    page.get_by_role("button", name="Giao", exact=True).click()
    expect(page.get_by_test_id("editor-tasks")).to_contain_text("Rà soát nguồn thu")

    # 3. A figure exists: the target is corrected by an adjustment, the old figure stays.
    plan = Plan.objects.get(code="tpthu-nam")
    target = plan.targets.get()
    value_record(
        acting_user=SYSTEM,
        indicator=target.indicator,
        unit=city,
        period=period_get_or_create(spec=PeriodSpec(PeriodKind.HALF_YEAR, year)),
        value=40,
    )
    page.goto(f"/nghi-quyet/tpthu-nam/soan/chi-tieu/{target.pk}/")
    expect(page.get_by_test_id("figures-locked")).to_be_visible()
    page.get_by_test_id("figures-locked").get_by_role("link").click()
    page.locator("[name=statement]").fill("Thu ngân sách đạt 120 tỷ đồng")
    page.locator("[name=target_value]").fill("120")
    page.locator("[name=effective_on]").fill(f"01/07/{year}")
    page.locator("[name=document]").fill(f"Nghị quyết số 09-NQ/ThU ngày 30/6/{year}")
    page.get_by_role("button", name="Ghi điều chỉnh").click()
    history = page.get_by_test_id("adjustments")
    expect(history).to_contain_text(f"01/07/{year}")
    expect(history).to_contain_text("Thu ngân sách đạt 100 tỷ đồng")
    expect(history).to_contain_text("Nghị quyết số 09-NQ/ThU")

    # 3b. The office divides a count among its two wards by hand, from the cascade page: shares
    # that do not add up are refused with the total named, then set.
    page.goto("/nghi-quyet/tpthu-nam/soan/")
    page.get_by_role("link", name="Thêm chỉ tiêu").click()
    page.locator("[name=name]").fill("Doanh nghiệp thành lập mới")
    page.locator("[name=new_indicator]").fill("Doanh nghiệp thành lập mới (thành phố Thử)")
    page.locator("[name=new_indicator_unit]").fill("doanh nghiệp")
    page.locator("[name=new_indicator_aggregation]").select_option("sum")
    page.locator("[name=statement]").fill("Thành lập mới 12 doanh nghiệp")
    page.locator("[name=target_value]").fill("12")
    page.get_by_role("button", name="Thêm").click()
    expect(page.get_by_test_id("editor-targets")).to_contain_text("Thành lập mới 12 doanh nghiệp")
    second = plan.targets.get(name="Doanh nghiệp thành lập mới")
    page.goto("/nghi-quyet/tpthu-nam/cu-the-hoa/")
    page.get_by_test_id("shareable").get_by_role(
        "link", name=f"Giao phần chỉ tiêu {second.code}"
    ).click()
    page.get_by_label("giao cụ thể cho từng đơn vị").check()
    ward_two = OrgUnit.objects.get(code="86-TPT-2")
    page.locator(f"[name=share-{ward.pk}]").fill("7")
    page.locator(f"[name=share-{ward_two.pk}]").fill("4")
    page.get_by_role("button", name="Ghi cách giao").click()
    expect(page.get_by_test_id("share-errors")).to_contain_text("cộng lại là 11, thiếu 1")
    page.locator(f"[name=share-{ward_two.pk}]").fill("5")
    page.get_by_role("button", name="Ghi cách giao").click()
    expect(page.get_by_test_id("share-method")).to_have_text("giao cụ thể cho từng đơn vị")
    expect(page.locator('[data-testid=shares] tr[data-unit="86-TPT-2"]')).to_contain_text("5")
    page.goto("/nghi-quyet/tpthu-nam/cu-the-hoa/")
    expect(page.get_by_test_id("shareable")).to_contain_text("giao cụ thể cho từng đơn vị")

    # 3c. The target's page shows the adjustment and which figure judges the period viewed.
    # (the chart's library need not have loaded for the facts and the table)
    page.goto(
        f"/nghi-quyet/tpthu-nam/chi-tieu/{target.code}/?ky={year}-H1",
        wait_until="domcontentloaded",
    )
    expect(page.get_by_test_id("figure-in-force")).to_contain_text(
        f"Kỳ này kết thúc trước lần điều chỉnh từ 01/07/{year}"
    )
    page.goto(
        f"/nghi-quyet/tpthu-nam/chi-tieu/{target.code}/?ky={year}", wait_until="domcontentloaded"
    )
    adjustments = page.get_by_test_id("target-adjustments")
    expect(adjustments).to_contain_text(f"01/07/{year}")
    expect(adjustments).to_contain_text("Nghị quyết số 09-NQ/ThU")
    expect(adjustments).to_contain_text("áp dụng cho kỳ đang xem")
    expect(page.get_by_test_id("figure-in-force")).to_contain_text("trước đó: 100")

    # 4. A reporter and a leader for the new ward.
    for username, role in (("baocao.phuongmot", "reporter"), ("lanhdao.phuongmot", "approver")):
        page.goto("/don-vi/nguoi-dung/them/")
        page.locator("[name=username]").fill(username)
        page.locator("[name=full_name]").fill("Cán bộ Phường Một")
        page.locator("[name=role]").select_option(role)
        page.locator("[name=unit]").select_option(str(ward.pk))
        page.get_by_role("button", name="Tạo tài khoản").click()
        expect(page.get_by_test_id("grants")).to_contain_text("Phường Một")
    page.goto("/don-vi/nguoi-dung/")
    expect(page.locator('tr[data-user="baocao.phuongmot"]')).to_contain_text(
        "chưa đăng nhập lần nào"
    )

    # 5. The round: who receives it and why, then opened.
    page.goto("/bao-cao/mo-dot/tpthu-nam/")
    expect(page.locator('[data-testid=round-preview] tr[data-unit="86-TPT-1"]')).to_contain_text(
        "chủ trì chỉ tiêu 1"
    )
    due = timezone.localdate() + dt.timedelta(days=10)
    page.locator("[name=period]").select_option(str(year))
    page.locator("[name=deadline]").fill(f"{due:%d/%m/%Y}")
    page.get_by_role("button", name="Mở đợt báo cáo").click()
    row = page.locator('tr[data-unit="86-TPT-1"]')
    expect(row.get_by_test_id("due")).to_contain_text(f"{due:%d/%m/%Y}")

    # 6. The ward's deadline extended, then the round closed.
    later = due + dt.timedelta(days=15)
    row.get_by_role("link", name="Gia hạn").click()
    page.locator("[name=deadline]").fill(f"{later:%d/%m/%Y}")
    page.locator("[name=reason]").fill("Phường mới thành lập, chưa đủ cán bộ")
    page.get_by_role("button", name="Gia hạn").click()
    expect(page.locator('tr[data-unit="86-TPT-1"]').get_by_test_id("due")).to_contain_text(
        f"{later:%d/%m/%Y}"
    )
    page.get_by_test_id("round-close").click()
    expect(page.get_by_test_id("round-closed")).to_be_visible()

    done = set(AuditEvent.objects.filter(actor=office).values_list("action", flat=True))
    assert done >= {
        "plan.create",
        "group.create",
        "indicator.create",
        "target.create",
        "task.create",
        "target.adjust",
        "target.shares",
        "user.create",
        "grant.create",
        "round.open",
        "round.extend",
        "round.close",
    }
