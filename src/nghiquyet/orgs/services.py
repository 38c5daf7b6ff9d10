"""Writes for org units: creation and dated changes to the map.

Every change is appended in date order and never rewrites history: the unit's
current :class:`OrgUnitVersion` is closed on the change's date and a new one
opened; merged or dissolved units end on that date and stay, with their figures,
where they were; merges and splits leave :class:`OrgUnitLineage` links so that
figures can be compared across the change (DESIGN.md §8).

Each service runs in one transaction, checks the acting user's scope
(``manage`` on every unit it touches) and writes one audit event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.orgs.scopes import scope_for

from .choices import ChangeKind
from .models import OrgUnit, OrgUnitChange, OrgUnitLineage, OrgUnitVersion, validate_unit_code
from .tree import rebuild_paths

#: Shares of a split may be off by this much from 1 (six decimals are stored).
SHARE_TOLERANCE = Decimal("0.000005")


@dataclass(frozen=True)
class NewUnit:
    """A unit that a merge or a split brings into being."""

    code: str
    name: str
    kind: str
    parent: OrgUnit | None
    short_name: str = ""
    order: int = 0


def _date(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _check_code(code: str, field: str = "code") -> None:
    """Refuse a code that could not name the unit in an address, before anything is written."""
    try:
        validate_unit_code(code)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def _require_manage(acting_user, *units: OrgUnit | None) -> None:
    scope = scope_for(acting_user)
    for unit in units:
        if unit is not None:
            scope.require(Action.MANAGE, unit)


@transaction.atomic
def orgunit_create(
    *,
    acting_user,
    code: str,
    name: str,
    kind: str,
    parent: OrgUnit | None = None,
    short_name: str = "",
    order: int = 0,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    change: OrgUnitChange | None = None,
) -> OrgUnit:
    """Create a unit under ``parent``, with its first version, and compute its path.

    The acting user must manage ``parent``; a unit without a parent (the country) is created
    only by a scope that covers everything (the server, a superuser).
    """
    if parent is None:
        if not scope_for(acting_user).everything:
            raise PermissionDenied
    else:
        _require_manage(acting_user, parent)
    _check_code(code)
    if parent is not None and valid_from is not None and not parent.exists_on(valid_from):
        raise ValidationError(
            {
                "parent": _("Đơn vị cấp trên %(parent)s không tồn tại vào ngày %(day)s.")
                % {"parent": parent.name, "day": _date(valid_from)}
            }
        )
    unit = OrgUnit(
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        order=order,
        valid_from=valid_from,
        valid_to=valid_to,
        path="",
    )
    unit.full_clean(exclude=["path"])
    unit.save()
    rebuild_paths(unit)
    OrgUnitVersion.objects.create(
        unit=unit,
        valid_from=valid_from,
        valid_to=valid_to,
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        change=change,
    )
    audit_log(
        acting_user=acting_user,
        action="orgunit.create",
        obj=unit,
        unit=unit,
        changes={"code": [None, code], "name": [None, name], "kind": [None, kind]},
    )
    return unit


# --- dated changes ------------------------------------------------------------------------------


def _version_on(unit: OrgUnit, day: dt.date, field: str = "unit") -> OrgUnitVersion:
    """The unit's version in force on ``day``; refuses a change inside or before its history."""
    version = unit.versions.filter(OrgUnitVersion.active_q(day)).first()
    if version is None:
        raise ValidationError(
            {
                field: _("%(unit)s không tồn tại vào ngày %(day)s.")
                % {"unit": unit.name, "day": _date(day)}
            }
        )
    if version.valid_to is not None:
        raise ValidationError(
            {
                field: _(
                    "%(unit)s đã có thay đổi hoặc kết thúc từ ngày %(later)s; các thay đổi phải "
                    "ghi theo thứ tự thời gian."
                )
                % {"unit": unit.name, "later": _date(version.valid_to)}
            }
        )
    if version.valid_from is not None and version.valid_from >= day:
        raise ValidationError(
            {
                field: _("%(unit)s vừa thay đổi ngày %(day)s; ngày hiệu lực phải sau ngày đó.")
                % {"unit": unit.name, "day": _date(version.valid_from)}
            }
        )
    return version


def _active_children(unit: OrgUnit, day: dt.date) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(parent=unit).active_on(day).order_by("order", "name"))


def _new_version(
    unit: OrgUnit, old: OrgUnitVersion, day: dt.date, change: OrgUnitChange, **fields
) -> OrgUnitVersion:
    """Close ``old`` on ``day`` and open the next version with ``fields`` changed."""
    old.valid_to = day
    old.save(update_fields=["valid_to"])
    data = {
        "code": old.code,
        "name": old.name,
        "short_name": old.short_name,
        "kind": old.kind,
        "parent": old.parent,
    }
    data.update(fields)
    return OrgUnitVersion.objects.create(
        unit=unit, valid_from=day, valid_to=unit.valid_to, change=change, **data
    )


