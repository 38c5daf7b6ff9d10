"""Writes of documents: background jobs, and the imports from Excel — a unit's report into its
draft, a whole resolution into a new plan. Each import checks the file, reads every cell,
and writes all or nothing through the services of plans and reporting. Loading the
administrative map is started here too (a job that runs
:func:`nghiquyet.orgs.loading.vietnam_load`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.orgs.selectors import map_load_allowed
from nghiquyet.orgs.services import orgunit_create
from nghiquyet.orgs.vietnam import COUNTRY_CODE, COUNTRY_NAME, read_map
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.models import Submission
from nghiquyet.reporting.selectors.submissions import submission_edit_require

from .choices import MAP_LOAD, JobStatus, ReviewSection, SignerTitle
from .jobs import KINDS, Progress, enqueue, lease_seconds, store_file
from .models import Job, ReviewDraft, ReviewDraftRevision
from .plan_excel.create import create_plan
from .plan_excel.read import read_plan
from .problems import ImportInvalid
from .selectors import plan_import_require
from .submission_excel.parse import read_meta, read_rows
from .submission_excel.save import save_rows
from .submission_excel.spec import ImportResult
from .workbook import read_workbook
from .xlsx_safety import check_xlsx


def job_start(
    *,
    acting_user,
    kind: str,
    unit,
    title: str,
    params: dict | None = None,
    upload: bytes | None = None,
    upload_name: str = "",
) -> Job:
    """Record a job for ``acting_user`` and enqueue it (on commit)."""
    _handler, action = KINDS[kind]
    scope_for(acting_user).require(action, unit)
    job = Job(
        kind=kind,
        title=title[:255],
        unit=unit,
        created_by=acting_user,
        params=params or {},
        upload_name=upload_name[:255],
    )
    with transaction.atomic():
        job.save()
        if upload is not None:  # a full disk: a ValidationError, the job not recorded
            field = job.upload
            path = field.storage.get_available_name(
                field.field.generate_filename(job, "upload"), max_length=field.field.max_length
            )
            field.name = store_file(field, path, upload, what=_("tệp tải lên"))
            job.save(update_fields=["upload"])
        audit_log(
            acting_user=acting_user,
            action="job.start",
            obj=job,
            unit=unit,
            changes={"kind": [None, kind], "title": [None, job.title]},
        )
        transaction.on_commit(lambda: enqueue(job))
    return job


def job_reap_stale() -> int:
    """Fail the running jobs whose worker died (no heartbeat for ``lease_seconds()``), with a
    message their owner sees and a "Chạy lại" button; returns how many. Their writes were
    one transaction, rolled back with the worker: nothing is half written."""
    cutoff = timezone.now() - dt.timedelta(seconds=lease_seconds())
    lost = list(
        Job.objects.filter(status=JobStatus.RUNNING)
        .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff))
        .select_related("unit")
    )
    for job in lost:
        with transaction.atomic():
            since = timezone.localtime(job.heartbeat_at or job.started_at)
            error = _(
                "Máy chạy nền đã ngừng hoạt động khi đang làm việc này (không còn tín hiệu từ "
                "%(time)s); chưa có gì được ghi. Hãy bấm “Chạy lại”."
            ) % {"time": since.strftime("%H:%M %d/%m/%Y")}
            changed = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                status=JobStatus.FAILED, finished_at=timezone.now(), error=error
            )
            if changed:
                audit_log(
                    acting_user=None,
                    action="job.lost",
                    obj=job,
                    unit=job.unit,
                    changes={"status": [JobStatus.RUNNING, JobStatus.FAILED]},
                )
    return len(lost)


def job_retry(*, acting_user, job: Job) -> Job:
    """Start a failed job again, as a new job with the same request (and uploaded file)."""
    if job.created_by_id != acting_user.pk or job.status != JobStatus.FAILED:
        raise ValidationError(_("Chỉ chạy lại được công việc của bạn đã bị lỗi."))
    upload = None
    if job.upload:
        with job.upload.open("rb") as f:
            upload = f.read()
    with transaction.atomic(), audit_operation():
        new = job_start(
            acting_user=acting_user,
            kind=job.kind,
            unit=job.unit,
            title=job.title,
            params=job.params,
            upload=upload,
            upload_name=job.upload_name,
        )
        audit_log(
            acting_user=acting_user,
            action="job.retry",
            obj=new,
            unit=job.unit,
            changes={"retry_of": [None, job.pk]},
        )
    return new


def map_load_start(*, acting_user, provinces: list[str], before_2025: bool) -> Job:
    """Start loading the administrative map (``provinces`` by code, every province if
    empty; the map before 1/7/2025 too if ``before_2025``) as a background job.

    Administrators only (``PermissionDenied``). On a fresh install the country is created
    first, as the unit the job belongs to; the job itself writes the units, changes and
    their audit events.
    """
    if not map_load_allowed(user=acting_user):
        raise PermissionDenied
    names = {p.code: p.short_name for p in read_map().provinces}
    what = ", ".join(names.get(c, c) for c in provinces) if provinces else _("cả nước")
    with transaction.atomic(), audit_operation():
        country = OrgUnit.objects.filter(code=COUNTRY_CODE).first() or orgunit_create(
            acting_user=acting_user, code=COUNTRY_CODE, name=COUNTRY_NAME, kind="country"
        )
        return job_start(
            acting_user=acting_user,
            kind=MAP_LOAD,
            unit=country,
            title=_("Nạp bản đồ hành chính: %(what)s") % {"what": what},
            params={"provinces": list(provinces), "before_2025": before_2025},
        )


def plan_import(
    *,
    acting_user,
    data: bytes,
    filename: str,
    progress: Callable[[int, str], None] | None = None,
) -> Plan:
    """Create a resolution with its groups, targets and tasks from one Excel sheet.

    - Checks the file (:func:`~.xlsx_safety.check_xlsx`), reads it with
      python-calamine, validates every cell; :class:`ImportInvalid` lists every
      problem by sheet, row and column, and nothing is written.
    - Then, in one transaction: :func:`~nghiquyet.plans.services.plan_create`
      (MANAGE over the issuing unit), the target groups, indicators (existing by
      code, else created), targets (composites before their parts), task groups
      and tasks — each service writing its audit event — and one ``plan.import``
      event with the file name and the counts. Any error rolls everything back.
    """
    report = progress or (lambda _percent, _message="": None)
    plan_import_require(user=acting_user)
    name = filename or _("tệp tải lên")
    check_xlsx(data, name)
    report(5, _("Đã kiểm tra tệp, đang đọc"))
    book = read_workbook(data, name, checked=True)
    sheet, parsed = read_plan(book, acting_user)
    if sheet.problems:
        raise ImportInvalid(sheet.problems)
    report(20, _("Đã kiểm tra từng ô, đang ghi"))
    try:
        # One operation: the plan, its groups, indicators, targets and tasks, and the import.
        with transaction.atomic(), audit_operation():
            plan = create_plan(acting_user, parsed, report)
            audit_log(
                acting_user=acting_user,
                action="plan.import",
                obj=plan,
                unit=plan.unit,
                changes={
                    "file": [None, name],
                    "targets": [None, len(parsed.targets)],
                    "target_groups": [None, len(parsed.groups)],
                    "tasks": [None, len(parsed.tasks)],
                    "task_groups": [None, len(parsed.task_groups)],
                },
            )
    except ValidationError as exc:
        if isinstance(exc, ImportInvalid):
            raise
        messages = []
        by_field = exc.error_dict if hasattr(exc, "error_dict") else {"": exc.error_list}
        for key, errors in by_field.items():
            for error in errors:
                text = " ".join(error.messages) if hasattr(error, "messages") else str(error)
                messages.append(f"{key}: {text}" if key and key != "__all__" else text)
        raise ImportInvalid(
            [
                _("Trang '%(sheet)s': không ghi được: %(error)s")
                % {"sheet": sheet.name, "error": m}
                for m in messages
            ]
        ) from None
    report(100, _("Đã nhập xong"))
    return plan


def submission_import(
    *,
    acting_user,
    submission: Submission,
    data: bytes,
    filename: str,
    progress: Progress | None = None,
) -> ImportResult:
    """Put the figures of a filled template into the unit's draft: all of them or none.

    - The user must report for the unit (``PermissionDenied`` otherwise) and the
      report must be editable (draft or returned).
    - The file is checked (:func:`~.xlsx_safety.check_xlsx`), read with
      python-calamine, and must be this report's template (signed hidden sheet).
    - Every cell is validated; :class:`ImportInvalid` lists every problem as
      "Trang 'Số liệu', dòng 12, cột H (Giá trị — 23. Giải quyết việc làm): …".
    - Only what the user changed is saved, through
      :func:`~nghiquyet.reporting.workflow.submission_save`; a file equal to the
      report changes nothing (no revision, no history line, no audit event).
    - One ``submission.import`` audit event with the file name and the count.
    """
    report = progress or (lambda _percent, _message="": None)
    submission_edit_require(user=acting_user, submission=submission)
    name = filename or _("tệp tải lên")
    check_xlsx(data, name)
    report(10, _("Đã kiểm tra tệp, đang đọc số liệu"))
    book = read_workbook(data, name, checked=True)
    meta = read_meta(book, name)
    if meta.get("submission") != str(submission.pk):
        raise ImportInvalid(
            [
                _(
                    "Tệp này là mẫu báo cáo của %(unit)s, kỳ %(period)s; hãy tải mẫu của báo cáo "
                    "này (%(this_unit)s, kỳ %(this_period)s) rồi điền vào đó."
                )
                % {
                    "unit": meta.get("unit_name", ""),
                    "period": meta.get("period_label", ""),
                    "this_unit": submission.unit.name,
                    "this_period": submission.round.period.label,
                }
            ]
        )
    report(20, _("Đang kiểm tra từng ô"))
    rows = read_rows(book, meta, submission)
    report(60, _("Đang đối chiếu với báo cáo"))
    result = save_rows(acting_user, submission, rows, meta["data_sheet"], name)
    report(100, result.message)
    return result


# --- what the office writes into a review ---------------------------------------------------


def review_draft_save(
    *,
    acting_user,
    plan: Plan,
    period_key: str,
    number: str = "",
    issued_on: dt.date | None = None,
    signer_name: str = "",
    signer_title: str = "",
    final: bool = False,
    sections: dict[str, str] | None = None,
) -> ReviewDraft:
    """Save the facts and the sections an office decides for the review of ``plan`` for a
    period, as a new revision (the earlier ones are kept). Only who manages the plan's unit
    may (``PermissionDenied``); a section's key must be one of ``ReviewSection`` and the
    signer's title one of ``SignerTitle`` (``ValidationError``, nothing saved)."""
    scope_for(acting_user).require(Action.MANAGE, plan.unit)
    sections = {k: (v or "").strip() for k, v in (sections or {}).items()}
    unknown = sorted(set(sections) - set(ReviewSection.values))
    if unknown:
        raise ValidationError(_("Phần không có trong báo cáo: %(keys)s.") % {"keys": unknown})
    if signer_title and signer_title not in SignerTitle.values:
        raise ValidationError({"signer_title": _("Chức vụ người ký không hợp lệ.")})
    number = number.strip()
    if len(number) > 16:
        raise ValidationError({"number": _("Số văn bản dài quá 16 ký tự.")})
    with transaction.atomic():
        draft = (
            ReviewDraft.objects.select_for_update().filter(plan=plan, period_key=period_key).first()
        )
        created = draft is None
        if created:
            draft = ReviewDraft(plan=plan, period_key=period_key)
        new = {
            "number": number,
            "issued_on": issued_on,
            "signer_name": signer_name.strip()[:100],
            "signer_title": signer_title,
            "final": final,
            "sections": {k: v for k, v in sections.items() if v},
        }
        changes = {}
        for field, value in new.items():
            old = getattr(draft, field)
            if created or old != value:
                changes[field] = [
                    None if created else _jsonable(old),
                    _jsonable(value),
                ]
            setattr(draft, field, value)
        if not changes:
            return draft
        draft.revision += 1
        draft.updated_by = acting_user
        draft.save()
        ReviewDraftRevision.objects.create(
            draft=draft,
            revision=draft.revision,
            facts={k: _jsonable(v) for k, v in new.items() if k != "sections"},
            sections=draft.sections,
            created_by=acting_user,
        )
        audit_log(
            acting_user=acting_user,
            action="reviewdraft.save",
            obj=draft,
            unit=plan.unit,
            changes=changes,
        )
    return draft


def _jsonable(value):
    return value.isoformat() if isinstance(value, dt.date) else value
