"""Evaluating many plans at once (a city's communes) gives what evaluating each one gives,
in a number of queries that does not grow with the number of plans."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Period
from nghiquyet.reporting.selectors.evaluation import plan_evaluation, plan_evaluations

pytestmark = pytest.mark.django_db


def picture(ev):
    """Everything a page or a report shows of an evaluation."""
    rows = [
        (
            r.target.code,
            r.actual,
            r.baseline,
            r.rate,
            r.class_key,
            r.source_note,
            r.baseline_note,
            r.derivation,
            [(p.target.code, p.class_key) for p in r.parts],
        )
        for r in ev.rows
    ]
    groups = [(g.group.pk if g.group else None, g.counts) for g in ev.groups]
    return ev.plan.code, ev.summary, ev.counts, groups, ev.task_counts, rows


@pytest.mark.parametrize("key", ["2021-H1", "2021", "2022", "2025", "2026-H1"])
def test_every_demo_plan_at_once_matches_one_by_one(key):
    # Every demo plan, with several plans of the same unit (the province's annual and
    # term resolutions), units that merged in 2025 and plans concretised below others.
    plans = list(Plan.objects.select_related("unit", "scheme").order_by("code"))
    period = Period.objects.get(key=key)
    together = plan_evaluations(user=SYSTEM, plans=plans, period=period)
    assert [picture(ev) for ev in together] == [
        picture(plan_evaluation(user=SYSTEM, plan=plan, period=period)) for plan in plans
    ]
    assert any(ev.total and ev.counts.get("no_data", 0) < ev.total for ev in together)


def test_queries_do_not_grow_with_the_number_of_communes(users):
    city = Plan.objects.get(code="thanhpho-2021")
    communes = list(Plan.objects.filter(parent=city).select_related("unit", "scheme"))
    assert len(communes) >= 10
    period = Period.objects.get(key="2021")
    scheme = city.scheme.to_engine()
    office = users["vanphong.thanhpho"]

    def queries(plans):
        with CaptureQueriesContext(connection) as ctx:
            evaluations = plan_evaluations(user=office, plans=plans, period=period, scheme=scheme)
        assert len(evaluations) == len(plans)
        return len(ctx.captured_queries)

    one = queries(communes[:1])
    # One by one would take ``one`` queries per commune. Together, the figures of the
    # communes that have sub-units and of those that do not are read apart (this period
    # and the same period last year): a fixed few more than for one commune.
    assert queries(communes) <= one + 4


def test_a_plan_outside_the_scope_refuses_the_whole_batch(users):
    from django.core.exceptions import PermissionDenied

    city = Plan.objects.get(code="thanhpho-2021")
    province = Plan.objects.get(code="tinh-2022")
    with pytest.raises(PermissionDenied):
        plan_evaluations(
            user=users["baocao.anhoi"],
            plans=[*Plan.objects.filter(parent=city, unit__code="28777-cu"), province],
            period=Period.objects.get(key="2021"),
        )
