"""An office's data-quality rules on an indicator."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nghiquyet.audit.services import audit_log
from nghiquyet.orgs.models import OrgUnit

from ..choices import QualityRuleKind
from ..models import Indicator, QualityRule
from .common import require_manage


@transaction.atomic
def quality_rule_create(
    *,
    acting_user,
    indicator: Indicator,
    unit: OrgUnit,
    kind: str,
    low: Decimal | None = None,
    high: Decimal | None = None,
    group: str = "",
    note: str = "",
) -> QualityRule:
    """An office sets a data-quality rule on ``indicator`` for the figures of ``unit``'s
    subtree (``reporting.quality`` applies it wherever figures are saved)."""
    require_manage(acting_user, unit)
    errors = {}
    if kind not in QualityRuleKind.values:
        errors["kind"] = _("Quy tắc không hợp lệ.")
    if kind == QualityRuleKind.RANGE:
        if low is None and high is None:
            errors["low"] = _("Nhập ít nhất một trong hai giới hạn (từ, đến).")
        elif low is not None and high is not None and low > high:
            errors["high"] = _("Giới hạn trên phải không nhỏ hơn giới hạn dưới.")
    if kind == QualityRuleKind.SHARE_SUM and not group.strip():
        errors["group"] = _(
            "Đặt tên nhóm cơ cấu (ví dụ: cơ cấu kinh tế); các chỉ số cùng tên nhóm phải "
            "cộng lại bằng 100."
        )
    if errors:
        raise ValidationError(errors)
    rule = QualityRule.objects.create(
        indicator=indicator,
        unit=unit,
        kind=kind,
        low=low if kind == QualityRuleKind.RANGE else None,
        high=high if kind == QualityRuleKind.RANGE else None,
        group=group.strip() if kind == QualityRuleKind.SHARE_SUM else "",
        note=note.strip(),
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    audit_log(
        acting_user=acting_user,
        action="quality_rule.create",
        obj=rule,
        unit=unit,
        changes={
            "indicator": [None, indicator.code],
            "kind": [None, kind],
            "low": [None, rule.low],
            "high": [None, rule.high],
            "group": [None, rule.group],
            "note": [None, rule.note],
        },
    )
    return rule


@transaction.atomic
def quality_rule_delete(*, acting_user, rule: QualityRule) -> None:
    """Drop a data-quality rule (figures already flagged keep their flag until saved again)."""
    require_manage(acting_user, rule.unit)
    audit_log(
        acting_user=acting_user,
        action="quality_rule.delete",
        obj=rule,
        unit=rule.unit,
        changes={"kind": [rule.kind, None], "indicator": [rule.indicator.code, None]},
    )
    rule.delete()
