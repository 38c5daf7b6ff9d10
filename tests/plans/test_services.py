import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nghiquyet.audit.models import AuditEvent
from nghiquyet.plans import services
from nghiquyet.plans.models import ClassificationScheme, Indicator, Plan, Target, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(users, units):
    return services.plan_create(
        acting_user=users["vanphong.thanhpho"],
        code="phuong-4-2022",
        kind="annual_resolution",
        title="về nhiệm vụ năm 2022",
        unit=units["28798"],
        issuing_body="Đảng ủy Phường 4",
        number="05-NQ/ĐU",
        year=2022,
    )


@pytest.fixture
def jobs():
    return Indicator.objects.get(code="new-jobs")


def test_office_creates_a_plan_in_its_subtree_with_an_audit_event(plan, users):
    assert plan.scheme.key == "bands"
    assert plan.heading == "Nghị quyết số 05-NQ/ĐU"
    event = AuditEvent.objects.get(action="plan.create", object_id=str(plan.pk))
    assert event.actor == users["vanphong.thanhpho"]
    assert event.changes["code"] == [None, "phuong-4-2022"]


@pytest.mark.parametrize("username", ["baocao.anhoi", "lanhdao.tinh", "vanphong.thanhpho"])
def test_plan_outside_the_managed_subtree_is_refused(users, units, username):
    unit = units["83"] if username == "vanphong.thanhpho" else units["28777-cu"]
    with pytest.raises(PermissionDenied):
        services.plan_create(
            acting_user=users[username],
            code="x-2022",
            kind="annual_resolution",
            title="x",
            unit=unit,
            issuing_body="x",
            year=2022,
        )
    assert not Plan.objects.filter(code="x-2022").exists()


def test_plans_are_validated_in_vietnamese(users, units):
    with pytest.raises(ValidationError) as err:
        services.plan_create(
            acting_user=users["vanphong.tinh"],
            code="dh-x",
            kind="term_resolution",
            title="x",
            unit=units["83"],
            issuing_body="x",
        )
    assert "Nghị quyết Đại hội phải có năm bắt đầu và kết thúc nhiệm kỳ." in str(err.value)
    with pytest.raises(ValidationError) as err:
        services.plan_create(
            acting_user=users["vanphong.tinh"],
            code="nam-x",
            kind="annual_resolution",
            title="x",
            unit=units["83"],
            issuing_body="x",
        )
    assert "Nghị quyết năm phải có năm." in str(err.value)


def test_presets_are_recreated_if_missing(users, units):
    custom = ClassificationScheme.objects.create(
        key="tinh-rieng", name="Riêng", bands=ClassificationScheme.objects.get(key="binary").bands
    )
    Plan.objects.update(scheme=custom)
    ClassificationScheme.objects.filter(key__in=["bands", "binary"]).delete()
    plan = services.plan_create(
        acting_user=users["vanphong.tinh"],
        code="sau-khi-xoa",
        kind="annual_resolution",
        title="x",
        unit=units["83"],
        issuing_body="x",
        year=2023,
    )
    assert plan.scheme.key == "bands"
    assert set(ClassificationScheme.objects.values_list("key", flat=True)) == {
        "bands",
        "binary",
        "dat_vuot",
        "tinh-rieng",
    }


