"""Editing a plan after it was made: updates through one diffing helper, adjustments that
keep the old figure, task deadlines with their history, assignments within scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nghiquyet.audit.models import AuditEvent
from nghiquyet.audit.services import model_update
from nghiquyet.plans import services
from nghiquyet.plans.models import Group, TargetAdjustment, Task, TaskDeadlineChange
from nghiquyet.plans.selectors import target_has_figures, targets_in_force, task_list
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.selectors.evaluation import plan_evaluation
from nghiquyet.reporting.services import period_get_or_create, value_record
from tests.dbstate import changed_tables, database_state
from tests.factories import make_plan, make_task, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(land):
    return make_user("vanphong.thu", ("office", land["T1"]))


@pytest.fixture
def plan(land):
    return make_plan(land["T1"], "thu-2031", year=2031)


@pytest.fixture
def indicator(system):
    return services.indicator_get_or_create(
        acting_user=system, code="ho-ngheo-thu", name="Tỷ lệ hộ nghèo", unit_of_measure="%"
    )


@pytest.fixture
def target(system, plan, indicator, land):
    return services.target_create(
        acting_user=system,
        plan=plan,
        code="1",
        name="Tỷ lệ hộ nghèo",
        indicator=indicator,
        statement="Tỷ lệ hộ nghèo còn dưới 3%",
        direction="lower",
        target_value="3",
        lead_unit=land["D1"],
    )


def _events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


# --- model_update -------------------------------------------------------------------------


def test_model_update_saves_only_what_changed_and_audits_old_and_new(office, plan):
    group = services.group_create(acting_user=office, plan=plan, kind="targets", name="Kinh tế")
    before = AuditEvent.objects.count()
    from django.db import transaction

    with transaction.atomic():
        changes = model_update(
            instance=group,
            fields=("name", "code", "order"),
            data={"name": "Phát triển kinh tế", "code": "", "order": 0},
            acting_user=office,
            action="group.update",
            unit=plan.unit,
        )
    assert changes == {"name": ["Kinh tế", "Phát triển kinh tế"]}
    assert Group.objects.get(pk=group.pk).name == "Phát triển kinh tế"
    event = AuditEvent.objects.latest("pk")
    assert event.action == "group.update" and event.actor == office
    assert event.changes == {"name": ["Kinh tế", "Phát triển kinh tế"]}
    # The same values again: nothing written.
    with transaction.atomic():
        assert (
            model_update(
                instance=group,
                fields=("name",),
                data={"name": "Phát triển kinh tế"},
                acting_user=office,
                action="group.update",
            )
            == {}
        )
    assert AuditEvent.objects.count() == before + 1


def test_plan_update_changes_what_the_plan_says_and_writes_one_event(office, plan):
    changes = services.plan_update(
        acting_user=office,
        plan=plan,
        data={"number": "05-NQ/TU", "body_kind": "state", "title": plan.title},
    )
    assert changes == {"number": ["", "05-NQ/TU"], "body_kind": ["party", "state"]}
    plan.refresh_from_db()
    assert plan.heading == "Nghị quyết số 05-NQ/TU" and plan.body_kind == "state"
    assert _events("plan.update")[-1].changes == changes


def test_a_refused_plan_update_leaves_no_row_and_no_event(land, plan):
    stranger = make_user("vanphong.ben", ("office", land["T2"]))
    before = database_state()
    with pytest.raises(PermissionDenied):
        services.plan_update(acting_user=stranger, plan=plan, data={"number": "9-NQ"})
    # An annual resolution without its year is refused whole.
    office = make_user("vanphong.thu2", ("office", land["T1"]))
    before = database_state()
    with pytest.raises(ValidationError) as exc:
        services.plan_update(acting_user=office, plan=plan, data={"year": None, "number": "9"})
    assert "year" in exc.value.message_dict
    assert changed_tables(before, database_state()) == []


def test_groups_are_renamed_and_reordered(office, plan):
    a = services.group_create(acting_user=office, plan=plan, kind="targets", name="A", order=1)
    b = services.group_create(acting_user=office, plan=plan, kind="targets", name="B", order=2)
    services.group_reorder(acting_user=office, plan=plan, kind="targets", groups=[b, a])
    assert list(plan.target_groups.values_list("name", flat=True)) == ["B", "A"]
    with pytest.raises(ValidationError):
        services.group_reorder(acting_user=office, plan=plan, kind="targets", groups=[b])


# --- targets and adjustments -----------------------------------------------------------------


def test_a_target_is_moved_and_edited_while_no_figure_exists(office, plan, target):
    group = services.group_create(acting_user=office, plan=plan, kind="targets", name="Xã hội")
    assert not target_has_figures(target=target)
    changes = services.target_update(
        acting_user=office,
        target=target,
        data={"group": group, "target_value": Decimal("2.5"), "name": target.name},
    )
    assert changes == {"group": [None, "Xã hội"], "target_value": ["3", "2.5"]}


def _value(system, indicator, unit, year, figure):
    period = period_get_or_create(spec=PeriodSpec(PeriodKind.YEAR, year))
    value_record(acting_user=system, indicator=indicator, unit=unit, period=period, value=figure)
    return period


def test_after_figures_exist_a_new_figure_is_an_adjustment_and_the_old_one_stays(
    system, office, plan, target, indicator, land
):
    period = _value(system, indicator, land["T1"], 2031, "2.8")
    assert target_has_figures(target=target)
    before = database_state()
    with pytest.raises(ValidationError) as exc:
        services.target_update(
            acting_user=office, target=target, data={"target_value": Decimal("2.5")}
        )
    assert "điều chỉnh chỉ tiêu" in exc.value.message_dict["target_value"][0]
    assert changed_tables(before, database_state()) == []

    adjustment = services.target_adjust(
        acting_user=office,
        target=target,
        data={"target_value": Decimal("2.5"), "statement": "Tỷ lệ hộ nghèo còn dưới 2,5%"},
        effective_on=dt.date(2032, 1, 1),
        document="Nghị quyết số 12/NQ-HĐND ngày 20/12/2031",
    )
    target.refresh_from_db()
    assert target.target_value == Decimal("2.5")
    assert adjustment.before == {
        "target_value": "3",
        "statement": "Tỷ lệ hộ nghèo còn dưới 3%",
    }
    assert adjustment.after["target_value"] == "2.5"
    event = _events("target.adjust")[-1]
    assert event.note == "Nghị quyết số 12/NQ-HĐND ngày 20/12/2031"
    assert event.changes["target_value"] == ["3", "2.5"]

    # The year 2031 ended before the adjustment took effect: judged against 3%, achieved.
    ev = plan_evaluation(user=office, plan=plan, period=period)
    row = ev.rows[0]
    assert row.target.target_value == Decimal("3") and row.class_key == "achieved"
    # A period after it is judged against 2,5%.
    later = targets_in_force([target], on=dt.date(2032, 12, 14))
    assert later[0].target_value == Decimal("2.5")


def test_an_adjustment_names_its_document_and_is_not_dated_before_the_last_one(office, target):
    with pytest.raises(ValidationError) as exc:
        services.target_adjust(
            acting_user=office,
            target=target,
            data={"target_value": Decimal("2")},
            effective_on=dt.date(2031, 7, 1),
            document="  ",
        )
    assert "document" in exc.value.message_dict
    services.target_adjust(
        acting_user=office,
        target=target,
        data={"target_value": Decimal("2")},
        effective_on=dt.date(2031, 7, 1),
        document="NQ 1",
    )
    with pytest.raises(ValidationError) as exc:
        services.target_adjust(
            acting_user=office,
            target=target,
            data={"target_value": Decimal("1")},
            effective_on=dt.date(2031, 6, 1),
            document="NQ 2",
        )
    assert "effective_on" in exc.value.message_dict
    assert TargetAdjustment.objects.filter(target=target).count() == 1


def test_an_ended_target_is_not_judged_from_its_end(office, plan, target):
    services.target_end(
        acting_user=office, target=target, ended_on=dt.date(2031, 7, 1), document="NQ 3"
    )
    assert targets_in_force([target], on=dt.date(2031, 6, 14)) == [target]
    assert targets_in_force([target], on=dt.date(2031, 12, 14)) == []
    assert _events("target.end")[-1].changes == {"ended_on": [None, "2031-07-01"]}


# --- tasks -----------------------------------------------------------------------------------


def test_deadline_extensions_keep_their_history(office, plan, land):
    task = make_task(plan, land["D1"], "Xây dựng đề án", deadline=dt.date(2031, 6, 30))
    services.task_extend(
        acting_user=office, task=task, deadline=dt.date(2031, 8, 31), reason="Chờ số liệu"
    )
    second = services.task_extend(
        acting_user=office, task=task, deadline=dt.date(2031, 9, 30), reason="Chờ ý kiến"
    )
    assert second.number == 2 and second.old_deadline == dt.date(2031, 8, 31)
    assert Task.objects.get(pk=task.pk).deadline == dt.date(2031, 9, 30)
    assert list(
        TaskDeadlineChange.objects.filter(task=task).values_list("number", "new_deadline")
    ) == [(1, dt.date(2031, 8, 31)), (2, dt.date(2031, 9, 30))]
    assert _events("task.extend")[-1].changes == {"deadline": ["2031-08-31", "2031-09-30"]}
    with pytest.raises(ValidationError) as exc:
        services.task_extend(
            acting_user=office, task=task, deadline=dt.date(2031, 9, 1), reason="x"
        )
    assert "deadline" in exc.value.message_dict


def test_a_task_is_reassigned_and_cancelled_tasks_leave_tracking(office, plan, land):
    task = make_task(plan, land["D1"], "Việc một", deadline=dt.date(2031, 6, 30))
    other = make_task(plan, land["D1"], "Việc hai", deadline=dt.date(2031, 6, 30))
    changes = services.task_update(
        acting_user=office,
        task=task,
        data={"owner_unit": land["D2"], "partner_units": [land["D1a"]]},
    )
    assert changes == {"owner_unit": ["Huyện D1", "Huyện D2"], "partner_units": [[], ["Xã D1a"]]}
    services.task_close(
        acting_user=office, task=other, closed_as="merged", reason="Trùng", merged_into=task
    )
    rows = task_list(user=office)
    assert [r.task.pk for r in rows] == [task.pk]
    assert services.task_bulk_assign(acting_user=office, tasks=[task], owner_unit=land["D1"]) == 1


# --- assignments stay within scope (issue 11, item 6) ----------------------------------------


def test_an_office_cannot_give_work_to_a_unit_it_may_only_read(land, plan, indicator):
    """Vĩnh Long's office sees Bến Tre's former departments through lineage but may not
    make one of them the lead unit of its plan: the report would go to Bến Tre's reporter."""
    district_office = make_user("vanphong.d1", ("office", land["D1"]), ("viewer", land["D2"]))
    own = make_plan(land["D1"], "d1-2031", year=2031)
    before = database_state()
    with pytest.raises(ValidationError) as exc:
        services.target_create(
            acting_user=district_office,
            plan=own,
            code="1",
            name="Hộ nghèo",
            indicator=indicator,
            target_value="3",
            direction="lower",
            lead_unit=land["D2a"],
        )
    assert "không thuộc phạm vi bạn quản lý" in exc.value.message_dict["lead_unit"][0]
    with pytest.raises(ValidationError):
        services.task_create(
            acting_user=district_office,
            plan=own,
            title="Việc",
            owner_unit=land["D2"],
            product="Báo cáo",
            deadline=None,
        )
    assert changed_tables(before, database_state()) == []


def test_the_vinh_long_office_cannot_task_a_ben_tre_department(users, units):
    office = users["vanphong.vinhlong"]
    plan = make_plan(units["86"], "vinhlong-thu-2031", year=2031)
    department = units["83-SKHDT"]
    with pytest.raises(ValidationError) as exc:
        services.task_create(
            acting_user=office,
            plan=plan,
            title="Việc",
            owner_unit=department,
            product="Báo cáo",
            deadline=None,
        )
    assert "owner_unit" in exc.value.message_dict


def test_an_ended_unit_gets_no_new_work(system, land, plan, office):
    from nghiquyet.orgs.services import orgunit_dissolve  # noqa: F401

    ended = land["D1c"]
    ended.valid_to = dt.date(2030, 1, 1)
    ended.save(update_fields=["valid_to"])
    with pytest.raises(ValidationError) as exc:
        make_task(plan, ended, "Việc")
    assert "thôi hoạt động" in exc.value.message_dict["owner_unit"][0]
