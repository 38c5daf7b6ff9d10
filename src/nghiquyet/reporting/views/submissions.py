"""A unit's reports: the list, the grid (saved by the button or the autosave) and the
workflow's moves. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import workflow
from ..choices import SubmissionAction, SubmissionStatus, Timeliness
from ..filters import SubmissionFilter
from ..selectors.rounds import round_list
from ..selectors.submissions import (
    grid_rows_json,
    submission_get,
    submission_grid,
    submission_list,
    submission_rights,
    timeliness,
)

FIELDS = ("value", "numerator", "denominator", "status", "note")


@login_required
def submission_index(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang_thai") or ""
    if status not in SubmissionStatus.values:
        status = ""
    subs = submission_list(user=request.user, filters=SubmissionFilter(status=status))
    rows = [(s, timeliness(s)) for s in subs]
    return render(
        request,
        "reporting/submission_list.html",
        {
            "rows": rows,
            "statuses": SubmissionStatus.choices,
            "status": status,
            "rounds": round_list(user=request.user).order_by("-opened_at")[:20],
            "timeliness_labels": dict(Timeliness.choices),
        },
    )


def _grid_rows(request: HttpRequest) -> dict[int, dict[str, str]]:
    """The grid's cells from the POST: ``e-<entry id>-<field>``."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in request.POST.items():
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == "e" and parts[1].isdigit() and parts[2] in FIELDS:
            rows.setdefault(int(parts[1]), {})[parts[2]] = value
    return rows


def _revision(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        raise ValidationError(
            _("Thiếu thông tin phiên bản của báo cáo; hãy tải lại trang.")
        ) from None


def submission_page_context(request, submission, *, errors=None, posted=None, problem=""):
    """What the submission page shows; other pages that answer on it (Excel import) reuse it."""
    grid = submission_grid(submission=submission)
    errors = errors or {}
    posted = posted or {}
    # What each cell shows: what was typed in a row that was not saved, else what is stored.
    shown = {row.entry.pk: {**row.cells, **posted.get(row.entry.pk, {})} for row in grid}
    return {
        "shown": shown,
        "submission": submission,
        "round": submission.round,
        "grid": grid,
        "rights": submission_rights(user=request.user, submission=submission),
        "events": submission.events.select_related("actor").order_by("at", "pk"),
        "timeliness": timeliness(submission),
        "timeliness_labels": dict(Timeliness.choices),
        "errors": errors,
        "posted": posted,
        "problem": problem,
        "value_statuses": workflow.ValueStatus.choices,
        "filled": sum(1 for r in grid if r.entry.value is not None),
        # figures a rule flagged, with the unit's explanation: what the approver checks
        "flagged": [r.entry for r in grid if r.entry.implausible],
    }


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, pk=pk)
    return render(
        request, "reporting/submission_detail.html", submission_page_context(request, submission)
    )


def _problems_by_entry(problems) -> dict[int, dict[str, str]]:
    """The problems of a grid by entry and field, to show each under its cell."""
    out: dict[int, dict[str, str]] = {}
    for p in problems:
        field = out.setdefault(p.entry_id, {})
        field[p.field] = f"{field[p.field]} {p.message}" if p.field in field else p.message
    return out


