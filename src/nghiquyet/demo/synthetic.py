"""A synthetic country before and after the 1/7/2025 reorganisation, for benchmarks.

Before: 63 provinces, ~700 districts, ~10,000 communes. After: 34 provinces (each
the continuation of one old province that took 0–2 others in), no districts, 3,321
communes each formed by merging about three old ones — all linked by lineage, as
:mod:`nghiquyet.orgs.services` would record them. Two indicators (a sum and a
ratio) are reported by every old commune for the first half of 2025 and by every
new commune for the first half of 2026.

Written in bulk (the services write one audit event per unit, which is right for
offices and far too slow for 14,000 synthetic units); the result is the same rows
the services produce: units with paths, one version each, changes and links.
Codes start with ``S`` so the set can live beside the demo.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from nghiquyet.orgs.choices import ChangeKind
from nghiquyet.orgs.models import OrgUnit, OrgUnitChange, OrgUnitLineage, OrgUnitVersion
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.plans.services import indicator_get_or_create
from nghiquyet.reporting.choices import PeriodKind, ValueSource, ValueStatus
from nghiquyet.reporting.models import Value
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.services import period_get_or_create

REORGANISED_ON = dt.date(2025, 7, 1)


@dataclass
class Country:
    country: OrgUnit
    #: the 34 provinces after 1/7/2025 (each continues one old province)
    provinces: list[OrgUnit]
    old_provinces: list[OrgUnit]
    indicators: list
    before: object  # Period: first half of 2025, on the old map
    after: object  # Period: first half of 2026, on the new map
    counts: dict[str, int]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` as ``parts`` positive whole numbers of roughly equal size."""
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    raw = [total * w / sum(weights) for w in weights]
    sizes = [max(1, int(r)) for r in raw]
    i = 0
    while sum(sizes) < total:
        sizes[i % parts] += 1
        i += 1
    while sum(sizes) > total:
        j = max(range(parts), key=lambda k: sizes[k])
        sizes[j] -= 1
    return sizes


def _children(parents: list[OrgUnit], counts: list[int], prefix: str, word: str, kind: str):
    """``counts[i]`` units of ``kind`` under each of ``parents``, numbered across all of them;
    all end on 1/7/2025."""
    rows = []
    width = len(str(sum(counts)))
    for parent, k in zip(parents, counts, strict=True):
        for j in range(k):
            n = f"{len(rows):0{width}d}"
            rows.append(
                OrgUnit(
                    code=f"{prefix}{n}",
                    name=f"{word} {n}",
                    kind=kind,
                    parent=parent,
                    path="",
                    depth=parent.depth + 1,
                    order=j,
                    valid_to=REORGANISED_ON,
                )
            )
    return OrgUnit.objects.bulk_create(rows)


def build_country(
    *,
    old_provinces: int = 63,
    districts: int = 693,
    old_communes: int = 10_000,
    provinces: int = 34,
    communes: int = 3_321,
    seed: int = 2025,
    log: Callable[[str], None] = print,
) -> Country:
    rng = random.Random(seed)
    with transaction.atomic():
        return _build(old_provinces, districts, old_communes, provinces, communes, rng, log)


