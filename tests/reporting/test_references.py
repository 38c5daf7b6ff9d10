"""Reference series: the region and the country beside the province ("so sánh tương quan")."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from nghiquyet.audit.models import AuditEvent
from nghiquyet.documents.report import build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Indicator, Plan
from nghiquyet.reporting.models import Period, ReferencePoint, ReferenceSeries
from nghiquyet.reporting.selectors.target_detail import target_detail
from nghiquyet.reporting.services import reference_point_record, reference_series_get_or_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def tinh():
    return Plan.objects.get(code="tinh-2022")


@pytest.fixture
def y2022():
    return Period.objects.get(key="2022")


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_target_page_shows_the_region_and_the_country(users, tinh, y2022):
    detail = target_detail(user=users["lanhdao.tinh"], plan=tinh, code="1", period=y2022)
    assert [line.name for line in detail.references] == ["Cả nước", "Vùng Đồng bằng sông Cửu Long"]
    assert detail.current_references == [("Cả nước", 8.02), ("Vùng Đồng bằng sông Cửu Long", 7.1)]
    by_year = {p.period.key: p.references for p in detail.series}
    assert by_year["2021"] == [2.58, -0.4] and by_year["2022"] == [8.02, 7.1]
    html = (
        client_for(users["lanhdao.tinh"])
        .get(reverse("reporting:target-detail", args=["tinh-2022", "1"]), {"ky": "2022"})
        .content.decode()
    )
    assert "<dt>Cả nước</dt><dd>8,02 %</dd>" in html
    # A viewer may read them but is not offered to enter any.
    assert 'data-testid="reference-add"' not in html


def test_the_annual_review_compares_with_the_region_and_the_country(tinh, y2022):
    review = build_review(user=SYSTEM, plan=tinh, period=y2022)
    assert review.relative[0] == (
        "Tốc độ tăng trưởng GRDP đạt 7,35%, thấp hơn cả nước (8,02%), cao hơn vùng Đồng bằng "
        "sông Cửu Long (7,1%)."
    )
    assert review.relative[1].startswith("GRDP bình quân đầu người đạt")


def test_the_office_enters_a_figure_and_a_correction_is_a_new_version(users, tinh, y2022):
    office = client_for(users["vanphong.tinh"])
    url = reverse("reporting:reference-add", args=["tinh-2022", "12"])
    page = office.get(url, {"ky": "2022"})
    assert page.status_code == 200 and "Vùng Đồng bằng sông Cửu Long" in page.content.decode()
    form = {"name": "Cả nước", "kind": "country", "period": "2022", "value": "4,3", "note": "TCTK"}
    response = office.post(url, form)
    assert response.status_code == 302 and response["Location"].endswith("?ky=2022")
    poverty = Indicator.objects.get(code="poverty-rate")
    series = ReferenceSeries.objects.get(indicator=poverty, name="Cả nước", owner=tinh.unit)
    assert float(series.points.get(is_current=True).value) == pytest.approx(4.3)
    office.post(url, {**form, "value": "4,2"})
    points = list(series.points.order_by("version").values_list("value", "version", "is_current"))
    assert [(float(v), n, c) for v, n, c in points] == [(4.3, 1, False), (4.2, 2, True)]
    changes = [e.changes["value"] for e in AuditEvent.objects.filter(action="reference.record")]
    assert [None, "4.3"] in changes and ["4.3", "4.2"] in changes


def test_a_bad_figure_is_refused_and_nothing_written(users):
    office = client_for(users["vanphong.tinh"])
    before = ReferencePoint.objects.count()
    response = office.post(
        reverse("reporting:reference-add", args=["tinh-2022", "12"]),
        {"name": "Cả nước", "kind": "country", "period": "2022", "value": "bốn phẩy ba"},
    )
    assert response.status_code == 422
    assert "“bốn phẩy ba” không phải là một số; viết số như 1.234,5" in response.content.decode()
    assert ReferencePoint.objects.count() == before


def test_only_the_office_of_the_unit_may_enter_figures(users, tinh, y2022):
    url = reverse("reporting:reference-add", args=["tinh-2022", "1"])
    assert client_for(users["lanhdao.tinh"]).get(url).status_code == 403
    assert client_for(users["baocao.anhoi"]).get(url).status_code == 404
    series = ReferenceSeries.objects.filter(owner=tinh.unit).first()
    with pytest.raises(PermissionDenied):
        reference_point_record(
            acting_user=users["vanphong.thanhpho"], series=series, period=y2022, value=1
        )
    with pytest.raises(PermissionDenied):
        reference_series_get_or_create(
            acting_user=users["vanphong.thanhpho"],
            indicator=series.indicator,
            owner=tinh.unit,
            name="Cả nước",
        )


def test_series_kept_by_a_unit_serve_the_plans_below_it_only(users):
    """Bến Tre's series serve An Hội's plan (a ward of Bến Tre), not Vĩnh Long's."""
    from nghiquyet.reporting.selectors.target_detail import reference_lines

    growth = Indicator.objects.get(code="grdp-growth").pk
    ward = reference_lines(
        user=users["baocao.anhoi"], plan=Plan.objects.get(code="an-hoi-2021"), indicator_id=growth
    )
    assert [line.name for line in ward] == ["Cả nước", "Vùng Đồng bằng sông Cửu Long"]
    merged = reference_lines(
        user=users["vanphong.vinhlong"],
        plan=Plan.objects.get(code="vinhlong-2026"),
        indicator_id=growth,
    )
    assert merged == []
    with pytest.raises(PermissionDenied):
        reference_lines(
            user=users["baocao.phutan"],
            plan=Plan.objects.get(code="an-hoi-2021"),
            indicator_id=growth,
        )
