"""Pages through Django's test client: scope, content and formats."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from nghiquyet.plans.choices import PlanKind
from nghiquyet.plans.models import Plan

pytestmark = pytest.mark.django_db

ALL_PLANS = set()
SEED_001 = (
    "15/25 chỉ tiêu đạt và vượt; 6/25 chỉ tiêu xấp xỉ đạt; 1/25 chỉ tiêu đạt trên 80%; "
    "1/25 chỉ tiêu đạt trên 70%; 1/25 chỉ tiêu đạt trên 50%; 1/25 chỉ tiêu không đạt."
)


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def listed_codes(response) -> set[str]:
    return set(re.findall(r'href="/nghi-quyet/([a-z0-9-]+)/"', response.content.decode()))


def dashboard(code: str) -> str:
    return reverse("reporting:plan-dashboard", args=[code])


@pytest.mark.parametrize("url", ["/", "/nghi-quyet/tinh-2022/"])
def test_anonymous_users_are_sent_to_sign_in(url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")


def test_sign_in_page_is_vietnamese_even_for_an_english_browser():
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/dang-nhap/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Đăng nhập</h1>" in html and 'lang="vi"' in html
    assert response["Content-Language"] == "vi"


def test_wrong_password_is_refused_in_vietnamese():
    response = Client().post("/dang-nhap/", {"username": "vanphong.tinh", "password": "sai"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in html
    assert "_auth_user_id" not in response.client.session


def test_five_failures_lock_the_account_for_that_address():
    c = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(5):
        c.post("/dang-nhap/", {"username": "vanphong.tinh", "password": "sai"})
    response = c.post("/dang-nhap/", {"username": "vanphong.tinh", "password": "nghiquyet-demo"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in c.session


def test_correct_password_signs_in_and_lands_on_the_plan_list():
    # A reader has nothing to do: the plan list.
    response = Client().post(
        "/dang-nhap/", {"username": "lanhdao.tinh", "password": "nghiquyet-demo"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Nghị quyết số 04-NQ/TU" in response.content.decode()


def test_signing_in_with_work_waiting_lands_on_what_to_do():
    response = Client().post(
        "/dang-nhap/", {"username": "baocao.anhoi", "password": "nghiquyet-demo"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/viec-can-lam/"
    assert "báo cáo cần nhập" in response.content.decode()


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("quantri", "all"),
        ("vanphong.tinh", "all"),
        ("lanhdao.tinh", "all"),
        ("vanphong.vinhlong", "all"),
        ("vanphong.thanhpho", "city"),
        ("baocao.anhoi", {"an-hoi-2021"}),
        ("lanhdao.anhoi", {"an-hoi-2021"}),
        ("baocao.phutan", {"phu-tan-2021"}),
        ("baocao.skhdt", set()),
    ],
)
def test_plan_list_shows_exactly_the_plans_in_scope(users, username, expected):
    every = set(Plan.objects.values_list("code", flat=True))
    if username not in ("quantri", "vanphong.vinhlong"):
        # Bến Tre's office sees Bến Tre's plans; Vĩnh Long's, formed from it, sees them too.
        every.discard("vinhlong-2026")
    city = {"thanhpho-2021"} | {c for c in every if c.endswith("-2021") and c != "thanhpho-2021"}
    # The conclusion notices of the city's Ban Thường vụ meetings are the city's plans too.
    city_path = Plan.objects.get(code="thanhpho-2021").unit.path
    conclusions = Plan.objects.filter(kind=PlanKind.CONCLUSION, unit__path__startswith=city_path)
    city |= set(conclusions.values_list("code", flat=True))
    want = (
        {"all": every, "city": city}.get(expected, expected)
        if isinstance(expected, str)
        else (expected)
    )
    response = client_for(users[username]).get("/")
    assert response.status_code == 200
    assert listed_codes(response) == want
    if not want:
        assert (
            "Không có nghị quyết, kế hoạch nào trong phạm vi của bạn" in response.content.decode()
        )


# The permission matrix of the first pages: (user, plan) → may the user open the dashboard?
MATRIX = [
    ("vanphong.tinh", "tinh-2022", 200),
    ("vanphong.tinh", "an-hoi-2021", 200),
    ("lanhdao.tinh", "thanhpho-2021", 200),
    ("vanphong.thanhpho", "thanhpho-2021", 200),
    ("vanphong.thanhpho", "phu-tan-2021", 200),
    ("vanphong.thanhpho", "tinh-2022", 404),
    ("vanphong.thanhpho", "tinh-2020-2025", 404),
    ("baocao.anhoi", "an-hoi-2021", 200),
    ("baocao.anhoi", "phu-tan-2021", 404),
    ("baocao.anhoi", "thanhpho-2021", 404),
    ("baocao.anhoi", "tinh-2022", 404),
    ("lanhdao.anhoi", "an-hoi-2021", 200),
    ("lanhdao.anhoi", "son-dong-2021", 404),
    ("baocao.phutan", "phu-tan-2021", 200),
    ("baocao.phutan", "an-hoi-2021", 404),
    ("baocao.skhdt", "tinh-2022", 404),
    ("quantri", "son-dong-2021", 200),
]


@pytest.mark.parametrize(("username", "code", "status"), MATRIX)
def test_dashboard_permission_matrix(users, username, code, status):
    response = client_for(users[username]).get(dashboard(code))
    assert response.status_code == status
    html = response.content.decode()
    if status == 404:
        # Nothing of the plan leaks: not its title, not its figures.
        plan = Plan.objects.get(code=code)
        assert plan.number not in html and "chỉ tiêu đạt" not in html
        assert "Không tìm thấy trang" in html
    else:
        assert 'data-testid="summary"' in html


def test_unknown_plan_is_404(users):
    assert client_for(users["quantri"]).get(dashboard("khong-ton-tai")).status_code == 404


def test_province_dashboard_content(users):
    response = client_for(users["lanhdao.tinh"]).get(dashboard("tinh-2022"))
    html = response.content.decode()
    assert SEED_001 in html
    assert "Số liệu minh họa" in html and "Dữ liệu minh họa." in html
    # Vietnamese number formats: thousands with ".", decimals with ",".
    assert "1.612,3" in html and "6.388,3" in html and "105,00%" in html and "45,69%" in html
    assert "7 – 7,5" in html and "&lt; 2,25" in html  # a strict bound: "dưới 2,25%"
    # Dates dd/mm/yyyy, the cut-off of Nghị định 09/2019.
    assert "15/12/2021" in html and "14/12/2022" in html
    # Every target is there once, coloured by its class.
    rows = re.findall(r'data-target="([^"]+)" data-class="([^"]+)"', html)
    assert len(rows) == 25
    assert dict(rows)["20"] == "not_achieved" and dict(rows)["9"] == "near"
    tiles = dict(re.findall(r'data-class="(\w+)">\s*<span class="tile-n">(\d+)', html))
    assert tiles == {
        "achieved": "15",
        "near": "6",
        "above_80": "1",
        "above_70": "1",
        "above_50": "1",
        "not_achieved": "1",
        "no_data": "0",
    }
    statuses = dict(re.findall(r'data-status="(\w+)"><span class="tile-n">(\d+)', html))
    assert statuses == {
        "done_on_time": "5",
        "done_late": "2",
        "open_on_time": "2",
        "open_overdue": "2",
    }


def test_dashboard_with_the_binary_scheme(users):
    response = client_for(users["lanhdao.tinh"]).get(
        dashboard("tinh-2022"), {"phan_loai": "binary"}
    )
    assert "15/25 chỉ tiêu đạt; 10/25 chỉ tiêu không đạt." in response.content.decode()


def test_dashboard_year_outside_the_plan_falls_back(users):
    response = client_for(users["lanhdao.tinh"]).get(dashboard("tinh-2020-2025"), {"nam": "1999"})
    html = response.content.decode()
    assert "Năm 2024: kết quả thực hiện" in html
    assert '<option value="2024" selected>' in html


def test_term_dashboard_explains_derived_figures(users):
    html = (
        client_for(users["lanhdao.tinh"]).get(dashboard("tinh-2020-2025"), {"nam": "2024"}).content
    )
    html = html.decode()
    assert "bình quân 2021–2024" in html and "cộng dồn 2021–2024" in html
    assert "khoảng 30" in html


def test_city_dashboard_shows_composite_parts_and_changes(users):
    html = client_for(users["vanphong.thanhpho"]).get(dashboard("thanhpho-2021")).content.decode()
    assert len(re.findall(r'data-target="(\d+)"', html)) == 45
    assert 'data-target="37a"' in html and 'data-target="37c"' in html
    assert "101 (giảm 9,82%)" in html
    assert "giảm 5 – 10% so với cùng kỳ" in html


def test_language_switch_to_english_keeps_english_number_formats(users):
    c = client_for(users["lanhdao.tinh"])
    response = c.post("/i18n/setlang/", {"language": "en", "next": dashboard("tinh-2022")})
    assert response.status_code == 302
    html = c.get(dashboard("tinh-2022")).content.decode()
    assert 'lang="en"' in html
    assert "1,612.3" in html and "105.00%" in html
    assert "15/25 targets achieved or exceeded" in html
    c.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "1.612,3" in c.get(dashboard("tinh-2022")).content.decode()


def test_admin_is_for_staff_only_and_in_vietnamese(users):
    response = client_for(users["vanphong.tinh"]).get("/quan-tri/orgs/orgunit/")
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]
    response = client_for(users["quantri"]).get("/quan-tri/orgs/orgunit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chọn đơn vị để thay đổi" in html and "Phường An Hội" in html


def test_audit_trail_cannot_be_edited_even_by_the_administrator(users):
    c = client_for(users["quantri"])
    assert c.get("/quan-tri/audit/auditevent/").status_code == 200
    assert c.get("/quan-tri/audit/auditevent/add/").status_code == 403


def test_target_page_shows_every_version_of_a_figure(users):
    html = (
        client_for(users["lanhdao.tinh"])
        .get(reverse("reporting:target-detail", args=["tinh-2022", "1"]) + "?ky=2022")
        .content.decode()
    )
    history = re.search(r'data-testid="value-history".*?</table>', html, re.S).group(0)
    versions = re.findall(r'data-version="(\d)"', history)
    assert versions == ["2", "1"]
    assert "7,35" in history and "7,1" in history
    assert "ước thực hiện" in history and "chính thức" in history
    assert "Số liệu chính thức của Cục Thống kê." in history
    assert "Ước thực hiện tại kỳ họp cuối năm 2022." in history


def test_target_page_is_scoped(users):
    url = reverse("reporting:target-detail", args=["tinh-2022", "1"])
    assert client_for(users["vanphong.thanhpho"]).get(url).status_code == 404
    assert (
        client_for(users["lanhdao.tinh"])
        .get(reverse("reporting:target-detail", args=["tinh-2022", "99"]))
        .status_code
        == 404
    )


def test_ids_in_templates_are_never_grouped_but_figures_are():
    """With automatic grouping, id 1506 became "1.506" in form field names (seen on PostgreSQL,
    whose sequences pass 1000 in tests); figures are grouped explicitly instead."""
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("vi"):
        html = Template("{% load nq %}e-{{ pk }}-value {{ figure|num:1 }}").render(
            Context({"pk": 1506, "figure": 1612.3})
        )
    assert html == "e-1506-value 1.612,3"