def test_every_target_form_can_be_stored(plan, users, units, jobs):
    office = users["vanphong.thanhpho"]
    poverty = Indicator.objects.get(code="poverty-rate")
    crime = Indicator.objects.get(code="criminal-cases")
    grdp = Indicator.objects.get(code="industry-growth")
    flag = Indicator.objects.get(code="wards-conversion")

    def make(code, **kw):
        return services.target_create(acting_user=office, plan=plan, code=code, name=code, **kw)

    higher = make("1", indicator=jobs, target_value=200)
    lower = make("2", indicator=poverty, direction="lower", target_value="0.9")
    ranged = make("3", indicator=grdp, target_value=6, target_high=6.5)
    approx = make("4", indicator=grdp, target_value=30, tolerance=0.05)
    change = make("5", indicator=crime, target_value=5, target_high=10, change=2)
    yes_no = make("6", indicator=flag, direction="yes_no", due_date=dt.date(2030, 12, 31))
    composite = make("7", indicator=None, is_composite=True)
    part = make("7a", indicator=crime, target_value=5, change=2, composite=composite)
    cumulative = make(
        "8",
        indicator=jobs,
        target_value=1000,
        temporal="cumulative",
        lead_unit=units["28798"],
        partner_units=[units["28777-cu"]],
    )
    assert lower.target_value == Decimal("0.9") and lower.direction == "lower"
    assert (ranged.target_value, ranged.target_high) == (Decimal("6"), Decimal("6.5"))
    assert approx.tolerance == Decimal("0.05") and change.change == 2
    assert yes_no.target_value is None and yes_no.due_date.year == 2030
    assert list(composite.parts.all()) == [part]
    assert list(cumulative.partner_units.all()) == [units["28777-cu"]]
    assert higher.unit_of_measure == "lao động"
    assert Target.objects.filter(plan=plan).count() == 9


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"indicator": None}, "indicator", "Chỉ tiêu phải gắn với một chỉ số."),
        ({"target_value": None}, "target_value", "Chỉ tiêu phải có giá trị"),
        ({"target_value": 7, "target_high": 6}, "target_high", "Cận trên phải lớn hơn"),
        ({"target_value": 7, "tolerance": 1.5}, "tolerance", "Dung sai phải từ 0 đến dưới 1"),
    ],
)
def test_target_validation_names_the_field(plan, users, jobs, kwargs, field, message):
    args = {"indicator": jobs, "target_value": 10, **kwargs}
    with pytest.raises(ValidationError) as err:
        services.target_create(
            acting_user=users["vanphong.thanhpho"], plan=plan, code="9", name="x", **args
        )
    assert message in " ".join(err.value.message_dict[field])
    assert not Target.objects.filter(plan=plan, code="9").exists()


def test_duplicate_target_code_in_a_plan_is_refused(plan, users, jobs):
    services.target_create(
        acting_user=users["vanphong.thanhpho"],
        plan=plan,
        code="1",
        name="a",
        indicator=jobs,
        target_value=1,
    )
    with pytest.raises(ValidationError):
        services.target_create(
            acting_user=users["vanphong.thanhpho"],
            plan=plan,
            code="1",
            name="b",
            indicator=jobs,
            target_value=1,
        )


def test_task_needs_owner_product_and_consistent_completion(plan, users, units):
    office = users["vanphong.thanhpho"]
    task = services.task_create(
        acting_user=office,
        plan=plan,
        title="Ra mắt mô hình",
        owner_unit=units["28798"],
        product="Quyết định công nhận",
        deadline=dt.date(2022, 6, 30),
    )
    assert AuditEvent.objects.filter(action="task.create", object_id=str(task.pk)).exists()
    with pytest.raises(ValidationError) as err:
        services.task_create(
            acting_user=office,
            plan=plan,
            title="x",
            owner_unit=units["28798"],
            product="y",
            deadline=dt.date(2022, 6, 30),
            completed_on=dt.date(2022, 6, 1),
            progress=50,
        )
    assert "tiến độ 100%" in str(err.value)
    with pytest.raises(ValidationError):
        services.task_create(
            acting_user=office,
            plan=plan,
            title="x",
            owner_unit=units["28798"],
            product="",
            deadline=None,
        )
    assert Task.objects.filter(plan=plan).count() == 1


def test_indicator_get_or_create_returns_the_existing_one(users):
    again = services.indicator_get_or_create(
        acting_user=users["vanphong.tinh"], code="new-jobs", name="khác"
    )
    assert again.name == "Số lao động được giải quyết việc làm"
