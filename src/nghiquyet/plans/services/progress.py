"""A task's progress updates and their evidence files."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nghiquyet.audit.services import audit_log

from .. import evidence
from ..display import number
from ..models import Task, TaskEvidence, TaskUpdate, evidence_upload_to
from ..selectors import task_can_update

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
