"""Pages of emulation: movements, clusters, a round's ranking and the trace of a score.

Thin: parse the request, call selectors or one service, render. Scope and permissions are
decided in :mod:`.selectors` and :mod:`.services`; templates show what they were given.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nghiquyet.accounts.choices import Action
from nghiquyet.formerrors import form_submit

from .. import selectors, services
from ..choices import ClusterKind, CriterionKind
from ..filters import MovementFilter

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": gettext_lazy("Hãy nhập ngày theo dạng ngày/tháng/năm."),
            "invalid": gettext_lazy("Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 15/01/2021."),
        },
    )


class ClusterForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên cụm, khối"), max_length=255)
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=ClusterKind.choices)
    members = forms.MultipleChoiceField(
        label=gettext_lazy("Đơn vị thành viên"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Hãy chọn các đơn vị thành viên.")},
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        self.fields["members"].choices = [(str(u.pk), u.name) for u in units]


class MovementForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên phong trào"), max_length=500)
    starts_on = _date_field(gettext_lazy("Từ ngày"))
    ends_on = _date_field(gettext_lazy("Đến ngày"))
    description = forms.CharField(
        label=gettext_lazy("Nội dung, mục tiêu"), required=False, widget=forms.Textarea
    )
    clusters = forms.MultipleChoiceField(
        label=gettext_lazy("Cụm, khối tham gia"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.clusters = {str(c.pk): c for c in clusters}
        self.fields["clusters"].choices = [(str(c.pk), c.name) for c in clusters]


class RoundForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=1990, max_value=2100)
    plan = forms.ChoiceField(label=gettext_lazy("Nghị quyết lấy kết quả"))

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = {str(p.pk): p for p in plans}
        self.fields["plan"].choices = [(str(p.pk), f"{p.heading} ({p.year or ''})") for p in plans]


class CriterionForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Số thứ tự"), max_length=16)
    name = forms.CharField(label=gettext_lazy("Tên tiêu chí"), max_length=500)
    kind = forms.ChoiceField(label=gettext_lazy("Cách chấm"), choices=CriterionKind.choices)
    max_points = forms.CharField(label=gettext_lazy("Điểm tối đa"), max_length=12)
    weight = forms.CharField(label=gettext_lazy("Hệ số"), max_length=12, initial="1")


class RegistrationForm(forms.Form):
    unit = forms.ChoiceField(label=gettext_lazy("Đơn vị"))
    title_sought = forms.CharField(label=gettext_lazy("Danh hiệu đăng ký"), max_length=255)
    commitment = forms.CharField(
        label=gettext_lazy("Nội dung đăng ký, giao ước"), widget=forms.Textarea
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        self.fields["unit"].choices = [(str(u.pk), u.name) for u in units]


class CouncilScoreForm(forms.Form):
    criterion = forms.ChoiceField(label=gettext_lazy("Tiêu chí"))
    points = forms.CharField(label=gettext_lazy("Điểm"), max_length=12)
    note = forms.CharField(label=gettext_lazy("Nhận xét, căn cứ"), widget=forms.Textarea)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = {str(c.pk): c for c in criteria}
        self.fields["criterion"].choices = [(str(c.pk), str(c)) for c in criteria]


def _int(value) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


# --- index ---------------------------------------------------------------------------
@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:200]
    year = _int(request.GET.get("nam"))
    movements = MovementFilter(year=year, q=query).apply(
        selectors.movement_list(user=request.user), user=request.user
    )
    return render(
        request,
        "emulation/index.html",
        {
            "movements": movements.distinct(),
            "rounds": selectors.round_list(user=request.user).distinct(),
            "clusters": selectors.cluster_list(user=request.user).distinct(),
            "organisers": selectors.organiser_units(user=request.user),
            "query": query,
            "year": year,
        },
    )


def _organiser(request: HttpRequest):
    organisers = selectors.organiser_units(user=request.user)
    if not organisers:
        raise PermissionDenied
    code = request.GET.get("don_vi") or request.POST.get("don_vi") or ""
    unit = next((u for u in organisers if u.code == code), organisers[0])
    return organisers, unit


# --- clusters ------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def cluster_create(request: HttpRequest) -> HttpResponse:
    organisers, unit = _organiser(request)
    units = selectors.organiser_children(unit)
    form = ClusterForm(request.POST or None, units=units)
    return form_submit(
        request,
        form,
        lambda data: services.cluster_create(
            acting_user=request.user,
            unit=unit,
            name=data["name"],
            kind=data["kind"],
            members=[form.units[k] for k in data["members"]],
        ),
        message=_("Đã lập cụm, khối thi đua."),
        done=lambda cluster: redirect("emulation:cluster-detail", pk=cluster.pk),
        page=lambda status: render(
            request,
            "emulation/cluster_form.html",
            {"form": form, "unit": unit, "organisers": organisers},
            status=status,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = selectors.cluster_get(user=request.user, pk=pk)
    if request.method == "POST":
        cluster = selectors.cluster_get(user=request.user, pk=pk, action=Action.MANAGE)
        year = _int(request.POST.get("nam"))
        if year is None or not 1990 <= year <= 2100:
            messages.error(request, _("Năm phải là số, ví dụ 2021."))
        else:
            lead = services.cluster_lead_rotate(
                acting_user=request.user, cluster=cluster, year=year
            )
            messages.success(
                request,
                _("Năm %(year)d: %(unit)s làm cụm trưởng.")
                % {"year": year, "unit": lead.unit.name},
            )
        return redirect("emulation:cluster-detail", pk=cluster.pk)
    return render(
        request,
        "emulation/cluster_detail.html",
        {
            "cluster": cluster,
            "members": selectors.cluster_members(cluster),
            "leads": cluster.leads.select_related("unit", "deputy"),
            "can_manage": selectors.cluster_can_manage(user=request.user, cluster=cluster),
        },
    )


# --- movements -----------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def movement_create(request: HttpRequest) -> HttpResponse:
    organisers, unit = _organiser(request)
    clusters = selectors.organiser_clusters(unit)
    form = MovementForm(request.POST or None, clusters=clusters)
    return form_submit(
        request,
        form,
        lambda data: services.movement_create(
            acting_user=request.user,
            unit=unit,
            name=data["name"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            description=data["description"],
            clusters=[form.clusters[k] for k in data["clusters"]],
        ),
        message=_("Đã phát động phong trào."),
        done=lambda movement: redirect("emulation:movement-detail", pk=movement.pk),
        page=lambda status: render(
            request,
            "emulation/movement_form.html",
            {"form": form, "unit": unit, "organisers": organisers},
            status=status,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    movement = selectors.movement_get(user=request.user, pk=pk)
    can_manage = selectors.movement_can_manage(user=request.user, movement=movement)
    form = None
    if can_manage:
        form = RoundForm(request.POST or None, plans=selectors.organiser_plans(movement.unit))
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    return form_submit(
        request,
        form or RoundForm(plans=[]),
        lambda data: services.round_create(
            acting_user=request.user,
            movement=movement,
            year=data["year"],
            plan=form.plans[data["plan"]],
        ),
        done=lambda rnd: _round_opened(request, rnd),
        page=lambda status: render(
            request,
            "emulation/movement_detail.html",
            {
                "movement": movement,
                "rounds": selectors.round_list(user=request.user, movement=movement),
                "clusters": movement.clusters.all(),
                "form": form,
            },
            status=status,
        ),
    )


def _round_opened(request, rnd):
    messages.success(request, _("Đã mở đợt chấm điểm năm %(y)d.") % {"y": rnd.year})
    return redirect("emulation:round-detail", pk=rnd.pk)


# --- rounds --------------------------------------------------------------------------
def _round_page(request, rnd, *, criterion_form=None, registration_form=None, status=200):
    can_manage = selectors.round_can_manage(user=request.user, rnd=rnd)
    reg_units = selectors.registration_units(user=request.user, rnd=rnd)
    open_ = not rnd.is_closed
    return render(
        request,
        "emulation/round_detail.html",
        {
            "round": rnd,
            "criteria": selectors.round_criteria(rnd),
            "rankings": selectors.round_ranking(user=request.user, rnd=rnd),
            "registrations": selectors.registration_list(user=request.user, rnd=rnd),
            "proposals": selectors.proposal_list(user=request.user, rnd=rnd),
            "can_propose": bool(selectors.proposal_units(user=request.user, rnd=rnd)),
            "decidable": selectors.decidable_proposals(user=request.user, rnd=rnd),
            "can_manage": can_manage,
            "criterion_form": (criterion_form or CriterionForm()) if can_manage and open_ else None,
            "registration_form": (registration_form or RegistrationForm(units=reg_units))
            if reg_units and open_
            else None,
        },
        status=status,
    )


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_page(request, selectors.round_get(user=request.user, pk=pk))


@login_required
@require_POST
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_get(user=request.user, pk=pk, action=Action.MANAGE)
    form = CriterionForm(request.POST)
    return form_submit(
        request,
        form,
        lambda data: services.criterion_create(acting_user=request.user, rnd=rnd, **data),
        message=_("Đã thêm tiêu chí."),
        done=lambda _c: redirect("emulation:round-detail", pk=rnd.pk),
        page=lambda status: _round_page(request, rnd, criterion_form=form, status=status),
    )


@login_required
@require_POST
def registration_add(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_get(user=request.user, pk=pk)
    units = selectors.registration_units(user=request.user, rnd=rnd)
    if not units:
        raise PermissionDenied
    if request.POST.get("unit") not in {str(u.pk) for u in units}:
        raise PermissionDenied
    form = RegistrationForm(request.POST, units=units)
    return form_submit(
        request,
        form,
        lambda data: services.registration_save(
            acting_user=request.user,
            rnd=rnd,
            unit=form.units[data["unit"]],
            title_sought=data["title_sought"],
            commitment=data["commitment"],
        ),
        message=_("Đã ghi đăng ký thi đua."),
        done=lambda _r: redirect("emulation:round-detail", pk=rnd.pk),
        page=lambda status: _round_page(request, rnd, registration_form=form, status=status),
    )


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_get(user=request.user, pk=pk, action=Action.MANAGE)
    try:
        services.round_close(acting_user=request.user, rnd=rnd)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã khóa sổ: điểm đã được chốt."))
    return redirect("emulation:round-detail", pk=rnd.pk)


@login_required
@require_http_methods(["GET", "POST"])
def score_detail(request: HttpRequest, pk: int, unit: int) -> HttpResponse:
    rnd = selectors.round_get(user=request.user, pk=pk)
    participant = selectors.participant_get(rnd=rnd, pk=unit)
    score = selectors.score_trace(user=request.user, rnd=rnd, unit=participant)
    can_score = selectors.round_can_manage(user=request.user, rnd=rnd) and not rnd.is_closed
    council = [r.criterion for r in score.results if not r.criterion.is_computed]
    form = (
        CouncilScoreForm(request.POST or None, criteria=council) if can_score and council else None
    )
    if request.method == "POST" and form is None:
        raise PermissionDenied
    return form_submit(
        request,
        form or CouncilScoreForm(criteria=[]),
        lambda data: services.score_council_set(
            acting_user=request.user,
            rnd=rnd,
            criterion=form.criteria[data["criterion"]],
            unit=participant,
            points=data["points"],
            note=data["note"],
        ),
        message=_("Đã ghi điểm của hội đồng."),
        done=lambda _s: redirect("emulation:score-detail", pk=rnd.pk, unit=participant.pk),
        page=lambda status: render(
            request,
            "emulation/score_detail.html",
            {"round": rnd, "score": score, "form": form},
            status=status,
        ),
    )