def _end(unit: OrgUnit, version: OrgUnitVersion, day: dt.date) -> None:
    """The unit ceases to exist on ``day`` (its history and figures stay)."""
    version.valid_to = day
    version.save(update_fields=["valid_to"])
    unit.valid_to = day
    unit.save(update_fields=["valid_to"])


def _change(acting_user, kind: str, on: dt.date, decision: str, note: str) -> OrgUnitChange:
    return OrgUnitChange.objects.create(
        kind=kind,
        effective_on=on,
        decision=decision,
        note=note,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )


def _link(change: OrgUnitChange, predecessor: OrgUnit, successor: OrgUnit, share) -> None:
    OrgUnitLineage.objects.create(
        change=change,
        predecessor=predecessor,
        successor=successor,
        share=Decimal(share),
        effective_on=change.effective_on,
    )


def _move_children(children: list[OrgUnit], to: OrgUnit, on: dt.date, change) -> None:
    for child in children:
        version = _version_on(child, on, field="units")
        _new_version(child, version, on, change, parent=to)
        child.parent = to
        child.save(update_fields=["parent"])
        rebuild_paths(child)


def _successor(acting_user, into: OrgUnit | NewUnit, on: dt.date, change) -> OrgUnit:
    if isinstance(into, OrgUnit):
        _version_on(into, on, field="into")
        return into
    _check_code(into.code)
    if OrgUnit.objects.filter(code=into.code).exists():
        raise ValidationError({"code": _("Mã đơn vị %(code)s đã được dùng.") % {"code": into.code}})
    return orgunit_create(
        acting_user=acting_user,
        code=into.code,
        name=into.name,
        kind=into.kind,
        parent=into.parent,
        short_name=into.short_name,
        order=into.order,
        valid_from=on,
        change=change,
    )


@transaction.atomic
def orgunit_rename(
    *,
    acting_user,
    unit: OrgUnit,
    on: dt.date,
    name: str,
    short_name: str = "",
    code: str | None = None,
    kind: str | None = None,
    decision: str = "",
    note: str = "",
) -> OrgUnitChange:
    """From ``on`` the unit is called ``name`` (and, if given, has a new code or kind)."""
    _require_manage(acting_user, unit)
    version = _version_on(unit, on)
    code = (code or unit.code).strip()
    kind = kind or unit.kind
    _check_code(code)
    if (name, short_name, code, kind) == (unit.name, unit.short_name, unit.code, unit.kind):
        raise ValidationError({"name": _("Tên mới trùng với tên hiện tại.")})
    if code != unit.code and OrgUnit.objects.filter(code=code).exclude(pk=unit.pk).exists():
        raise ValidationError({"code": _("Mã đơn vị %(code)s đã được dùng.") % {"code": code}})
    change = _change(acting_user, ChangeKind.RENAME, on, decision, note)
    _new_version(unit, version, on, change, name=name, short_name=short_name, code=code, kind=kind)
    before = {"name": unit.name, "code": unit.code, "kind": unit.kind}
    unit.name, unit.short_name, unit.code, unit.kind = name, short_name, code, kind
    unit.full_clean(exclude=["path", "parent"])
    unit.save(update_fields=["name", "short_name", "code", "kind"])
    audit_log(
        acting_user=acting_user,
        action="orgunit.rename",
        obj=change,
        unit=unit,
        changes={k: [v, getattr(unit, k)] for k, v in before.items() if v != getattr(unit, k)},
        note=note,
    )
    return change


def _check_parent(unit: OrgUnit, parent: OrgUnit, on: dt.date) -> None:
    if parent.pk == unit.pk or parent.is_within(unit):
        raise ValidationError(
            {"parent": _("Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.")}
        )
    if not parent.exists_on(on):
        raise ValidationError(
            {
                "parent": _("Đơn vị cấp trên %(parent)s không tồn tại vào ngày %(day)s.")
                % {"parent": parent.name, "day": _date(on)}
            }
        )


