"""Reviews the document tests build: the demo's, and a people's committee's plan made here."""

from __future__ import annotations

import datetime as dt

from nghiquyet.documents.report import Review, build_review
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import services as plan_services
from nghiquyet.plans.models import Indicator, Plan
from nghiquyet.reporting.models import Period

#: (code, name, indicator, plan figure, lead unit) of the people's committee's plan's targets
PEOPLE_COMMITTEE_TARGETS = (
    ("1", "Kim ngạch xuất khẩu", "exports", 1550, "83-SCT"),
    ("2", "Thu ngân sách nhà nước trên địa bàn", "budget-revenue", 5800, "83-CT"),
)


def demo_review(code: str, key: str) -> Review:
    """The review of the demo's plan ``code`` for the period ``key``."""
    return build_review(
        user=SYSTEM, plan=Plan.objects.get(code=code), period=Period.objects.get(key=key)
    )


def people_committee_plan(
    units, *, code: str = "ubnd-2022", number: str = "120/KH-UBND", targets=None, user=SYSTEM
) -> Plan:
    """The Bến Tre people's committee's 2022 plan (a state document), with ``targets``
    (default: two targets led by two departments, so that its review has an appendix with a
    table per lead unit; with one lead unit for every target there is none)."""
    plan = plan_services.plan_create(
        acting_user=user,
        code=code,
        kind="plan",
        title="về thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2022",
        unit=units["83"],
        number=number,
        issuing_body="Ủy ban nhân dân tỉnh Bến Tre",
        superior_body="",
        body_kind="state",
        year=2022,
        issued_on=dt.date(2022, 1, 10),
    )
    for target_code, name, indicator, value, lead in (
        PEOPLE_COMMITTEE_TARGETS if targets is None else targets
    ):
        plan_services.target_create(
            acting_user=user,
            plan=plan,
            code=target_code,
            name=name,
            indicator=Indicator.objects.get(code=indicator),
            target_value=value,
            lead_unit=units[lead] if lead else None,
        )
    return plan