@login_required
@require_POST
def submission_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the grid without JavaScript (the "Lưu" button): every valid row is written, and
    the page comes back with the bad cells as typed and their messages."""
    submission = submission_get(user=request.user, pk=pk)
    rows = _grid_rows(request)
    status, errors, problem = 200, {}, ""
    try:
        saved = workflow.submission_cells_save(
            acting_user=request.user,
            submission=submission,
            revision=_revision(request),
            rows=rows,
        )
        submission = saved.submission
        if saved.problems:
            status, errors = 422, _problems_by_entry(saved.problems)
            problem = _(
                "Đã lưu %(saved)d chỉ tiêu; %(n)d ô có lỗi chưa được lưu, xem bên dưới."
            ) % {"saved": len(saved.saved), "n": len(saved.problems)}
    except workflow.SubmissionConflict as exc:
        status, problem = 409, exc.message
        submission = exc.submission
    except ValidationError as exc:
        status, problem = 422, " ".join(exc.messages)
    if status == 200:
        messages.success(request, _("Đã lưu số liệu."))
        return redirect("reporting:submission-detail", pk=submission.pk)
    # Rows that were saved show what is stored; the others what was typed.
    kept = {pk: row for pk, row in rows.items() if pk in errors} if status == 422 else rows
    ctx = submission_page_context(request, submission, errors=errors, posted=kept, problem=problem)
    return render(request, "reporting/submission_detail.html", ctx, status=status)


@login_required
@require_POST
def submission_cells(request: HttpRequest, pk: int) -> JsonResponse:
    """The grid's autosave (``reporting/submission.js``): the rows whose cells were just
    left. Answers JSON: the new revision, each saved row as stored, each bad cell's message.
    """
    submission = submission_get(user=request.user, pk=pk)
    try:
        saved = workflow.submission_cells_save(
            acting_user=request.user,
            submission=submission,
            revision=_revision(request),
            rows=_grid_rows(request),
        )
    except workflow.SubmissionConflict as exc:
        return JsonResponse(
            {"conflict": exc.message, "revision": exc.submission.revision}, status=409
        )
    except ValidationError as exc:
        return JsonResponse({"refused": " ".join(exc.messages)}, status=422)
    except PermissionDenied:
        return JsonResponse(
            {"refused": _("Bạn không có quyền nhập số liệu cho báo cáo này.")}, status=403
        )
    problems = _problems_by_entry(saved.problems)
    # Every row sent without a problem is as stored now (saved, or the same as before).
    ok = [pk for pk in _grid_rows(request) if pk not in problems]
    return JsonResponse(
        {
            "revision": saved.submission.revision,
            "saved_at": formats.time_format(timezone.localtime(saved.submission.updated_at), "H:i"),
            "rows": grid_rows_json(submission=saved.submission, entry_ids=ok),
            "problems": problems,
        }
    )


#: The workflow's moves as the pages name them (workflow.TRANSITIONS), and what they say after.
TRANSITIONS = {
    "gui": (SubmissionAction.SUBMIT, gettext_lazy("Đã gửi báo cáo tới lãnh đạo đơn vị.")),
    "duyet": (SubmissionAction.APPROVE, gettext_lazy("Đã duyệt báo cáo.")),
    "tra-lai": (SubmissionAction.RETURN, gettext_lazy("Đã trả lại báo cáo cho đơn vị.")),
    "tiep-nhan": (SubmissionAction.ACCEPT, gettext_lazy("Đã tiếp nhận báo cáo.")),
    "mo-lai": (SubmissionAction.REOPEN, gettext_lazy("Đã mở lại báo cáo để điều chỉnh.")),
}


@login_required
@require_POST
def submission_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in TRANSITIONS:
        raise Http404
    move, done = TRANSITIONS[action]
    submission = submission_get(user=request.user, pk=pk)
    try:
        workflow.submission_transition(
            acting_user=request.user,
            submission=submission,
            action=move,
            revision=_revision(request),
            comment=request.POST.get("comment", ""),
        )
    except workflow.SubmissionConflict as exc:
        ctx = submission_page_context(request, exc.submission, problem=exc.message)
        return render(request, "reporting/submission_detail.html", ctx, status=409)
    except workflow.SubmissionInvalid as exc:
        ctx = submission_page_context(
            request,
            submission,
            errors=_problems_by_entry(exc.problems),
            problem=_("Chưa gửi được: %(n)d chỉ tiêu cần bổ sung, xem bên dưới.")
            % {"n": len(exc.problems)},
        )
        return render(request, "reporting/submission_detail.html", ctx, status=422)
    except ValidationError as exc:
        ctx = submission_page_context(request, submission, problem=" ".join(exc.messages))
        return render(request, "reporting/submission_detail.html", ctx, status=422)
    messages.success(request, str(done))
    return redirect("reporting:submission-detail", pk=submission.pk)
