"""The demo data set is what the issue promises, and it is consistent."""

import pytest
from django.contrib.auth import authenticate

from nghiquyet.accounts.models import Grant
from nghiquyet.audit.models import AuditEvent
from nghiquyet.demo import data
from nghiquyet.demo.loader import slugify_vi
from nghiquyet.demo.rounds import STORY
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.vietnam import read_map
from nghiquyet.plans.models import Plan, Target, Task
from nghiquyet.reporting.models import Value
from nghiquyet.reporting.selectors.evaluation import plan_evaluation
from nghiquyet.reporting.selectors.periods import period_for_year

pytestmark = pytest.mark.django_db


def test_the_province_and_its_units(units):
    province = units["83"]
    children = OrgUnit.objects.filter(parent=province)
    district_level = children.filter(kind__in=["provincial_city", "district"])
    assert district_level.count() == 9
    assert children.filter(kind__in=["department", "party_agency"]).count() >= 20
    city = units["829"]
    # The city's communes and wards as the map package has them on 30/6/2025.
    assert OrgUnit.objects.filter(parent=city, kind__in=["ward", "commune"]).count() == len(
        [c for c in read_map().old_communes if c.parent == "829"]
    )
    assert {u.name for u in OrgUnit.objects.filter(parent=city, kind="commune")} >= {
        "Xã Sơn Đông",
        "Xã Phú Hưng",
    }


def test_the_plans(system):
    demo = Plan.objects.filter(is_demo=True)
    codes = set(demo.exclude(kind="conclusion").values_list("code", flat=True))
    assert {"tinh-2022", "tinh-2020-2025", "thanhpho-2021", "vinhlong-2026"} <= codes
    assert len(codes) == 4 + len(data.COMMUNES)
    # and the conclusion notice of the city's Standing Committee meeting (demo.emulation)
    assert list(demo.filter(kind="conclusion").values_list("number", flat=True)) == ["145-TB/ThU"]
    province = Plan.objects.get(code="tinh-2022")
    assert (province.number, province.year, province.kind) == (
        "04-NQ/TU",
        2022,
        "annual_resolution",
    )
    term = Plan.objects.get(code="tinh-2020-2025")
    assert (term.term_start, term.term_end, term.years) == (
        2020,
        2025,
        [2021, 2022, 2023, 2024, 2025],
    )
    city = Plan.objects.get(code="thanhpho-2021")
    assert city.children.count() == len(data.COMMUNES)
    top = Target.objects.filter(plan=city, composite__isnull=True)
    assert top.count() == 45
    groups = [g.targets.filter(composite__isnull=True).count() for g in city.target_groups.all()]
    assert groups == [9, 12, 13, 11]


def test_commune_targets_are_concretised_from_the_city_with_a_few_gaps():
    """Sum targets add up, except where the demo has a commune set itself less on purpose,
    and every commune concretised every target but three (for the cascade page to show)."""
    from nghiquyet.demo import data

    city = Plan.objects.get(code="thanhpho-2021")
    short = {}
    skipped = set()
    for parent in Target.objects.filter(plan=city, children__isnull=False).distinct():
        children = parent.children.all()
        units = set(children.values_list("plan__unit__code", flat=True))
        skipped |= {(parent.code, c[0]) for c in data.COMMUNES if c[0] not in units}
        assert {c.indicator_id for c in children} == {parent.indicator_id}
        complete = len(units) == len(data.COMMUNES)
        if parent.indicator.aggregation == "sum" and parent.change == 0 and complete:
            gap = sum(c.target_value for c in children) - parent.target_value
            if gap:
                short[parent.code] = gap
    assert skipped == data.CASCADE_SKIPPED
    assert short == {"14": -3, "23": -40}


def test_every_task_status_occurs(system):
    statuses = set()
    for code, year in [("tinh-2022", 2022), ("thanhpho-2021", 2021), ("tinh-2020-2025", 2024)]:
        ev = plan_evaluation(
            user=system, plan=Plan.objects.get(code=code), period=period_for_year(year)
        )
        statuses |= {k for k, n in ev.task_counts.items() if n}
    assert statuses == {"done_on_time", "done_late", "open_on_time", "open_overdue"}
    assert all(t.owner_unit_id and t.product and t.deadline for t in Task.objects.all())


def test_values_keep_history_and_statuses():
    statuses = set(Value.objects.current().values_list("status", flat=True))
    # Yearly figures are official or preliminary; the first-half reports estimates.
    assert statuses == {"preliminary", "official", "estimate"}
    assert set(
        Value.objects.current().filter(status="estimate").values_list("period__key", flat=True)
    ) == {"2021-H1"}
    assert Value.objects.filter(is_current=False, status="estimate").count() == len(
        data.PROVINCE_2022_ESTIMATES
    )


def test_demo_users_sign_in_with_the_documented_password_and_have_their_grants(rf):
    for username, _name, role, unit_code in data.USERS:
        user = authenticate(rf.post("/dang-nhap/"), username=username, password=data.DEMO_PASSWORD)
        assert user is not None, username
        assert Grant.objects.filter(user=user, role=role, unit__code=unit_code).exists()
    admin = authenticate(rf.post("/dang-nhap/"), username="quantri", password=data.DEMO_PASSWORD)
    assert admin.is_superuser and admin.is_staff


def test_loading_left_an_audit_trail():
    assert AuditEvent.objects.filter(action="demo.load").count() == 1
    assert AuditEvent.objects.filter(action="value.record").count() == Value.objects.count()
    accepted = [code for code, (story, _day) in STORY.items() if story == "accepted"]
    assert AuditEvent.objects.filter(action="submission.accept").count() == len(accepted)
    assert AuditEvent.objects.filter(action="round.open").count() == 1


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Phường An Hội", "phuong-an-hoi"),
        ("Xã Mỹ Thạnh An", "xa-my-thanh-an"),
        ("Đảng ủy Phường 4", "dang-uy-phuong-4"),
    ],
)
def test_slugs_drop_diacritics(name, slug):
    assert slugify_vi(name) == slug


def test_the_demo_round_is_halfway_through():
    from nghiquyet.reporting.models import ReportingRound
    from nghiquyet.reporting.selectors.submissions import timeliness

    rnd = ReportingRound.objects.get(plan__code="thanhpho-2021", period__key="2021-H1")
    subs = {s.unit.code: s for s in rnd.submissions.select_related("unit")}
    statuses = {s.status for s in subs.values()}
    assert statuses == {"draft", "submitted", "approved", "accepted", "returned"}
    anhoi = subs["28777-cu"]
    assert anhoi.status == "draft"
    assert 0 < anhoi.entries.filter(value__isnull=False).count() < anhoi.entries.count()
    kinds = {timeliness(s) for s in subs.values()}
    assert kinds == {"on_time", "late", "missing"}
    returned = subs["28780"].events.get(action="return")
    assert returned.actor.username == "vanphong.thanhpho" and "rà soát" in returned.comment


def test_no_share_in_the_demo_exceeds_the_whole():
    """A percentage of units or people is at most 100: the city's first-half figures were
    drawn around last year's and came out at 101,1% and 102,1% (party software, safe
    communes), which a clerk reading the review would strike out."""
    from django.db.models import Q

    shares = Value.objects.filter(indicator__unit_of_measure="%").exclude(
        Q(indicator__nature="flow") | Q(value__isnull=True)
    )
    assert shares.exists()
    over = list(shares.filter(value__gt=100).values_list("indicator__name", "unit__name", "value"))
    assert over == []
