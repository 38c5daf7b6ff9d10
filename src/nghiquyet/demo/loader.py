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

from nghiquyet.accounts.scopes import SYSTEM
from nghiquyet.accounts.services import grant_create, user_create
from nghiquyet.audit.services import audit_log
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.services import orgunit_create
from nghiquyet.plans import services as plan_services
from nghiquyet.plans.choices import Aggregation, BodyKind, PlanKind
from nghiquyet.plans.models import Indicator, Plan, Target
from nghiquyet.reporting.choices import PeriodKind, ValueSource, ValueStatus
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.services import period_get_or_create, value_record

from . import data
from .data import T
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
    with transaction.atomic():
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

    def record(
        self,
        code: str,
        unit: OrgUnit,
        year: int,
        value: float,
        *,
        status: str = ValueStatus.OFFICIAL,
        numerator=None,
        denominator=None,
        note: str = "",
    ) -> None:
        value_record(
            acting_user=SYSTEM,
            indicator=self.indicator(code),
            unit=unit,
            period=self.year(year),
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
            group = plan_services.target_group_create(
                acting_user=SYSTEM, plan=plan, name=gname, code=gcode, order=gi
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
            plan_services.task_group_create(
                acting_user=SYSTEM, plan=plan, name=name, code=str(i + 1), order=i
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
        country = self.unit(*data.COUNTRY, parent=None)
        code, name, kind, short = data.PROVINCE
        province = self.unit(code, name, kind, country, short_name=short)
        for i, (suffix, dname, dkind) in enumerate(data.DEPARTMENTS):
            self.unit(f"{code}-{suffix}", dname, dkind, province, order=100 + i)
        for i, (dcode, dname, dkind) in enumerate(data.DISTRICTS):
            self.unit(dcode, dname, dkind, province, order=i)
        city = self.units[data.CITY_CODE]
        for i, (ccode, cname, ckind, _share) in enumerate(data.COMMUNES):
            self.unit(ccode, cname, ckind, city, order=i)
        for i, (suffix, oname, okind) in enumerate(data.CITY_OFFICES):
            self.unit(f"{data.CITY_CODE}-{suffix}", oname, okind, city, order=100 + i)

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

            def commune_figure(t: T, i=c_index) -> tuple:
                if t.code in figures:
                    return figures[t.code][i], None
                return t.target, t.high

            self.add_targets(
                cplan,
                data.CITY_2021_GROUPS,
                lead_prefix="",
                figure=commune_figure,
                parents=city_targets,
                only=lambda t: t.cascade,
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
                    note="Tổng hợp từ số liệu của 14 xã, phường.",
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
                note="Tỷ lệ của tổng từ số liệu của 14 xã, phường.",
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
