"""Pages of org units: the map as of any date, a unit's lineage, and dated changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nghiquyet.accounts.choices import Action
from nghiquyet.formerrors import add_service_errors

from . import people, services
from .choices import ChangeKind, OrgUnitKind
from .models import OrgUnit
from .scopes import scope_for
from .selectors import (
    map_load_allowed,
    map_missing,
    orgunit_assignable,
    orgunit_can_manage,
    orgunit_get,
    orgunit_list,
    orgunit_on,
    orgunit_roots,
    orgunit_search,
    orgunit_split_get,
    people_list,
    people_manage_allowed,
    person_get,
)


def _day(request: HttpRequest) -> dt.date:
    """The date asked for (``ngay``, dd/mm/yyyy), else today."""
    field = forms.DateField()
    try:
        return field.clean(request.GET.get("ngay") or None) or timezone.localdate()
    except ValidationError:
        return timezone.localdate()


@login_required
def unit_index(request: HttpRequest) -> HttpResponse:
    day = _day(request)
    query = request.GET.get("q", "").strip()[:100]
    roots = [
        orgunit_on(user=request.user, unit=u, day=day) for u in orgunit_roots(user=request.user)
    ]
    return render(
        request,
        "orgs/unit_index.html",
        {
            "roots": roots,
            "day": day,
            "query": query,
            "found": orgunit_search(user=request.user, query=query) if query else None,
            "can_load_map": map_load_allowed(user=request.user),
            "can_create": orgunit_assignable(user=request.user, on=timezone.localdate()).exists(),
            "no_provinces": map_missing(),
        },
    )


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = orgunit_get(user=request.user, code=code)
    day = _day(request)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "u": orgunit_on(user=request.user, unit=unit, day=day),
            "day": day,
            "can_manage": orgunit_can_manage(user=request.user, unit=unit),
            "change_kinds": CHANGE_FORMS,
        },
    )


class UnitCreateForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại đơn vị"), choices=OrgUnitKind.choices)
    code = forms.CharField(
        label=gettext_lazy("Mã đơn vị"),
        max_length=32,
        help_text=gettext_lazy(
            "Mã chính thức (mã đơn vị hành chính, mã định danh), ví dụ 86 hoặc 86-SNV: chữ "
            "không dấu, chữ số và . _ - ; không dùng “/”."
        ),
    )
    name = forms.CharField(label=gettext_lazy("Tên"), max_length=255)
    short_name = forms.CharField(label=gettext_lazy("Tên ngắn"), max_length=100, required=False)
    parent = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị cấp trên"), queryset=OrgUnit.objects.none()
    )
    valid_from = forms.DateField(
        label=gettext_lazy("Có hiệu lực từ ngày"),
        required=False,
        help_text=gettext_lazy("dd/mm/yyyy — để trống nếu đơn vị đã có từ trước."),
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    """Create a unit under one the user manages."""
    parents = orgunit_assignable(user=request.user, on=timezone.localdate())
    if not parents.exists():
        raise PermissionDenied
    form = UnitCreateForm(
        request.POST or None, parents=parents, initial={"parent": request.GET.get("cap_tren")}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["code"] = data["code"].strip()
        try:
            unit = services.orgunit_create(acting_user=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo đơn vị %(unit)s.") % {"unit": unit.name})
            return redirect("orgs:unit-detail", code=unit.code)
    return render(
        request,
        "orgs/unit_create.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


# --- dated changes -----------------------------------------------------------------------------


class ChangeForm(forms.Form):
    on = forms.DateField(
        label=gettext_lazy("Có hiệu lực từ ngày"),
        help_text=gettext_lazy("dd/mm/yyyy — ngày đầu tiên áp dụng sắp xếp mới."),
    )
    decision = forms.CharField(
        label=gettext_lazy("Căn cứ"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Ví dụ: Nghị quyết số 1687/NQ-UBTVQH15."),
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RenameForm(ChangeForm):
    name = forms.CharField(label=gettext_lazy("Tên mới"), max_length=255)
    short_name = forms.CharField(label=gettext_lazy("Tên ngắn"), max_length=100, required=False)
    code = forms.CharField(
        label=gettext_lazy("Mã mới"),
        max_length=32,
        required=False,
        help_text=gettext_lazy("Để trống nếu giữ mã cũ."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại"),
        required=False,
        choices=[("", gettext_lazy("giữ nguyên")), *OrgUnitKind.choices],
    )


class MoveForm(ChangeForm):
    parent = forms.CharField(
        label=gettext_lazy("Mã đơn vị cấp trên mới"),
        max_length=32,
        widget=forms.TextInput(attrs={"list": "unit-codes"}),
    )


class MergeForm(ChangeForm):
    INTO_THIS, NEW = "into_this", "new"
    mode = forms.ChoiceField(
        label=gettext_lazy("Cách sáp nhập"),
        widget=forms.RadioSelect,
        choices=[
            (
                INTO_THIS,
                gettext_lazy("Nhập các đơn vị dưới đây vào đơn vị này (đơn vị này giữ mã)"),
            ),
            (NEW, gettext_lazy("Hợp nhất đơn vị này với các đơn vị dưới đây thành đơn vị mới")),
        ],
        initial=INTO_THIS,
    )
    codes = forms.CharField(
        label=gettext_lazy("Mã các đơn vị"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Mỗi mã một dòng, hoặc cách nhau bằng dấu phẩy."),
    )
    new_code = forms.CharField(label=gettext_lazy("Mã đơn vị mới"), max_length=32, required=False)
    new_name = forms.CharField(label=gettext_lazy("Tên đơn vị mới"), max_length=255, required=False)
    new_kind = forms.ChoiceField(
        label=gettext_lazy("Loại đơn vị mới"), required=False, choices=OrgUnitKind.choices
    )
    move_children = forms.BooleanField(
        label=gettext_lazy("Chuyển các đơn vị trực thuộc sang đơn vị sau sáp nhập"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("mode") == self.NEW:
            for field in ("new_code", "new_name", "new_kind"):
                if not data.get(field):
                    self.add_error(field, _("Cần nhập khi hợp nhất thành đơn vị mới."))
        return data


class SplitForm(ChangeForm):
    parts = forms.CharField(
        label=gettext_lazy("Các phần"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Mỗi phần một dòng. Đơn vị mới: “mã; tên; loại; tỷ lệ”, ví dụ “29001; Xã Tân Mới; "
            "commune; 0,6”. Đơn vị có sẵn nhận một phần: “mã; tỷ lệ”. Tỷ lệ viết 0,6 hoặc 60%. "
            "Tổng tỷ lệ nhỏ hơn 1 thì đơn vị này vẫn còn với phần còn lại."
        ),
    )


class DissolveForm(ChangeForm):
    pass


CHANGE_FORMS = {
    ChangeKind.RENAME: RenameForm,
    ChangeKind.MOVE: MoveForm,
    ChangeKind.MERGE: MergeForm,
    ChangeKind.SPLIT: SplitForm,
    ChangeKind.DISSOLVE: DissolveForm,
}


def _unit_by_code(user, code: str, field: str) -> OrgUnit:
    unit = orgunit_list(user=user).filter(code=code.strip()).first()
    if unit is None:
        raise ValidationError({field: _("Không tìm thấy đơn vị mã “%(code)s”.") % {"code": code}})
    return unit


def _share(text: str, line: int) -> Decimal:
    raw = text.strip().replace(" ", "")
    percent = raw.endswith("%")
    try:
        value = Decimal(raw.rstrip("%").replace(",", "."))
    except InvalidOperation:
        raise ValidationError(
            {
                "parts": _("Dòng %(n)s: tỷ lệ “%(text)s” không phải là số.")
                % {"n": line, "text": text}
            }
        ) from None
    return value / 100 if percent else value


def _parts(user, unit: OrgUnit, text: str) -> list:
    parts = []
    for n, line in enumerate((raw for raw in text.splitlines()), start=1):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split(";")]
        if len(fields) == 2:
            parts.append((_unit_by_code(user, fields[0], "parts"), _share(fields[1], n)))
        elif len(fields) == 4:
            code, name, kind, share = fields
            if kind not in OrgUnitKind.values:
                raise ValidationError(
                    {
                        "parts": _("Dòng %(n)s: loại “%(kind)s” không hợp lệ.")
                        % {"n": n, "kind": kind}
                    }
                )
            parts.append((services.NewUnit(code, name, kind, unit.parent), _share(share, n)))
        else:
            raise ValidationError(
                {"parts": _("Dòng %(n)s: cần “mã; tên; loại; tỷ lệ” hoặc “mã; tỷ lệ”.") % {"n": n}}
            )
    return parts


def _apply(user, unit: OrgUnit, kind: str, data: dict):
    common = {
        "acting_user": user,
        "on": data["on"],
        "decision": data["decision"],
        "note": data["note"],
    }
    if kind == ChangeKind.RENAME:
        return services.orgunit_rename(
            unit=unit,
            name=data["name"],
            short_name=data["short_name"],
            code=data["code"] or None,
            kind=data["kind"] or None,
            **common,
        )
    if kind == ChangeKind.MOVE:
        return services.orgunit_move(
            unit=unit, parent=_unit_by_code(user, data["parent"], "parent"), **common
        )
    if kind == ChangeKind.MERGE:
        codes = [c for c in data["codes"].replace(",", "\n").split() if c]
        others = [_unit_by_code(user, c, "codes") for c in codes]
        if data["mode"] == MergeForm.NEW:
            into = services.NewUnit(
                data["new_code"], data["new_name"], data["new_kind"], unit.parent
            )
            return services.orgunit_merge(
                units=[unit, *others], into=into, move_children=data["move_children"], **common
            )
        return services.orgunit_merge(
            units=others, into=unit, move_children=data["move_children"], **common
        )
    if kind == ChangeKind.SPLIT:
        return services.orgunit_split(unit=unit, parts=_parts(user, unit, data["parts"]), **common)
    return services.orgunit_dissolve(unit=unit, **common)


@login_required
def unit_change(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    unit = orgunit_get(user=request.user, code=code, action=Action.MANAGE)
    if kind not in CHANGE_FORMS:
        raise Http404
    form = CHANGE_FORMS[kind](request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = _apply(request.user, unit, kind, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi: %(change)s — %(unit)s.") % {"change": change, "unit": unit.name},
            )
            unit.refresh_from_db(fields=["code"])  # a rename may give it a new code
            url = reverse("orgs:unit-detail", args=[unit.code])
            return redirect(f"{url}?ngay={change.effective_on:%d/%m/%Y}")
    codes = (
        orgunit_list(user=request.user).filter(valid_to__isnull=True).values_list("code", "name")
    )
    return render(
        request,
        "orgs/unit_change.html",
        {
            "unit": unit,
            "form": form,
            "kind": kind,
            "kind_label": ChangeKind(kind).label,
            "codes": codes[:2000],
        },
        status=422 if request.method == "POST" else 200,
    )


class SplitSharesForm(forms.Form):
    """One share per part of a split whose shares are still to be declared."""

    decision = forms.CharField(
        label=gettext_lazy("Căn cứ"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Ví dụ: Đề án sắp xếp đơn vị hành chính cấp xã năm 2025."),
    )

    def __init__(self, *args, links, **kwargs):
        super().__init__(*args, **kwargs)
        self.links = links
        for link in links:
            self.fields[f"part_{link.successor_id}"] = forms.CharField(
                label=f"{link.successor.name} ({link.successor.code})",
                help_text=gettext_lazy("Tỷ lệ, ví dụ 0,6 hoặc 60%"),
            )

    def clean(self):
        data = super().clean()
        shares = {}
        for n, link in enumerate(self.links, start=1):
            text = data.get(f"part_{link.successor_id}")
            if text:
                try:
                    shares[link.successor_id] = _share(text, n)
                except ValidationError:
                    self.add_error(
                        f"part_{link.successor_id}",
                        _("“%(text)s” không phải là một tỷ lệ.") % {"text": text},
                    )
        data["shares"] = shares
        return data


@login_required
def unit_split_shares(request: HttpRequest, code: str, change: int) -> HttpResponse:
    """Declare the shares of a split recorded without them (from the map packages)."""
    unit = orgunit_get(user=request.user, code=code)
    split, links = orgunit_split_get(user=request.user, unit=unit, change=change)
    form = SplitSharesForm(request.POST or None, links=links)
    if request.method == "POST" and form.is_valid():
        try:
            services.orgunit_split_shares_declare(
                acting_user=request.user,
                change=split,
                shares=form.cleaned_data["shares"],
                decision=form.cleaned_data["decision"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Đã khai báo tỷ lệ chia tách của %(unit)s.") % {"unit": unit.name}
            )
            return redirect("orgs:unit-detail", code=unit.code)
    return render(
        request,
        "orgs/split_shares.html",
        {"unit": unit, "split": split, "form": form, "declared": links[0].share is not None},
        status=422 if request.method == "POST" else 200,
    )


# --- people an office manages ------------------------------------------------------------------


class PersonForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=150)
    email = forms.EmailField(
        label=gettext_lazy("Thư điện tử"),
        required=False,
        help_text=gettext_lazy("Liên kết đặt mật khẩu được gửi tới địa chỉ này."),
    )
    role = forms.ChoiceField(label=gettext_lazy("Vai trò"))
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=OrgUnit.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = people.role_choices(user)
        self.fields["unit"].queryset = orgunit_assignable(user=user, on=timezone.localdate())


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Vai trò"))
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=OrgUnit.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = people.role_choices(user)
        self.fields["unit"].queryset = orgunit_assignable(user=user, on=timezone.localdate())


@login_required
def people_index(request: HttpRequest) -> HttpResponse:
    if not people_manage_allowed(user=request.user):
        raise PermissionDenied
    return render(request, "orgs/people.html", {"people": people_list(user=request.user)})


@login_required
def person_add(request: HttpRequest) -> HttpResponse:
    if not people_manage_allowed(user=request.user):
        raise PermissionDenied
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = people.person_create(acting_user=request.user, **form.cleaned_data)
            people.person_password_link(
                acting_user=request.user, person=person, base_url=request.build_absolute_uri("/")
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã tạo tài khoản %(name)s và gửi liên kết đặt mật khẩu.")
                % {"name": person.username},
            )
            return redirect("orgs:person-detail", pk=person.pk)
    return render(
        request,
        "orgs/person_form.html",
        {"form": form, "title": _("Thêm người dùng")},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get(user=request.user, pk=pk)
    form = GrantForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            people.person_grant(acting_user=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã cấp quyền."))
            return redirect("orgs:person-detail", pk=person.pk)
    scope = scope_for(request.user)
    return render(
        request,
        "orgs/person_detail.html",
        {
            "person": person,
            "form": form,
            "grants": [
                (g, people.role_grantable(scope, g.role, g.unit)) for g in person.grants.all()
            ],
            "manageable": people.person_manageable(scope, person),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def person_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Lock the account (``khoa``), send a set-password link (``lien-ket``), or revoke one role
    (``thu-hoi``, the grant's id in ``grant``)."""
    person = person_get(user=request.user, pk=pk)
    try:
        if action == "khoa":
            people.person_deactivate(acting_user=request.user, person=person)
            messages.success(request, _("Đã khóa tài khoản %(name)s.") % {"name": person})
        elif action == "lien-ket":
            people.person_password_link(
                acting_user=request.user, person=person, base_url=request.build_absolute_uri("/")
            )
            messages.success(request, _("Đã gửi liên kết đặt mật khẩu."))
        elif action == "thu-hoi":
            grant = person.grants.filter(pk=request.POST.get("grant") or 0).first()
            if grant is None:
                raise Http404
            people.person_revoke(acting_user=request.user, grant=grant)
            messages.success(request, _("Đã thu hồi quyền."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("orgs:person-detail", pk=person.pk)
