"""Loads the demo data set through the same services a user goes through.

Idempotent: if the demo is already there, nothing is written. Everything is
written in one transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from nghiquyet.accounts.services import grant_create, user_create
from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.orgs.loading import vietnam_load
from nghiquyet.orgs.models import OrgUnit, OrgUnitLineage
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.orgs.services import orgunit_create, orgunit_dissolve
from nghiquyet.plans import services as plan_services
from nghiquyet.plans.choices import Aggregation, BodyKind, GroupKind, PlanKind
from nghiquyet.plans.models import Indicator, Plan, Target
from nghiquyet.reporting.choices import PeriodKind, ValueSource, ValueStatus
from nghiquyet.reporting.models import Value
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.services import (
    period_get_or_create,
    reference_point_record,
    reference_series_get_or_create,
    value_record,
)

from . import data
from .data import T
from .emulation import load_emulation_and_meetings
from .rounds import load_city_first_half_round

MARKER_PLAN = "tinh-2022"
_SEED = 2021


def slugify_vi(text: str) -> str:
    """ "Phường An Hội" → "phuong-an-hoi"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def is_loaded() -> bool:
    return Plan.objects.filter(code=MARKER_PLAN, is_demo=True).exists()


def load_demo(*, log: Callable[[str], None] = print) -> bool:
    """Create the demo data set; returns False (and writes nothing) if it is already loaded."""
    if is_loaded():
        log("Dữ liệu minh họa đã có sẵn; không thay đổi gì.")
        return False
    with transaction.atomic(), audit_operation():
        _Loader(log).run()
    return True


