"""Importing rows into the units' **draft** reports, through
:func:`nghiquyet.reporting.workflow.submission_save` — never into accepted figures: those only
change when the office accepts a report.

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

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nghiquyet.audit.services import audit_log, audit_operation
from nghiquyet.orgs.scopes import SYSTEM
from nghiquyet.orgs.selectors import orgunit_codes_resolve
from nghiquyet.plans.display import figure_text
from nghiquyet.plans.models import Plan
from nghiquyet.plans.selectors import plan_list
from nghiquyet.reporting import workflow
from nghiquyet.reporting.models import Submission, SubmissionEntry
from nghiquyet.reporting.selectors.submissions import submission_edit_require, submission_list

from ..common import period_spec
from ..errors import ApiError
from .parse import entry_from_row, entry_kind, number_reader
from .rows import FIELDS, FIGURES, Problems, RowIn

MAX_ROWS = 20000


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
    official = _official_codes(user, keys_ok)
    seen: dict[tuple, int] = {}
    found = []
    for r in keys_ok:
        code = official.get((r.unit_code, r.period), r.unit_code)
        key = (r.plan_code, r.target_code, code, r.period)
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


def _official_codes(user, rows: list[RowIn]) -> dict[tuple[str, str], str]:
    """(code as sent, period) → the unit's current code: a code may be the one the unit had in
    that period, or another source's code kept as an alias (orgunit_codes_resolve)."""
    by_period: dict[str, set[str]] = {}
    for r in rows:
        by_period.setdefault(r.period, set()).add(r.unit_code)
    out = {}
    for key, codes in by_period.items():
        year, month = period_spec(key).last_month
        day = dt.date(year, month, calendar.monthrange(year, month)[1])
        for code, unit in orgunit_codes_resolve(user=user, codes=codes, day=day).items():
            out[(code, key)] = unit.code
    return out


def _not_found_text(plan: Plan, r: RowIn) -> str:
    if not plan.targets.filter(code=r.target_code).exists():
        return _("văn bản %(plan)s không có chỉ tiêu “%(code)s”") % {
            "plan": plan.code,
            "code": r.target_code,
        }
    if not orgunit_codes_resolve(user=SYSTEM, codes=[r.unit_code]):
        return _("không có đơn vị mã “%(code)s”") % {"code": r.unit_code}
    return _(
        "không có báo cáo kỳ %(period)s nào chứa chỉ tiêu %(target)s của đơn vị %(unit)s mà bạn "
        "xem được (chưa mở đợt báo cáo kỳ này, hoặc đơn vị không báo cáo chỉ tiêu này)"
    ) % {"period": r.period, "target": r.target_code, "unit": r.unit_code}


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
    if kind != "yes_no":
        out["value_text"] = new["value_text"]  # as the row wrote it, read here already
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

    submissions = {e.submission_id: e.submission for _r, e in found}
    forbidden, locked = [], []
    for s in submissions.values():
        try:
            submission_edit_require(user=user, submission=s)
        except PermissionDenied:
            forbidden.append(s.unit.name)
        except ValidationError as exc:
            locked.extend(exc.messages)
    if forbidden:
        raise ApiError(
            "forbidden",
            _("Bạn không có quyền nhập số liệu cho báo cáo của: %(units)s.")
            % {"units": ", ".join(sorted(set(forbidden)))},
        )
    if locked:
        raise ApiError("invalid_state", " ".join(locked))

    reader = number_reader(rows)
    planned: list[_Planned] = []
    for r, entry in found:
        new = entry_from_row(r, entry, reader, problems)
        if new is None:
            continue
        changed = [f for f in FIELDS if not _same(getattr(entry, f), new[f])]
        if "value" not in changed and entry.value_text != new["value_text"]:
            changed.insert(0, "value")  # the same number, written otherwise ("khoảng 22.710")
        planned.append(_Planned(r, entry, new, changed))
    problems.raise_if_any()

    by_submission: dict[int, list[_Planned]] = defaultdict(list)
    for p in planned:
        if p.changed:
            by_submission[p.entry.submission_id].append(p)
    try:
        with transaction.atomic(), audit_operation():
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
        p.entry.pk: _send(p.new, entry_kind(p.entry), p.row.given.get("value") not in (None, ""))
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
