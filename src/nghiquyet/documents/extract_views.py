"""The page that reads a plan from the resolution's text: upload the .docx (.txt, .md),
review the targets read from it beside its lines, fix what is flagged, import. Thin: the
reading is the text layer's (:mod:`nghiquyet.text.resolution`), the import the plan-import
service's, through the plan-import workbook filled in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nghiquyet.plans.choices import PlanKind
from nghiquyet.text.problems import TextError
from nghiquyet.text.resolution import (
    ExtractedGroup,
    ExtractedTarget,
    Extraction,
    extract_targets,
)
from nghiquyet.text.targets import read_target

from .plan_excel.create import plan_import_message
from .plan_excel.spec import TEMPLATE_NAME
from .plan_excel.template import plan_template
from .resolution_text import ResolutionFileError, resolution_lines
from .selectors import plan_import_require, plan_import_units
from .services import plan_import
from .views import _xlsx


def _line(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _rows_extraction(post) -> Extraction:
    """The targets as the review form sends them back (each row's group, number, name,
    wording and line), read again: what the office fixed is read as it now stands."""
    groups: dict[str, ExtractedGroup] = {}
    for group, number, name, wording, line in zip(
        post.getlist("group"),
        post.getlist("number"),
        post.getlist("name"),
        post.getlist("wording"),
        post.getlist("line"),
        strict=False,
    ):
        if not (name.strip() or wording.strip()):
            continue
        target = ExtractedTarget(number.strip(), name.strip(), wording.strip(), _line(line))
        try:
            target.form = read_target(target.target_text, name=target.name)
        except TextError as exc:
            target.problem = exc.problem.text
        groups.setdefault(group, ExtractedGroup(title=group)).targets.append(target)
    lines = post.getlist("unread_line")
    unread = [(_line(n), t) for n, t in zip(lines, post.getlist("unread"), strict=False)]
    return Extraction(groups=list(groups.values()), unread=unread)


@login_required
def plan_extract_page(request: HttpRequest) -> HttpResponse:
    """Upload a resolution (.docx, .txt, .md), review the targets read from it beside its
    lines, fix what is flagged, then import it (or download the filled workbook)."""
    plan_import_require(user=request.user)
    units = list(plan_import_units(user=request.user)[:500])
    context: dict = {"units": units, "kinds": PlanKind.choices, "problems": [], "filename": ""}
    status = 200
    if request.method == "POST" and "tep" in request.FILES:
        upload = request.FILES["tep"]
        name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
        context["filename"] = name
        try:
            extraction = extract_targets(resolution_lines(upload.read(), name))
        except ResolutionFileError as exc:
            context["problems"] = [str(exc)]
            return render(request, "documents/plan_extract.html", context, status=422)
        context.update(extraction=extraction, meta=_extract_meta(request.user, units, None))
        if not extraction.targets:
            context["problems"] = [
                _("Không tìm thấy chỉ tiêu nào trong tệp %(name)s.") % {"name": name}
            ]
            status = 422
    elif request.method == "POST":
        extraction = _rows_extraction(request.POST)
        meta = _extract_meta(request.user, units, request.POST)
        context.update(extraction=extraction, meta=meta, filename=request.POST.get("filename", ""))
        if request.POST.get("action") == "download":
            return _xlsx(
                plan_template(user=request.user, extraction=extraction, meta=meta), TEMPLATE_NAME
            )
        if extraction.flagged:
            context["problems"] = [
                _("Chỉ tiêu %(number)s: %(problem)s") % {"number": t.number, "problem": t.problem}
                for t in extraction.flagged
            ]
            status = 422
        elif request.POST.get("action") == "import":
            data = plan_template(user=request.user, extraction=extraction, meta=meta)
            try:
                plan = plan_import(
                    acting_user=request.user,
                    data=data,
                    filename=context["filename"] or "nghi-quyet",
                )
            except ValidationError as exc:
                context["problems"], status = exc.messages, 422
            else:
                messages.success(request, plan_import_message(plan, context["filename"]))
                return redirect("reporting:plan-dashboard", code=plan.code)
    return render(request, "documents/plan_extract.html", context, status=status)


def _extract_meta(user, units, post) -> dict[str, str]:
    """The particulars the office gives beside the targets: the example's until it does."""
    year = timezone.localdate().year + 1
    unit = units[0] if units else None
    meta = {
        "code": f"nghi-quyet-{year}",
        "kind": str(dict(PlanKind.choices)[PlanKind.ANNUAL_RESOLUTION]),
        "number": "",
        "title": _("về nhiệm vụ năm %(year)s") % {"year": year},
        "unit": unit.code if unit else "",
        "issuing_body": _("Ban Chấp hành Đảng bộ %(unit)s") % {"unit": unit.name} if unit else "",
        "span": str(year),
    }
    if post is not None:
        meta.update({k: post.get(f"meta_{k}", v).strip() for k, v in meta.items()})
    return meta
