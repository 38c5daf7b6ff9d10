"""A target's plan figure changed by a later document, or the target ended: the figure
before and after are kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from nghiquyet.audit.services import model_update

from ..choices import TARGET_FIGURE_FIELDS, AdjustmentKind
from ..models import Target, TargetAdjustment
from .common import require_manage


def _json_figures(values: dict) -> dict:
    return {
        k: (format(v.normalize(), "f") if isinstance(v, Decimal) else v) for k, v in values.items()
    }


@transaction.atomic
def target_adjust(
    *,
    acting_user,
    target: Target,
    data: dict,
    effective_on: dt.date,
    document: str,
    reason: str = "",
) -> TargetAdjustment:
    """Change a target's plan figure by a later document ("điều chỉnh chỉ tiêu").

    ``data`` holds the new values of ``TARGET_FIGURE_FIELDS`` (others are refused). The
    adjustment keeps the figure before and after it, from ``effective_on`` (no earlier than
    the target's last adjustment); periods that ended before that day are still judged
    against the old figure. One ``target.adjust`` event naming the document.
    """
    plan = target.plan
    require_manage(acting_user, plan.unit)
    errors: dict[str, list[str]] = {}
    document = (document or "").strip()
    if not document:
        errors["document"] = [
            _("Hãy ghi văn bản điều chỉnh, ví dụ: Nghị quyết số 12/NQ-HĐND ngày 10/7/2024.")
        ]
    if not isinstance(effective_on, dt.date):
        errors["effective_on"] = [_("Hãy ghi ngày áp dụng điều chỉnh (ngày/tháng/năm).")]
    else:
        last = target.adjustments.order_by("-effective_on").first()
        if last is not None and effective_on < last.effective_on:
            errors["effective_on"] = [
                _("Ngày áp dụng không được trước lần điều chỉnh trước (%(day)s).")
                % {"day": formats.date_format(last.effective_on, "SHORT_DATE_FORMAT")}
            ]
    unknown = set(data) - set(TARGET_FIGURE_FIELDS)
    if unknown:
        raise ValueError(f"not figure fields: {sorted(unknown)}")
    before = {name: getattr(target, name) for name in TARGET_FIGURE_FIELDS}
    changed = {k: v for k, v in data.items() if v != before[k]}
    if not changed and not errors:
        errors["target_value"] = [_("Giá trị điều chỉnh trùng với chỉ tiêu hiện tại.")]
    if errors:
        raise ValidationError(errors)
    changes = model_update(
        instance=target,
        fields=TARGET_FIGURE_FIELDS,
        data=changed,
        acting_user=acting_user,
        action="target.adjust",
        unit=plan.unit,
        note=document,
    )
    after = {name: getattr(target, name) for name in TARGET_FIGURE_FIELDS}
    return TargetAdjustment.objects.create(
        target=target,
        kind=AdjustmentKind.ADJUST,
        effective_on=effective_on,
        document=document,
        reason=reason,
        before=_json_figures({k: before[k] for k in changes}),
        after=_json_figures({k: after[k] for k in changes}),
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )


@transaction.atomic
def target_end(
    *, acting_user, target: Target, ended_on: dt.date, document: str, reason: str = ""
) -> TargetAdjustment:
    """End a target by a later document: periods from ``ended_on`` no longer judge it."""
    require_manage(acting_user, target.plan.unit)
    document = (document or "").strip()
    if not document:
        raise ValidationError({"document": [_("Hãy ghi văn bản bãi bỏ chỉ tiêu.")]})
    if target.ended_on is not None:
        raise ValidationError({"ended_on": [_("Chỉ tiêu này đã thôi áp dụng.")]})
    model_update(
        instance=target,
        fields=("ended_on",),
        data={"ended_on": ended_on},
        acting_user=acting_user,
        action="target.end",
        unit=target.plan.unit,
        note=document,
    )
    return TargetAdjustment.objects.create(
        target=target,
        kind=AdjustmentKind.END,
        effective_on=ended_on,
        document=document,
        reason=reason,
        before={"ended_on": None},
        after={"ended_on": ended_on.isoformat()},
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
