"""Small builders of the data a test asserts on, through the services (so every row is as
the application makes it), on the ``land`` fixture's units or any other."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from nghiquyet.accounts.services import grant_create
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans import services as plan_services


def make_user(username: str, *grants: tuple[str, object]):
    """A user with ``(role, unit)`` grants."""
    user = get_user_model().objects.create_user(username, password="nghiquyet-thu")
    for role, unit in grants:
        grant_create(acting_user=SYSTEM, user=user, role=role, unit=unit)
    return user


def make_plan(
    unit,
    code: str,
    *,
    year: int = 2031,
    kind: str = "annual_resolution",
    title: str | None = None,
    **extra,
):
    return plan_services.plan_create(
        acting_user=SYSTEM,
        code=code,
        kind=kind,
        title=title or f"về nhiệm vụ năm {year}",
        unit=unit,
        issuing_body=f"Đảng ủy {unit.name}",
        year=year,
        **extra,
    )


def make_task(
    plan,
    owner,
    title: str,
    *,
    deadline: dt.date | None = None,
    completed_on: dt.date | None = None,
    partners=(),
):
    return plan_services.task_create(
        acting_user=SYSTEM,
        plan=plan,
        title=title,
        owner_unit=owner,
        product=f"Sản phẩm: {title.lower()}",
        deadline=deadline,
        partner_units=list(partners),
        progress=100 if completed_on else 0,
        completed_on=completed_on,
    )


def make_report(land, code: str = "thu-2031", *, year: int = 2031):
    """A province's plan on the ``land`` with one target of each kind a report enters — a
    count (``"1"``, higher), a yes/no milestone (``"2"``), a ratio (``"3"``) and a rate
    (``"4"``, lower) — and the draft report of its year, with a reporter for it.

    Returns ``(submission, reporter)``.
    """
    from nghiquyet.reporting.models import Submission
    from nghiquyet.reporting.periods import PeriodSpec
    from nghiquyet.reporting.rounds import round_open

    province = land["T1"]
    office = make_user(f"vanphong.{code}", ("office", province))
    reporter = make_user(f"baocao.{code}", ("reporter", province))
    plan = make_plan(province, code, year=year)
    kinds = [
        ("1", "Kết nạp đảng viên mới", "higher", "sum", "người"),
        ("2", "Đạt chuẩn đô thị loại I", "yes_no", "none", ""),
        ("3", "Tỷ lệ hộ nghèo", "lower", "ratio", "%"),
        ("4", "Tỷ lệ thất nghiệp", "lower", "none", "%"),
    ]
    for order, (number, name, direction, aggregation, unit_of_measure) in enumerate(kinds):
        indicator = plan_services.indicator_get_or_create(
            acting_user=SYSTEM,
            code=f"{code}-{number}",
            name=name,
            unit_of_measure=unit_of_measure,
            aggregation=aggregation,
        )
        plan_services.target_create(
            acting_user=SYSTEM,
            plan=plan,
            code=number,
            name=name,
            indicator=indicator,
            order=order,
            direction=direction,
            target_value=None if direction == "yes_no" else 4,
        )
    rnd = round_open(acting_user=office, plan=plan, spec=PeriodSpec("year", year))
    return Submission.objects.get(round=rnd, unit=province), reporter
