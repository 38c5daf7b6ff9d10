"""Bulk exchange of figures keyed by natural codes: plan, unit, target and period.

Out: the accepted figures (or the reports' working copies) of a plan as JSON rows or CSV.
In: rows pushed by another system or a script, written into the units' **draft** reports
through :func:`nghiquyet.reporting.workflow.submission_save` — never into accepted figures:
those only change when the office accepts a report.

The import is

- **all or nothing**: one bad row and nothing is written; every bad row is reported with
  its number, field and a Vietnamese message;
- **idempotent**: an upsert by natural key; a row equal to the report changes nothing, and
  a payload equal to the reports writes nothing at all (no revision, no audit event);
- **dry-run capable**: the same checks and the same service calls, in a transaction that
  is rolled back; the answer says what would change.

Fields a row leaves out keep the report's content (JSON: a key not sent; CSV: a column not
there); a field sent empty (``null``, an empty cell) clears it.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from nghiquyet import engine
from nghiquyet.accounts.choices import Action
from nghiquyet.audit.services import audit_log
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.orgs.selectors import orgunit_list
from nghiquyet.plans.choices import Aggregation, TargetDirection
from nghiquyet.plans.models import Plan
from nghiquyet.plans.selectors import plan_get, plan_list
from nghiquyet.reporting import workflow
from nghiquyet.reporting.choices import EDITABLE_STATUSES, ValueStatus, status_aliases
from nghiquyet.reporting.models import Submission, SubmissionEntry
from nghiquyet.reporting.selectors.submissions import submission_list
from nghiquyet.reporting.selectors.values import value_list
from nghiquyet.tabular import fold

from .common import period_spec
from .errors import ApiError

FIGURES = ("value", "numerator", "denominator")
FIELDS = (*FIGURES, "status", "note")
NOTE_MAX = 4000
MAX_ROWS = 20000
#: Figures the database can hold (20 digits, 6 of them decimals).
NUMBER_LIMIT = workflow.NUMBER_LIMIT
SIX_PLACES = Decimal("0.000001")

#: CSV header spellings (compared with :func:`nghiquyet.tabular.fold`).
CSV_COLUMNS = {
    "plan_code": ("plan_code", "plan", "ma_van_ban", "van_ban", "nghi_quyet"),
    "unit_code": ("unit_code", "unit", "ma_don_vi", "don_vi"),
    "target_code": ("target_code", "target", "ma_chi_tieu", "chi_tieu", "stt"),
    "period": ("period", "period_key", "ky", "ma_ky", "ky_bao_cao"),
    "value": ("value", "gia_tri"),
    "numerator": ("numerator", "tu_so"),
    "denominator": ("denominator", "mau_so"),
    "status": ("status", "tinh_trang"),
    "note": ("note", "ghi_chu", "giai_trinh"),
}
EXPORT_COLUMNS = (
    "plan_code",
    "unit_code",
    "target_code",
    "period",
    "value",
    "numerator",
    "denominator",
    "status",
    "note",
    "source",
    "version",
    "submission_id",
    "submission_status",
)

_YES = {"1", "1.0", "true", "yes", "co", "dat", "achieved", "met"}
_NO = {"0", "0.0", "false", "no", "khong", "chua_dat", "khong_dat", "not_achieved", "not_met"}


@dataclass
class RowIn:
    """One row as sent: its number (1-based; a CSV's header is row 1) and the fields present."""

    number: int
    plan_code: str
    unit_code: str
    target_code: str
    period: str
    given: dict[str, object] = field(default_factory=dict)


class Problems:
    """Every bad row, collected before anything is refused."""

    def __init__(self) -> None:
        self.items: list[dict] = []

    def add(self, row: int | None, field_name: str | None, message: str) -> None:
        if row is not None and field_name:
            text = _("Dòng %(row)s, trường “%(field)s”: %(message)s.") % {
                "row": row,
                "field": field_name,
                "message": message,
            }
        elif row is not None:
            text = _("Dòng %(row)s: %(message)s.") % {"row": row, "message": message}
        else:
            text = message
        self.items.append({"field": field_name, "row": row, "message": text})

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ApiError(
                "validation_error",
                _("Chưa nhập được: %(n)s lỗi trong dữ liệu gửi lên; không có số liệu nào được ghi.")
                % {"n": len(self.items)},
                self.items,
            )


# --- reading the payload -----------------------------------------------------------------------


def rows_from_json(payload) -> list[RowIn]:
    """Rows of an :class:`~nghiquyet.api.schemas.ExchangeIn` payload."""
    rows = []
    for i, r in enumerate(payload.rows, start=1):
        given = {f: getattr(r, f) for f in FIELDS if f in r.model_fields_set}
        rows.append(
            RowIn(
                number=i,
                plan_code=(r.plan_code or payload.plan or "").strip(),
                unit_code=r.unit_code.strip(),
                target_code=r.target_code.strip(),
                period=(r.period or payload.period or "").strip(),
                given=given,
            )
        )
    return rows


def rows_from_csv(data: bytes, *, plan: str | None, period: str | None) -> list[RowIn]:
    """Rows of a CSV file: UTF-8 (with or without BOM), comma, semicolon or tab separated,
    a header row naming the columns (see :data:`CSV_COLUMNS`); unknown columns are ignored."""
    problems = Problems()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ApiError(
            "validation_error",
            _("Tệp CSV phải mã hóa UTF-8; hãy lưu lại dưới dạng “CSV UTF-8”."),
        ) from None
    if "\x00" in text:
        raise ApiError("validation_error", _("Nội dung gửi lên không phải tệp CSV."))
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    numbered = [(i, rec) for i, rec in enumerate(records, start=1) if any(c.strip() for c in rec)]
    if not numbered:
        raise ApiError("validation_error", _("Tệp CSV rỗng."))
    header_number, header = numbered[0]
    wanted = {fold(alias): name for name, aliases in CSV_COLUMNS.items() for alias in aliases}
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = wanted.get(fold(cell))
        if name is None:
            continue
        if name in index:
            problems.add(
                header_number,
                cell.strip(),
                _("cột này trùng với cột “%(other)s”") % {"other": header[index[name]].strip()},
            )
        index[name] = i
    for name in ("unit_code", "target_code"):
        if name not in index:
            problems.add(header_number, None, _("thiếu cột “%(name)s”") % {"name": name})
    if "plan_code" not in index and not plan:
        problems.add(
            header_number,
            None,
            _("thiếu cột “plan_code” (hoặc tham số plan cho mọi dòng)"),
        )
    if "period" not in index and not period:
        problems.add(
            header_number, None, _("thiếu cột “period” (hoặc tham số period cho mọi dòng)")
        )
    if not (set(index) & set(FIELDS)):
        problems.add(header_number, None, _("không có cột số liệu nào (value, numerator, …)"))
    problems.raise_if_any()
    rows = []
    for number, record in numbered[1:]:

        def cell(name: str, record=record) -> str:
            i = index.get(name)
            return record[i].strip() if i is not None and i < len(record) else ""

        rows.append(
            RowIn(
                number=number,
                plan_code=cell("plan_code") or (plan or "").strip(),
                unit_code=cell("unit_code"),
                target_code=cell("target_code"),
                period=cell("period") or (period or "").strip(),
                given={f: cell(f) for f in FIELDS if f in index},
            )
        )
    if not rows:
        raise ApiError(
            "validation_error", _("Tệp CSV có dòng tiêu đề nhưng không có dòng số liệu.")
        )
    return rows


# --- figures -----------------------------------------------------------------------------------


def figure_text(value: Decimal | None) -> str:
    """A figure as text that reads the same the Vietnamese and the English way.

    ``1.234`` would be one thousand two hundred and thirty-four in Vietnamese, so a
    figure with exactly three decimals and a short whole part gets a fourth zero.
    """
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    if re.fullmatch(r"[+-]?[1-9]\d{0,2}\.\d{3}", text):
        text += "0"
    return "0" if text in ("-0", "0") else text


def _reader(rows: list[RowIn]) -> engine.NumberReader:
    reader = engine.NumberReader()
    for r in rows:
        for f in FIGURES:
            raw = r.given.get(f)
            if isinstance(raw, str) and raw.strip():
                reader.observe(raw)
    return reader


def _decimal(raw, reader: engine.NumberReader) -> Decimal | None:
    """A figure sent as a JSON number or text; raises ValueError with a Vietnamese message."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError(_("phải là một số"))
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ValueError(_("phải là một số hữu hạn"))
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    else:
        try:
            value = Decimal(repr(reader.read(str(raw))))
        except (engine.NumberError, InvalidOperation):
            raise ValueError(_("“%(text)s” không phải là một số") % {"text": raw}) from None
    if not value.is_finite():
        raise ValueError(_("phải là một số hữu hạn"))
    if abs(value) >= NUMBER_LIMIT:
        raise ValueError(_("số quá lớn (tối đa 14 chữ số phần nguyên)"))
    return value.quantize(SIX_PLACES) if value.as_tuple().exponent < -6 else value


def _kind(entry: SubmissionEntry) -> str:
    target = entry.target
    if target.direction == TargetDirection.YES_NO:
        return "yes_no"
    if target.indicator_id and target.indicator.aggregation == Aggregation.RATIO:
        return "ratio"
    return "plain"


# --- import ------------------------------------------------------------------------------------


@dataclass
class _Planned:
    row: RowIn
    entry: SubmissionEntry
    new: dict  # value, numerator, denominator (Decimal|None), status, note
    changed: list[str]


def _resolve(user, rows: list[RowIn], problems: Problems) -> list[tuple[RowIn, SubmissionEntry]]:
    """Each row's report entry, found by (plan, target, unit, period) among visible reports."""
    plan_codes = {r.plan_code for r in rows if r.plan_code}
    plans = {p.code: p for p in plan_list(user=user).filter(code__in=plan_codes)}
    # A plan outside the user's scope does not exist for them: the whole request is 404.
    hidden = Problems()
    periods: set[str] = set()
    keys_ok: list[RowIn] = []
    for r in rows:
        bad = len(problems.items)
        if not r.plan_code:
            problems.add(r.number, "plan_code", _("thiếu mã văn bản"))
        elif r.plan_code not in plans:
            hidden.add(
                r.number,
                "plan_code",
                _("không tìm thấy văn bản “%(code)s”") % {"code": r.plan_code},
            )
        if not r.unit_code:
            problems.add(r.number, "unit_code", _("thiếu mã đơn vị"))
        if not r.target_code:
            problems.add(r.number, "target_code", _("thiếu mã chỉ tiêu"))
        if not r.period:
            problems.add(r.number, "period", _("thiếu mã kỳ"))
        else:
            try:
                r.period = period_spec(r.period).key
                periods.add(r.period)
            except ApiError:
                problems.add(
                    r.number,
                    "period",
                    _(
                        "mã kỳ “%(key)s” không hợp lệ (dạng 2022, 2022-H1, 2022-9M, 2022-Q3, "
                        "2022-M07)"
                    )
                    % {"key": r.period},
                )
        if len(problems.items) == bad and r.plan_code in plans:
            keys_ok.append(r)
    if hidden:
        raise ApiError(
            "not_found",
            _("Không tìm thấy văn bản, hoặc bạn không có quyền xem văn bản này."),
            hidden.items,
        )
    entries = (
        SubmissionEntry.objects.filter(
            submission__in=submission_list(user=user),
            target__plan__in=plans.values(),
            submission__round__period__key__in=periods,
        )
        .select_related(
            "target__plan",
            "target__indicator",
            "unit",
            "submission__unit",
            "submission__round__period",
        )
        .order_by("pk")
    )
    by_key = {
        (e.target.plan.code, e.target.code, e.unit.code, e.submission.round.period.key): e
        for e in entries
    }
    seen: dict[tuple, int] = {}
    found = []
    for r in keys_ok:
        key = (r.plan_code, r.target_code, r.unit_code, r.period)
        if key in seen:
            problems.add(
                r.number,
                None,
                _("trùng khóa với dòng %(row)s (cùng văn bản, đơn vị, chỉ tiêu, kỳ)")
                % {"row": seen[key]},
            )
            continue
        seen[key] = r.number
        entry = by_key.get(key)
        if entry is None:
            problems.add(r.number, None, _not_found_text(plans[r.plan_code], r))
            continue
        found.append((r, entry))
    return found


def _not_found_text(plan: Plan, r: RowIn) -> str:
    if not plan.targets.filter(code=r.target_code).exists():
        return _("văn bản %(plan)s không có chỉ tiêu “%(code)s”") % {
            "plan": plan.code,
            "code": r.target_code,
        }
    if not OrgUnit.objects.filter(code=r.unit_code).exists():
        return _("không có đơn vị mã “%(code)s”") % {"code": r.unit_code}
    return _(
        "không có báo cáo kỳ %(period)s nào chứa chỉ tiêu %(target)s của đơn vị %(unit)s mà bạn "
        "xem được (chưa mở đợt báo cáo kỳ này, hoặc đơn vị không báo cáo chỉ tiêu này)"
    ) % {"period": r.period, "target": r.target_code, "unit": r.unit_code}


def _plan_row(row: RowIn, entry: SubmissionEntry, reader, statuses, problems: Problems):
    """The entry's new content from the row (fields not sent keep the entry's), or None."""
    bad = len(problems.items)
    kind = _kind(entry)
    given = row.given
    parsed: dict[str, Decimal | None] = {}
    for f in FIGURES:
        if f not in given:
            continue
        raw = given[f]
        if kind == "yes_no" and f == "value":
            text = fold(str(raw)) if raw is not None else ""
            if isinstance(raw, bool):
                text = "1" if raw else "0"
            if not text:
                parsed[f] = None
            elif text in _YES:
                parsed[f] = Decimal(1)
            elif text in _NO:
                parsed[f] = Decimal(0)
            else:
                problems.add(
                    row.number, f, _("chỉ tiêu đạt/không đạt: gửi 1 (đạt) hoặc 0 (chưa đạt)")
                )
            continue
        try:
            parsed[f] = _decimal(raw, reader)
        except ValueError as exc:
            problems.add(row.number, f, str(exc))
    if kind != "ratio":
        for f in ("numerator", "denominator"):
            if parsed.get(f) is not None:
                problems.add(
                    row.number, f, _("chỉ tiêu này không nhập tử số, mẫu số; hãy để trống")
                )
    new = {
        "value": entry.value,
        "numerator": entry.numerator,
        "denominator": entry.denominator,
        "status": entry.status,
        "note": entry.note,
    }
    if "status" in given:
        raw = given["status"]
        if raw is None or not str(raw).strip():
            new["status"] = ValueStatus.ESTIMATE
        elif (key := statuses.get(fold(str(raw)))) is None:
            problems.add(
                row.number,
                "status",
                _(
                    "“%(text)s” không phải tình trạng số liệu; dùng estimate, preliminary "
                    "hoặc official"
                )
                % {"text": raw},
            )
        else:
            new["status"] = key
    if "note" in given:
        note = str(given["note"] or "").strip()
        if len(note) > NOTE_MAX:
            problems.add(row.number, "note", _("ghi chú dài tối đa %(n)s ký tự") % {"n": NOTE_MAX})
        new["note"] = note
    if len(problems.items) > bad:
        return None
    new.update(parsed)
    if kind == "ratio" and parsed:
        num, den = new["numerator"], new["denominator"]
        if (num is None) != (den is None):
            problems.add(
                row.number,
                "denominator" if den is None else "numerator",
                _("phải có cả tử số và mẫu số, hoặc bỏ trống cả hai"),
            )
            return None
        if parsed.get("value") is None:
            # The value follows its parts (the service computes it the same way).
            if den is None:
                new["value"] = None
            elif den == 0:
                problems.add(row.number, "denominator", _("mẫu số phải khác 0"))
                return None
            else:
                factor = entry.target.indicator.ratio_factor
                new["value"] = (num / den * factor).quantize(SIX_PLACES)
    return new


def _same(a, b) -> bool:
    return a == b if not (a is None or b is None) else a is b


def _send(new: dict, kind: str, value_given: bool) -> dict[str, str]:
    """What :func:`workflow.submission_save` expects: texts of every field."""
    out = {f: figure_text(new[f]) for f in FIGURES}
    if kind == "yes_no":
        out["value"] = "" if new["value"] is None else ("1" if new["value"] else "0")
    if kind == "ratio" and new["denominator"] is not None and not value_given:
        out["value"] = ""  # computed from the parts by the service
    out["status"] = new["status"]
    out["note"] = new["note"]
    return out


class _DryRun(Exception):
    pass


def import_rows(*, user, rows: list[RowIn], dry_run: bool, source: str) -> dict:
    """Put ``rows`` into the units' draft reports: all or nothing (see the module docstring).

    Refusals: :class:`ApiError` ``forbidden`` (a report the user may see but not fill in),
    ``invalid_state`` (a report no longer editable), ``validation_error`` (every bad row).
    """
    if not rows:
        raise ApiError("validation_error", _("Không có dòng số liệu nào."))
    if len(rows) > MAX_ROWS:
        raise ApiError(
            "validation_error",
            _("Tối đa %(n)s dòng một lần gửi; hãy chia nhỏ.") % {"n": MAX_ROWS},
        )
    problems = Problems()
    found = _resolve(user, rows, problems)

    scope = scope_for(user)
    submissions = {e.submission_id: e.submission for _r, e in found}
    forbidden = [s for s in submissions.values() if not scope.allows(Action.REPORT, s.unit)]
    if forbidden:
        names = ", ".join(sorted({s.unit.name for s in forbidden}))
        raise ApiError(
            "forbidden",
            _("Bạn không có quyền nhập số liệu cho báo cáo của: %(units)s.") % {"units": names},
        )
    locked = [s for s in submissions.values() if s.status not in EDITABLE_STATUSES]
    if locked:
        raise ApiError(
            "invalid_state",
            _(
                "Không nhập được vào báo cáo đã gửi đi: %(list)s. Chỉ báo cáo đang nhập hoặc bị "
                "trả lại mới nhận số liệu; số liệu đã tiếp nhận chỉ đổi khi văn phòng mở lại "
                "báo cáo."
            )
            % {
                "list": "; ".join(
                    f"{s.unit.name} — {s.round.period.label} ({s.get_status_display()})"
                    for s in locked
                )
            },
        )

    reader = _reader(rows)
    statuses = status_aliases()
    planned: list[_Planned] = []
    for r, entry in found:
        new = _plan_row(r, entry, reader, statuses, problems)
        if new is None:
            continue
        changed = [f for f in FIELDS if not _same(getattr(entry, f), new[f])]
        planned.append(_Planned(r, entry, new, changed))
    problems.raise_if_any()

    by_submission: dict[int, list[_Planned]] = defaultdict(list)
    for p in planned:
        if p.changed:
            by_submission[p.entry.submission_id].append(p)
    try:
        with transaction.atomic():
            for pk, items in by_submission.items():
                _save(user, submissions[pk], items, problems, source)
            problems.raise_if_any()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass

    changes = [
        {
            "row": p.row.number,
            "plan_code": p.row.plan_code,
            "unit_code": p.entry.unit.code,
            "target_code": p.entry.target.code,
            "period": p.row.period,
            "field": f,
            "old": _json(getattr(p.entry, f)),
            "new": _json(p.new[f]),
        }
        for p in planned
        for f in p.changed
    ]
    changed_rows = sum(1 for p in planned if p.changed)
    if dry_run:
        message = _(
            "Chạy thử: %(changed)s dòng sẽ thay đổi, %(same)s dòng giữ nguyên; chưa ghi gì."
        ) % {"changed": changed_rows, "same": len(planned) - changed_rows}
    elif changed_rows:
        message = _("Đã nhập %(changed)s dòng vào báo cáo; %(same)s dòng không đổi.") % {
            "changed": changed_rows,
            "same": len(planned) - changed_rows,
        }
    else:
        message = _("Số liệu gửi lên trùng với báo cáo; không có gì thay đổi.")
    fresh = {
        s.pk: s
        for s in Submission.objects.filter(pk__in=list(submissions)).select_related(
            "unit", "round__period"
        )
    }
    return {
        "dry_run": dry_run,
        "rows": len(rows),
        "changed": changed_rows,
        "unchanged": len(planned) - changed_rows,
        "message": message,
        "submissions": [
            {
                "id": s.pk,
                "unit_code": s.unit.code,
                "period": s.round.period.key,
                "status": s.status,
                "revision": s.revision,
                "changed": len(by_submission.get(s.pk, [])),
            }
            for s in sorted(fresh.values(), key=lambda s: (s.unit.code, s.pk))
        ],
        "changes": changes,
    }


def _save(user, submission: Submission, items: list[_Planned], problems: Problems, source: str):
    rows = {
        p.entry.pk: _send(p.new, _kind(p.entry), p.row.given.get("value") not in (None, ""))
        for p in items
    }
    by_entry = {p.entry.pk: p for p in items}
    try:
        with transaction.atomic():
            saved = workflow.submission_save(
                acting_user=user,
                submission=submission,
                revision=submission.revision,
                rows=rows,
            )
    except workflow.SubmissionInvalid as exc:
        for problem in exc.problems:
            item = by_entry.get(problem.entry_id)
            message = problem.message
            if item is not None:
                target = item.entry.target
                message = message.removeprefix(f"{target.code}. {target.name}: ")
            problems.add(item.row.number if item else None, problem.field, message.rstrip("."))
        return
    if saved.revision != submission.revision:
        audit_log(
            acting_user=user,
            action="submission.api_import",
            obj=saved,
            unit=saved.unit,
            changes={"figures": [None, len(items)], "format": [None, source]},
        )


def _json(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


# --- export ------------------------------------------------------------------------------------


def export_rows(
    *,
    user,
    plan_code: str,
    period: str | None,
    unit: str | None,
    under: str | None,
    source: str,
) -> list[dict]:
    """Rows of a plan's figures keyed like the import: ``accepted`` figures of the plan's
    targets for the units under ``under`` (default: the plan's unit and its subtree), or the
    ``submissions``' working copies. Only what the user may see."""
    plan = plan_get(user=user, code=plan_code)
    period_key = period_spec(period).key if period else None
    root = plan.unit
    if under:
        root = orgunit_list(user=user).filter(code=under).first()
        if root is None:
            return []
    targets = list(
        plan.targets.filter(is_composite=False, indicator__isnull=False).order_by("order", "pk")
    )
    rows: list[dict] = []
    if source == "submissions":
        entries = (
            SubmissionEntry.objects.filter(
                submission__in=submission_list(user=user),
                target__in=targets,
                unit__path__startswith=root.path,
            )
            .select_related("target", "unit", "submission__round__period")
            .order_by("submission__round__period__end_date", "unit__code", "order", "pk")
        )
        if period_key:
            entries = entries.filter(submission__round__period__key=period_key)
        if unit:
            entries = entries.filter(unit__code=unit)
        for e in entries:
            rows.append(
                _export_row(plan, e.unit.code, e.target.code, e.submission.round.period.key, e)
                | {
                    "source": "submission",
                    "version": e.submission.version,
                    "submission_id": e.submission_id,
                    "submission_status": e.submission.status,
                }
            )
        return rows
    by_indicator: dict[int, list] = defaultdict(list)
    for t in targets:
        by_indicator[t.indicator_id].append(t)
    values = (
        value_list(user=user)
        .filter(indicator_id__in=list(by_indicator), unit__path__startswith=root.path)
        .order_by("period__end_date", "period__kind", "unit__path", "indicator_id")
    )
    if period_key:
        values = values.filter(period__key=period_key)
    if unit:
        values = values.filter(unit__code=unit)
    for v in values:
        for t in by_indicator[v.indicator_id]:
            rows.append(
                _export_row(plan, v.unit.code, t.code, v.period.key, v)
                | {
                    "source": "accepted",
                    "version": v.version,
                    "submission_id": None,
                    "submission_status": None,
                }
            )
    return rows


def _export_row(plan: Plan, unit_code: str, target_code: str, period: str, obj) -> dict:
    return {
        "plan_code": plan.code,
        "unit_code": unit_code,
        "target_code": target_code,
        "period": period,
        "value": obj.value,
        "numerator": obj.numerator,
        "denominator": obj.denominator,
        "status": obj.status,
        "note": obj.note,
    }


def rows_to_csv(rows: list[dict]) -> str:
    """CSV with a BOM (so that Excel reads UTF-8), numbers with a dot and never ambiguous."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for r in rows:
        line = []
        for c in EXPORT_COLUMNS:
            v = r.get(c)
            if c in FIGURES:
                line.append(figure_text(v))
            else:
                line.append("" if v is None else str(v))
        writer.writerow(line)
    return out.getvalue()
