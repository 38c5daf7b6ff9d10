"""Cached answers equal the answers computed afresh, after any sequence of changes.

The evaluation cache (:mod:`nghiquyet.reporting.cache`) keeps a plan's evaluation, the units
table, a target's page and the API's evaluation JSON under the data version
(:mod:`nghiquyet.audit.versions`). Here random sequences of changes go through the services —
figures, target edits and adjustments, plan and scheme changes, tasks, unit renames and
merges, grants, the region's and the country's reference figures — and after each
one every answer the cache gives is compared with the answer computed without it, for users
of different scopes. The changes commit (a transactional test): a cache is only used for
committed data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nghiquyet.accounts.models import Grant
from nghiquyet.accounts.services import api_token_create, grant_create, grant_delete
from nghiquyet.audit.versions import changes_pending, data_version
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.orgs.services import orgunit_create, orgunit_merge, orgunit_rename
from nghiquyet.plans.models import ClassificationScheme, Plan, Target
from nghiquyet.plans.services import (
    indicator_get_or_create,
    plan_update,
    target_adjust,
    target_create,
    target_update,
)
from nghiquyet.reporting.cache import cache_clear
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.selectors.comparisons import (
    plan_units_comparison,
    units_comparison_uncached,
)
from nghiquyet.reporting.selectors.evaluation import evaluations_uncached, plan_evaluation
from nghiquyet.reporting.selectors.target_detail import target_detail, target_detail_uncached
from nghiquyet.reporting.services import (
    period_get_or_create,
    reference_point_record,
    reference_series_get_or_create,
    value_record,
)
from tests.factories import make_plan, make_task, make_user

YEAR = 2031


def _fields(obj) -> dict:
    """A model's own field values (what ``==`` on two instances, by primary key, ignores)."""
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}


def picture(ev) -> tuple:
    """Everything a page, a document or the API shows of an evaluation."""

    def row(r):
        return (
            _fields(r.target),
            r.target.plan.unit.name if r.target.lead_unit_id is None else r.target.lead_unit.name,
            r.actual,
            r.baseline,
            r.rate,
            r.class_key,
            r.class_label,
            r.met,
            r.exceeded,
            r.measured,
            r.derivation,
            r.source,
            r.source_note,
            r.baseline_note,
            r.annual_rate,
            r.expected_share,
            _fields(r.value) if r.value is not None else None,
            [row(p) for p in r.parts],
        )

    return (
        _fields(ev.plan),
        ev.plan.unit.name,
        ev.period.key,
        ev.scheme,
        ev.summary,
        ev.counts,
        ev.labels,
        [(g.group.pk if g.group else None, g.counts, len(g.rows)) for g in ev.groups],
        ev.task_counts,
        ev.task_as_of,
        [row(r) for r in ev.rows],
    )


def units_picture(rows) -> list:
    return [
        (r.plan.pk, r.plan.unit.name, picture(r.evaluation), r.timeliness, r.achieved_share)
        for r in rows
    ]


def detail_picture(d) -> tuple:
    """Everything a target's page shows."""
    return (
        picture(d.evaluation),
        d.target.pk,
        d.result.class_key,
        d.result.rate,
        [(p.period.key, p.actual, p.status, p.plan_figure, p.note, p.references) for p in d.series],
        [
            (
                b.unit.pk,
                b.unit.name,
                _fields(b.target) if b.target else None,
                b.actual,
                b.rate,
                b.class_key,
                b.class_label,
                b.baseline,
                b.baseline_note,
                b.no_data_reason,
            )
            for b in d.breakdown
        ],
        [_fields(v) for v in d.history],
        [(line.name, line.points) for line in d.references],
        (
            [(a.adjustment.pk, a.before, a.after, a.in_force) for a in d.adjustments.lines],
            d.adjustments.original,
        ),
        d.no_data_reason,
    )


