"""The page that divides a target among the units under the plan's unit, through the client:
set by population, a row with bad input named and nothing written, others kept out."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from nghiquyet.audit.models import AuditEvent
from nghiquyet.plans.models import TargetShareSet
from tests.factories import make_user
from tests.plans.test_shares import district  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(plan, target):
    return reverse("plans:target-shares", args=[plan.code, target.pk])


def test_the_office_sets_shares_by_population_from_the_cascade_page(district):  # noqa: F811
    plan, jobs, _rate, office, (a, b, c) = district
    client = client_for(office)
    cascade = client.get(reverse("reporting:plan-cascade", args=[plan.code])).content.decode()
    assert _url(plan, jobs) in cascade and "Giao phần chỉ tiêu 1" in cascade
    page = client.get(_url(plan, jobs))
    assert page.status_code == 200 and "Xã D1b" in page.content.decode()
    answer = client.post(
        _url(plan, jobs),
        {
            "method": "population",
            "population_source": "Niên giám thống kê huyện năm 2030",
            "population_on": "31/12/2030",
            f"population-{a.pk}": "12.345",
            f"population-{b.pk}": "8.000",
            f"population-{c.pk}": "4.655",
        },
        follow=True,
    )
    text = answer.content.decode()
    assert answer.status_code == 200 and "Đã giao chỉ tiêu" in text
    assert "theo dân số" in text and "31/12/2030" in text
    share_set = TargetShareSet.objects.get(target=jobs)
    assert [r.population for r in share_set.rows.order_by("unit__code")] == [12345, 8000, 4655]
    assert AuditEvent.objects.filter(action="target.shares").count() == 1


def test_by_hand_a_bad_row_and_a_wrong_total_are_named_and_nothing_is_written(district):  # noqa: F811
    plan, jobs, _rate, office, (a, b, c) = district
    client = client_for(office)
    answer = client.post(
        _url(plan, jobs),
        {"method": "hand", f"share-{a.pk}": "năm mươi", f"share-{b.pk}": "30", f"share-{c.pk}": ""},
    )
    text = answer.content.decode()
    assert answer.status_code == 422
    assert "Dòng Xã D1a:" in text
    answer = client.post(
        _url(plan, jobs),
        {"method": "hand", f"share-{a.pk}": "50", f"share-{b.pk}": "30", f"share-{c.pk}": "17"},
    )
    text = answer.content.decode()
    assert answer.status_code == 422 and "cộng lại là 97" in text and "thiếu 3" in text
    assert not TargetShareSet.objects.exists()
    assert not AuditEvent.objects.filter(action="target.shares").exists()


def test_another_office_gets_404_and_a_reader_may_not_change(district, land):  # noqa: F811
    plan, jobs, _rate, _office, (a, b, c) = district
    form = {"method": "hand", f"share-{a.pk}": "50", f"share-{b.pk}": "30", f"share-{c.pk}": "20"}
    other = client_for(make_user("vanphong.d2", ("office", land["D2"])))
    assert other.get(_url(plan, jobs)).status_code == 404
    assert other.post(_url(plan, jobs), form).status_code == 404
    viewer = client_for(make_user("xem.d1", ("viewer", land["D1"])))
    assert viewer.get(_url(plan, jobs)).status_code == 200
    assert viewer.post(_url(plan, jobs), form).status_code == 403
    assert not TargetShareSet.objects.exists()
    assert not AuditEvent.objects.filter(action="target.shares").exists()


def test_a_rate_says_why_it_is_not_divided(district):  # noqa: F811
    plan, _jobs, rate, office, _communes = district
    page = client_for(office).get(_url(plan, rate)).content.decode()
    assert "không chia phần" in page
