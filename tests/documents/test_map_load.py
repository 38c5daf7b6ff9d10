"""Loading the administrative map from the web (a background job), and a fresh install."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from nghiquyet.documents.models import Job
from nghiquyet.orgs.models import OrgUnit, OrgUnitLineage
from nghiquyet.orgs.vietnam import REORGANISED_ON
from tests.browser import sign_in

URL = "/tai-lieu/ban-do-hanh-chinh/"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_administrator_picks_provinces_and_a_job_loads_them(
    users, django_capture_on_commit_callbacks
):
    admin = client_for(users["quantri"])
    page = admin.get(URL).content.decode()
    assert page.count('name="provinces"') == 34 and "Tỉnh Cà Mau (96)" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(URL, {"provinces": ["96"], "before_2025": "on"})
    assert response.status_code == 302
    job = Job.objects.get(pk=int(re.search(r"/cong-viec/(\d+)/", response["Location"]).group(1)))
    assert (job.kind, job.status) == ("vietnam_map", "done"), job.error
    assert job.outcome["message"].startswith("Đã tạo ")
    ca_mau = OrgUnit.objects.get(code="96")
    assert ca_mau.children.filter(valid_to__isnull=True).count() == 64
    assert OrgUnitLineage.objects.filter(predecessor__code="95", successor=ca_mau).exists()


@pytest.mark.django_db
def test_nothing_chosen_is_explained_and_offices_may_not_load(users):
    admin = client_for(users["quantri"])
    response = admin.post(URL, {"before_2025": "on"})
    assert response.status_code == 422
    assert "Chọn cả nước hoặc ít nhất một tỉnh, thành phố." in response.content.decode()
    assert not Job.objects.filter(kind="vietnam_map").exists()
    office = client_for(users["vanphong.vinhlong"])
    assert office.get(URL).status_code == 403
    assert office.post(URL, {"provinces": ["96"]}).status_code == 403


@pytest.mark.django_db
def test_an_undeclared_split_is_shown_and_an_office_declares_its_shares(users):
    """Vĩnh Long (loaded by the demo from the package) has communes divided among two new
    ones; the page says the share is not declared until the office declares it."""
    link = OrgUnitLineage.objects.filter(
        share__isnull=True, successor__parent__code="86", effective_on=REORGANISED_ON
    ).first()
    assert link is not None
    office = client_for(users["vanphong.vinhlong"])
    page = office.get(f"/don-vi/{link.successor.code}/").content.decode()
    assert "một phần — chưa khai báo tỷ lệ" in page
    url = f"/don-vi/{link.predecessor.code}/chia-tach/{link.change_id}/"
    parts = list(link.change.links.values_list("successor_id", flat=True))
    bad = office.post(url, {f"part_{p}": "30%" for p in parts})
    assert bad.status_code == 422 and "phải bằng 1" in bad.content.decode()
    shares = {f"part_{p}": "0,5" for p in parts} if len(parts) == 2 else None
    assert shares is not None
    assert office.post(url, shares).status_code == 302
    assert set(link.change.links.values_list("share", flat=True)) == {0.5}
    page = office.get(f"/don-vi/{link.successor.code}/").content.decode()
    assert "chưa khai báo tỷ lệ" not in page.split('data-testid="formed-from"')[1].split("</ul>")[0]


@pytest.fixture
def fresh_install(transactional_db):
    """An empty database with one administrator, as after `migrate` and `createsuperuser`."""
    call_command("flush", interactive=False, verbosity=0)
    get_user_model().objects.create_superuser("admin", "admin@nghiquyet.invalid", "mat-khau-dai-1")


@pytest.mark.browser
def test_on_a_fresh_install_the_administrator_loads_vinh_long(browser, live_server, fresh_install):
    ctx = browser.new_context(base_url=live_server.url, locale="vi-VN")
    ctx.set_default_timeout(30_000)
    page = ctx.new_page()
    sign_in(page, "admin", "mat-khau-dai-1")
    page.goto("/")
    offer = page.get_by_test_id("offer-map")
    expect(offer).to_contain_text("Chưa có tỉnh, xã nào.")
    offer.get_by_role("link", name="Nạp bản đồ hành chính").click()
    page.get_by_label("Tỉnh Vĩnh Long (86)").check()
    page.get_by_role("button", name="Nạp bản đồ").click()
    expect(page.locator("#job-status")).to_have_attribute("data-status", "done")
    expect(page.locator("#job-status")).to_contain_text("Đã tạo")
    page.goto("/don-vi/86/")
    expect(page.get_by_test_id("children")).to_contain_text("Phường An Hội")
    assert page.get_by_test_id("children").locator("li").count() == 124
    page.get_by_test_id("children").get_by_role("link", name="Phường Bến Tre").click()
    expect(page.get_by_test_id("lineage")).to_contain_text("Xã Thanh Tân")
    expect(page.get_by_test_id("lineage")).to_contain_text("Phường 7")
    ctx.close()
