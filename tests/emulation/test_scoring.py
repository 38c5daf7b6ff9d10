"""Scores built from the system's own data, traceable, recomputed until the round closes."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from nghiquyet.audit.models import AuditEvent
from nghiquyet.emulation import selectors, services
from nghiquyet.emulation.models import Score
from nghiquyet.reporting.services import value_record

pytestmark = pytest.mark.django_db


def _by_code(results):
    return {r.criterion.code: r for r in results}


def test_targets_and_tasks_are_scored_from_the_figures(scene, office, land):
    rnd = scene["round"]
    scores = selectors.unit_scores(rnd, scene["communes"])
    a = _by_code(scores[land["D1a"].pk].results)
    b = _by_code(scores[land["D1b"].pk].results)
    c = _by_code(scores[land["D1c"].pk].results)
    # D1a met one target of two: 0,5 × 40; D1b both: 40; D1c has no figures: 0 of 2.
    assert (a["1"].share, a["1"].points) == (Decimal("0.5000"), Decimal("20.00"))
    assert b["1"].points == Decimal("40.00")
    assert c["1"].points == Decimal("0.00")
    assert [i["detail"].split(" ·")[0] for i in c["1"].items] == ["chưa có số liệu"] * 2
    # D1a: one task on time, one overdue; D1b: one on time; D1c: none fell due (no points).
    assert (a["2"].hits, a["2"].counted, a["2"].points) == (1, 2, Decimal("15.00"))
    assert b["2"].points == Decimal("30.00")
    assert c["2"].points is None and c["2"].note
    # The council has not scored yet.
    assert a["3"].points is None
    # Total: weight 2 on targets.
    assert scores[land["D1a"].pk].total == Decimal("55.00")
    assert scores[land["D1b"].pk].total == Decimal("110.00")


def test_each_point_is_traceable_to_its_targets_and_tasks(scene, office, land):
    trace = selectors.score_trace(user=office, rnd=scene["round"], unit=land["D1a"])
    items = _by_code(trace.results)["1"].items
    assert {(i["kind"], i["plan"], i["code"], i["ok"]) for i in items} == {
        ("target", "d1a-2024", "1", True),
        ("target", "d1a-2024", "2", False),
    }
    tasks = _by_code(trace.results)["2"].items
    assert [(i["label"], i["ok"]) for i in tasks] == [
        ("Chỉnh trang chợ", True),
        ("Số hóa hồ sơ", False),
    ]


def test_ranking_per_cluster_and_council_score(scene, office, land):
    rnd = scene["round"]
    services.score_council_set(
        acting_user=office,
        rnd=rnd,
        criterion=scene["criteria"]["council"],
        unit=land["D1c"],
        points="9,5",
        note="Mô hình dân vận khéo được nhân rộng.",
    )
    (ranking,) = selectors.round_ranking(user=office, rnd=rnd)
    assert [(r.unit.code, r.rank, r.total) for r in ranking.rows] == [
        ("D1b", 1, Decimal("110.00")),
        ("D1a", 2, Decimal("55.00")),
        ("D1c", 3, Decimal("9.50")),
    ]
    event = AuditEvent.objects.get(action="score.council", unit=land["D1c"])
    assert event.changes["points"] == [None, "9.5"]


@pytest.mark.parametrize(
    ("points", "note", "field"),
    [("11", "vượt điểm", "points"), ("abc", "x", "points"), ("5", "  ", "note")],
)
def test_council_score_is_checked_and_nothing_is_written(scene, office, land, points, note, field):
    with pytest.raises(ValidationError) as err:
        services.score_council_set(
            acting_user=office,
            rnd=scene["round"],
            criterion=scene["criteria"]["council"],
            unit=land["D1a"],
            points=points,
            note=note,
        )
    assert field in err.value.message_dict
    assert not Score.objects.filter(round=scene["round"]).exists()
    assert not AuditEvent.objects.filter(
        action="score.council", unit__in=scene["communes"]
    ).exists()


def test_council_cannot_score_a_computed_criterion(scene, office, land):
    with pytest.raises(ValidationError, match="do hệ thống tính"):
        services.score_council_set(
            acting_user=office,
            rnd=scene["round"],
            criterion=scene["criteria"]["targets"],
            unit=land["D1a"],
            points=1,
            note="x",
        )


def test_scores_follow_the_figures_until_the_round_closes_then_are_frozen(
    scene, office, land, system
):
    rnd = scene["round"]
    roads = scene["targets"]["D1a", "2"].indicator

    def d1a_targets():
        return _by_code(selectors.unit_scores(rnd, [land["D1a"]])[land["D1a"].pk].results)["1"]

    assert d1a_targets().points == Decimal("20.00")
    value_record(
        acting_user=system, indicator=roads, unit=land["D1a"], period=scene["year"], value=101
    )
    assert d1a_targets().points == Decimal("40.00")  # recomputed

    rnd = services.round_close(acting_user=office, rnd=rnd)
    assert rnd.is_closed
    frozen = d1a_targets()
    assert frozen.frozen and frozen.points == Decimal("40.00")
    assert len(frozen.items) == 2
    value_record(
        acting_user=system, indicator=roads, unit=land["D1a"], period=scene["year"], value=10
    )
    assert d1a_targets().points == Decimal("40.00")  # frozen
    # D1c's task criterion had no data: frozen as no points, not as zero.
    d1c = _by_code(selectors.unit_scores(rnd, [land["D1c"]])[land["D1c"].pk].results)
    assert d1c["2"].points is None
    closed = AuditEvent.objects.filter(action="emulationround.close", object_id=str(rnd.pk))
    assert closed.count() == 1
    with pytest.raises(ValidationError, match="khóa sổ"):
        services.score_council_set(
            acting_user=office,
            rnd=rnd,
            criterion=scene["criteria"]["council"],
            unit=land["D1a"],
            points=1,
            note="muộn",
        )
    with pytest.raises(ValidationError, match="khóa sổ"):
        services.round_close(acting_user=office, rnd=rnd)
