"""Forms of the office's editing pages: they parse what was typed; the rules are the services'.

Labels and help come from the models (``fields_for_model``), so a page and the admin say the
same thing; the choices a user is offered (units, plans, groups) come from the selectors, so
a form never lists what its user may not pick.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from nghiquyet.text.numbers import read_number
from nghiquyet.text.problems import TextError
from nghiquyet.text.targets import read_target, target_fields

from .choices import TARGET_FIGURE_FIELDS, Aggregation, GroupKind, ShareMethod, TaskClosure
from .display import number
from .models import Group, Plan, Target, Task

PLAN_FIELDS = (
    "code",
    "kind",
    "number",
    "title",
    "unit",
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
TARGET_FIELDS = (
    "code",
    "name",
    "group",
    "order",
    "indicator",
    *TARGET_FIGURE_FIELDS,
    "temporal",
    "due_date",
    "lead_unit",
    "partner_units",
    "note",
)
TASK_FIELDS = (
    "code",
    "title",
    "description",
    "group",
    "owner_unit",
    "partner_units",
    "product",
    "deadline",
    "target",
)

_DATE = {"placeholder": "dd/mm/yyyy"}


def _date_widgets(form: forms.Form) -> None:
    """Dates typed dd/mm/yyyy; numbers typed as printed ("2,5", "6.388,3")."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.widget.attrs.update(_DATE)
        elif isinstance(field, forms.DecimalField):
            field.localize = True
            field.widget = forms.TextInput(attrs={"inputmode": "decimal"})
            field.widget.is_localized = True


def _defaults_optional(form: forms.Form, model) -> None:
    """A field the model gives a default need not be typed: left empty, it takes the default
    (the forms of a target's figure have many, most of which a printed target never needs)."""
    form._model_defaults = {}
    for name, field in form.fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field
            continue
        if model_field.has_default() and field.required and not model_field.many_to_many:
            field.required = False
            form._model_defaults[name] = model_field.get_default()
            if form.initial.get(name) is None:
                form.initial[name] = model_field.get_default()


def _read_statement(form: forms.Form, data: dict, name: str) -> dict:
    """A target entered as printed: when its figures are left empty, the wording in
    ``statement`` ("dưới 4%", "tăng 6,5-7%", "từ 12.650 tỷ đồng trở lên") decides them, read
    as the plan-import sheet, the API and ``nghiquyet plan extract`` read it."""
    text = (data.get("statement") or "").strip()
    if not text or "target_value" not in form.fields:
        return data
    if data.get("target_value") is not None or data.get("target_high") is not None:
        return data
    try:
        fields = target_fields(read_target(text, name=name))
    except TextError as exc:
        form.add_error("statement", exc.problem.text)
        return data
    for key, value in fields.model_fields().items():
        if key in form.fields:
            data[key] = value
    return data


def _fill_defaults(form: forms.Form, data: dict) -> dict:
    for name, default in getattr(form, "_model_defaults", {}).items():
        if name in data and data[name] in (None, ""):
            data[name] = default
    return data


class PlanForm(forms.Form):
    """A plan's own fields; ``code`` and ``unit`` only when it is created."""

    def __init__(self, *args, plans, units, schemes, plan: Plan | None = None, **kwargs):
        if plan is not None:
            kwargs.setdefault("initial", model_to_dict(plan, fields=PLAN_FIELDS))
        super().__init__(*args, **kwargs)
        names = [f for f in PLAN_FIELDS if plan is None or f not in ("code", "unit")]
        self.fields.update(fields_for_model(Plan, fields=names))
        self.fields["parent"].queryset = plans.exclude(pk=plan.pk) if plan else plans
        self.fields["scheme"].queryset = schemes
        self.fields["scheme"].required = False
        if "unit" in self.fields:
            self.fields["unit"].queryset = units
        _date_widgets(self)


class GroupForm(forms.Form):
    def __init__(self, *args, group: Group | None = None, **kwargs):
        if group is not None:
            kwargs.setdefault("initial", model_to_dict(group, fields=("code", "name")))
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Group, fields=("code", "name")))


