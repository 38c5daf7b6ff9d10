"""Reporting pages: who may see and do what (the permission matrix), and what they show."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nghiquyet.plans.models import Plan
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.models import Submission, SubmissionEntry, Value
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.rounds import round_open
from nghiquyet.reporting.workflow import submission_approve, submission_submit
from tests.reporting.helpers import plausible_rows

pytestmark = pytest.mark.django_db

USERS = [
    "baocao.anhoi",  # reporter of the ward
    "lanhdao.anhoi",  # approver of the ward
    "baocao.phutan",  # reporter of another ward
    "vanphong.thanhpho",  # office of the city (manages the wards)
    "lanhdao.tinh",  # viewer of the province
    "vanphong.tinh",  # office of the province
    "baocao.skhdt",  # reporter of a department outside the city
]


@pytest.fixture
def rnd(users):
    return round_open(
        acting_user=users["vanphong.thanhpho"],
        plan=Plan.objects.get(code="thanhpho-2021"),
        spec=PeriodSpec(PeriodKind.NINE_MONTHS, 2021),
    )


@pytest.fixture
def anhoi(rnd, units):
    return Submission.objects.get(round=rnd, unit=units["28777-cu"])


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def fill(submission, reporter):
    submission.refresh_from_db()
    response = client_for(reporter).post(
        reverse("reporting:submission-save", args=[submission.pk]),
        {"revision": submission.revision, **plausible_rows(submission, as_post=True)},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    return submission


# --- reading -----------------------------------------------------------------------------

READ = {
    # user: (submission page, round page, open-round page)
    "baocao.anhoi": (200, 404, 404),
    "lanhdao.anhoi": (200, 404, 404),
    "baocao.phutan": (404, 404, 404),
    "vanphong.thanhpho": (200, 200, 200),
    "lanhdao.tinh": (200, 200, 403),
    "vanphong.tinh": (200, 200, 200),
    "baocao.skhdt": (404, 404, 404),
}


@pytest.mark.parametrize("username", USERS)
def test_reading_matrix(users, anhoi, rnd, username):
    c = client_for(users[username])
    expected = READ[username]
    got = (
        c.get(reverse("reporting:submission-detail", args=[anhoi.pk])).status_code,
        c.get(reverse("reporting:round-detail", args=[rnd.pk])).status_code,
        c.get(reverse("reporting:round-open", args=["thanhpho-2021"])).status_code,
    )
    assert got == expected


@pytest.mark.parametrize(
    ("username", "expected"),
    [("baocao.anhoi", {"28777-cu"}), ("baocao.phutan", {"28757"}), ("baocao.skhdt", set())],
)
def test_submission_list_shows_only_the_units_own(users, rnd, username, expected):
    html = client_for(users[username]).get(reverse("reporting:submission-list")).content.decode()
    ids = set(map(int, re.findall(r'data-submission="(\d+)"', html)))
    assert set(Submission.objects.filter(pk__in=ids).values_list("unit__code", flat=True)) == (
        expected
    )


def test_the_city_office_sees_every_submission_of_its_round(users, rnd):
    html = (
        client_for(users["vanphong.thanhpho"])
        .get(reverse("reporting:submission-list"))
        .content.decode()
    )
    # Its own round and the demo's first-half round.
    assert len(re.findall(r'data-submission="(\d+)"', html)) == Submission.objects.count()


# --- writing -----------------------------------------------------------------------------

WRITE = {
    # user: save, submit
    "baocao.anhoi": (302, 302),
    "lanhdao.anhoi": (403, 403),
    "baocao.phutan": (404, 404),
    "vanphong.thanhpho": (403, 403),
    "lanhdao.tinh": (403, 403),
    "vanphong.tinh": (403, 403),
    "baocao.skhdt": (404, 404),
}


@pytest.mark.parametrize("username", USERS)
def test_writing_matrix_for_a_draft(users, anhoi, username):
    entry = anhoi.entries.get(target__code="1")
    c = client_for(users[username])
    save = c.post(
        reverse("reporting:submission-save", args=[anhoi.pk]),
        {"revision": anhoi.revision, f"e-{entry.pk}-value": "9"},
    )
    assert save.status_code == WRITE[username][0]
    entry.refresh_from_db()
    assert (entry.value == 9) == (username == "baocao.anhoi")
    if username != "baocao.anhoi":
        anhoi.refresh_from_db()
        assert anhoi.revision == 1  # nothing was written


@pytest.mark.parametrize(
    ("username", "approve", "accept"),
    [
        ("baocao.anhoi", 403, 403),
        ("lanhdao.anhoi", 302, 403),
        ("baocao.phutan", 404, 404),
        ("vanphong.thanhpho", 403, 422),  # may accept, but only once approved
        ("lanhdao.tinh", 403, 403),
        ("baocao.skhdt", 404, 404),
    ],
)
def test_approving_and_accepting_matrix(users, anhoi, username, approve, accept):
    anhoi = fill(anhoi, users["baocao.anhoi"])
    anhoi = submission_submit(
        acting_user=users["baocao.anhoi"], submission=anhoi, revision=anhoi.revision
    )
    c = client_for(users[username])
    url = reverse("reporting:submission-transition", args=[anhoi.pk, "tiep-nhan"])
    assert c.post(url, {"revision": anhoi.revision}).status_code == accept
    url = reverse("reporting:submission-transition", args=[anhoi.pk, "duyet"])
    assert c.post(url, {"revision": anhoi.revision}).status_code == approve
    anhoi.refresh_from_db()
    assert anhoi.status == ("approved" if approve == 302 else "submitted")


def test_unknown_action_is_404(users, anhoi):
    url = reverse("reporting:submission-transition", args=[anhoi.pk, "xoa"])
    assert client_for(users["baocao.anhoi"]).post(url, {"revision": 1}).status_code == 404


def test_get_on_an_action_is_refused(users, anhoi):
    url = reverse("reporting:submission-transition", args=[anhoi.pk, "gui"])
    assert client_for(users["baocao.anhoi"]).get(url).status_code == 405


# --- the pages themselves ------------------------------------------------------------------


def test_the_reporter_sees_a_grid_with_the_figures_to_compare(users, anhoi):
    html = (
        client_for(users["baocao.anhoi"])
        .get(reverse("reporting:submission-detail", args=[anhoi.pk]))
        .content.decode()
    )
    assert html.count('inputmode="decimal"') >= 14
    row = re.search(r'data-target="23".*?</tr>', html, re.S).group(0)
    target = anhoi.entries.get(target__code="23").target
    previous = Value.objects.current().get(
        indicator=target.indicator, unit=anhoi.unit, period__key="2020"
    )

    def vi(number) -> str:
        return f"{int(number):,}".replace(",", ".")

    assert f"Kế hoạch: {vi(target.target_value)} lao động" in row
    assert vi(previous.value) in row and "Năm 2020" in row  # the previous accepted figure
    assert "Gửi lãnh đạo đơn vị duyệt" in html and "Duyệt báo cáo" not in html


def test_the_approver_sees_figures_read_only_and_the_approve_button_once_sent(users, anhoi):
    c = client_for(users["lanhdao.anhoi"])
    html = c.get(reverse("reporting:submission-detail", args=[anhoi.pk])).content.decode()
    assert 'inputmode="decimal"' not in html and "Duyệt báo cáo" not in html
    anhoi = fill(anhoi, users["baocao.anhoi"])
    submission_submit(acting_user=users["baocao.anhoi"], submission=anhoi, revision=anhoi.revision)
    html = c.get(reverse("reporting:submission-detail", args=[anhoi.pk])).content.decode()
    assert "Duyệt báo cáo" in html and "Lý do trả lại" in html


def test_autosave_saves_each_valid_row_and_names_each_bad_cell(users, anhoi):
    c = client_for(users["baocao.anhoi"])
    jobs = anhoi.entries.get(target__code="23")
    members = anhoi.entries.get(target__code="1")
    url = reverse("reporting:submission-cells", args=[anhoi.pk])
    ok = c.post(url, {"revision": 1, f"e-{jobs.pk}-value": "2.330"}).json()
    assert ok["revision"] == 2 and ok["rows"][str(jobs.pk)]["cells"]["value"] == "2.330"
    # 2.330 is ten times the ward's history: the row asks for an explanation.
    assert ok["rows"][str(jobs.pk)]["implausible"] is True
    # A bad cell beside a good one: the good one is saved, the bad one named by its field.
    both = c.post(
        url,
        {"revision": 2, f"e-{members.pk}-value": "8,5,3", f"e-{jobs.pk}-value": "1.234,5"},
    ).json()
    assert both["revision"] == 3
    assert set(both["rows"]) == {str(jobs.pk)}
    assert "không phải là một số" in both["problems"][str(members.pk)]["value"]
    stale = c.post(url, {"revision": 1, f"e-{jobs.pk}-value": "5"})
    assert stale.status_code == 409 and "vừa được" in stale.json()["conflict"]
    jobs.refresh_from_db()
    members.refresh_from_db()
    assert jobs.value == Decimal("1234.5") and members.value is None


def test_a_cell_left_out_keeps_what_is_stored(users, anhoi):
    c = client_for(users["baocao.anhoi"])
    poor = anhoi.entries.get(target__code="22")
    url = reverse("reporting:submission-cells", args=[anhoi.pk])
    first = c.post(
        url, {"revision": 1, f"e-{poor.pk}-numerator": "30", f"e-{poor.pk}-denominator": "4.000"}
    ).json()
    assert first["rows"][str(poor.pk)]["rate"] == "0,75 %"
    second = c.post(url, {"revision": 2, f"e-{poor.pk}-note": "Theo rà soát"}).json()
    assert second["rows"][str(poor.pk)]["cells"]["denominator"] == "4.000"
    # New parts: the figure is computed again, not compared with the old one.
    third = c.post(url, {"revision": 3, f"e-{poor.pk}-numerator": "40"}).json()
    assert third["rows"][str(poor.pk)]["cells"]["value"] == "1"
    poor.refresh_from_db()
    assert (poor.value, poor.numerator, poor.note) == (Decimal(1), Decimal(40), "Theo rà soát")


def test_the_grid_without_javascript_saves_the_valid_rows_too(users, anhoi):
    c = client_for(users["baocao.anhoi"])
    jobs = anhoi.entries.get(target__code="23")
    members = anhoi.entries.get(target__code="1")
    response = c.post(
        reverse("reporting:submission-save", args=[anhoi.pk]),
        {"revision": 1, f"e-{members.pk}-value": "8,5,3", f"e-{jobs.pk}-value": "1.234,5"},
    )
    html = response.content.decode()
    assert response.status_code == 422 and 'value="8,5,3"' in html
    assert 'aria-invalid="true"' in html and "Đã lưu 1 chỉ tiêu" in html
    jobs.refresh_from_db()
    assert jobs.value == Decimal("1234.5")


def test_a_refused_save_keeps_what_the_user_typed(users, anhoi):
    c = client_for(users["baocao.anhoi"])
    entry = anhoi.entries.get(target__code="1")
    response = c.post(
        reverse("reporting:submission-save", args=[anhoi.pk]),
        {"revision": 1, f"e-{entry.pk}-value": "mười lăm"},
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert 'value="mười lăm"' in html
    assert "1. Kết nạp đảng viên mới: giá trị: “mười lăm” không phải là một số" in html


def test_a_stale_page_gets_409_and_the_saved_figures(users, anhoi):
    c = client_for(users["baocao.anhoi"])
    entry = anhoi.entries.get(target__code="1")
    url = reverse("reporting:submission-save", args=[anhoi.pk])
    assert c.post(url, {"revision": 1, f"e-{entry.pk}-value": "7"}).status_code == 302
    response = c.post(url, {"revision": 1, f"e-{entry.pk}-value": "8"})
    assert response.status_code == 409
    assert "Thay đổi của bạn chưa được lưu" in response.content.decode()
    entry.refresh_from_db()
    assert entry.value == 7


def test_round_page_counts_who_reported_and_when(users, rnd, anhoi):
    anhoi = fill(anhoi, users["baocao.anhoi"])
    submission_submit(acting_user=users["baocao.anhoi"], submission=anhoi, revision=anhoi.revision)
    html = (
        client_for(users["vanphong.thanhpho"])
        .get(reverse("reporting:round-detail", args=[rnd.pk]))
        .content.decode()
    )
    total = rnd.submissions.count()
    assert f"1/{total} đơn vị đã gửi báo cáo" in html
    # The deadline (20/06/2021) has passed: sent today is late, the others are missing.
    assert re.search(r'data-unit="28777-cu" data-timeliness="late"', html)
    assert len(re.findall(r'data-timeliness="missing"', html)) == total - 1


def test_dashboard_shows_the_rounds_completeness_and_the_new_figures(users, rnd, anhoi):
    office = client_for(users["vanphong.thanhpho"])
    url = reverse("reporting:plan-dashboard", args=["thanhpho-2021"]) + "?ky=2021-9M"
    html = office.get(url).content.decode()
    assert 'data-unit="28777-cu" data-status="draft"' in html
    anhoi = fill(anhoi, users["baocao.anhoi"])
    anhoi = submission_submit(
        acting_user=users["baocao.anhoi"], submission=anhoi, revision=anhoi.revision
    )
    anhoi = submission_approve(
        acting_user=users["lanhdao.anhoi"], submission=anhoi, revision=anhoi.revision
    )
    response = office.post(
        reverse("reporting:submission-transition", args=[anhoi.pk, "tiep-nhan"]),
        {"revision": anhoi.revision},
    )
    assert response.status_code == 302
    html = office.get(url).content.decode()
    assert 'data-unit="28777-cu" data-status="accepted"' in html
    ward = (
        client_for(users["baocao.anhoi"])
        .get(reverse("reporting:plan-dashboard", args=["an-hoi-2021"]) + "?ky=2021-9M")
        .content.decode()
    )
    # 13 of its 14 targets now have accepted figures (the change target lacks 2020-H1).
    assert "1/14 chỉ tiêu chưa có số liệu" in ward


def test_open_round_form(users):
    c = client_for(users["vanphong.thanhpho"])
    url = reverse("reporting:round-open", args=["thanhpho-2021"])
    html = c.get(url).content.decode()
    assert '<option value="2021-9M">9 tháng năm 2021</option>' in html
    assert 'value="2021-H1"' not in html  # the demo already has that round
    bad = c.post(url, {"period": "2021-9M", "deadline": "31/02/2021"})
    assert bad.status_code == 422 and "Nhập một ngày hợp lệ" in bad.content.decode()
    past = c.post(url, {"period": "2021-9M", "deadline": "25/09/2021"})
    assert past.status_code == 422 and "đã qua" in past.content.decode()
    due = timezone.localdate() + dt.timedelta(days=20)
    ok = c.post(url, {"period": "2021-9M", "deadline": f"{due:%d/%m/%Y}", "note": "Sơ kết 9 tháng"})
    assert ok.status_code == 302
    submission = Submission.objects.filter(round__period__key="2021-9M").first()
    assert submission.round.deadline == due
    assert 'value="2021-9M"' not in c.get(url).content.decode()  # cannot be opened twice


def test_entries_of_the_grid_belong_to_the_submission(users, anhoi, rnd, units):
    other = SubmissionEntry.objects.filter(
        submission__round=rnd, submission__unit=units["28757"]
    ).first()
    c = client_for(users["baocao.anhoi"])
    response = c.post(
        reverse("reporting:submission-save", args=[anhoi.pk]),
        {"revision": 1, f"e-{other.pk}-value": "1"},
    )
    assert response.status_code == 422
    other.refresh_from_db()
    assert other.value is None


def test_the_grid_takes_a_figure_as_printed_and_shows_its_words(land):
    """Typed "khoảng 22.710" in the grid: saved as 22.710, shown again as written, and the page
    says how a range counts."""
    from tests.factories import make_report

    submission, reporter = make_report(land)
    entry = submission.entries.get(target__code="1")
    c = client_for(reporter)
    response = c.post(
        reverse("reporting:submission-save", args=[submission.pk]),
        {"revision": submission.revision, f"e-{entry.pk}-value": "khoảng 22.710"},
    )
    assert response.status_code in (200, 302), response.content.decode()[:500]
    entry.refresh_from_db()
    assert (entry.value, entry.value_text) == (22710, "khoảng 22.710")
    html = c.get(reverse("reporting:submission-detail", args=[submission.pk])).content.decode()
    assert 'value="khoảng 22.710"' in html
    assert "Một khoảng (61-62) được tính theo cận thận trọng" in html
