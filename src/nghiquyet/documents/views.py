"""Pages of documents: background jobs (progress, download), reports made from a plan's
dashboard, Excel templates and imports (a unit's report, a whole resolution), loading the
administrative map. Thin views.

Large imports (more figures or rows than ``settings.NGHIQUYET_IMPORT_INLINE_LIMIT``)
run as background jobs; the user is sent to the job's page and may leave.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from nghiquyet.accounts.choices import Action
from nghiquyet.emulation import selectors as emulation_selectors
from nghiquyet.emulation.services import person_export
from nghiquyet.meetings import selectors as meeting_selectors
from nghiquyet.orgs.selectors import map_load_allowed
from nghiquyet.plans.selectors import plan_get
from nghiquyet.reporting.selectors.submissions import submission_edit_require, submission_get
from nghiquyet.reporting.views import submission_page_context

from . import awards_docx, awards_print, meetings_docx
from .choices import JobStatus, ReviewSection, SignerTitle
from .job_kinds import FORMATS
from .plan_excel.create import plan_import_message
from .plan_excel.read import plan_import_size
from .plan_excel.spec import TEMPLATE_NAME
from .plan_excel.template import plan_template
from .render_docx import DOCX_TYPE
from .review_diff import revision_diff
from .review_facts import PARTY_SIGNERS, REVIEW_TITLES, WITH_LESSONS, review_kind_for
from .selectors import (
    job_get,
    job_list,
    job_result_get,
    map_load_facts,
    map_province_choices,
    plan_import_require,
    plan_import_units,
    report_period,
    review_check_docx,
    review_draft_get,
    review_draft_revision_get,
    review_draft_revisions,
    submission_import_size,
)
from .services import (
    job_reap_stale,
    job_retry,
    job_start,
    map_load_start,
    plan_import,
    review_draft_save,
    submission_import,
)
from .submission_excel.template import submission_template
from .xlsx_safety import limits, size_problem

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _inline_limit() -> int:
    return getattr(settings, "NGHIQUYET_IMPORT_INLINE_LIMIT", 2_000)


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _upload(request: HttpRequest) -> tuple[bytes | None, str, list[str]]:
    """The uploaded file's bytes and name, or the problems (no file, too large to read)."""
    upload = request.FILES.get("tep")
    if upload is None:
        return None, "", [_("Hãy chọn tệp Excel (.xlsx) để tải lên.")]
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    refused = size_problem(upload.size or 0, name)
    if refused is not None:  # refused before reading a byte of it
        return None, name, refused.messages
    return upload.read(), name, []


# --- a unit's report ------------------------------------------------------------------------


@login_required
@require_GET
def submission_template_download(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, pk=pk)
    data, filename = submission_template(user=request.user, submission=submission)
    return _xlsx(data, filename)


@login_required
@require_POST
def submission_import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, pk=pk)
    try:
        submission_edit_require(user=request.user, submission=submission)
    except ValidationError as exc:
        data, name, problems = None, "", exc.messages
    else:
        data, name, problems = _upload(request)
    if data is not None:
        try:  # a ValidationError: the file's problems, or an upload the disk could not keep
            if submission_import_size(submission) > _inline_limit():
                job = job_start(
                    acting_user=request.user,
                    kind="submission_import",
                    unit=submission.unit,
                    title=_("Nhập số liệu từ tệp %(name)s — %(unit)s, %(period)s")
                    % {
                        "name": name,
                        "unit": submission.unit.name,
                        "period": submission.round.period.label,
                    },
                    params={"submission": submission.pk},
                    upload=data,
                    upload_name=name,
                )
                return redirect("documents:job-detail", pk=job.pk)
            result = submission_import(
                acting_user=request.user, submission=submission, data=data, filename=name
            )
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(request, result.message)
            return redirect(reverse("reporting:submission-detail", args=[submission.pk]) + "#excel")
    submission.refresh_from_db()
    context = submission_page_context(
        request,
        submission,
        problem=_("Chưa nhập được tệp %(name)s: %(n)s lỗi, xem phần Nhập, xuất Excel bên dưới.")
        % {"name": name or "", "n": len(problems)},
    )
    context.update(excel_problems=problems, excel_filename=name)
    return render(request, "reporting/submission_detail.html", context, status=422)