class TargetForm(forms.Form):
    """A target as the resolution prints it, with a new indicator when none fits."""

    new_indicator = forms.CharField(
        label=_("hoặc tên chỉ số mới"),
        required=False,
        max_length=255,
        help_text=_("Khi chưa có chỉ số phù hợp trong danh sách, ví dụ: Tỷ lệ hộ nghèo."),
    )
    new_indicator_unit = forms.CharField(
        label=_("đơn vị tính của chỉ số mới"), required=False, max_length=64
    )
    new_indicator_aggregation = forms.ChoiceField(
        label=_("cách tổng hợp của chỉ số mới"),
        choices=Aggregation.choices,
        initial=Aggregation.NONE,
        required=False,
    )

    def __init__(
        self,
        *args,
        plan: Plan,
        units,
        indicators,
        target: Target | None = None,
        figures_locked: bool = False,
        **kwargs,
    ):
        if target is not None:
            kwargs.setdefault("initial", model_to_dict(target, fields=TARGET_FIELDS))
        super().__init__(*args, **kwargs)
        names = [f for f in TARGET_FIELDS if not (figures_locked and f in TARGET_FIGURE_FIELDS)]
        made = fields_for_model(Target, fields=names)
        extra = dict(self.fields)
        self.fields.clear()
        for name in names:
            self.fields[name] = made[name]
            if name == "indicator":
                self.fields.update(extra)
        self.fields["group"].queryset = plan.groups.filter(kind=GroupKind.TARGETS)
        self.fields["indicator"].queryset = indicators
        kept = [target.lead_unit_id] if target and target.lead_unit_id else []
        kept += [u.pk for u in target.partner_units.all()] if target else []
        both = units | units.model.objects.filter(pk__in=kept)
        self.fields["lead_unit"].queryset = both.distinct()
        self.fields["partner_units"].queryset = both.distinct()
        self.fields["partner_units"].widget.attrs["size"] = 6
        _date_widgets(self)
        _defaults_optional(self, Target)

    def clean(self):
        data = super().clean()
        data = _fill_defaults(self, _read_statement(self, data, data.get("name") or ""))
        if "indicator" in self.fields and not data.get("indicator") and data.get("new_indicator"):
            data["indicator"] = None
        return data


class AdjustForm(forms.Form):
    """A new plan figure set by a later document."""

    effective_on = forms.DateField(
        label=_("Áp dụng từ ngày"),
        help_text=_("Các kỳ kết thúc trước ngày này vẫn đánh giá theo chỉ tiêu cũ."),
    )
    document = forms.CharField(
        label=_("Văn bản điều chỉnh"),
        max_length=255,
        help_text=_("Ví dụ: Nghị quyết số 12/NQ-HĐND ngày 10/7/2024 của HĐND tỉnh."),
    )
    reason = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, target: Target, **kwargs):
        self.target_name = target.name
        kwargs.setdefault("initial", model_to_dict(target, fields=TARGET_FIGURE_FIELDS))
        super().__init__(*args, **kwargs)
        extra = dict(self.fields)
        self.fields.clear()
        self.fields.update(fields_for_model(Target, fields=TARGET_FIGURE_FIELDS))
        self.fields.update(extra)
        _date_widgets(self)
        _defaults_optional(self, Target)

    def clean(self):
        return _fill_defaults(self, _read_statement(self, super().clean(), self.target_name))


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("Thôi áp dụng từ ngày"))
    document = forms.CharField(label=_("Văn bản bãi bỏ"), max_length=255)
    reason = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _date_widgets(self)


