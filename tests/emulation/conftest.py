"""A small emulation round on the ``land`` fixture's district D1: three communes in one
cluster, each with its own plan concretising the district's 2024 resolution."""

import datetime as dt

import pytest

from nghiquyet.emulation import services
from nghiquyet.emulation.choices import CriterionKind
from nghiquyet.plans import services as plan_services
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.services import period_get_or_create, value_record
from tests.factories import make_plan, make_task, make_user

YEAR = 2024


@pytest.fixture
def office(land):
    return make_user("vanphong.d1", ("office", land["D1"]))


@pytest.fixture
def reporter_a(land):
    return make_user("baocao.d1a", ("reporter", land["D1a"]))


@pytest.fixture
def scene(land, system, office):
    """District plan, commune plans with two targets each, figures, tasks, a round."""
    district = land["D1"]
    communes = [land["D1a"], land["D1b"], land["D1c"]]
    plan = make_plan(district, "d1-2024", year=YEAR)
    jobs = plan_services.indicator_get_or_create(
        acting_user=system, code="emu-jobs", name="Việc làm mới", aggregation="sum"
    )
    roads = plan_services.indicator_get_or_create(
        acting_user=system, code="emu-roads", name="Đường giao thông nông thôn (km)"
    )
    year = period_get_or_create(spec=PeriodSpec(PeriodKind.YEAR, YEAR))
    targets = {}
    for commune in communes:
        cplan = make_plan(commune, f"{commune.code.lower()}-2024", year=YEAR, parent=plan)
        for code, ind in (("1", jobs), ("2", roads)):
            targets[commune.code, code] = plan_services.target_create(
                acting_user=system,
                plan=cplan,
                code=code,
                name=ind.name,
                indicator=ind,
                target_value=100,
                lead_unit=commune,
            )
    # D1a: one of two met; D1b: both; D1c: no figures.
    for code, ind, value in (("D1a", jobs, 120), ("D1a", roads, 50)):
        value_record(acting_user=system, indicator=ind, unit=land[code], period=year, value=value)
    for ind in (jobs, roads):
        value_record(acting_user=system, indicator=ind, unit=land["D1b"], period=year, value=100)
    make_task(
        plan,
        land["D1a"],
        "Chỉnh trang chợ",
        deadline=dt.date(YEAR, 3, 1),
        completed_on=dt.date(YEAR, 2, 20),
    )
    make_task(plan, land["D1a"], "Số hóa hồ sơ", deadline=dt.date(YEAR, 6, 30))
    make_task(
        plan,
        land["D1b"],
        "Lát vỉa hè",
        deadline=dt.date(YEAR, 5, 1),
        completed_on=dt.date(YEAR, 4, 1),
    )
    cluster = services.cluster_create(
        acting_user=office, unit=district, name="Cụm thi đua số 1", members=communes
    )
    movement = services.movement_create(
        acting_user=office,
        unit=district,
        name="Phong trào thi đua thực hiện thắng lợi Nghị quyết năm 2024",
        starts_on=dt.date(YEAR, 1, 1),
        ends_on=dt.date(YEAR, 12, 31),
        clusters=[cluster],
    )
    rnd = services.round_create(acting_user=office, movement=movement, year=YEAR, plan=plan)
    crit = {
        "targets": services.criterion_create(
            acting_user=office,
            rnd=rnd,
            code="1",
            name="Thực hiện chỉ tiêu nghị quyết",
            kind=CriterionKind.TARGETS_ACHIEVED,
            max_points=40,
            weight=2,
        ),
        "tasks": services.criterion_create(
            acting_user=office,
            rnd=rnd,
            code="2",
            name="Hoàn thành nhiệm vụ đúng hạn",
            kind=CriterionKind.TASKS_ON_TIME,
            max_points=30,
        ),
        "council": services.criterion_create(
            acting_user=office,
            rnd=rnd,
            code="3",
            name="Đổi mới, sáng tạo trong chỉ đạo",
            kind=CriterionKind.COUNCIL,
            max_points=10,
        ),
    }
    return {
        "plan": plan,
        "communes": communes,
        "cluster": cluster,
        "movement": movement,
        "round": rnd,
        "criteria": crit,
        "targets": targets,
        "jobs": jobs,
        "year": year,
    }
