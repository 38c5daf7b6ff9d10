"""The pages in English say everything in English: period names, the plan's heading, the
classification schemes, the charts' descriptions (what a screen reader announces) — the data
(names of plans, targets, units) stays as written. The documents stay Vietnamese."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.periods import PeriodSpec

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("spec", "vietnamese", "english"),
    [
        (PeriodSpec(PeriodKind.YEAR, 2022), "Năm 2022", "Year 2022"),
        (PeriodSpec(PeriodKind.HALF_YEAR, 2021), "6 tháng đầu năm 2021", "First half of 2021"),
        (PeriodSpec(PeriodKind.NINE_MONTHS, 2021), "9 tháng năm 2021", "First nine months of 2021"),
        (PeriodSpec(PeriodKind.QUARTER, 2021, 2), "Quý II/2021", "Quarter II, 2021"),
        (PeriodSpec(PeriodKind.MONTH, 2021, 6), "Tháng 6/2021", "Month 6/2021"),
        (PeriodSpec(PeriodKind.TERM, 2020, None, 2025), "Nhiệm kỳ 2020–2025", "Term 2020–2025"),
    ],
)
def test_period_names(spec, vietnamese, english):
    with translation.override("vi"):
        assert spec.label == vietnamese
    with translation.override("en"):
        assert spec.label == english


def english_client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_dashboard_in_english(users):
    client = english_client(users["lanhdao.tinh"])
    html = client.get("/nghi-quyet/tinh-2022/?ky=2022").content.decode()
    for english in (
        "Resolution No. 04-NQ/TU",
        "Year 2022: implementation results",
        "Six bands (achieved or exceeded … not achieved)",
        "Two bands (achieved / not achieved)",
    ):
        assert english in html
    for vietnamese in ("Năm 2022", "Sáu mức", "Hai mức", "Nghị quyết số"):
        assert vietnamese not in html


def test_the_charts_describe_themselves_in_english(users):
    client = english_client(users["lanhdao.tinh"])
    page = client.get("/nghi-quyet/thanhpho-2021/?ky=2021-H1")
    assert page.context["units_chart"]["description"] == (
        "Number of targets by rating for each unit"
    )
    target = client.get("/nghi-quyet/tinh-2022/chi-tieu/3/")
    spec = target.context["chart"]
    assert spec["description"] == "Chart of actual and plan by period"
    assert {v["ky"] for v in spec["data"]["values"]} >= {"Year 2021", "Year 2022"}
