"""Writes for plans, targets and tasks. Each runs in a transaction and leaves an audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for

from . import evidence
from .choices import (
    Aggregation,
    BodyKind,
    ChangeMeasure,
    IndicatorNature,
    QualityRuleKind,
    TargetChange,
    TargetDecides,
    TargetDirection,
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
    Task,
    TaskEvidence,
    TaskUpdate,
    evidence_upload_to,
)
from .selectors import task_can_update


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
    (``with_change``…, judged by ``decided_by``), a "trong đó" part (``part_of``)."""
    _require_manage(acting_user, plan.unit)

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
    """Assign a task: a job, an owner unit, a product and a deadline."""
    _require_manage(acting_user, plan.unit)
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