@pytest.fixture
def world(demo_loaded):
    """A province with two districts of two communes; the province's plan with a sum, a
    ratio and a lower-is-better target, concretised by both districts; figures of this year
    and last; an office of the province and a reporter of one district."""
    country = OrgUnit.objects.get(code="VN")
    made = {}

    def unit(code, kind, parent):
        made[code] = orgunit_create(
            acting_user=SYSTEM, code=code, name=f"Đơn vị {code}", kind=kind, parent=parent
        )
        return made[code]

    province = unit("CT", "province", country)
    for d in ("CD1", "CD2"):
        unit(d, "district", province)
        for c in ("a", "b"):
            unit(f"{d}{c}", "commune", made[d])
    indicators = [
        indicator_get_or_create(
            acting_user=SYSTEM, code=f"ct-{i}", name=name, aggregation=agg, unit_of_measure=uom
        )
        for i, (name, agg, uom) in enumerate(
            [
                ("Việc làm mới", "sum", "người"),
                ("Tỷ lệ hộ nghèo", "ratio", "%"),
                ("Số vụ", "sum", "vụ"),
            ]
        )
    ]
    periods = [period_get_or_create(spec=PeriodSpec(PeriodKind.YEAR, y)) for y in (YEAR - 1, YEAR)]
    plan = make_plan(province, "ct-2031", year=YEAR)
    plans = [plan]
    for code in ("CD1", "CD2"):
        plans.append(make_plan(made[code], f"ct-{code.lower()}-2031", year=YEAR, parent=plan))
    for p in plans:
        share = 1 if p is plan else 2
        for i, (ind, direction) in enumerate(
            zip(indicators, ("higher", "lower", "lower"), strict=True)
        ):
            parent = None if p is plan else Target.objects.get(plan=plan, code=str(i + 1))
            target_create(
                acting_user=SYSTEM,
                plan=p,
                code=str(i + 1),
                name=ind.name,
                indicator=ind,
                direction=direction,
                target_value=Decimal(100 // share if i != 1 else 5),
                parent=parent,
            )
    make_task(plans[0], province, "Xây dựng đề án", deadline=dt.date(YEAR, 6, 30))
    for period in periods:
        for code in ("CD1a", "CD1b", "CD2a", "CD2b"):
            for ind in indicators:
                record(ind, made[code], period, 30)
    office = make_user("vanphong.ct", ("office", province))
    reporter = make_user("baocao.ctd1", ("reporter", made["CD1"]))
    return {
        "units": made,
        "indicators": indicators,
        "periods": periods,
        "plans": plans,
        "users": [office, reporter],
        "schemes": list(ClassificationScheme.objects.order_by("key")),
    }


def record(indicator, unit, period, value: float) -> None:
    ratio = indicator.aggregation == "ratio"
    value_record(
        acting_user=SYSTEM,
        indicator=indicator,
        unit=unit,
        period=period,
        value=Decimal(str(value)),
        numerator=Decimal(str(value)) if ratio else None,
        denominator=Decimal(100) if ratio else None,
        status="official",
    )


def fresh(model_obj):
    return type(model_obj).objects.get(pk=model_obj.pk)


# --- the changes, each through its service ---------------------------------------------


def change_figure(w, data):
    unit = data.draw(st.sampled_from(sorted(w["units"])))
    unit = w["units"][unit]
    if not OrgUnit.objects.filter(pk=unit.pk, versions__valid_to__isnull=True).exists():
        return
    record(
        data.draw(st.sampled_from(w["indicators"])),
        unit,
        data.draw(st.sampled_from(w["periods"])),
        data.draw(st.integers(1, 200)),
    )


def change_target(w, data):
    target = fresh(data.draw(st.sampled_from(list(Target.objects.filter(plan__in=w["plans"])))))
    target_update(
        acting_user=SYSTEM, target=target, data={"name": f"{target.name} (sửa)", "order": 9}
    )


def _another(value: Decimal, target: Target) -> Decimal:
    return value + 151 if value == target.target_value else value


def adjust_target(w, data):
    target = fresh(data.draw(st.sampled_from(list(Target.objects.filter(plan__in=w["plans"])))))
    last = target.adjustments.order_by("-effective_on").first()
    day = dt.date(YEAR, data.draw(st.integers(2, 12)), 1)
    if last is not None and day < last.effective_on:
        day = last.effective_on
    target_adjust(
        acting_user=SYSTEM,
        target=target,
        # A new figure (the service refuses an "adjustment" to the figure already in force),
        # drawn the same way whatever the database holds: Hypothesis replays the draws.
        data={"target_value": _another(Decimal(data.draw(st.integers(1, 150))), target)},
        effective_on=day,
        document="Số 99-NQ/TU",
    )


def change_scheme(w, data):
    plan = fresh(data.draw(st.sampled_from(w["plans"])))
    plan_update(
        acting_user=SYSTEM, plan=plan, data={"scheme": data.draw(st.sampled_from(w["schemes"]))}
    )


def change_task(w, data):
    make_task(
        w["plans"][0],
        w["units"]["CT"],
        f"Nhiệm vụ {data.draw(st.integers(1, 10**6))}",
        deadline=dt.date(YEAR, data.draw(st.integers(1, 12)), 1),
        completed_on=data.draw(st.none() | st.just(dt.date(YEAR, 3, 1))),
    )


def rename_unit(w, data):
    unit = fresh(w["units"][data.draw(st.sampled_from(["CD1", "CD2", "CD1a"]))])
    on = dt.date(YEAR, data.draw(st.integers(1, 12)), 1)
    name = f"Tên mới {data.draw(st.integers(1, 10**6))}"
    # The world outlives an example: a unit renamed by an earlier one is renamed after that,
    # to another name (the service refuses a change dated before the unit's latest, and a
    # name it already has).
    latest = max(v.valid_from or dt.date.min for v in unit.versions.all())
    if latest >= on:
        on = latest + dt.timedelta(days=1)
    if name == unit.name:
        name += " (mới)"
    orgunit_rename(acting_user=SYSTEM, unit=unit, on=on, name=name)


def merge_communes(w, data):
    a, b = w["units"]["CD2a"], w["units"]["CD2b"]
    if OrgUnit.objects.get(pk=b.pk).versions.filter(valid_to__isnull=True).exists():
        orgunit_merge(acting_user=SYSTEM, units=[fresh(b)], into=fresh(a), on=dt.date(YEAR, 7, 1))


def change_grant(w, data):
    reporter = w["users"][1]
    grant = Grant.objects.filter(user=reporter, unit=w["units"]["CD2"]).first()
    if grant is None:
        grant_create(acting_user=SYSTEM, user=reporter, role="reporter", unit=w["units"]["CD2"])
    else:
        grant_delete(acting_user=SYSTEM, grant=grant)


def change_reference(w, data):
    series = reference_series_get_or_create(
        acting_user=SYSTEM,
        indicator=data.draw(st.sampled_from(w["indicators"])),
        owner=w["units"]["CT"],
        name=data.draw(st.sampled_from(["Cả nước", "Vùng Đồng bằng sông Cửu Long"])),
    )
    reference_point_record(
        acting_user=SYSTEM,
        series=series,
        period=data.draw(st.sampled_from(w["periods"])),
        value=Decimal(data.draw(st.integers(1, 500))),
    )


CHANGES = [
    change_figure,
    change_figure,
    change_target,
    change_reference,
    adjust_target,
    change_scheme,
    change_task,
    rename_unit,
    merge_communes,
    change_grant,
]


def assert_cached_equals_uncached(w) -> None:
    for user in (*[fresh(u) for u in w["users"]], SYSTEM):
        for period in w["periods"]:
            for plan in Plan.objects.filter(pk__in=[p.pk for p in w["plans"]]).select_related(
                "unit", "scheme"
            ):
                if (
                    user is not SYSTEM
                    and not Plan.objects.restrict(user).filter(pk=plan.pk).exists()
                ):
                    continue
                for _twice in range(2):  # the second from the cache
                    cached = plan_evaluation(user=user, plan=plan, period=period)
                    assert picture(cached) == picture(
                        evaluations_uncached(user=user, plans=[plan], period=period)[0]
                    )
                    assert units_picture(
                        plan_units_comparison(user=user, plan=plan, period=period)
                    ) == units_picture(
                        units_comparison_uncached(user=user, plan=plan, period=period)
                    )
                    for code in ("1", "2"):
                        asked = {"user": user, "plan": plan, "code": code, "period": period}
                        assert detail_picture(target_detail(**asked)) == detail_picture(
                            target_detail_uncached(**asked)
                        )


def api_answers(w, user, plans=None, paths=("evaluation", "evaluation/units")) -> list[bytes]:
    client = Client()
    client.force_login(user)
    out = []
    for plan in w["plans"][:2] if plans is None else plans:
        for period in w["periods"]:
            for path in paths:
                response = client.get(f"/api/v1/plans/{plan.code}/{path}?period={period.key}")
                out.append((response.status_code, response.content))
    return out


def test_cached_answers_equal_fresh_ones_after_any_sequence_of_changes(world):
    w = world

    @settings(
        max_examples=12,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def run(data):
        for change in data.draw(st.lists(st.sampled_from(CHANGES), min_size=1, max_size=4)):
            before = data_version()
            change(w, data)
            assert not changes_pending()
            assert_cached_equals_uncached(w)
            # Through the API, each request's user is new: the scope comes from the table
            # kept per version (the office's and the reporter's, whose grants change).
            for user in w["users"]:
                with override_settings(NGHIQUYET_EVALUATION_CACHE=False):
                    expected = api_answers(w, user, w["plans"], ("evaluation",))
                assert api_answers(w, user, w["plans"], ("evaluation",)) == expected
            assert data_version() >= before

    run()


def test_a_repeated_question_is_answered_from_the_cache(world):
    plan = Plan.objects.select_related("unit", "scheme").get(pk=world["plans"][0].pk)
    period = world["periods"][1]
    office = world["users"][0]
    first = plan_evaluation(user=office, plan=plan, period=period)
    with CaptureQueriesContext(connection) as ctx:
        again = plan_evaluation(user=office, plan=plan, period=period)
    assert len(ctx.captured_queries) == 1  # the data version
    assert picture(again) == picture(first)
    # A figure accepted moves the version: the next answer is computed anew and shows it.
    record(world["indicators"][0], world["units"]["CD1a"], period, 999)
    after = plan_evaluation(user=office, plan=plan, period=period)
    assert picture(after) != picture(first)
    assert picture(after) == picture(
        evaluations_uncached(user=office, plans=[plan], period=period)[0]
    )


def test_a_repeated_target_page_is_answered_from_the_cache(world):
    plan = Plan.objects.select_related("unit", "scheme").get(pk=world["plans"][0].pk)
    period = world["periods"][1]
    asked = {"user": world["users"][0], "plan": plan, "code": "1", "period": period}
    first = target_detail(**asked)
    with CaptureQueriesContext(connection) as ctx:
        again = target_detail(**asked)
    assert len(ctx.captured_queries) == 1  # the data version
    assert detail_picture(again) == detail_picture(first)
    # A unit's figure moves the version: the page's units table shows it at once.
    record(world["indicators"][0], world["units"]["CD1"], period, 77)
    after = target_detail(**asked)
    assert [b.actual for b in after.breakdown if b.unit.code == "CD1"] == [77.0]
    assert detail_picture(after) == detail_picture(target_detail_uncached(**asked))


def test_the_api_answers_the_same_bytes_from_the_cache(world):
    office = world["users"][0]
    with override_settings(NGHIQUYET_EVALUATION_CACHE=False):
        fresh_answers = api_answers(world, office)
    cache_clear()
    cold = api_answers(world, office)
    warm = api_answers(world, office)
    assert [status for status, _c in fresh_answers] == [200] * len(fresh_answers)
    assert cold == fresh_answers
    assert warm == fresh_answers
    # A user of one district reads neither the province's plan nor what the office's cache
    # holds for it.
    reporter = world["users"][1]
    client = Client()
    client.force_login(reporter)
    code = world["plans"][0].code
    response = client.get(f"/api/v1/plans/{code}/evaluation?period={YEAR}")
    assert response.status_code == 404


def test_a_repeated_api_question_costs_one_query(world):
    office = world["users"][0]
    _token, text = api_token_create(acting_user=office, name="thử")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {text}")
    path = f"/api/v1/plans/{world['plans'][0].code}/evaluation?period={YEAR}"
    first = client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(path)
    # The token with its user and the data version in one statement; the office's scope is
    # kept per version, the answer's bytes under it.
    assert len(ctx.captured_queries) == 1
    assert (again.status_code, again.content) == (first.status_code, first.content) != (404, b"")
    with override_settings(NGHIQUYET_EVALUATION_CACHE=False):
        assert client.get(path).content == first.content
    # A figure accepted is seen by the next request (the version moves with it).
    record(world["indicators"][0], world["units"]["CD1a"], world["periods"][1], 999)
    after = client.get(path)
    assert after.content != first.content
    with override_settings(NGHIQUYET_EVALUATION_CACHE=False):
        assert client.get(path).content == after.content


def test_a_scope_kept_per_version_follows_every_grant_change(world):
    """The scope kept for a data version is never used after a grant changes: taking the
    grant away moves the version, and the very next request is refused."""
    reporter = world["users"][1]
    plan = world["plans"][1]  # a district's plan (the reporter's district)
    grant = Grant.objects.get(user=reporter)
    client = Client()
    client.force_login(reporter)
    path = f"/api/v1/plans/{plan.code}/evaluation?period={YEAR}"
    seen = [client.get(path), client.get(path)]  # the second from the cache
    assert [r.status_code for r in seen] == [200, 200]
    assert seen[0].content == seen[1].content
    grant_delete(acting_user=SYSTEM, grant=grant)
    assert client.get(path).status_code == 404
    grant_create(acting_user=SYSTEM, user=reporter, role=grant.role, unit=grant.unit)
    again = client.get(path)
    assert (again.status_code, again.content) == (200, seen[0].content)


def test_uncommitted_changes_are_not_kept(world):
    from django.db import transaction

    plan = Plan.objects.select_related("unit", "scheme").get(pk=world["plans"][0].pk)
    period = world["periods"][1]
    clean = picture(plan_evaluation(user=SYSTEM, plan=plan, period=period))

    seen = {}

    def inside():
        with transaction.atomic():
            record(world["indicators"][0], world["units"]["CD1a"], period, 777)
            seen["pending"] = changes_pending()
            seen["inside"] = picture(plan_evaluation(user=SYSTEM, plan=plan, period=period))
            transaction.set_rollback(True)

    inside()
    assert seen["pending"]
    assert seen["inside"] != clean
    assert not changes_pending()
    # The rolled-back figure was never kept, whichever version number comes next.
    record(world["indicators"][2], world["units"]["CD2b"], world["periods"][0], 5)
    assert picture(plan_evaluation(user=SYSTEM, plan=plan, period=period)) == picture(
        evaluations_uncached(user=SYSTEM, plans=[plan], period=period)[0]
    )