# --- a whole resolution ---------------------------------------------------------------------


@login_required
@require_GET
def plan_template_download(request: HttpRequest) -> HttpResponse:
    plan_import_require(user=request.user)
    return _xlsx(plan_template(user=request.user), TEMPLATE_NAME)


@login_required
def plan_import_page(request: HttpRequest) -> HttpResponse:
    plan_import_require(user=request.user)
    problems: list[str] = []
    name = ""
    if request.method == "POST":
        data, name, problems = _upload(request)
        if data is not None:
            try:
                rows = plan_import_size(data, name)
            except ValidationError as exc:
                rows, problems = 0, exc.messages
            if not problems and rows > _inline_limit():
                unit = plan_import_units(user=request.user).first()
                try:
                    job = job_start(
                        acting_user=request.user,
                        kind="plan_import",
                        unit=unit,
                        title=_("Nhập nghị quyết từ tệp %(name)s") % {"name": name},
                        upload=data,
                        upload_name=name,
                    )
                except ValidationError as exc:  # the disk could not keep the upload
                    problems = exc.messages
                else:
                    return redirect("documents:job-detail", pk=job.pk)
            if not problems:
                try:
                    plan = plan_import(acting_user=request.user, data=data, filename=name)
                except ValidationError as exc:
                    problems = exc.messages
                else:
                    messages.success(request, plan_import_message(plan, name))
                    return redirect("reporting:plan-dashboard", code=plan.code)
    return render(
        request,
        "documents/plan_import.html",
        {
            "problems": problems,
            "filename": name,
            "max_mb": limits().max_bytes // (1024 * 1024),
        },
        status=422 if request.method == "POST" else 200,
    )


# --- background jobs ---------------------------------------------------------------------------


@login_required
def job_index(request: HttpRequest) -> HttpResponse:
    job_reap_stale()
    return render(request, "documents/job_list.html", {"jobs": job_list(user=request.user)[:50]})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job_reap_stale()  # a job whose worker died shows as failed, with its message
    job = job_get(user=request.user, pk=pk)
    template = "documents/_job_status.html" if request.htmx else "documents/job_detail.html"
    return render(request, template, {"job": job, "done": job.status == JobStatus.DONE})


