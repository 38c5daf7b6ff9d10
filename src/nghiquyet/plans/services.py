"""Writes for plans, targets and tasks. Each runs in a transaction and leaves an audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation, model_update
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for

from . import evidence
from .choices import (
    TARGET_FIGURE_FIELDS,
    AdjustmentKind,
    Aggregation,
    BodyKind,
    ChangeMeasure,
    IndicatorNature,
    QualityRuleKind,
    TargetChange,
    TargetDecides,
    TargetDirection,
    TaskClosure,
    Temporal,
)
from .display import number
from .models import (
    ClassificationScheme,
    Group,
    Indicator,
    Plan,
    QualityRule,
    Target,
    TargetAdjustment,
    Task,
    TaskDeadlineChange,
    TaskEvidence,
    TaskUpdate,
    evidence_upload_to,
)
from .selectors import target_has_figures, task_can_update
from .signals import task_assigned, task_extended


def _require_manage(acting_user, unit: OrgUnit) -> None:
    scope_for(acting_user).require(Action.MANAGE, unit)


def scheme_presets_ensure() -> dict[str, ClassificationScheme]:
    """The preset classification schemes (DESIGN.md §4), created if missing.

    A migration seeds them, but a database that was flushed or restored
    partially must still be able to take new plans.
    """
    presets = {}
    for preset in engine.PRESETS.values():
        data = preset.to_dict()
        scheme, created = ClassificationScheme.objects.get_or_create(
            key=data["key"], defaults={"name": data["name"], "bands": data["bands"]}
        )
        if created:
            audit_log(
                acting_user=None,
                action="scheme.create",
                obj=scheme,
                changes={"key": [None, scheme.key]},
            )
        presets[scheme.key] = scheme
    return presets


@transaction.atomic
def indicator_get_or_create(
    *,
    acting_user,
    code: str,
    name: str,
    unit_of_measure: str = "",
    nature: str = IndicatorNature.STOCK,
    aggregation: str = Aggregation.NONE,
    decimals: int = 2,
    ratio_factor: Decimal | int = 100,
    numerator_label: str = "",
    denominator_label: str = "",
    description: str = "",
) -> Indicator:
    """Return the indicator with ``code``, creating it if it does not exist yet."""
    existing = Indicator.objects.filter(code=code).first()
    if existing:
        return existing
    indicator = Indicator(
        code=code,
        name=name,
        unit_of_measure=unit_of_measure,
        nature=nature,
        aggregation=aggregation,
        decimals=decimals,
        ratio_factor=ratio_factor,
        numerator_label=numerator_label,
        denominator_label=denominator_label,
        description=description,
    )
    indicator.full_clean()
    indicator.save()
    audit_log(
        acting_user=acting_user,
        action="indicator.create",
        obj=indicator,
        changes={"code": [None, code], "name": [None, name]},
    )
    return indicator


@transaction.atomic
@audit_operation()
def plan_create(
    *,
    acting_user,
    code: str,
    kind: str,
    title: str,
    unit: OrgUnit,
    issuing_body: str,
    number: str = "",
    superior_body: str = "",
    body_kind: str = BodyKind.PARTY,
    issued_on: dt.date | None = None,
    year: int | None = None,
    term_start: int | None = None,
    term_end: int | None = None,
    parent: Plan | None = None,
    scheme: ClassificationScheme | None = None,
    description: str = "",
    is_demo: bool = False,
) -> Plan:
    """Create a plan (resolution, program…) for ``unit``; the user must manage that unit."""
    _require_manage(acting_user, unit)
    plan = Plan(
        code=code,
        kind=kind,
        title=title,
        unit=unit,
        issuing_body=issuing_body,
        number=number,
        superior_body=superior_body,
        body_kind=body_kind,
        issued_on=issued_on,
        year=year,
        term_start=term_start,
        term_end=term_end,
        parent=parent,
        description=description,
        is_demo=is_demo,
    )
    plan.scheme = scheme or scheme_presets_ensure()[engine.BANDS.key]
    plan.full_clean()
    plan.save()
    audit_log(
        acting_user=acting_user,
        action="plan.create",
        obj=plan,
        unit=unit,
        changes={"code": [None, code], "kind": [None, kind], "title": [None, title]},
    )
    return plan


@transaction.atomic
def group_create(
    *, acting_user, plan: Plan, kind: str, name: str, code: str = "", order: int = 0
) -> Group:
    """Add a numbered group of targets or of tasks (``kind``) to ``plan``."""
    _require_manage(acting_user, plan.unit)
    group = Group(plan=plan, kind=kind, name=name, code=code, order=order)
    group.full_clean()
    group.save()
    audit_log(
        acting_user=acting_user,
        action="group.create",
        obj=group,
        unit=plan.unit,
        changes={"plan": [None, plan.code], "kind": [None, kind], "name": [None, name]},
    )
    return group


@transaction.atomic
def target_create(
    *,
    acting_user,
    plan: Plan,
    code: str,
    name: str,
    indicator: Indicator | None,
    group: Group | None = None,
    order: int = 0,
    statement: str = "",
    direction: str = TargetDirection.HIGHER,
    target_value: Decimal | float | str | None = None,
    target_high: Decimal | float | str | None = None,
    tolerance: Decimal | float | str | None = None,
    change: int = TargetChange.NONE,
    temporal: str = Temporal.ANNUAL,
    due_date: dt.date | None = None,
    is_composite: bool = False,
    composite: Target | None = None,
    parent: Target | None = None,
    lead_unit: OrgUnit | None = None,
    partner_units: list[OrgUnit] | tuple[OrgUnit, ...] = (),
    note: str = "",
    strict: bool = False,
    change_measure: str = ChangeMeasure.AUTO,
    with_change: int = TargetChange.NONE,
    with_change_low: Decimal | float | str | None = None,
    with_change_high: Decimal | float | str | None = None,
    decided_by: int = TargetDecides.BOTH,
    part_of: Target | None = None,
) -> Target:
    """Add a target to ``plan`` in any form of DESIGN.md §3: ``strict`` bounds ("trên 90"),
    a change in percent or points (``change_measure``), a level with a change
    (``with_change``…, judged by ``decided_by``), a "trong đó" part (``part_of``).

    The lead and partner units must be units the user manages, not ended when the plan's
    time starts (:func:`assignable_errors`)."""
    _require_manage(acting_user, plan.unit)
    _require_assignable(
        acting_user, _assign_on(plan), lead_unit=[lead_unit], partner_units=partner_units
    )

    def dec(x):
        return None if x is None else Decimal(str(x))

    target = Target(
        plan=plan,
        group=group,
        code=code,
        order=order,
        indicator=indicator,
        name=name,
        statement=statement,
        direction=direction,
        target_value=dec(target_value),
        target_high=dec(target_high),
        tolerance=dec(tolerance),
        change=change,
        temporal=temporal,
        due_date=due_date,
        is_composite=is_composite,
        composite=composite,
        parent=parent,
        lead_unit=lead_unit,
        note=note,
        strict=strict,
        change_measure=change_measure,
        with_change=with_change,
        with_change_low=dec(with_change_low),
        with_change_high=dec(with_change_high),
        decided_by=decided_by,
        part_of=part_of,
    )
    target.full_clean()
    target.save()
    if partner_units:
        target.partner_units.set(partner_units)
    audit_log(
        acting_user=acting_user,
        action="target.create",
        obj=target,
        unit=plan.unit,
        changes={
            "plan": [None, plan.code],
            "code": [None, code],
            "name": [None, name],
            "target_value": [None, target.target_value],
        },
    )
    return target


@transaction.atomic
def task_create(
    *,
    acting_user,
    plan: Plan,
    title: str,
    owner_unit: OrgUnit,
    product: str,
    deadline: dt.date | None,
    group: Group | None = None,
    code: str = "",
    description: str = "",
    partner_units: list[OrgUnit] | tuple[OrgUnit, ...] = (),
    target: Target | None = None,
    progress: int = 0,
    completed_on: dt.date | None = None,
) -> Task:
    """Assign a task: a job, an owner unit, a product and a deadline.

    The owner and partner units must be units the user manages, not ended when the plan's
    time starts (:func:`assignable_errors`)."""
    _require_manage(acting_user, plan.unit)
    _require_assignable(
        acting_user, _assign_on(plan), owner_unit=[owner_unit], partner_units=partner_units
    )
    task = Task(
        plan=plan,
        group=group,
        code=code,
        title=title,
        description=description,
        owner_unit=owner_unit,
        product=product,
        deadline=deadline,
        target=target,
        progress=progress,
        completed_on=completed_on,
    )
    task.full_clean()
    task.save()
    if partner_units:
        task.partner_units.set(partner_units)
    _announce(task, acting_user)
    audit_log(
        acting_user=acting_user,
        action="task.create",
        obj=task,
        unit=owner_unit,
        changes={
            "plan": [None, plan.code],
            "title": [None, title],
            "owner_unit": [None, owner_unit.code],
            "deadline": [None, deadline],
        },
    )
    return task


# --- Task progress and evidence ---------------------------------------------------

#: Longest note of a progress update.
NOTE_MAX_LENGTH = 4000


def _validate_task_update(
    *, progress: object, note: str, completed_on: dt.date | None
) -> tuple[int | None, str, dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    value: int | None = None
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        errors["progress"] = [_("Tiến độ phải là số nguyên từ 0 đến 100.")]
    else:
        value = progress
    note = (note or "").strip()
    if not note:
        errors["note"] = [
            _("Hãy ghi nội dung cập nhật: đã làm được gì, sản phẩm đến đâu, vướng mắc gì.")
        ]
    elif "\x00" in note:
        errors["note"] = [_("Nội dung cập nhật có ký tự không hợp lệ (NUL); hãy gõ lại.")]
    elif len(note) > NOTE_MAX_LENGTH:
        errors["note"] = [
            _("Nội dung cập nhật dài tối đa %(max)s ký tự (hiện có %(n)s).")
            % {"max": number(NOTE_MAX_LENGTH, 0), "n": number(len(note), 0)}
        ]
    today = timezone.localdate()
    if completed_on is not None and not isinstance(completed_on, dt.date):
        errors["completed_on"] = [_("Ngày hoàn thành không hợp lệ.")]
    elif value == 100 and completed_on is None:
        errors["completed_on"] = [_("Tiến độ 100% thì phải ghi ngày hoàn thành.")]
    elif value is not None and value < 100 and completed_on is not None:
        errors["completed_on"] = [
            _("Chỉ ghi ngày hoàn thành khi tiến độ là 100%; hãy để trống hoặc sửa tiến độ.")
        ]
    elif completed_on is not None and completed_on > today:
        errors["completed_on"] = [
            _("Ngày hoàn thành không được sau hôm nay (%(today)s).")
            % {"today": formats.date_format(today, "SHORT_DATE_FORMAT")}
        ]
    return value, note, errors


def task_update_create(
    *,
    acting_user,
    task: Task,
    progress: int,
    note: str,
    completed_on: dt.date | None = None,
    files: list | tuple = (),
) -> TaskUpdate:
    """Record progress on ``task`` with a note and evidence files, in one transaction.

    - Permission: :func:`~.selectors.task_can_update` (``report`` over the owner unit),
      else :class:`PermissionDenied`.
    - ``progress`` is 0–100; ``note`` is required (so every change, including a
      step back, says why); ``completed_on`` is required at 100 % and may not be
      in the future; it must be empty below 100 %.
    - The task takes the new progress. At 100 % it is completed on
      ``completed_on``; any lower progress clears the completion date — the task
      is open again (e.g. its product was sent back for rework), and the note
      says why.
    - ``files`` (at most :data:`evidence.MAX_FILES`) are checked by content in
      :mod:`nghiquyet.plans.evidence`. If anything is refused, a
      :class:`ValidationError` keyed by field (``progress``, ``note``,
      ``completed_on``, ``files``) is raised and nothing is written: no row, no
      file. Files already stored are removed if a later step (or the commit) fails.
    - One audit event ``task.progress`` with the old and new progress and
      completion date and the names of the files.
    """
    if not task_can_update(acting_user, task):
        raise PermissionDenied
    value, note, errors = _validate_task_update(
        progress=progress, note=note, completed_on=completed_on
    )
    checked: list[evidence.CheckedFile] = []
    try:
        checked = evidence.check_files(list(files))
    except ValidationError as exc:
        errors["files"] = exc.messages
    if errors:
        raise ValidationError(errors)

    storage = TaskEvidence._meta.get_field("file").storage
    stored: list[str] = []
    try:
        # The commit is inside the try: if it fails, the stored files are removed too.
        with transaction.atomic():
            update, locked = _task_update_write(
                acting_user=acting_user,
                task=task,
                progress=value,
                note=note,
                completed_on=completed_on if value == 100 else None,
                checked=checked,
                storage=storage,
                stored=stored,
            )
    except BaseException:
        for name in stored:
            storage.delete(name)
        raise
    task.progress = locked.progress
    task.completed_on = locked.completed_on
    return update


def _task_update_write(
    *,
    acting_user,
    task: Task,
    progress: int,
    note: str,
    completed_on: dt.date | None,
    checked: list[evidence.CheckedFile],
    storage,
    stored: list[str],
) -> tuple[TaskUpdate, Task]:
    """The writes of :func:`task_update_create`; appends each stored file's name to ``stored``."""
    # Lock the task so that two reporters saving at once both see the right "before".
    locked = (
        Task.objects.select_for_update(of=("self",)).select_related("owner_unit").get(pk=task.pk)
    )
    if locked.owner_unit_id != task.owner_unit_id and not task_can_update(acting_user, locked):
        raise PermissionDenied
    before = {"progress": locked.progress, "completed_on": locked.completed_on}
    update = TaskUpdate.objects.create(
        task=locked,
        progress_before=locked.progress,
        progress=progress,
        note=note,
        completed_on=completed_on,
        created_by=acting_user,
    )
    for item in checked:
        record = TaskEvidence(
            update=update,
            original_name=item.name,
            size=item.size,
            content_type=item.content_type,
            sha256=item.sha256,
            uploaded_by=acting_user,
        )
        item.upload.seek(0)
        name = storage.save(evidence_upload_to(record, item.name), item.upload)
        stored.append(name)
        record.file.name = name
        record.save()
    locked.progress = progress
    locked.completed_on = completed_on
    locked.save(update_fields=["progress", "completed_on", "updated_at"])
    audit_log(
        acting_user=acting_user,
        action="task.progress",
        obj=locked,
        unit=locked.owner_unit,
        changes={
            "progress": [before["progress"], progress],
            "completed_on": [before["completed_on"], completed_on],
            "evidence": [None, [item.name for item in checked]],
            "update": [None, update.pk],
        },
        note=note,
    )
    return update, locked