class TaskForm(forms.Form):
    """A task: job, owner, partners, product — and the deadline when it is created."""

    def __init__(self, *args, plan: Plan, units, task: Task | None = None, **kwargs):
        if task is not None:
            kwargs.setdefault("initial", model_to_dict(task, fields=TASK_FIELDS))
        super().__init__(*args, **kwargs)
        names = [f for f in TASK_FIELDS if task is None or f != "deadline"]
        self.fields.update(fields_for_model(Task, fields=names))
        self.fields["group"].queryset = plan.groups.filter(kind=GroupKind.TASKS)
        self.fields["target"].queryset = plan.targets.all()
        kept = [task.owner_unit_id] if task else []
        kept += [u.pk for u in task.partner_units.all()] if task else []
        both = (units | units.model.objects.filter(pk__in=kept)).distinct()
        self.fields["owner_unit"].queryset = both
        self.fields["partner_units"].queryset = both
        self.fields["partner_units"].widget.attrs["size"] = 6
        _date_widgets(self)


class ExtendForm(forms.Form):
    deadline = forms.DateField(label=_("Thời hạn mới"))
    reason = forms.CharField(label=_("Lý do gia hạn"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _date_widgets(self)


class CloseForm(forms.Form):
    closed_as = forms.ChoiceField(
        label=_("Kết thúc nhiệm vụ"), choices=TaskClosure.choices, widget=forms.RadioSelect
    )
    merged_into = forms.ModelChoiceField(
        label=_("Gộp vào nhiệm vụ"), queryset=Task.objects.none(), required=False
    )
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, task: Task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merged_into"].queryset = task.plan.tasks.filter(closed_as="").exclude(
            pk=task.pk
        )


class BulkAssignForm(forms.Form):
    """Give the tasks ticked in the list one owner."""

    tasks = forms.ModelMultipleChoiceField(
        label=_("Nhiệm vụ"), queryset=Task.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    owner_unit = forms.ModelChoiceField(label=_("Giao cho đơn vị chủ trì"), queryset=None)

    def __init__(self, *args, plan: Plan, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].queryset = plan.tasks.filter(closed_as="").order_by("code", "pk")
        self.fields["owner_unit"].queryset = units


class SharesForm(forms.Form):
    """How a target is divided among the units under the plan's unit: the method, and each
    unit's population or share typed as printed ("12.345", "1.234,5")."""

    method = forms.ChoiceField(
        label=_("Cách giao"), choices=ShareMethod.choices, widget=forms.RadioSelect
    )
    population_source = forms.CharField(
        label=_("Nguồn số dân"),
        required=False,
        max_length=255,
        help_text=_("Ví dụ: Niên giám thống kê tỉnh năm 2024."),
    )
    population_on = forms.DateField(label=_("Số dân tính đến ngày"), required=False)

    def __init__(self, *args, units: list, initial_rows: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        initial_rows = initial_rows or {}
        for unit in units:
            population, figure = initial_rows.get(unit.pk, (None, None))
            self.fields[f"population-{unit.pk}"] = forms.CharField(
                label=_("Số dân của %(unit)s") % {"unit": unit.name},
                required=False,
                initial="" if population is None else number(population, 0),
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            )
            self.fields[f"share-{unit.pk}"] = forms.CharField(
                label=_("Phần giao cho %(unit)s") % {"unit": unit.name},
                required=False,
                initial="" if figure is None else number(figure, 6),
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
        _date_widgets(self)

    def row(self, unit):
        """The bound cells of ``unit``'s row (for the page's table)."""
        return self[f"population-{unit.pk}"], self[f"share-{unit.pk}"]

    def clean(self):
        data = super().clean()
        method = data.get("method")
        if method not in (ShareMethod.POPULATION, ShareMethod.HAND):
            data["rows"] = {}
            return data
        column = "population" if method == ShareMethod.POPULATION else "share"
        rows = {}
        for unit in self.units:
            name = f"{column}-{unit.pk}"
            raw = (data.get(name) or "").strip()
            if not raw:
                rows[unit] = None
                continue
            try:
                rows[unit] = read_number(raw)
            except TextError as exc:
                self.add_error(
                    name,
                    _("Dòng %(unit)s: %(problem)s") % {"unit": unit.name, "problem": exc.problem},
                )
        data["rows"] = rows
        return data