class _Loader:
    def __init__(self, log: Callable[[str], None]):
        self.log = log
        self.units: dict[str, OrgUnit] = {}
        self.indicators: dict[str, Indicator] = {}
        self.rng = random.Random(_SEED)
        self.periods = {}

    # --- helpers ---
    def unit(
        self,
        code: str,
        name: str,
        kind: str,
        parent: OrgUnit | None,
        order: int = 0,
        short_name: str = "",
    ) -> OrgUnit:
        u = orgunit_create(
            acting_user=SYSTEM,
            code=code,
            name=name,
            kind=kind,
            parent=parent,
            order=order,
            short_name=short_name,
        )
        self.units[code] = u
        return u

    def year(self, year: int):
        if year not in self.periods:
            self.periods[year] = period_get_or_create(spec=PeriodSpec(PeriodKind.YEAR, year))
        return self.periods[year]

    def indicator(self, code: str) -> Indicator:
        if code not in self.indicators:
            ind = data.INDICATORS[code]
            self.indicators[code] = plan_services.indicator_get_or_create(
                acting_user=SYSTEM,
                code=code,
                name=ind.name,
                unit_of_measure=ind.uom,
                nature=ind.nature,
                aggregation=ind.aggregation,
                decimals=ind.decimals,
                numerator_label=ind.numerator,
                denominator_label=ind.denominator,
            )
        return self.indicators[code]

    def half_year(self, year: int):
        return period_get_or_create(spec=PeriodSpec(PeriodKind.HALF_YEAR, year))

    def record(
        self,
        code: str,
        unit: OrgUnit,
        year,
        value: float,
        *,
        status: str = ValueStatus.OFFICIAL,
        numerator=None,
        denominator=None,
        note: str = "",
    ) -> None:
        """Record a figure for a year (an int) or any period."""
        value_record(
            acting_user=SYSTEM,
            indicator=self.indicator(code),
            unit=unit,
            period=self.year(year) if isinstance(year, int) else year,
            value=Decimal(str(value)),
            status=status,
            numerator=numerator,
            denominator=denominator,
            note=note,
            source=ValueSource.DEMO,
        )

    def add_targets(
        self,
        plan: Plan,
        groups,
        *,
        lead_prefix: str,
        figure: Callable[[T], tuple] | None = None,
        parents: dict[str, Target] | None = None,
        only: Callable[[T], bool] | None = None,
    ) -> dict[str, Target]:
        """Create the plan's groups and targets; returns targets by code."""
        made: dict[str, Target] = {}
        order = 0
        for gi, (gcode, gname, targets) in enumerate(groups):
            chosen = [t for t in targets if only is None or only(t)]
            if not chosen:
                continue
            group = plan_services.group_create(
                kind=GroupKind.TARGETS,
                acting_user=SYSTEM,
                plan=plan,
                name=gname,
                code=gcode,
                order=gi,
            )
            for t in chosen:
                order += 1
                made[t.code] = self.target(plan, group, t, order, lead_prefix, figure, parents)
        return made

    def target(
        self,
        plan,
        group,
        t: T,
        order,
        lead_prefix,
        figure,
        parents,
        composite: Target | None = None,
    ) -> Target:
        low, high = figure(t) if figure else (t.target, t.high)
        statement = t.statement
        if parents and t.code in parents:
            statement = f"Cụ thể hóa chỉ tiêu số {t.code} của {parents[t.code].plan.heading}"
        lead = self.units.get(f"{lead_prefix}-{t.lead}") if t.lead and lead_prefix else None
        made = plan_services.target_create(
            acting_user=SYSTEM,
            plan=plan,
            group=group,
            code=t.code,
            order=order,
            name=t.name,
            statement=statement,
            indicator=self.indicator(t.indicator) if t.indicator else None,
            direction=t.direction,
            target_value=low,
            target_high=high,
            tolerance=t.tolerance,
            strict=t.strict,
            change=t.change,
            temporal=t.temporal,
            due_date=dt.date.fromisoformat(t.due) if t.due else None,
            is_composite=bool(t.parts),
            composite=composite,
            parent=(parents or {}).get(t.code),
            lead_unit=lead,
        )
        for i, part in enumerate(t.parts, start=1):
            self.target(
                plan, group, part, order * 100 + i, lead_prefix, figure, parents, composite=made
            )
        return made

    def tasks(self, plan: Plan, groups: list[str], tasks) -> None:
        made = [
            plan_services.group_create(
                kind=GroupKind.TASKS,
                acting_user=SYSTEM,
                plan=plan,
                name=name,
                code=str(i + 1),
                order=i,
            )
            for i, name in enumerate(groups)
        ]
        for i, (gi, title, owner, product, deadline, done, progress) in enumerate(tasks, 1):
            plan_services.task_create(
                acting_user=SYSTEM,
                plan=plan,
                group=made[gi],
                code=str(i),
                title=title,
                owner_unit=self.units[owner],
                product=product,
                deadline=dt.date.fromisoformat(deadline),
                completed_on=dt.date.fromisoformat(done) if done else None,
                progress=progress,
            )

    # --- the data set ---
    def run(self) -> None:
        self.org_tree()
        self.province_2022()
        self.term()
        self.city_2021()
        self.users()
        load_city_first_half_round(self.rng)
        load_emulation_and_meetings(self.rng)
        self.before_reorganisation()
        self.reorganise_2025()
        self.vinh_long_2026()
        audit_log(
            acting_user=None,
            action="demo.load",
            obj=Plan.objects.get(code=MARKER_PLAN),
            note="Nạp dữ liệu minh họa (số liệu không có giá trị chính thức).",
        )
        self.log(
            f"Đã nạp dữ liệu minh họa: {OrgUnit.objects.count()} đơn vị, "
            f"{Plan.objects.filter(is_demo=True).count()} nghị quyết, "
            f"{Target.objects.filter(plan__is_demo=True).count()} chỉ tiêu."
        )

    def org_tree(self) -> None:
        """The real map of Vĩnh Long, Bến Tre and Trà Vinh, before and after 1/7/2025, from the
        map packages; then the agencies, which no package has (an office adds them)."""
        vietnam_load(acting_user=SYSTEM, provinces=[data.VINH_LONG], before_2025=True)
        self.units.update({u.code: u for u in OrgUnit.objects.all()})
        province = self.units[data.PROVINCE[0]]
        for i, (suffix, dname, dkind) in enumerate(data.DEPARTMENTS):
            self.unit(f"{province.code}-{suffix}", dname, dkind, province, order=100 + i)
        city = self.units[data.CITY_CODE]
        for i, (suffix, oname, okind) in enumerate(data.CITY_OFFICES):
            self.unit(f"{data.CITY_CODE}-{suffix}", oname, okind, city, order=100 + i)
        vinh_long = self.units[data.VINH_LONG]
        for i, (suffix, dname, dkind) in enumerate(data.VINH_LONG_DEPARTMENTS):
            self.unit(f"{data.VINH_LONG}-{suffix}", dname, dkind, vinh_long, order=100 + i)
        self.new_wards = self.wards_of_the_city()

    def wards_of_the_city(self) -> list[tuple[OrgUnit, list[OrgUnit]]]:
        """The wards of Vĩnh Long formed (wholly) from the city's communes, with all that
        formed them (communes of neighbouring districts too)."""
        city = {self.units[c[0]].pk for c in data.COMMUNES}
        links = OrgUnitLineage.objects.filter(share=1, successor__valid_to__isnull=True)
        into = sorted(
            set(links.filter(predecessor_id__in=city).values_list("successor_id", flat=True))
        )
        out = []
        for ward in OrgUnit.objects.filter(pk__in=into).order_by("order"):
            olds = [link.predecessor for link in links.filter(successor=ward).order_by("pk")]
            out.append((ward, olds))
        return out

    def province_2022(self) -> None:
        province = self.units["83"]
        plan = plan_services.plan_create(
            acting_user=SYSTEM,
            code=MARKER_PLAN,
            kind=PlanKind.ANNUAL_RESOLUTION,
            number="04-NQ/TU",
            title="về nhiệm vụ năm 2022",
            unit=province,
            issuing_body="Tỉnh ủy Bến Tre",
            superior_body="Đảng bộ tỉnh Bến Tre",
            body_kind=BodyKind.PARTY,
            issued_on=dt.date(2021, 12, 10),
            year=2022,
            is_demo=True,
            description="Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về nhiệm vụ năm 2022: "
            "25 chỉ tiêu chủ yếu (số liệu minh họa).",
        )
        self.add_targets(plan, data.PROVINCE_2022_GROUPS, lead_prefix="83")
        for _g, _n, targets in data.PROVINCE_2022_GROUPS:
            for t in targets:
                for year, value in sorted(t.actual.items()):
                    if year == 2022 and t.indicator in data.PROVINCE_2022_ESTIMATES:
                        self.record(
                            t.indicator,
                            province,
                            2022,
                            data.PROVINCE_2022_ESTIMATES[t.indicator],
                            status=ValueStatus.ESTIMATE,
                            note="Ước thực hiện tại kỳ họp cuối năm 2022.",
                        )
                        self.record(
                            t.indicator,
                            province,
                            2022,
                            value,
                            note="Số liệu chính thức của Cục Thống kê.",
                        )
                    else:
                        self.record(t.indicator, province, year, value)
        self.tasks(plan, data.PROVINCE_2022_TASK_GROUPS, data.PROVINCE_2022_TASKS)
        for code, name, kind, figures in data.REFERENCES:
            series = reference_series_get_or_create(
                acting_user=SYSTEM,
                indicator=self.indicator(code),
                owner=province,
                name=name,
                kind=kind,
                source=data.REFERENCE_SOURCE,
            )
            for year, figure in figures.items():
                reference_point_record(
                    acting_user=SYSTEM,
                    series=series,
                    period=self.year(year),
                    value=Decimal(str(figure)),
                    note=data.REFERENCE_SOURCE,
                )

    def term(self) -> None:
        province = self.units["83"]
        plan = plan_services.plan_create(
            acting_user=SYSTEM,
            code="tinh-2020-2025",
            kind=PlanKind.TERM_RESOLUTION,
            number="01-NQ/ĐH",
            title="Đại hội đại biểu Đảng bộ tỉnh Bến Tre lần thứ XI, nhiệm kỳ 2020–2025",
            unit=province,
            issuing_body="Đại hội đại biểu Đảng bộ tỉnh Bến Tre lần thứ XI",
            superior_body="Đảng bộ tỉnh Bến Tre",
            body_kind=BodyKind.PARTY,
            issued_on=dt.date(2020, 10, 16),
            term_start=2020,
            term_end=2025,
            is_demo=True,
        )
        self.add_targets(plan, data.TERM_GROUPS, lead_prefix="83")
        for _g, _n, targets in data.TERM_GROUPS:
            for t in targets:
                for year, value in sorted(t.actual.items()):
                    status = ValueStatus.PRELIMINARY if year == 2024 else ValueStatus.OFFICIAL
                    self.record(t.indicator, province, year, value, status=status)
        self.tasks(plan, data.TERM_TASK_GROUPS, data.TERM_TASKS)

    # --- the city and its cascade ---
    def city_2021(self) -> None:
        city = self.units[data.CITY_CODE]
        plan = plan_services.plan_create(
            acting_user=SYSTEM,
            code="thanhpho-2021",
            kind=PlanKind.ANNUAL_RESOLUTION,
            number="02-NQ/ThU",
            title="về nhiệm vụ năm 2021",
            unit=city,
            issuing_body="Thành ủy Bến Tre",
            superior_body="Đảng bộ tỉnh Bến Tre",
            body_kind=BodyKind.PARTY,
            issued_on=dt.date(2020, 12, 25),
            year=2021,
            is_demo=True,
            description="45 chỉ tiêu chủ yếu: 9 xây dựng Đảng, 12 phát triển kinh tế, 13 văn hóa "
            "- xã hội, 11 quốc phòng, an ninh, nội chính (số liệu minh họa).",
        )
        city_targets = self.add_targets(plan, data.CITY_2021_GROUPS, lead_prefix=data.CITY_CODE)
        self.tasks(plan, data.CITY_2021_TASK_GROUPS, data.CITY_2021_TASKS)

        communes = [self.units[c[0]] for c in data.COMMUNES]
        shares = [c[3] for c in data.COMMUNES]
        cascaded = [t for _g, _n, ts in data.CITY_2021_GROUPS for t in ts if t.cascade]
        # Commune plan figures: sum targets are split between the communes.
        figures = {
            t.code: self.split(t.target, shares, t.indicator)
            for t in cascaded
            if data.INDICATORS[t.indicator].aggregation == Aggregation.SUM and t.change == 0
        }
        for c_index, commune in enumerate(communes):
            slug = slugify_vi(commune.name).removeprefix("phuong-").removeprefix("xa-")
            kind_word = "phường" if commune.kind == "ward" else "xã"
            cplan = plan_services.plan_create(
                acting_user=SYSTEM,
                code=f"{slug}-2021",
                kind=PlanKind.ANNUAL_RESOLUTION,
                number="01-NQ/ĐU",
                title="về nhiệm vụ năm 2021",
                unit=commune,
                issuing_body=f"Đảng ủy {kind_word} {commune.name.split(' ', 1)[1]}",
                superior_body="Đảng bộ thành phố Bến Tre",
                body_kind=BodyKind.PARTY,
                issued_on=dt.date(2021, 1, 8),
                year=2021,
                parent=plan,
                is_demo=True,
                description="Cụ thể hóa Nghị quyết Thành ủy năm 2021 (số liệu minh họa).",
            )

            def commune_figure(t: T, i=c_index, code=commune.code) -> tuple:
                if t.code in figures:
                    return figures[t.code][i] + data.CASCADE_GAPS.get((t.code, code), 0), None
                return t.target, t.high

            self.add_targets(
                cplan,
                data.CITY_2021_GROUPS,
                lead_prefix="",
                figure=commune_figure,
                parents=city_targets,
                only=lambda t, code=commune.code: (
                    t.cascade and (t.code, code) not in data.CASCADE_SKIPPED
                ),
            )

        for _g, _n, targets in data.CITY_2021_GROUPS:
            for t in targets:
                for part in t.parts or (t,):
                    if part.cascade:
                        self.cascade_values(part, city, communes, shares)
                    else:
                        for year, value in sorted(part.actual.items()):
                            self.record(part.indicator, city, year, value)

    def split(self, total: float, shares: list[int], indicator: str) -> list[float]:
        """Split ``total`` by ``shares`` with some noise; whole numbers add up exactly."""
        weights = [s * self.rng.uniform(0.85, 1.15) for s in shares]
        raw = [total * w / sum(weights) for w in weights]
        places = data.INDICATORS[indicator].decimals
        if places == 0:
            floors = [int(r) for r in raw]
            rest = round(total) - sum(floors)
            by_fraction = sorted(range(len(raw)), key=lambda i: raw[i] - floors[i], reverse=True)
            for i in by_fraction[:rest]:
                floors[i] += 1
            return [float(f) for f in floors]
        parts = [round(r, places) for r in raw]
        parts[-1] = round(total - sum(parts[:-1]), places)
        return parts

    def cascade_values(
        self, t: T, city: OrgUnit, communes: list[OrgUnit], shares: list[int]
    ) -> None:
        """Record commune figures around the city's and the city's figure as their roll-up."""
        ind = data.INDICATORS[t.indicator]
        for year, city_value in sorted(t.actual.items()):
            if ind.aggregation == Aggregation.SUM:
                parts = self.split(city_value, shares, t.indicator)
                for commune, v in zip(communes, parts, strict=True):
                    self.record(t.indicator, commune, year, v)
                self.record(
                    t.indicator,
                    city,
                    year,
                    round(sum(parts), ind.decimals),
                    note=f"Tổng hợp từ số liệu của {len(communes)} xã, phường.",
                )
                continue
            dens = [max(1, round(p)) for p in self.split(t.denominator, shares, t.indicator)]
            spread = 3.0 if city_value >= 10 else city_value * 0.3
            nums = [
                round(
                    d * min(100.0, max(0.0, city_value + self.rng.uniform(-spread, spread))) / 100
                )
                for d in dens
            ]
            # Spread the rounding difference one unit at a time, largest communes first, so that
            # the city's ratio of sums is the intended figure and every commune stays plausible.
            diff = round(city_value * sum(dens) / 100) - sum(nums)
            order = sorted(range(len(dens)), key=lambda i: -dens[i])
            step, i = (1 if diff > 0 else -1), 0
            while diff:
                j = order[i % len(order)]
                if 0 <= nums[j] + step <= dens[j]:
                    nums[j] += step
                    diff -= step
                i += 1
            for commune, n, d in zip(communes, nums, dens, strict=True):
                self.record(
                    t.indicator, commune, year, round(n / d * 100, 4), numerator=n, denominator=d
                )
            self.record(
                t.indicator,
                city,
                year,
                round(sum(nums) / sum(dens) * 100, 4),
                numerator=sum(nums),
                denominator=sum(dens),
                note=f"Tỷ lệ của tổng từ số liệu của {len(communes)} xã, phường.",
            )

    # --- the 2025 reorganisation and the merged province ---
    def before_reorganisation(self) -> None:
        """Figures the three provinces and the city's communes reported before 1/7/2025."""
        h1 = self.half_year(2025)
        note = "Báo cáo 6 tháng đầu năm 2025 (trước sắp xếp đơn vị hành chính)."
        for code, (provinces, _after) in data.VINH_LONG_FIGURES.items():
            ratio = data.INDICATORS[code].aggregation == Aggregation.RATIO
            for unit_code, figure in provinces.items():
                unit = self.units[unit_code]
                self.record_figure(code, unit, h1, figure, note=note)
                # The two years before, for the time series; Bến Tre's own stay as recorded.
                for year, step in ((2024, 1), (2023, 2)):
                    if (
                        unit_code == "83"
                        and Value.objects.filter(
                            indicator=self.indicator(code), unit=unit, period__key=str(year)
                        ).exists()
                    ):
                        continue
                    self.record_figure(code, unit, year, self.earlier(code, figure, step, ratio))
        # The communes that formed the city's new wards (the city's own and a few of the
        # neighbouring districts): jobs found and poor households, first half of 2025.
        city = {c[0]: c[3] for c in data.COMMUNES}
        olds = [o for _ward, predecessors in self.new_wards for o in predecessors]
        shares = [city.get(o.code, 60) for o in olds]
        jobs = self.split(1460 * sum(shares) / sum(city.values()), shares, "new-jobs")
        households = self.split(38000 * sum(shares) / sum(city.values()), shares, "new-jobs")
        for unit, n, hh in zip(olds, jobs, households, strict=True):
            poor = round(hh * self.rng.uniform(0.012, 0.022))
            self.record("new-jobs", unit, h1, n, note=note)
            self.record(
                "poverty-rate",
                unit,
                h1,
                round(poor / hh * 100, 4),
                numerator=poor,
                denominator=hh,
                note=note,
            )

    @staticmethod
    def earlier(code: str, figure, years_back: int, ratio: bool):
        """A province's figure ``years_back`` years before its first half of 2025."""
        if ratio:
            num, den = figure
            trend = {"poverty-rate": 1.22, "trained-labour": 0.985}.get(code, 0.99)
            return (round(num * trend**years_back), den)
        return round(figure * 2 / 1.07**years_back, 1)

    def record_figure(self, code: str, unit: OrgUnit, period, figure, *, note: str = "") -> None:
        if isinstance(figure, tuple):
            num, den = figure
            self.record(
                code,
                unit,
                period,
                round(num / den * 100, 4),
                numerator=num,
                denominator=den,
                note=note,
            )
        else:
            self.record(code, unit, period, figure, note=note)

    def reorganise_2025(self) -> None:
        """The agencies of Bến Tre and of its city end on 1/7/2025 (the map's own changes of
        that day — communes, districts, provinces — came with it from the package)."""
        on = dt.date.fromisoformat(data.REORGANISED_ON)
        agencies = [f"83-{suffix}" for suffix, _n, _k in data.DEPARTMENTS] + [
            f"{data.CITY_CODE}-{suffix}" for suffix, _n, _k in data.CITY_OFFICES
        ]
        for code in agencies:
            orgunit_dissolve(
                acting_user=SYSTEM,
                unit=self.units[code],
                on=on,
                note="Sắp xếp bộ máy: nhiệm vụ chuyển về cơ quan của tỉnh Vĩnh Long.",
            )
        for code in list(self.units):
            self.units[code].refresh_from_db()

    def vinh_long_2026(self) -> None:
        vinh_long = self.units[data.VINH_LONG]
        plan = plan_services.plan_create(
            acting_user=SYSTEM,
            code="vinhlong-2026",
            kind=PlanKind.ANNUAL_RESOLUTION,
            number="05-NQ/TU",
            title="về nhiệm vụ năm 2026",
            unit=vinh_long,
            issuing_body="Tỉnh ủy Vĩnh Long",
            superior_body="Đảng bộ tỉnh Vĩnh Long",
            body_kind=BodyKind.PARTY,
            issued_on=dt.date(2025, 12, 12),
            year=2026,
            is_demo=True,
            description="Nghị quyết đầu tiên về nhiệm vụ năm của tỉnh Vĩnh Long sau hợp nhất "
            "(số liệu minh họa); cùng kỳ năm 2025 tính từ báo cáo của ba tỉnh trước sắp xếp.",
        )
        self.add_targets(plan, data.VINH_LONG_2026_GROUPS, lead_prefix=data.VINH_LONG)
        h1 = self.half_year(2026)
        note = "Báo cáo 6 tháng đầu năm 2026."
        for code, (provinces, own) in data.VINH_LONG_FIGURES.items():
            self.record_figure(code, vinh_long, h1, own, note=note)
            # The whole of 2025, reported by the merged province.
            if isinstance(own, tuple):
                num = sum(p[0] for p in provinces.values())
                den = sum(p[1] for p in provinces.values())
                year = (round(num * {"poverty-rate": 0.88}.get(code, 1.004)), den)
            else:
                year = round(sum(provinces.values()) * 2.06, 1)
            self.record_figure(code, vinh_long, 2025, year)
        # The new wards, with figures of their own for the first half of 2026.
        for ward, predecessors in self.new_wards:
            olds = Value.objects.current().filter(
                period=self.half_year(2025), unit__in=predecessors
            )
            jobs = sum(v.value for v in olds.filter(indicator__code="new-jobs"))
            self.record(
                "new-jobs", ward, h1, round(float(jobs) * self.rng.uniform(0.9, 1.1)), note=note
            )
            poverty = olds.filter(indicator__code="poverty-rate")
            den = int(float(sum(v.denominator for v in poverty)) * 1.01)
            num = round(float(sum(v.numerator for v in poverty)) * self.rng.uniform(0.75, 0.9))
            self.record(
                "poverty-rate",
                ward,
                h1,
                round(num / den * 100, 4),
                numerator=num,
                denominator=den,
                note=note,
            )

    def users(self) -> None:
        User = get_user_model()
        username, full_name = data.ADMIN_USER
        admin = user_create(
            acting_user=SYSTEM, username=username, password=data.DEMO_PASSWORD, full_name=full_name
        )
        User.objects.filter(pk=admin.pk).update(is_staff=True, is_superuser=True)
        grant_create(acting_user=SYSTEM, user=admin, role="admin", unit=self.units["VN"])
        for username, full_name, role, unit_code in data.USERS:
            user = user_create(
                acting_user=SYSTEM,
                username=username,
                password=data.DEMO_PASSWORD,
                full_name=full_name,
                email=f"{username}@nghiquyet.invalid",
            )
            grant_create(acting_user=SYSTEM, user=user, role=role, unit=self.units[unit_code])