@transaction.atomic
def quality_rule_create(
    *,
    acting_user,
    indicator: Indicator,
    unit: OrgUnit,
    kind: str,
    low: Decimal | None = None,
    high: Decimal | None = None,
    group: str = "",
    note: str = "",
) -> QualityRule:
    """An office sets a data-quality rule on ``indicator`` for the figures of ``unit``'s
    subtree (``reporting.quality`` applies it wherever figures are saved)."""
    _require_manage(acting_user, unit)
    errors = {}
    if kind not in QualityRuleKind.values:
        errors["kind"] = _("Quy tắc không hợp lệ.")
    if kind == QualityRuleKind.RANGE:
        if low is None and high is None:
            errors["low"] = _("Nhập ít nhất một trong hai giới hạn (từ, đến).")
        elif low is not None and high is not None and low > high:
            errors["high"] = _("Giới hạn trên phải không nhỏ hơn giới hạn dưới.")
    if kind == QualityRuleKind.SHARE_SUM and not group.strip():
        errors["group"] = _(
            "Đặt tên nhóm cơ cấu (ví dụ: cơ cấu kinh tế); các chỉ số cùng tên nhóm phải "
            "cộng lại bằng 100."
        )
    if errors:
        raise ValidationError(errors)
    rule = QualityRule.objects.create(
        indicator=indicator,
        unit=unit,
        kind=kind,
        low=low if kind == QualityRuleKind.RANGE else None,
        high=high if kind == QualityRuleKind.RANGE else None,
        group=group.strip() if kind == QualityRuleKind.SHARE_SUM else "",
        note=note.strip(),
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    audit_log(
        acting_user=acting_user,
        action="quality_rule.create",
        obj=rule,
        unit=unit,
        changes={
            "indicator": [None, indicator.code],
            "kind": [None, kind],
            "low": [None, rule.low],
            "high": [None, rule.high],
            "group": [None, rule.group],
            "note": [None, rule.note],
        },
    )
    return rule


@transaction.atomic
def quality_rule_delete(*, acting_user, rule: QualityRule) -> None:
    """Drop a data-quality rule (figures already flagged keep their flag until saved again)."""
    _require_manage(acting_user, rule.unit)
    audit_log(
        acting_user=acting_user,
        action="quality_rule.delete",
        obj=rule,
        unit=rule.unit,
        changes={"kind": [rule.kind, None], "indicator": [rule.indicator.code, None]},
    )
    rule.delete()


# --- Editing a plan after it was made ---------------------------------------------------------

#: The fields of a plan an office may change (its code names it in every address: kept).
PLAN_EDITABLE_FIELDS = (
    "kind",
    "number",
    "title",
    "issuing_body",
    "superior_body",
    "body_kind",
    "issued_on",
    "year",
    "term_start",
    "term_end",
    "parent",
    "scheme",
    "description",
)
GROUP_EDITABLE_FIELDS = ("code", "name", "order")
#: A target's fields that are not its plan figure (those are TARGET_FIGURE_FIELDS).
TARGET_EDITABLE_FIELDS = (
    "code",
    "name",
    "group",
    "order",
    "indicator",
    "temporal",
    "due_date",
    "lead_unit",
    "partner_units",
    "note",
)
TASK_EDITABLE_FIELDS = (
    "code",
    "title",
    "description",
    "group",
    "owner_unit",
    "partner_units",
    "product",
    "target",
)


def _unit_ended_error(unit: OrgUnit, on: dt.date) -> str | None:
    if unit.valid_to is not None and unit.valid_to <= on:
        return _("Đơn vị %(unit)s đã thôi hoạt động từ ngày %(day)s: không giao việc mới.") % {
            "unit": unit.name,
            "day": formats.date_format(unit.valid_to, "SHORT_DATE_FORMAT"),
        }
    return None


def assignable_errors(
    *, acting_user, units: dict[str, list[OrgUnit]], on: dt.date | None
) -> dict[str, list[str]]:
    """Why the units given to a target or a task (field → units) may not be given work:
    the user must manage each of them (a unit it may only read is not its to task), and
    none may have ended by ``on`` (not checked when ``on`` is None)."""
    scope = scope_for(acting_user)
    errors: dict[str, list[str]] = {}
    for field, given in units.items():
        for unit in given:
            if unit is None:
                continue
            if not scope.allows(Action.MANAGE, unit):
                errors.setdefault(field, []).append(
                    _("Không thể giao cho %(unit)s: đơn vị này không thuộc phạm vi bạn quản lý.")
                    % {"unit": unit.name}
                )
            elif on is not None and (message := _unit_ended_error(unit, on)):
                errors.setdefault(field, []).append(message)
    return errors


def _require_assignable(acting_user, on: dt.date | None, **units) -> None:
    errors = assignable_errors(
        acting_user=acting_user,
        units={k: list(v) if isinstance(v, list | tuple) else [v] for k, v in units.items()},
        on=on,
    )
    if errors:
        raise ValidationError(errors)


def plan_starts_on(plan: Plan) -> dt.date:
    """The first day of the time a plan sets figures for (its issue date without years)."""
    if plan.years:
        return dt.date(plan.years[0], 1, 1)
    return plan.issued_on or timezone.localdate()


def _assign_on(plan: Plan) -> dt.date | None:
    """The day on which the units given work by ``plan`` must still exist: the plan's start.
    None (no check of ended units) for the record of a unit that had itself ended by then —
    a former unit's resolution entered as history gives work to the units of its time."""
    on = plan_starts_on(plan)
    return on if plan.unit.exists_on(on) else None


@transaction.atomic
def plan_update(*, acting_user, plan: Plan, data: dict) -> dict:
    """Change what a plan says of itself (kind, number, bodies, years, parent, scheme…).

    The user must manage the plan's unit; the parent must be another plan the user may see.
    Returns the changes (``{field: [old, new]}``) written to one ``plan.update`` event.
    """
    _require_manage(acting_user, plan.unit)
    parent = data.get("parent")
    if parent is not None:
        if parent.pk == plan.pk or _is_descendant(parent, plan):
            raise ValidationError({"parent": _("Văn bản không thể cụ thể hóa chính nó.")})
        if not Plan.objects.restrict(acting_user).filter(pk=parent.pk).exists():
            raise PermissionDenied
    return model_update(
        instance=plan,
        fields=PLAN_EDITABLE_FIELDS,
        data=data,
        acting_user=acting_user,
        action="plan.update",
        unit=plan.unit,
    )


def _is_descendant(candidate: Plan, plan: Plan) -> bool:
    seen = set()
    node = candidate
    while node is not None and node.pk not in seen:
        if node.parent_id == plan.pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


@transaction.atomic
def group_update(*, acting_user, group: Group, data: dict) -> dict:
    """Rename or renumber a group (``code``, ``name``, ``order``); one ``group.update`` event."""
    _require_manage(acting_user, group.plan.unit)
    return model_update(
        instance=group,
        fields=GROUP_EDITABLE_FIELDS,
        data=data,
        acting_user=acting_user,
        action="group.update",
        unit=group.plan.unit,
    )


@transaction.atomic
@audit_operation()
def group_reorder(*, acting_user, plan: Plan, kind: str, groups: list[Group]) -> None:
    """Put the plan's groups of ``kind`` in the order given (every one of them, once)."""
    _require_manage(acting_user, plan.unit)
    current = list(plan.groups.filter(kind=kind))
    if sorted(g.pk for g in groups) != sorted(g.pk for g in current):
        raise ValidationError({"order": _("Danh sách nhóm phải gồm đúng các nhóm của văn bản.")})
    for position, group in enumerate(groups, start=1):
        model_update(
            instance=next(g for g in current if g.pk == group.pk),
            fields=("order",),
            data={"order": position},
            acting_user=acting_user,
            action="group.update",
            unit=plan.unit,
        )


def _changed_units(instance, field: str, data: dict) -> list[OrgUnit]:
    """The units ``data`` gives ``field`` that ``instance`` does not have yet."""
    if field not in data:
        return []
    new = data[field]
    if isinstance(new, list | tuple):
        had = {u.pk for u in getattr(instance, field).all()} if instance.pk else set()
        return [u for u in new if u.pk not in had]
    old_id = getattr(instance, f"{field}_id")
    return [new] if new is not None and new.pk != old_id else []


@transaction.atomic
def target_update(*, acting_user, target: Target, data: dict) -> dict:
    """Edit a target: its number, name, group (move), order, indicator, lead and partner
    units, note — and its plan figure (``TARGET_FIGURE_FIELDS``) while no figure has been
    reported against it; after that a figure changes only by :func:`target_adjust`.

    New lead or partner units must be units the user manages that have not ended. One
    ``target.update`` event with the old and new values.
    """
    plan = target.plan
    _require_manage(acting_user, plan.unit)
    figure_change = [
        name
        for name in TARGET_FIGURE_FIELDS
        if name in data and data[name] != getattr(target, name)
    ]
    if figure_change and target_has_figures(target=target):
        raise ValidationError(
            {
                name: _(
                    "Chỉ tiêu đã có số liệu báo cáo: thay đổi giá trị chỉ tiêu phải ghi là điều "
                    "chỉnh chỉ tiêu (ngày áp dụng, văn bản điều chỉnh), số cũ được giữ lại."
                )
                for name in figure_change
            }
        )
    today = timezone.localdate()
    _require_assignable(
        acting_user,
        today,
        lead_unit=_changed_units(target, "lead_unit", data),
        partner_units=_changed_units(target, "partner_units", data),
    )
    return model_update(
        instance=target,
        fields=(*TARGET_EDITABLE_FIELDS, *TARGET_FIGURE_FIELDS),
        data=data,
        acting_user=acting_user,
        action="target.update",
        unit=plan.unit,
    )


def _json_figures(values: dict) -> dict:
    return {
        k: (format(v.normalize(), "f") if isinstance(v, Decimal) else v) for k, v in values.items()
    }


@transaction.atomic
def target_adjust(
    *,
    acting_user,
    target: Target,
    data: dict,
    effective_on: dt.date,
    document: str,
    reason: str = "",
) -> TargetAdjustment:
    """Change a target's plan figure by a later document ("điều chỉnh chỉ tiêu").

    ``data`` holds the new values of ``TARGET_FIGURE_FIELDS`` (others are refused). The
    adjustment keeps the figure before and after it, from ``effective_on`` (no earlier than
    the target's last adjustment); periods that ended before that day are still judged
    against the old figure. One ``target.adjust`` event naming the document.
    """
    plan = target.plan
    _require_manage(acting_user, plan.unit)
    errors: dict[str, list[str]] = {}
    document = (document or "").strip()
    if not document:
        errors["document"] = [
            _("Hãy ghi văn bản điều chỉnh, ví dụ: Nghị quyết số 12/NQ-HĐND ngày 10/7/2024.")
        ]
    if not isinstance(effective_on, dt.date):
        errors["effective_on"] = [_("Hãy ghi ngày áp dụng điều chỉnh (ngày/tháng/năm).")]
    else:
        last = target.adjustments.order_by("-effective_on").first()
        if last is not None and effective_on < last.effective_on:
            errors["effective_on"] = [
                _("Ngày áp dụng không được trước lần điều chỉnh trước (%(day)s).")
                % {"day": formats.date_format(last.effective_on, "SHORT_DATE_FORMAT")}
            ]
    unknown = set(data) - set(TARGET_FIGURE_FIELDS)
    if unknown:
        raise ValueError(f"not figure fields: {sorted(unknown)}")
    before = {name: getattr(target, name) for name in TARGET_FIGURE_FIELDS}
    changed = {k: v for k, v in data.items() if v != before[k]}
    if not changed and not errors:
        errors["target_value"] = [_("Giá trị điều chỉnh trùng với chỉ tiêu hiện tại.")]
    if errors:
        raise ValidationError(errors)
    changes = model_update(
        instance=target,
        fields=TARGET_FIGURE_FIELDS,
        data=changed,
        acting_user=acting_user,
        action="target.adjust",
        unit=plan.unit,
        note=document,
    )
    after = {name: getattr(target, name) for name in TARGET_FIGURE_FIELDS}
    return TargetAdjustment.objects.create(
        target=target,
        kind=AdjustmentKind.ADJUST,
        effective_on=effective_on,
        document=document,
        reason=reason,
        before=_json_figures({k: before[k] for k in changes}),
        after=_json_figures({k: after[k] for k in changes}),
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )


@transaction.atomic
def target_end(
    *, acting_user, target: Target, ended_on: dt.date, document: str, reason: str = ""
) -> TargetAdjustment:
    """End a target by a later document: periods from ``ended_on`` no longer judge it."""
    _require_manage(acting_user, target.plan.unit)
    document = (document or "").strip()
    if not document:
        raise ValidationError({"document": [_("Hãy ghi văn bản bãi bỏ chỉ tiêu.")]})
    if target.ended_on is not None:
        raise ValidationError({"ended_on": [_("Chỉ tiêu này đã thôi áp dụng.")]})
    model_update(
        instance=target,
        fields=("ended_on",),
        data={"ended_on": ended_on},
        acting_user=acting_user,
        action="target.end",
        unit=target.plan.unit,
        note=document,
    )
    return TargetAdjustment.objects.create(
        target=target,
        kind=AdjustmentKind.END,
        effective_on=ended_on,
        document=document,
        reason=reason,
        before={"ended_on": None},
        after={"ended_on": ended_on.isoformat()},
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )


@transaction.atomic
def task_update(*, acting_user, task: Task, data: dict) -> dict:
    """Edit a task, reassign it (owner, partners), move it to another group.

    New owners and partners must be units the user manages that have not ended. The
    deadline changes by :func:`task_extend` (its history stays). One ``task.update`` event.
    """
    plan = task.plan
    _require_manage(acting_user, plan.unit)
    _require_assignable(
        acting_user,
        timezone.localdate(),
        owner_unit=_changed_units(task, "owner_unit", data),
        partner_units=_changed_units(task, "partner_units", data),
    )
    if (target := data.get("target")) is not None and target.plan_id != plan.pk:
        raise ValidationError({"target": _("Chỉ tiêu phải của cùng văn bản.")})
    changes = model_update(
        instance=task,
        fields=TASK_EDITABLE_FIELDS,
        data=data,
        acting_user=acting_user,
        action="task.update",
        unit=task.owner_unit,
    )
    if "owner_unit" in changes:
        _announce(task, acting_user)
    return changes


def _announce(task: Task, acting_user) -> None:
    """Tell the layers above that a person gave ``task`` to its owner (``signals``)."""
    if getattr(acting_user, "is_authenticated", False):
        task_assigned.send(sender=Task, task=task, acting_user=acting_user)


@transaction.atomic
def task_extend(*, acting_user, task: Task, deadline: dt.date, reason: str) -> TaskDeadlineChange:
    """Extend a task's deadline with a reason; the earlier deadlines stay in its history
    ("gia hạn lần 2 đến 30/09/2031"). The new deadline must be later than the current one."""
    _require_manage(acting_user, task.plan.unit)
    locked = Task.objects.select_for_update(of=("self",)).get(pk=task.pk)
    errors: dict[str, list[str]] = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Hãy ghi lý do gia hạn.")]
    if not isinstance(deadline, dt.date):
        errors["deadline"] = [_("Hãy ghi thời hạn mới (ngày/tháng/năm).")]
    elif locked.deadline is not None and deadline <= locked.deadline:
        errors["deadline"] = [
            _("Thời hạn mới phải sau thời hạn hiện tại (%(day)s).")
            % {"day": formats.date_format(locked.deadline, "SHORT_DATE_FORMAT")}
        ]
    if locked.completed_on is not None or locked.closed_as:
        errors["deadline"] = [_("Nhiệm vụ đã kết thúc, không gia hạn được.")]
    if errors:
        raise ValidationError(errors)
    number = locked.deadline_changes.count() + 1
    change = TaskDeadlineChange.objects.create(
        task=locked,
        number=number,
        old_deadline=locked.deadline,
        new_deadline=deadline,
        reason=reason,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    model_update(
        instance=locked,
        fields=("deadline",),
        data={"deadline": deadline},
        acting_user=acting_user,
        action="task.extend",
        unit=locked.owner_unit,
        note=reason,
    )
    task.deadline = deadline
    if getattr(acting_user, "is_authenticated", False):
        # Tell the layers above (notifications) that a person moved the deadline.
        task_extended.send(
            sender=Task, task=locked, acting_user=acting_user, old_deadline=change.old_deadline
        )
    return change


@transaction.atomic
def task_close(
    *, acting_user, task: Task, closed_as: str, reason: str, merged_into: Task | None = None
) -> dict:
    """Mark a task cancelled or merged into another task of the same plan; it leaves
    tracking (lists, overdue counts, evaluation) but stays on record."""
    _require_manage(acting_user, task.plan.unit)
    errors: dict[str, list[str]] = {}
    if closed_as not in TaskClosure.values:
        errors["closed_as"] = [_("Hãy chọn hủy hoặc gộp nhiệm vụ.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Hãy ghi lý do.")]
    if closed_as == TaskClosure.MERGED:
        if merged_into is None:
            errors["merged_into"] = [_("Hãy chọn nhiệm vụ được gộp vào.")]
        elif merged_into.pk == task.pk or merged_into.plan_id != task.plan_id:
            errors["merged_into"] = [_("Chỉ gộp vào một nhiệm vụ khác của cùng văn bản.")]
    elif merged_into is not None:
        errors["merged_into"] = [_("Chỉ chọn nhiệm vụ gộp vào khi gộp nhiệm vụ.")]
    if task.closed_as:
        errors["closed_as"] = [_("Nhiệm vụ đã kết thúc.")]
    if errors:
        raise ValidationError(errors)
    return model_update(
        instance=task,
        fields=("closed_as", "merged_into"),
        data={"closed_as": closed_as, "merged_into": merged_into},
        acting_user=acting_user,
        action="task.close",
        unit=task.owner_unit,
        note=reason.strip(),
    )


@transaction.atomic
@audit_operation()
def task_bulk_assign(
    *, acting_user, tasks: list[Task], owner_unit: OrgUnit, partner_units=None
) -> int:
    """Give every task of ``tasks`` the same owner (and partners, if given); all or none."""
    data: dict = {"owner_unit": owner_unit}
    if partner_units is not None:
        data["partner_units"] = list(partner_units)
    return sum(1 for task in tasks if task_update(acting_user=acting_user, task=task, data=data))


@transaction.atomic
@audit_operation()
def target_add(*, acting_user, plan: Plan, data: dict) -> Target:
    """Add a target from the office's form: ``data`` holds the target's fields, and either an
    ``indicator`` or the name (``new_indicator``), unit of measure and aggregation of a new
    one, made with the target in one operation."""
    data = dict(data)
    name = (data.pop("new_indicator", "") or "").strip()
    unit_of_measure = data.pop("new_indicator_unit", "") or ""
    aggregation = data.pop("new_indicator_aggregation", "") or Aggregation.NONE
    if data.get("indicator") is None and name:
        _require_manage(acting_user, plan.unit)
        base = slugify(f"{plan.code}-{name}")[:56] or f"{plan.code}-chi-so"
        code, n = base, 1
        while Indicator.objects.filter(code=code).exists():
            n += 1
            code = f"{base}-{n}"
        data["indicator"] = indicator_get_or_create(
            acting_user=acting_user,
            code=code,
            name=name,
            unit_of_measure=unit_of_measure,
            aggregation=aggregation,
        )
    data["partner_units"] = list(data.get("partner_units") or ())
    return target_create(acting_user=acting_user, plan=plan, **data)
