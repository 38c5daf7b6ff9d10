"""The checks across a resolution sheet's rows: duplicate numbers, composites, indicators,
lead units and partners within the user's scope. Run by :func:`.read.read_plan`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.plans.choices import (
    PlanKind,
    TargetChange,
    TargetDirection,
)
from nghiquyet.plans.display import number
from nghiquyet.plans.models import Indicator

from .parse import (
    SLUG,
    Cells,
)
from .spec import target_fields

if TYPE_CHECKING:
    from .read import TargetRow, TaskRow


def cross_check(sheet: Cells, meta: dict, targets: list[TargetRow], tasks: list[TaskRow]):
    cols = sheet.columns_targets
    fields = {f.name: f for f in target_fields()}
    by_code: dict[str, TargetRow] = {}
    for t in targets:
        if t.code in by_code:
            sheet.bad(
                t.row,
                cols.get("code"),
                fields["code"].label,
                _("STT “%(code)s” trùng với chỉ tiêu ở dòng %(row)s")
                % {"code": t.code, "row": by_code[t.code].row},
            )
        else:
            by_code[t.code] = t
    composites = {t.composite for t in targets if t.composite}
    for t in targets:
        label = f"{t.code}. {t.name}"

        def what(key: str, label=label) -> str:
            return f"{fields[key].label} — {label}"

        if t.composite:
            parent = by_code.get(t.composite)
            if parent is None:
                sheet.bad(
                    t.row,
                    cols.get("composite"),
                    what("composite"),
                    _("không có chỉ tiêu STT “%(code)s” trong phần chỉ tiêu")
                    % {"code": t.composite},
                )
            elif parent is t:
                sheet.bad(
                    t.row,
                    cols.get("composite"),
                    what("composite"),
                    _("chỉ tiêu không thể thuộc chính nó"),
                )
            elif parent.composite:
                sheet.bad(
                    t.row,
                    cols.get("composite"),
                    what("composite"),
                    _(
                        "chỉ tiêu “%(code)s” đã là thành phần của chỉ tiêu khác, không thể là "
                        "chỉ tiêu tổng hợp"
                    )
                    % {"code": t.composite},
                )
        if t.code in composites:
            for key in ("value", "high", "tolerance"):
                if key in t.figures_given:
                    sheet.bad(
                        t.row,
                        cols.get(key),
                        what(key),
                        _(
                            "chỉ tiêu tổng hợp được đánh giá qua các chỉ tiêu thành phần; để "
                            "trống ô này"
                        ),
                    )
            if t.indicator_code:
                sheet.bad(
                    t.row,
                    cols.get("indicator"),
                    what("indicator"),
                    _("chỉ tiêu tổng hợp không gắn với chỉ số; để trống ô này"),
                )
            continue
        if (
            t.direction != TargetDirection.YES_NO
            and t.value is None
            and "value" not in t.figures_given
        ):
            sheet.bad(
                t.row,
                cols.get("value"),
                what("value"),
                _("chưa ghi kế hoạch (bắt buộc, trừ chỉ tiêu “đạt” và chỉ tiêu tổng hợp)"),
            )
        if t.value is not None and t.high is not None and t.high < t.value:
            sheet.bad(
                t.row,
                cols.get("high"),
                what("high"),
                _("cận trên %(high)s nhỏ hơn kế hoạch %(low)s")
                % {"high": number(t.high, 6), "low": number(t.value, 6)},
            )
        if t.change != TargetChange.NONE and t.direction == TargetDirection.LOWER:
            sheet.bad(
                t.row,
                cols.get("direction"),
                what("direction"),
                _(
                    "chỉ tiêu so sánh với cùng kỳ (%(change)s) ghi chiều “tăng” (mức tăng, mức "
                    "giảm càng nhiều càng tốt) hoặc để trống"
                )
                % {"change": sheet.text(t.row, cols.get("change"))},
            )
        if t.indicator_code:
            if not SLUG.match(t.indicator_code) or len(t.indicator_code) > 64:
                sheet.bad(
                    t.row,
                    cols.get("indicator"),
                    what("indicator"),
                    _(
                        "mã chỉ số “%(code)s” không hợp lệ: chỉ dùng chữ không dấu, số, dấu "
                        "gạch ngang"
                    )
                    % {"code": t.indicator_code},
                )
            else:
                t.indicator = Indicator.objects.filter(code=t.indicator_code).first()
                if t.indicator is not None and t.uom and t.uom != t.indicator.unit_of_measure:
                    sheet.bad(
                        t.row,
                        cols.get("uom"),
                        what("uom"),
                        _("chỉ số “%(code)s” có đơn vị tính “%(uom)s”, khác “%(given)s”")
                        % {
                            "code": t.indicator_code,
                            "uom": t.indicator.unit_of_measure,
                            "given": t.uom,
                        },
                    )
    task_cols = sheet.columns_tasks
    seen: dict[str, int] = {}
    for task in tasks:
        if task.code in seen:
            sheet.bad(
                task.row,
                task_cols.get("code"),
                _("STT"),
                _("STT “%(code)s” trùng với nhiệm vụ ở dòng %(row)s")
                % {"code": task.code, "row": seen[task.code]},
            )
        else:
            seen[task.code] = task.row
    unit = meta.get("unit")
    if isinstance(unit, OrgUnit) and not sheet.scope.allows(Action.MANAGE, unit):
        r, c = meta["rows"]["unit"]
        sheet.bad(
            r,
            c,
            _("Mã đơn vị ban hành"),
            _(
                "bạn không phải văn phòng quản lý %(unit)s nên không nhập được văn bản của đơn vị "
                "này"
            )
            % {"unit": unit.name},
        )
    kind, span = meta.get("kind"), meta.get("span")
    if kind and span and "span" in meta["rows"]:
        r, c = meta["rows"]["span"]
        if kind == PlanKind.TERM_RESOLUTION and span[1] is None:
            sheet.bad(
                r, c, _("Năm hoặc nhiệm kỳ"), _("Nghị quyết Đại hội ghi nhiệm kỳ, ví dụ 2025–2030")
            )
        if kind == PlanKind.ANNUAL_RESOLUTION and span[1] is not None:
            sheet.bad(r, c, _("Năm hoặc nhiệm kỳ"), _("nghị quyết năm ghi một năm, ví dụ 2026"))