def _build(n_old_prov, n_districts, n_old_comm, n_prov, n_comm, rng, log) -> Country:
    if not n_prov <= n_old_prov <= n_districts <= n_old_comm or n_comm > n_old_comm:
        raise ValueError("each level must be at least as large as the one above it")
    country = OrgUnit.objects.create(code="SVN", name="Cả nước (tổng hợp)", kind="country", path="")
    country.path = f"/{country.pk}/"
    country.save(update_fields=["path"])

    # The old map. The first n_prov old provinces go on after 1/7/2025.
    old_prov = OrgUnit.objects.bulk_create(
        OrgUnit(
            code=f"SP{i:02d}",
            name=f"Tỉnh {i:02d}",
            kind="province",
            parent=country,
            path="",
            depth=1,
            order=i,
            valid_to=None if i < n_prov else REORGANISED_ON,
        )
        for i in range(n_old_prov)
    )
    old_districts = _children(
        old_prov, _split(n_districts, n_old_prov, rng), "SD", "Huyện", "district"
    )
    old_comm = _children(old_districts, _split(n_old_comm, n_districts, rng), "SX", "Xã", "commune")
    log(f"  bản đồ cũ: {n_old_prov} tỉnh, {n_districts} huyện, {len(old_comm)} xã")

    # Which new province each old one became: the continuing ones take the rest in.
    continuing = old_prov[:n_prov]
    absorbed = old_prov[n_prov:]
    goes_to = {p.pk: p for p in continuing}
    for i, p in enumerate(absorbed):
        goes_to[p.pk] = continuing[i % n_prov]
    district_province = {d.pk: d.parent_id for d in old_districts}
    by_new: dict[int, list[OrgUnit]] = {p.pk: [] for p in continuing}
    for c in old_comm:
        by_new[goes_to[district_province[c.parent_id]].pk].append(c)
    # New communes per new province, in proportion to its old communes.
    shares = [len(by_new[p.pk]) for p in continuing]
    new_counts = [max(1, round(n_comm * s / n_old_comm)) for s in shares]
    new_counts[-1] += n_comm - sum(new_counts)
    new_rows, groups = [], []
    for p, k in zip(continuing, new_counts, strict=True):
        olds = by_new[p.pk]
        rng.shuffle(olds)
        sizes = _split(len(olds), k, rng)
        start = 0
        for size in sizes:
            new_rows.append(
                OrgUnit(
                    code=f"SN{len(new_rows):04d}",
                    name=f"Xã mới {len(new_rows):04d}",
                    kind="commune",
                    parent=p,
                    path="",
                    depth=2,
                    order=len(new_rows),
                    valid_from=REORGANISED_ON,
                )
            )
            groups.append(olds[start : start + size])
            start += size
    new_comm = OrgUnit.objects.bulk_create(new_rows)
    log(f"  bản đồ mới: {n_prov} tỉnh, {len(new_comm)} xã")

    # Paths, versions, changes and lineage.
    everything = [*old_prov, *old_districts, *old_comm, *new_comm]
    paths = {country.pk: country.path}
    for u in everything:  # parents come before children in this order
        u.path = f"{paths[u.parent_id]}{u.pk}/"
        paths[u.pk] = u.path
    OrgUnit.objects.bulk_update(everything, ["path"], batch_size=2000)
    OrgUnitVersion.objects.bulk_create(
        (
            OrgUnitVersion(
                unit=u,
                valid_from=u.valid_from,
                valid_to=u.valid_to,
                code=u.code,
                name=u.name,
                kind=u.kind,
                parent_id=u.parent_id,
            )
            for u in [country, *everything]
        ),
        batch_size=2000,
    )
    note = "Dữ liệu tổng hợp để đo hiệu năng."
    merge_provinces = OrgUnitChange.objects.create(
        kind=ChangeKind.MERGE, effective_on=REORGANISED_ON, note=note
    )
    merge_communes = OrgUnitChange.objects.create(
        kind=ChangeKind.MERGE, effective_on=REORGANISED_ON, note=note
    )
    OrgUnitChange.objects.create(kind=ChangeKind.DISSOLVE, effective_on=REORGANISED_ON, note=note)
    links = [
        OrgUnitLineage(
            change=merge_provinces,
            predecessor=p,
            successor=goes_to[p.pk],
            effective_on=REORGANISED_ON,
        )
        for p in absorbed
    ]
    for new, olds in zip(new_comm, groups, strict=True):
        links.extend(
            OrgUnitLineage(
                change=merge_communes, predecessor=o, successor=new, effective_on=REORGANISED_ON
            )
            for o in olds
        )
    OrgUnitLineage.objects.bulk_create(links, batch_size=5000)

    indicators, before, after, values = record_figures(old_comm, new_comm, rng)
    log(f"  số liệu: {values}")
    return Country(
        country=country,
        provinces=list(continuing),
        old_provinces=list(old_prov),
        indicators=indicators,
        before=before,
        after=after,
        counts={
            "units": 1 + len(everything),
            "links": len(links),
            "values": values,
            "old_communes": len(old_comm),
            "new_communes": len(new_comm),
        },
    )