@login_required
@require_POST
def job_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_get(user=request.user, pk=pk)
    try:
        new = job_retry(acting_user=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("documents:job-detail", pk=job.pk)
    return redirect("documents:job-detail", pk=new.pk)


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = job_result_get(user=request.user, pk=pk)
    response = FileResponse(
        job.result.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- reports ----------------------------------------------------------------------------------


@login_required
@require_POST
def report_start(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_get(user=request.user, code=code)
    fmt = request.POST.get("dinh_dang", "")
    if fmt not in FORMATS:
        raise Http404
    try:
        period = report_period(request.POST.get("ky", ""))
    except ValueError:
        raise Http404 from None
    if period.year not in plan.years:
        raise Http404
    what = "Bảng điều khiển" if fmt == "dashboard" else REVIEW_TITLES[review_kind_for(plan, period)]
    try:
        job = job_start(
            acting_user=request.user,
            kind="report",
            unit=plan.unit,
            title=f"{what} — {plan.heading} — {period.label} ({FORMATS[fmt][0]})",
            params={"plan": plan.pk, "period": period.key, "format": fmt},
        )
    except ValidationError:
        raise Http404 from None
    return redirect("documents:job-detail", pk=job.pk)


# --- the administrative map ---------------------------------------------------------------
# The first administrator of a fresh install picks the province(s) or the whole country, and
# the tree is there before anyone types a unit; departments and party bodies are still added
# by the office (no package has them).


class MapLoadForm(forms.Form):
    whole_country = forms.BooleanField(
        label=gettext_lazy("Cả nước (34 tỉnh, thành phố)"), required=False
    )
    provinces = forms.MultipleChoiceField(
        label=gettext_lazy("Hoặc chọn tỉnh, thành phố"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    before_2025 = forms.BooleanField(
        label=gettext_lazy(
            "Kèm bản đồ trước ngày 01/07/2025 (63 tỉnh, các huyện, xã cũ) và quan hệ kế thừa, "
            "để so sánh cùng kỳ qua sắp xếp"
        ),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provinces"].choices = map_province_choices()

    def clean(self):
        data = super().clean()
        if not data.get("whole_country") and not data.get("provinces"):
            raise forms.ValidationError(_("Chọn cả nước hoặc ít nhất một tỉnh, thành phố."))
        return data


@login_required
def map_load(request: HttpRequest) -> HttpResponse:
    if not map_load_allowed(user=request.user):
        raise PermissionDenied
    form = MapLoadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = map_load_start(
            acting_user=request.user,
            provinces=[] if form.cleaned_data["whole_country"] else form.cleaned_data["provinces"],
            before_2025=form.cleaned_data["before_2025"],
        )
        return redirect("documents:job-detail", pk=job.pk)
    return render(
        request,
        "documents/map_load.html",
        {"form": form, **map_load_facts()},
        status=422 if request.method == "POST" else 200,
    )


# --- what the office writes into a review ---------------------------------------------------


class ReviewDraftForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Số văn bản"),
        max_length=16,
        required=False,
        help_text=gettext_lazy("Để trống nếu chưa lấy số; ví dụ 125 (Số 125-BC/TU)."),
    )
    issued_on = forms.DateField(
        label=gettext_lazy("Ngày văn bản"),
        required=False,
        # a date input takes and shows ISO dates only: a localised "20/12/2022" showed an empty
        # field, and saving the form again erased the chosen date
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Để trống thì văn bản để trống ngày, tháng để điền tay."),
    )
    signer_title = forms.ChoiceField(
        label=gettext_lazy("Chức vụ người ký"), required=False, choices=()
    )
    signer_name = forms.CharField(
        label=gettext_lazy("Họ tên người ký"), max_length=100, required=False
    )
    final = forms.BooleanField(
        label=gettext_lazy("Bản chính thức (bỏ chữ DỰ THẢO)"), required=False
    )

    def __init__(self, *args, body_kind: str, lessons: bool, **kwargs):
        super().__init__(*args, **kwargs)
        party = body_kind == "party"
        self.fields["signer_title"].choices = [("", "—")] + [
            (value, label)
            for value, label in SignerTitle.choices
            if (value in PARTY_SIGNERS) == party
        ]
        for key, label in ReviewSection.choices:
            if key == ReviewSection.LESSONS and not lessons:
                continue
            self.fields[f"section_{key}"] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_("Mỗi đoạn một dòng."),
            )


def _revision_context(request: HttpRequest, draft) -> dict:
    """``?phien-ban=N`` shows a saved version of the draft; ``&so-voi=M`` compares version M
    with it (what was deleted and inserted, section by section)."""
    if draft is None or not request.GET.get("phien-ban"):
        return {}

    def revision(key: str):
        try:
            number = int(request.GET[key])
        except ValueError:
            raise Http404 from None
        return review_draft_revision_get(user=request.user, draft=draft, revision=number)

    shown = revision("phien-ban")
    other = revision("so-voi") if request.GET.get("so-voi") else None
    base = other or shown  # alone, a version is its own base: everything kept
    labels = dict(ReviewSection.choices)
    diff = revision_diff(base.facts, base.sections, shown.facts, shown.sections, labels)
    return {"shown": shown, "other": other, "diff": diff}


@login_required
def review_draft_edit(request: HttpRequest, code: str, period_key: str) -> HttpResponse:
    """The office writes the review's own facts and the sections only people can write,
    then generates the documents from here."""
    plan = plan_get(user=request.user, code=code, action=Action.MANAGE)
    try:
        period = report_period(period_key)
    except ValueError:
        raise Http404 from None
    if period.year not in plan.years:
        raise Http404
    kind = review_kind_for(plan, period)
    draft = review_draft_get(user=request.user, plan=plan, period_key=period.key)
    initial = {}
    if draft is not None:
        initial = {
            "number": draft.number,
            "issued_on": draft.issued_on,
            "signer_title": draft.signer_title,
            "signer_name": draft.signer_name,
            "final": draft.final,
            **{f"section_{k}": v for k, v in (draft.sections or {}).items()},
        }
    form = ReviewDraftForm(
        request.POST or None,
        initial=initial,
        body_kind=plan.body_kind,
        lessons=kind in WITH_LESSONS,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review_draft_save(
                acting_user=request.user,
                plan=plan,
                period_key=period.key,
                number=data["number"],
                issued_on=data["issued_on"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                final=data["final"],
                sections={
                    k.removeprefix("section_"): v
                    for k, v in data.items()
                    if k.startswith("section_")
                },
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu bản soạn báo cáo."))
            return redirect("documents:review-draft", code=plan.code, period_key=period.key)
    return render(
        request,
        "documents/review_draft.html",
        {
            "plan": plan,
            "period": period,
            "form": form,
            "draft": draft,
            "review_title": REVIEW_TITLES[kind],
            "revisions": review_draft_revisions(user=request.user, draft=draft)[:20]
            if draft
            else [],
            **_revision_context(request, draft),
            "report_formats": [(k, v[0]) for k, v in FORMATS.items() if k != "dashboard"],
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def conclusion_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting's conclusion notice as Word (Thông báo kết luận)."""
    meeting = meeting_selectors.meeting_get(user=request.user, pk=pk)
    if not meeting.conclusion_id:
        raise Http404
    data = meetings_docx.conclusion_notice_docx(meeting)
    return _docx(data, f"thong-bao-ket-luan-{meeting.pk}.docx")


@login_required
@require_GET
def conclusion_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The report of how a meeting's conclusion is being carried out, as Word: the tasks the
    user may see, with their status today."""
    meeting = meeting_selectors.meeting_get(user=request.user, pk=pk)
    if not meeting.conclusion_id:
        raise Http404
    progress = meeting_selectors.conclusion_progress(user=request.user, meeting=meeting)
    data = meetings_docx.conclusion_progress_docx(progress)
    return _docx(data, f"tinh-hinh-thuc-hien-ket-luan-{meeting.pk}.docx")


def _docx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def review_check(request: HttpRequest, code: str, period_key: str) -> HttpResponse:
    """Check an uploaded draft review (.docx) against the data: the document comes back with
    a comment on every figure (right, wrong with the right figure, not in the data) and a
    summary page."""
    plan = plan_get(user=request.user, code=code)
    try:
        period = report_period(period_key)
    except ValueError:
        raise Http404 from None
    if period.year not in plan.years:
        raise Http404
    upload = request.FILES.get("tep")
    name = (upload.name or "") if upload else ""
    if upload is None or not name.lower().endswith(".docx") or (upload.size or 0) > 20_000_000:
        messages.error(request, _("Hãy chọn một tệp Word (.docx) không quá 20 MB."))
        return redirect(reverse("reporting:plan-dashboard", args=[plan.code]) + f"?ky={period.key}")
    try:
        data = review_check_docx(user=request.user, plan=plan, period=period, data=upload.read())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("reporting:plan-dashboard", args=[plan.code]) + f"?ky={period.key}")
    stem = name.rsplit(".", 1)[0][:80] or "du-thao"
    return _docx(data, f"{stem}-da-kiem-tra.docx")


@login_required
@require_GET
def award_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision on awards and its list, as Word."""
    decision = emulation_selectors.decision_get(user=request.user, pk=pk)
    return _docx(awards_docx.decision_docx(decision), f"quyet-dinh-khen-thuong-{decision.pk}.docx")


@login_required
@require_GET
def award_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """One awarded collective's or person's certificate, as PDF to print."""
    award = emulation_selectors.award_get(user=request.user, pk=pk)
    response = HttpResponse(awards_print.certificate_pdf(award), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="giay-chung-nhan-{award.pk}.pdf"'
    return response


@login_required
@require_GET
def person_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about a person, as Excel (the office, on the person's request)."""
    person = emulation_selectors.person_get(user=request.user, pk=pk, action=Action.MANAGE)
    data = person_export(acting_user=request.user, person=person)
    response = HttpResponse(awards_print.person_xlsx(data), content_type=awards_print.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{person.pk}.xlsx"'
    return response
