"""Pages of awards: a unit proposes a collective or a person, the council records its vote,
the competent level decides; each unit's and person's award history; a person's data
exported or erased on request.

Thin: parse the request, call selectors or one service, render. Scope and permissions are
decided in the selectors and services; templates show what they were given.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nghiquyet.accounts.choices import Action
from nghiquyet.formerrors import form_submit
from nghiquyet.plans.choices import BodyKind

from .. import selectors, services
from ..choices import ProposalStatus
from .rounds import _date_field


class ProposalForm(forms.Form):
    unit = forms.ChoiceField(label=gettext_lazy("Đơn vị đề nghị"))
    award_kind = forms.ChoiceField(label=gettext_lazy("Danh hiệu, hình thức khen thưởng"))
    person = forms.ChoiceField(
        label=gettext_lazy("Cá nhân đã có trong danh sách"),
        required=False,
        help_text=gettext_lazy("Hoặc ghi họ tên, chức vụ người mới ở hai ô dưới."),
    )
    person_name = forms.CharField(
        label=gettext_lazy("Họ và tên (cá nhân được đề nghị)"), max_length=255, required=False
    )
    person_position = forms.CharField(label=gettext_lazy("Chức vụ"), max_length=255, required=False)
    achievements = forms.CharField(label=gettext_lazy("Tóm tắt thành tích"), widget=forms.Textarea)

    def __init__(self, *args, units, kinds, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        self.kinds = {str(k.pk): k for k in kinds}
        self.people = {str(p.pk): p for p in people}
        self.fields["unit"].choices = [(str(u.pk), u.name) for u in units]
        self.fields["award_kind"].choices = [
            (str(k.pk), f"{k.name} ({k.get_recipient_display()})") for k in kinds
        ]
        self.fields["person"].choices = [("", "—")] + [
            (str(p.pk), f"{p.name} — {p.position or '…'} ({p.unit.name})") for p in people
        ]


class ReviewForm(forms.Form):
    votes_for = forms.IntegerField(label=gettext_lazy("Số phiếu đồng ý"), min_value=0)
    votes_total = forms.IntegerField(label=gettext_lazy("Tổng số phiếu"), min_value=1)
    council_confirmed = forms.BooleanField(
        label=gettext_lazy("Hội đồng xác nhận các tiêu chuẩn do hội đồng đánh giá"), required=False
    )
    note = forms.CharField(label=gettext_lazy("Ý kiến hội đồng"), required=False)


class DecisionForm(forms.Form):
    proposals = forms.MultipleChoiceField(
        label=gettext_lazy("Đề nghị đã được hội đồng thông qua"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Hãy chọn ít nhất một đề nghị.")},
    )
    number = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=64)
    signed_on = _date_field(gettext_lazy("Ngày ký"))
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255)
    superior = forms.CharField(
        label=gettext_lazy("Cơ quan cấp trên"), max_length=255, required=False
    )
    body_kind = forms.ChoiceField(label=gettext_lazy("Thể thức"), choices=BodyKind.choices)
    signer_position = forms.CharField(label=gettext_lazy("Chức vụ người ký"), max_length=255)
    signer_name = forms.CharField(label=gettext_lazy("Người ký"), max_length=255, required=False)

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = {str(p.pk): p for p in proposals}
        self.fields["proposals"].choices = [
            (str(p.pk), f"{p.recipient_name} — {p.award_kind.name}") for p in proposals
        ]


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Căn cứ xoá (đơn yêu cầu, ngày nhận)"), widget=forms.Textarea
    )


# --- proposals -----------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_get(user=request.user, pk=pk)
    units = selectors.proposal_units(user=request.user, rnd=rnd)
    if not units or (
        request.method == "POST" and request.POST.get("unit") not in {str(u.pk) for u in units}
    ):
        raise PermissionDenied
    people = [
        p for p in selectors.person_list(user=request.user) if p.unit in units and not p.is_erased
    ]
    form = ProposalForm(
        request.POST or None, units=units, kinds=selectors.award_kinds(), people=people
    )

    def save(data):
        return services.proposal_create(
            acting_user=request.user,
            rnd=rnd,
            unit=form.units[data["unit"]],
            award_kind=form.kinds[data["award_kind"]],
            achievements=data["achievements"],
            person=form.people.get(data["person"]),
            person_name=data["person_name"],
            person_position=data["person_position"],
        )

    return form_submit(
        request,
        form,
        save,
        message=_("Đã gửi đề nghị khen thưởng; chờ hội đồng thi đua xét."),
        done=lambda proposal: redirect("emulation:proposal-detail", pk=proposal.pk),
        page=lambda status: render(
            request, "emulation/proposal_form.html", {"round": rnd, "form": form}, status=status
        ),
    )


@login_required
@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    can_review = selectors.round_can_manage(user=request.user, rnd=proposal.round)
    pending = proposal.status == ProposalStatus.PROPOSED
    return render(
        request,
        "emulation/proposal_detail.html",
        {
            "proposal": proposal,
            "round": proposal.round,
            "checks": selectors.proposal_checks(proposal) if pending else proposal.checks,
            "reasons": services.review_reasons(proposal)
            if proposal.status == ProposalStatus.REJECTED
            else [],
            "review_form": ReviewForm() if can_review and pending else None,
            "person_visible": proposal.person_id
            and selectors.person_list(user=request.user).filter(pk=proposal.person_id).exists(),
        },
    )


@login_required
@require_POST
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk, action=Action.MANAGE)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Số phiếu phải là số nguyên; tổng số phiếu lớn hơn 0."))
        return redirect("emulation:proposal-detail", pk=proposal.pk)
    try:
        proposal = services.proposal_review(
            acting_user=request.user, proposal=proposal, **form.cleaned_data
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        reasons = services.review_reasons(proposal)
        if reasons:
            messages.warning(
                request,
                _("Hội đồng không đề nghị: %(reasons)s.") % {"reasons": "; ".join(reasons)},
            )
        else:
            messages.success(
                request,
                _("Đã ghi kết quả bình xét: %(status)s.")
                % {"status": proposal.get_status_display()},
            )
    return redirect("emulation:proposal-detail", pk=proposal.pk)


# --- decisions -----------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_get(user=request.user, pk=pk, action=Action.MANAGE)
    form = DecisionForm(
        request.POST or None,
        proposals=selectors.decidable_proposals(user=request.user, rnd=rnd),
        initial={
            "signed_on": timezone.localdate().strftime("%d/%m/%Y"),
            "body_kind": BodyKind.STATE,
        },
    )
    return form_submit(
        request,
        form,
        lambda data: services.decision_issue(
            acting_user=request.user,
            unit=rnd.movement.unit,
            proposals=[form.proposals[k] for k in data["proposals"]],
            **{k: v for k, v in data.items() if k != "proposals"},
        ),
        message=_("Đã ban hành quyết định khen thưởng."),
        done=lambda decision: redirect("emulation:decision-detail", pk=decision.pk),
        page=lambda status: render(
            request, "emulation/decision_form.html", {"round": rnd, "form": form}, status=status
        ),
    )


@login_required
@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(user=request.user, pk=pk)
    return render(
        request,
        "emulation/decision_detail.html",
        {"decision": decision, "awards": selectors.decision_awards(decision)},
    )


# --- award history and people ----------------------------------------------------------
@login_required
@require_GET
def unit_history(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.history_unit_get(user=request.user, pk=pk)
    return render(
        request,
        "emulation/unit_history.html",
        {
            "unit": unit,
            "awards": selectors.award_history(user=request.user, unit=unit),
            "people_awards": selectors.unit_people_awards(user=request.user, unit=unit),
            "people": selectors.person_list(user=request.user, unit=unit),
        },
    )


def _person_page(request, person, *, erase_form=None, status=200):
    can_manage = selectors.person_can_manage(user=request.user, person=person)
    return render(
        request,
        "emulation/person_detail.html",
        {
            "person": person,
            "awards": selectors.person_awards(person),
            "proposals": selectors.person_proposals(person),
            "can_manage": can_manage,
            "erase_form": (erase_form or EraseForm())
            if can_manage and not person.is_erased
            else None,
        },
        status=status,
    )


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, selectors.person_get(user=request.user, pk=pk))


@login_required
@require_GET
def person_export_json(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about the person, as JSON (the office, on the person's request)."""
    person = selectors.person_get(user=request.user, pk=pk, action=Action.MANAGE)
    data = services.person_export(acting_user=request.user, person=person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{person.pk}.json"'
    return response


@login_required
@require_POST
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, pk=pk, action=Action.MANAGE)
    form = EraseForm(request.POST)
    return form_submit(
        request,
        form,
        lambda data: services.person_erase(
            acting_user=request.user, person=person, reason=data["reason"]
        ),
        message=_("Đã xoá dữ liệu cá nhân theo yêu cầu; các quyết định vẫn giữ nguyên số lượng."),
        done=lambda p: redirect("emulation:person-detail", pk=p.pk),
        page=lambda status: _person_page(request, person, erase_form=form, status=status),
    )