@transaction.atomic
def orgunit_move(
    *,
    acting_user,
    unit: OrgUnit,
    parent: OrgUnit,
    on: dt.date,
    decision: str = "",
    note: str = "",
) -> OrgUnitChange:
    """From ``on`` the unit sits under ``parent`` (e.g. a commune after its district is gone)."""
    _require_manage(acting_user, unit, parent)
    _version_on(unit, on)
    if parent.pk == unit.parent_id:
        raise ValidationError(
            {"parent": _("Đơn vị đã trực thuộc %(parent)s.") % {"parent": parent}}
        )
    _check_parent(unit, parent, on)
    change = _change(acting_user, ChangeKind.MOVE, on, decision, note)
    old_parent = unit.parent
    _move_children([unit], parent, on, change)
    audit_log(
        acting_user=acting_user,
        action="orgunit.move",
        obj=change,
        unit=unit,
        changes={"parent": [old_parent.name if old_parent else None, parent.name]},
        note=note,
    )
    return change


@transaction.atomic
@audit_operation()
def orgunit_merge(
    *,
    acting_user,
    units: list[OrgUnit],
    into: OrgUnit | NewUnit,
    on: dt.date,
    move_children: bool = False,
    decision: str = "",
    note: str = "",
) -> OrgUnitChange:
    """``units`` merge into ``into`` on ``on``.

    ``into`` is an existing unit that goes on and takes the others in (nhập vào), or a
    :class:`NewUnit` created on ``on`` (hợp nhất). The merged units end on ``on``;
    each links to the successor with share 1. Units still having active sub-units
    are refused unless ``move_children``, which moves those sub-units under the
    successor as part of the same change.
    """
    merged = list(dict.fromkeys(units))
    if isinstance(into, OrgUnit):
        merged = [u for u in merged if u.pk != into.pk]
    if not merged:
        raise ValidationError({"units": _("Chọn ít nhất một đơn vị để sáp nhập.")})
    parent = into.parent
    _require_manage(acting_user, *merged, into if isinstance(into, OrgUnit) else parent)
    versions = {u.pk: _version_on(u, on, field="units") for u in merged}
    children = {u.pk: _active_children(u, on) for u in merged}
    if not move_children:
        busy = [u.name for u in merged if children[u.pk]]
        if busy:
            raise ValidationError(
                {
                    "units": _(
                        "%(units)s còn đơn vị trực thuộc vào ngày %(day)s; hãy sắp xếp các đơn "
                        "vị đó trước hoặc chọn chuyển chúng sang đơn vị sau sáp nhập."
                    )
                    % {"units": ", ".join(busy), "day": _date(on)}
                }
            )
    change = _change(acting_user, ChangeKind.MERGE, on, decision, note)
    successor = _successor(acting_user, into, on, change)
    if any(successor.is_within(u) for u in merged):
        raise ValidationError(
            {"into": _("Đơn vị sau sáp nhập không thể là cấp dưới của đơn vị bị sáp nhập.")}
        )
    for unit in merged:
        _move_children(children[unit.pk], successor, on, change)
        _end(unit, versions[unit.pk], on)
        _link(change, unit, successor, 1)
    audit_log(
        acting_user=acting_user,
        action="orgunit.merge",
        obj=change,
        unit=successor,
        changes={"units": [[u.code for u in merged], successor.code]},
        note=note,
    )
    return change


@transaction.atomic
@audit_operation()
def orgunit_split(
    *,
    acting_user,
    unit: OrgUnit,
    parts: list[tuple[OrgUnit | NewUnit, Decimal]],
    on: dt.date,
    decision: str = "",
    note: str = "",
) -> OrgUnitChange:
    """``unit`` is divided on ``on``: each part takes its declared ``share`` of it.

    A part may be a new unit or an existing one that takes a piece (điều chỉnh địa
    giới). If the shares add up to 1 the unit ends; if less, the unit goes on with
    the rest, recorded as a link to itself. Shares matter: a figure of the divided
    unit is attributed to its parts in these proportions when comparing across the
    change.
    """
    if not parts:
        raise ValidationError({"parts": _("Chọn ít nhất một đơn vị nhận phần chia tách.")})
    shares = [Decimal(str(s)) for _p, s in parts]
    for i, share in enumerate(shares, start=1):
        if not (0 < share <= 1):
            raise ValidationError(
                {"parts": _("Tỷ lệ của phần %(n)s phải lớn hơn 0 và không quá 1.") % {"n": i}}
            )
    total = sum(shares)
    if total > 1 + SHARE_TOLERANCE:
        raise ValidationError(
            {
                "parts": _("Tổng tỷ lệ các phần là %(total)s, vượt quá 1.")
                % {"total": number_format(total.normalize())}
            }
        )
    existing = [p for p, _s in parts if isinstance(p, OrgUnit)]
    if any(p.pk == unit.pk for p in existing):
        raise ValidationError({"parts": _("Phần giữ lại không cần khai báo là một phần.")})
    _require_manage(
        acting_user, unit, *existing, *(p.parent for p, _s in parts if isinstance(p, NewUnit))
    )
    version = _version_on(unit, on)
    ends = total >= 1 - SHARE_TOLERANCE
    if ends and _active_children(unit, on):
        raise ValidationError(
            {
                "unit": _(
                    "%(unit)s còn đơn vị trực thuộc vào ngày %(day)s; hãy chuyển các đơn vị đó "
                    "trước khi chia tách."
                )
                % {"unit": unit.name, "day": _date(on)}
            }
        )
    change = _change(acting_user, ChangeKind.SPLIT, on, decision, note)
    made = []
    for part, share in zip((p for p, _s in parts), shares, strict=True):
        successor = _successor(acting_user, part, on, change)
        _link(change, unit, successor, share)
        made.append(successor)
    if ends:
        _end(unit, version, on)
    else:
        _link(change, unit, unit, 1 - total)
    audit_log(
        acting_user=acting_user,
        action="orgunit.split",
        obj=change,
        unit=unit,
        changes={
            "parts": [unit.code, [[u.code, str(s)] for u, s in zip(made, shares, strict=True)]]
        },
        note=note,
    )
    return change


