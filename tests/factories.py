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
