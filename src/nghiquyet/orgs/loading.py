"""Writing the map of Vietnam from the data packages: units, versions, changes, lineage.

:func:`vietnam_load` is the bulk path of :mod:`nghiquyet.orgs.services` for the national
map: the same rows the services write one change at a time — units with their paths,
a version per span of time, dated changes, lineage links — and the same audit events
(one per unit created, one per change, one for the load), written in bulk in one
transaction (the services one by one take minutes for the country; see
``benchmarks/hierarchy.py``).

How the 1/7/2025 reorganisation is recorded
-------------------------------------------

The statistics office gave each new commune the code of one of the communes it was
formed from (and each new province the code of one of the provinces). A unit is its
code: the former commune with the new one's code *goes on* as the new commune —
renamed, under its new province, having taken the others in — as Vĩnh Long (86) took
Bến Tre (83) and Trà Vinh (84) in. Where no former commune has the code (a district of
islands that became a special zone, a dozen communes whose code belongs to a neighbour),
the same-named one goes on, or the district, or the commune is new. A former commune
whose code a different unit now carries keeps it in its history; its current code gets
the suffix ``-cu`` (cũ).

- each new commune: one change — merge (sáp nhập) when others entered it, establish
  (thành lập) when it is new, rename or move (every commune moved: districts ended);
- each former commune divided among several new ones: a split whose shares are not
  declared (no source gives them): the links carry no share until an office declares
  them (:func:`nghiquyet.orgs.services.orgunit_split_shares_declare`); figures across
  such a split are not computed until then, and pages say so;
- each district: dissolved (the district level ended on 1/7/2025);
- each new province: the merge of the others into it (Nghị quyết số 202/2025/QH15).

Idempotent: units are found by code; a province whose former districts are all there
has its past loaded already. A later package version that renames a unit records a
rename dated on the date of the package's data; a unit new in a province already loaded
is established on that date. Nothing recorded is changed; a unit loaded with the current
map only gets its years before 1/7/2025 added in front of its first version when the
former map is loaded later.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log_many, audit_operation

from . import services
from .choices import ChangeKind, OrgUnitKind
from .models import OrgUnit, OrgUnitAlias, OrgUnitChange, OrgUnitLineage, OrgUnitVersion
from .scopes import scope_for
from .vietnam import (
    ALIAS_SOURCE,
    COMMUNE_DECISION,
    COUNTRY_CODE,
    COUNTRY_NAME,
    DISTRICT_DECISION,
    PROVINCE_DECISION,
    REORGANISED_ON,
    Place,
    VietnamMap,
    read_map,
)

Progress = Callable[[int, str], None]

#: suffix of the current code of a former unit whose official code a new unit carries
FORMER_SUFFIX = "-cu"
_ACTIONS = {
    ChangeKind.MERGE: "orgunit.merge",
    ChangeKind.SPLIT: "orgunit.split",
    ChangeKind.RENAME: "orgunit.rename",
    ChangeKind.MOVE: "orgunit.move",
    ChangeKind.DISSOLVE: "orgunit.dissolve",
    ChangeKind.ESTABLISH: "orgunit.establish",
}


@dataclass
class LoadReport:
    """What a load did."""

    version: str
    provinces: list[str]
    before_2025: bool
    created: Counter = field(default_factory=Counter)
    changes: Counter = field(default_factory=Counter)
    links: int = 0
    aliases: int = 0
    extended: int = 0
    renamed: int = 0
    events: int = 0
    seconds: float = 0.0

    @property
    def changed_anything(self) -> bool:
        return bool(
            sum(self.created.values()) or sum(self.changes.values()) or self.aliases
        ) or bool(self.renamed)

    def summary(self) -> str:
        if not self.changed_anything:
            return _("Không có gì thay đổi: bản đồ đã có đủ ({version}).").format(
                version=self.version
            )
        return _(
            "Đã tạo {units} đơn vị, ghi {changes} thay đổi ({links} liên kết kế thừa), "
            "{aliases} mã khác, đổi tên {renamed} đơn vị; {seconds} giây ({version})."
        ).format(
            units=sum(self.created.values()),
            changes=sum(self.changes.values()),
            links=self.links,
            aliases=self.aliases,
            renamed=self.renamed,
            seconds=f"{self.seconds:.1f}".replace(".", ","),
            version=self.version,
        )


@dataclass
class _Spec:
    """A unit to write: its versions, oldest first, as (from, to, place, parent code)."""

    code: str
    versions: list[tuple[dt.date | None, dt.date | None, Place, str | None]]
    order: int = 0
    aliases: list[str] = field(default_factory=list)

    @property
    def valid_from(self):
        return self.versions[0][0]

    @property
    def valid_to(self):
        return self.versions[-1][1]

    @property
    def current(self) -> Place:
        return self.versions[-1][2]

    @property
    def parent(self) -> str | None:
        return self.versions[-1][3]


def normalise_province_codes(codes: list[str] | None) -> list[str]:
    """``["1", "86"]`` → ``["01", "86"]``; unknown codes refused with the list of valid ones."""
    if not codes:
        return []
    known = {p.code: p for p in read_map().provinces}
    out = []
    for raw in codes:
        code = raw.strip().zfill(2)
        if code not in known:
            raise ValidationError(
                _("Không có tỉnh, thành phố mã “%(code)s”. Các mã: %(codes)s.")
                % {"code": raw, "codes": ", ".join(sorted(known))}
            )
        out.append(code)
    return list(dict.fromkeys(out))


def vietnam_load(
    *,
    acting_user,
    provinces: list[str] | None = None,
    before_2025: bool = False,
    progress: Progress | None = None,
    data: VietnamMap | None = None,
) -> LoadReport:
    """Load today's provinces and communes (all, or ``provinces`` by code) and, with
    ``before_2025``, the former provinces, districts and communes with the lineage of
    1/7/2025. Needs the right to manage the country (an administrator)."""
    started = time.perf_counter()
    progress = progress or (lambda _p, _m: None)
    full = data or read_map()
    codes = normalise_province_codes(provinces)
    selected = full.select(codes)
    report = LoadReport(full.version, codes, before_2025)
    # One operation: every unit, change and alias of the load and the load itself share the
    # audit events' correlation id.
    with transaction.atomic(), audit_operation():
        loader = _Loader(full, selected, acting_user, before_2025, report, progress)
        loader.run()
    report.seconds = time.perf_counter() - started
    return report


class _Loader:
    def __init__(self, full, m, acting_user, before, report, progress):
        self.full = full
        self.m = m
        self.user = acting_user
        self.before = before
        self.report = report
        self.progress = progress
        self.specs: dict[str, _Spec] = {}
        self.units: dict[str, OrgUnit] = {}
        self.events: list[tuple] = []
        #: changes to record: kind, decision, source key, links [(pred, succ, share)] by code,
        #: and the code of the unit the audit event is about
        self.changes: list[dict] = []
        #: (unit code, version valid_from) → index of its change in self.changes
        self.version_change: dict[tuple[str, dt.date | None], int] = {}

    # --- the plan ------------------------------------------------------------------------

    def run(self) -> None:
        self.progress(5, _("Đang đọc dữ liệu"))
        country = OrgUnit.objects.filter(code=COUNTRY_CODE).first()
        scope = scope_for(self.user)
        if country is None and not scope.everything:
            raise PermissionDenied
        if country is not None:
            scope.require(Action.MANAGE, country)
        if country is None:
            country = services.orgunit_create(
                acting_user=self.user, code=COUNTRY_CODE, name=COUNTRY_NAME, kind="country"
            )
            self.report.created[OrgUnitKind.COUNTRY] += 1
        self.country = country
        self._current_codes = {c.code for c in self.full.communes}
        self._load_existing()
        self.progress(15, _("Đang so sánh với các đơn vị đã có"))
        done = self._groups_with_past()
        for p in self.m.provinces:
            past = self.before and p.code not in done
            self._plan_group(p, past, loaded=self._group_loaded(p))
        self.progress(35, _("Đang ghi đơn vị"))
        self._write()
        self._renames()
        self.progress(95, _("Đang ghi nhật ký"))
        self.events.append(
            (
                "orgunit.load",
                self.country,
                self.country,
                {
                    "source": [None, self.full.version],
                    "provinces": [None, self.report.provinces or "all"],
                    "before_2025": [None, self.before],
                    "created": [None, sum(self.report.created.values())],
                    "changes": [None, sum(self.report.changes.values())],
                },
            )
            if self.report.changed_anything
            else None
        )
        self.report.events = audit_log_many(
            acting_user=self.user, events=[e for e in self.events if e]
        )

    def _load_existing(self) -> None:
        m = self.m
        codes = {p.code for p in m.provinces} | {c.code for c in m.communes}
        if self.before:
            codes |= {p.code for p in m.old_provinces} | {d.code for d in m.old_districts}
            codes |= {c.code for c in m.old_communes}
            codes |= {c.code + FORMER_SUFFIX for c in m.old_communes}
        self.units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
        self.units[COUNTRY_CODE] = self.country

    def _groups_with_past(self) -> set[str]:
        """Provinces whose changes of 1/7/2025 are recorded already (by an earlier load)."""
        if not self.before:
            return set()
        keys = {f"vn2025:x:{c.code}": c.parent for c in self.m.communes}
        found = OrgUnitChange.objects.filter(source_key__in=keys).values_list(
            "source_key", flat=True
        )
        return {keys[k] for k in found}

    def _group_loaded(self, p: Place) -> bool:
        """Was this province's current map loaded before (so a missing commune is new)?"""
        unit = self.units.get(p.code)
        return unit is not None and any(c.code in self.units for c in self._communes(p))

    def _communes(self, p: Place) -> list[Place]:
        return [c for c in self.m.communes if c.parent == p.code]

    def _plan_group(self, p: Place, past: bool, loaded: bool) -> None:
        m, on = self.m, REORGANISED_ON
        old_provinces = {o.code: o for o in self.full.old_provinces}
        current_codes = self._current_codes

        # The province: the former one with its code goes on (renamed if need be).
        former = old_provinces[p.code]
        renamed = former.name != p.name
        if p.code not in self.units:
            if past and renamed:
                versions = [(None, on, former, COUNTRY_CODE), (on, None, p, COUNTRY_CODE)]
            elif renamed:
                versions = [(on, None, p, COUNTRY_CODE)]
            else:
                versions = [(None, None, p, COUNTRY_CODE)]
            self.specs[p.code] = _Spec(p.code, versions, order=self._order(p))
        elif past and renamed:
            self._extend(p.code, (None, on, former, COUNTRY_CODE))
        merged = [o for o in m.province_from[p.code] if o != p.code]
        if past and (merged or renamed):
            idx = self._change(
                ChangeKind.MERGE if merged else ChangeKind.RENAME,
                PROVINCE_DECISION,
                f"vn2025:p:{p.code}",
                [(o, p.code, 1) for o in merged],
                p.code,
            )
            if renamed:
                self.version_change[(p.code, on)] = idx

        # Today's communes: units of their own from 1/7/2025.
        for n in self._communes(p):
            if n.code in self.units:
                continue
            # A commune new in a later version of the package, in a province loaded before.
            later = loaded and not past
            start = self.full.data_date if later else on
            self.specs[n.code] = _Spec(
                n.code, [(start, None, n, p.code)], self._order(n), self._aliases(n.code)
            )
            if later:
                idx = self._change(
                    ChangeKind.ESTABLISH, "", f"vnupd:{n.code}:{self.full.data_date}", [], n.code
                )
                self.version_change[(n.code, start)] = idx
        if not past:
            return

        def former_code(code: str) -> str:
            """The current code of a former commune: its own, unless a unit of today has it."""
            return code + FORMER_SUFFIX if code in current_codes else code

        # The former provinces, districts and communes, ended on 1/7/2025 where they were.
        for code in merged:
            o = old_provinces[code]
            self._old_unit(code, (None, on, o, COUNTRY_CODE), self._order(o))
        formed_from_district = {
            s for n in self._communes(p) for s in m.commune_from[n.code].sources if len(s) == 3
        }
        districts = [d for d in m.old_districts if d.parent in m.province_from[p.code]]
        for d in districts:
            self._old_unit(d.code, (None, on, d, d.parent), self._order(d))
            if d.code not in formed_from_district:
                self._change(ChangeKind.DISSOLVE, DISTRICT_DECISION, f"vn2025:d:{d.code}", [], "")
        district_codes = {d.code for d in districts}
        for c in (c for c in m.old_communes if c.parent in district_codes):
            self._old_unit(former_code(c.code), (None, on, c, c.parent), self._order(c))

        # The changes of 1/7/2025: one per new commune, one per divided former commune.
        # "… của tỉnh Vĩnh Long năm 2025", as the resolutions' titles write it.
        decision = COMMUNE_DECISION % {"province": p.name[0].lower() + p.name[1:]}
        divided: dict[str, list[str]] = {}
        for n in self._communes(p):
            f = m.commune_from[n.code]
            for part in f.parts:
                divided.setdefault(part, []).append(n.code)
            idx = self._change(
                ChangeKind.MERGE if f.whole else ChangeKind.ESTABLISH,
                decision,
                f"vn2025:x:{n.code}",
                [(former_code(w), n.code, 1) for w in f.whole],
                n.code,
            )
            self.version_change[(n.code, on)] = idx
        for old, news in divided.items():
            links = [(former_code(old), new, None) for new in news]
            self._change(ChangeKind.SPLIT, decision, f"vn2025:s:{old}", links, former_code(old))

    def _order(self, place: Place) -> int:
        try:
            return int(place.code)
        except ValueError:
            return 0

    def _aliases(self, code: str) -> list[str]:
        return [a for c, a in self.m.aliases if c == code]

    def _old_unit(self, code: str, version, order: int) -> None:
        if code in self.units:
            unit = self.units[code]
            if unit.valid_to != REORGANISED_ON:
                raise ValidationError(
                    _(
                        "Đơn vị %(name)s (mã %(code)s) đã có nhưng không kết thúc ngày "
                        "01/07/2025; không thể nạp bản đồ trước sắp xếp đè lên. Hãy ghi thay đổi "
                        "của đơn vị này trước."
                    )
                    % {"name": unit.name, "code": code}
                )
            return
        self.specs[code] = _Spec(code, [version], order=order)

    def _extend(self, code: str, version) -> None:
        """Add the years before 1/7/2025 to a unit loaded with the current map only."""
        unit = self.units[code]
        if unit.valid_from != REORGANISED_ON:
            return
        self.specs.setdefault(code, _Spec(code, [], order=unit.order)).versions.append(version)

    def _change(self, kind, decision, key, links, unit_code) -> int:
        self.changes.append(
            {"kind": kind, "decision": decision, "key": key, "links": links, "unit": unit_code}
        )
        return len(self.changes) - 1

    # --- writing -------------------------------------------------------------------------

    def _write(self) -> None:
        new_specs = {c: s for c, s in self.specs.items() if c not in self.units}
        extended = {c: s for c, s in self.specs.items() if c in self.units}
        # Units, parents first (a parent is a province, a district or the country).
        pending = dict(new_specs)
        level = 0
        while pending:
            ready = [s for s in pending.values() if s.parent is None or s.parent in self.units]
            if not ready:
                raise ValidationError(
                    _("Không tìm thấy đơn vị cấp trên của %(codes)s.")
                    % {"codes": ", ".join(sorted(pending)[:5])}
                )
            rows = OrgUnit.objects.bulk_create(
                [
                    OrgUnit(
                        code=s.code,
                        name=s.current.name,
                        short_name=s.current.short_name,
                        kind=s.current.kind,
                        parent=self.units.get(s.parent) if s.parent else self.country,
                        path="",
                        order=s.order,
                        valid_from=s.valid_from,
                        valid_to=s.valid_to,
                    )
                    for s in ready
                ],
                batch_size=2000,
            )
            for u in rows:
                parent = u.parent
                u.path = f"{parent.path}{u.pk}/"
                u.depth = parent.depth + 1
                self.units[u.code] = u
                del pending[u.code]
                self.report.created[u.kind] += 1
            OrgUnit.objects.bulk_update(rows, ["path", "depth"], batch_size=2000)
            level += 1
            self.progress(min(35 + 15 * level, 75), _("Đang ghi đơn vị"))
        # Changes.
        self.progress(80, _("Đang ghi các thay đổi và kế thừa"))
        change_rows = OrgUnitChange.objects.bulk_create(
            [
                OrgUnitChange(
                    kind=c["kind"],
                    effective_on=(
                        self.full.data_date if c["key"].startswith("vnupd:") else REORGANISED_ON
                    ),
                    decision=c["decision"],
                    note=_("Nạp từ gói dữ liệu %(source)s.") % {"source": self.full.version},
                    created_by=self.user if getattr(self.user, "is_authenticated", False) else None,
                    source_key=c["key"],
                )
                for c in self.changes
            ],
            batch_size=2000,
        )
        # Versions of new units, and the years before 1/7/2025 of units loaded before.
        versions = []
        for s in [*new_specs.values(), *extended.values()]:
            unit = self.units[s.code]
            for start, end, place, parent in s.versions:
                idx = self.version_change.get((s.code, start))
                versions.append(
                    OrgUnitVersion(
                        unit=unit,
                        valid_from=start,
                        valid_to=end,
                        code=place.code,
                        name=place.name,
                        short_name=place.short_name,
                        kind=place.kind,
                        parent=self.units[parent] if parent else self.country,
                        change=change_rows[idx] if idx is not None else None,
                    )
                )
        OrgUnitVersion.objects.bulk_create(versions, batch_size=2000)
        # Versions of units loaded before now know the change that opened them.
        for (code, start), idx in self.version_change.items():
            if code not in new_specs:
                self.units[code].versions.filter(valid_from=start, change__isnull=True).update(
                    change=change_rows[idx]
                )
        for s in extended.values():
            unit = self.units[s.code]
            unit.valid_from = None
            unit.save(update_fields=["valid_from"])
            self.report.extended += 1
            self.events.append(
                (
                    "orgunit.create",
                    unit,
                    unit,
                    {"valid_from": [REORGANISED_ON.isoformat(), None]},
                )
            )
        # Links.
        links = []
        for c, row in zip(self.changes, change_rows, strict=True):
            for pred, succ, share in c["links"]:
                links.append(
                    OrgUnitLineage(
                        change=row,
                        predecessor=self.units[pred],
                        successor=self.units[succ],
                        share=share,
                        effective_on=row.effective_on,
                    )
                )
            self.report.changes[c["kind"]] += 1
        OrgUnitLineage.objects.bulk_create(links, batch_size=5000)
        self.report.links = len(links)
        # Aliases.
        taken = set(
            OrgUnitAlias.objects.filter(
                source=ALIAS_SOURCE, code__in=[a for s in new_specs.values() for a in s.aliases]
            ).values_list("code", flat=True)
        )
        aliases = [
            OrgUnitAlias(unit=self.units[s.code], code=a, source=ALIAS_SOURCE)
            for s in new_specs.values()
            for a in s.aliases
            if a not in taken
        ]
        OrgUnitAlias.objects.bulk_create(aliases, batch_size=2000)
        self.report.aliases = len(aliases)
        # Audit events: one per unit created, one per change.
        for s in new_specs.values():
            unit = self.units[s.code]
            changes = {
                "code": [None, unit.code],
                "name": [None, unit.name],
                "kind": [None, unit.kind],
            }
            if s.aliases:
                changes["aliases"] = [None, s.aliases]
            self.events.append(("orgunit.create", unit, unit, changes))
        for c, row in zip(self.changes, change_rows, strict=True):
            unit = self.units.get(c["unit"]) if c["unit"] else None
            if c["kind"] == ChangeKind.DISSOLVE:
                unit = self.units[c["key"].rsplit(":", 1)[1]]
            self.events.append(
                (
                    _ACTIONS[c["kind"]],
                    row,
                    unit,
                    {
                        "links": [
                            None,
                            [[p, s, None if sh is None else str(sh)] for p, s, sh in c["links"]],
                        ],
                        "source": [None, c["key"]],
                    },
                )
            )

    def _renames(self) -> None:
        """A later version of the package renamed a unit of today: a dated rename."""
        for place in [*self.m.provinces, *self.m.communes]:
            unit = self.units.get(place.code)
            if unit is None:
                continue
            if (unit.name, unit.kind) == (place.name, place.kind):
                continue
            last = unit.versions.order_by("-valid_from").first()
            day = self.full.data_date
            if last is not None and last.valid_from is not None and last.valid_from >= day:
                day = last.valid_from + dt.timedelta(days=1)
            services.orgunit_rename(
                acting_user=self.user,
                unit=unit,
                on=day,
                name=place.name,
                short_name=place.short_name or unit.short_name,
                kind=place.kind,
                decision=_("Danh mục đơn vị hành chính (%(source)s)")
                % {"source": self.full.version},
            )
            self.report.renamed += 1