@transaction.atomic
def orgunit_dissolve(
    *, acting_user, unit: OrgUnit, on: dt.date, decision: str = "", note: str = ""
) -> OrgUnitChange:
    """The unit ends on ``on`` without a successor (e.g. a district when that level goes).

    Its sub-units must have been moved, merged or dissolved first; its figures stay.
    """
    _require_manage(acting_user, unit)
    version = _version_on(unit, on)
    children = _active_children(unit, on)
    if children:
        raise ValidationError(
            {
                "unit": _(
                    "%(unit)s còn %(n)s đơn vị trực thuộc vào ngày %(day)s (%(names)s); hãy "
                    "chuyển hoặc sáp nhập các đơn vị đó trước."
                )
                % {
                    "unit": unit.name,
                    "n": len(children),
                    "day": _date(on),
                    "names": ", ".join(c.name for c in children[:5])
                    + ("…" if len(children) > 5 else ""),
                }
            }
        )
    change = _change(acting_user, ChangeKind.DISSOLVE, on, decision, note)
    _end(unit, version, on)
    audit_log(
        acting_user=acting_user,
        action="orgunit.dissolve",
        obj=change,
        unit=unit,
        changes={"valid_to": [None, on.isoformat()]},
        note=note,
    )
    return change


@transaction.atomic
def orgunit_split_shares_declare(
    *,
    acting_user,
    change: OrgUnitChange,
    shares: dict[int, Decimal],
    decision: str = "",
    note: str = "",
) -> OrgUnitChange:
    """Declare the shares of a split recorded without them (a data package gives which new
    units a divided commune went to, not in what proportion).

    ``shares`` maps each part (successor unit id) to its share; they must add up to 1 — the
    divided unit ended. Needs manage rights on every part. Declared once: a share already
    declared is history and is not changed here.
    """
    if change.kind != ChangeKind.SPLIT:
        raise ValidationError({"change": _("Thay đổi này không phải là chia tách.")})
    links = list(change.links.select_related("predecessor", "successor"))
    if not links or any(link.share is not None for link in links):
        raise ValidationError({"shares": _("Tỷ lệ chia tách này đã được khai báo.")})
    _require_manage(acting_user, *{link.successor for link in links})
    parts = {link.successor_id: link for link in links}
    if set(shares) != set(parts):
        raise ValidationError(
            {"shares": _("Cần khai báo tỷ lệ cho đủ %(n)s đơn vị nhận phần.") % {"n": len(parts)}}
        )
    for unit_id, share in shares.items():
        if not (0 < Decimal(share) <= 1):
            raise ValidationError(
                {
                    "shares": _("Tỷ lệ của %(unit)s phải lớn hơn 0 và không quá 1.")
                    % {"unit": parts[unit_id].successor.name}
                }
            )
    total = sum(Decimal(s) for s in shares.values())
    if abs(total - 1) > SHARE_TOLERANCE:
        raise ValidationError(
            {
                "shares": _("Tổng tỷ lệ các phần là %(total)s; phải bằng 1.")
                % {"total": number_format(total.normalize())}
            }
        )
    for unit_id, share in shares.items():
        link = parts[unit_id]
        link.share = Decimal(share)
        link.save(update_fields=["share"])
    if decision and not change.decision:
        change.decision = decision
        change.save(update_fields=["decision"])
    predecessor = links[0].predecessor
    audit_log(
        acting_user=acting_user,
        action="orgunit.shares_declare",
        obj=change,
        unit=links[0].successor,
        changes={
            "shares": [
                None,
                {parts[u].successor.code: str(Decimal(s)) for u, s in shares.items()},
            ],
            "unit": [None, predecessor.code],
        },
        note=note,
    )
    return change