def record_figures(old_communes, new_communes, rng: random.Random):
    """A sum and a ratio reported by every former commune for the first half of 2025 and by
    every commune of today for the first half of 2026 (written in bulk)."""
    system = SYSTEM
    jobs = indicator_get_or_create(
        acting_user=system,
        code="syn-jobs",
        name="Số lao động được giải quyết việc làm (tổng hợp)",
        unit_of_measure="lao động",
        nature="flow",
        aggregation="sum",
        decimals=0,
    )
    poverty = indicator_get_or_create(
        acting_user=system,
        code="syn-poverty",
        name="Tỷ lệ hộ nghèo (tổng hợp)",
        unit_of_measure="%",
        aggregation="ratio",
        decimals=2,
    )
    before = period_get_or_create(spec=PeriodSpec(PeriodKind.HALF_YEAR, 2025))
    after = period_get_or_create(spec=PeriodSpec(PeriodKind.HALF_YEAR, 2026))
    rows = []
    for period, units in ((before, old_communes), (after, new_communes)):
        scale = 1 if period is before else 3
        for u in units:
            households = rng.randint(800, 4000) * scale
            poor = int(households * rng.uniform(0.005, 0.06))
            rows.append(
                Value(
                    indicator=jobs,
                    unit=u,
                    period=period,
                    value=Decimal(rng.randint(20, 400) * scale),
                    status=ValueStatus.OFFICIAL,
                    source=ValueSource.DEMO,
                )
            )
            rows.append(
                Value(
                    indicator=poverty,
                    unit=u,
                    period=period,
                    value=Decimal(poor * 100) / Decimal(households),
                    numerator=Decimal(poor),
                    denominator=Decimal(households),
                    status=ValueStatus.OFFICIAL,
                    source=ValueSource.DEMO,
                )
            )
    Value.objects.bulk_create(rows, batch_size=5000)
    return [jobs, poverty], before, after, len(rows)


def build_real_country(*, seed: int = 2025, log: Callable[[str], None] = print) -> Country:
    """The real map (orgs.vietnam: 34 provinces and 3,321 communes, and the 63 provinces, 696
    districts and 10,035 communes before, with the lineage of 1/7/2025) and the same figures
    as :func:`build_country`."""
    from nghiquyet.orgs.loading import vietnam_load
    from nghiquyet.orgs.vietnam import COUNTRY_CODE, REORGANISED_ON

    report = vietnam_load(acting_user=SYSTEM, before_2025=True)
    log(f"  bản đồ thật: {report.summary()}")
    country = OrgUnit.objects.get(code=COUNTRY_CODE)
    territorial = OrgUnit.objects.filter(path__startswith=country.path).exclude(
        kind__in=["department", "party_agency", "other"]
    )
    old_comm = list(
        territorial.filter(
            valid_to=REORGANISED_ON, kind__in=["commune", "ward", "township"]
        ).order_by("pk")
    )
    # Districts of islands without communes (Côn Đảo, Bạch Long Vĩ…) report for themselves.
    old_comm += list(
        territorial.filter(valid_to=REORGANISED_ON, children__isnull=True)
        .exclude(kind__in=["commune", "ward", "township", "province"])
        .order_by("pk")
    )
    new_comm = list(
        territorial.filter(valid_to__isnull=True, depth=country.depth + 2).order_by("pk")
    )
    with transaction.atomic():
        indicators, before, after, values = record_figures(old_comm, new_comm, random.Random(seed))
    provinces = list(territorial.filter(kind="province", valid_to__isnull=True).order_by("code"))
    return Country(
        country=country,
        provinces=provinces,
        old_provinces=list(territorial.filter(kind="province").order_by("code")),
        indicators=indicators,
        before=before,
        after=after,
        counts={
            "units": territorial.count(),
            "links": report.links,
            "values": values,
            "old_communes": len(old_comm),
            "new_communes": len(new_comm),
            "load_seconds": round(report.seconds, 1),
        },
    )
