"""The data-quality check of a report's figures: one function for the grid, the Excel
template and the API (all save through ``reporting.workflow``).

Rules come from two places:

- the offices' rules (:class:`~nghiquyet.plans.models.QualityRule`), set per indicator for a
  unit's subtree: a range, a whole number, a cumulative figure never below the previous
  period, numerator ≤ denominator, a share group adding up to 100;
- rules every figure has without anyone setting them: its unit's own history (min–max of
  the same kind of period, or of whole years: ``engine.quality.history_band``), numerator
  ≤ denominator for a ratio in percent (a coverage rate cannot pass 100 %), and whole
  numbers for counts (units of measure in ``plans.choices.COUNT_UNITS``).

Each broken rule gives a sentence with the figure, the reference and how it was computed;
the sentences are kept on the entry (``SubmissionEntry.quality``) and the entry must be
corrected or explained in its note before the report is sent.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from nghiquyet.engine import progress
from nghiquyet.engine import quality as q
from nghiquyet.plans.choices import COUNT_UNITS, Aggregation, IndicatorNature, QualityRuleKind
from nghiquyet.plans.display import number
from nghiquyet.plans.models import QualityRule

from .models import SubmissionEntry, Value

#: Past figures of the same kind of period that make a unit's history.
HISTORY_PERIODS = 5


def entry_quality(entries: list[SubmissionEntry]) -> dict[int, list[str]]:
    """The sentences of every rule each entry's figure breaks (an empty list when none).

    ``entries`` are the entries of one submission, with their new figures (saved or not).
    """
    if not entries:
        return {}
    period = entries[0].submission.round.period
    indicators = {e.target.indicator_id for e in entries}
    units = {e.unit_id for e in entries}
    rules = _rules(indicators)
    same_kind = _history(indicators, units, period, period.kind)
    years = _history(indicators, units, period, "year") if period.kind != "year" else {}
    previous = _previous(indicators, units, period)
    out: dict[int, list[str]] = {e.pk: [] for e in entries}
    groups: dict[tuple[int, str], list[SubmissionEntry]] = defaultdict(list)

    for e in entries:
        indicator = e.target.indicator
        own = [r for r in rules.get(indicator.pk, []) if e.unit.path.startswith(r.unit.path)]
        kinds = {r.kind for r in own}
        for rule in own:
            if rule.kind == QualityRuleKind.SHARE_SUM:
                groups[(rule.unit_id, rule.group)].append(e)
        if e.value is None:
            continue
        value = float(e.value)
        says = out[e.pk]
        percent_ratio = indicator.aggregation == Aggregation.RATIO and indicator.ratio_factor == 100
        if (QualityRuleKind.NUMERATOR_LE_DENOMINATOR in kinds or percent_ratio) and _num_above_den(
            e
        ):
            says.append(
                _(
                    "tử số (%(num)s) lớn hơn mẫu số (%(den)s): tỷ lệ %(rate)s vượt quá toàn bộ; "
                    "kiểm tra lại hai số."
                )
                % {
                    "num": number(e.numerator, 6),
                    "den": number(e.denominator, 6),
                    "rate": f"{number(e.value, 2)} {e.target.unit_of_measure}".strip(),
                }
            )
        for rule in own:
            if rule.kind == QualityRuleKind.RANGE and q.outside(value, _f(rule.low), _f(rule.high)):
                says.append(_range_sentence(e, rule))
        whole_rule = QualityRuleKind.WHOLE_NUMBER in kinds
        counted = (indicator.unit_of_measure or "").strip().lower() in COUNT_UNITS
        if (whole_rule or (counted and indicator.aggregation != Aggregation.RATIO)) and (
            not q.is_whole(value)
        ):
            says.append(
                _("%(value)s %(uom)s không phải là số nguyên: số đếm phải là số nguyên.")
                % {"value": number(e.value, 6), "uom": indicator.unit_of_measure}
            )
        if QualityRuleKind.NOT_BELOW_PREVIOUS in kinds:
            prior = previous.get((indicator.pk, e.unit_id))
            if prior is not None and value < float(prior.value):
                says.append(
                    _(
                        "số lũy kế %(value)s thấp hơn kỳ trước (%(prev)s, %(period)s): số lũy "
                        "kế không giảm."
                    )
                    % {
                        "value": number(e.value, 6),
                        "prev": number(prior.value, 6),
                        "period": prior.period.label,
                    }
                )
        band = q.history_band(
            same_kind.get((indicator.pk, e.unit_id), []),
            years.get((indicator.pk, e.unit_id), []),
            part_of_year=indicator.nature == IndicatorNature.FLOW
            and progress.period_share(period.kind, period.spec.months) < 1,
            percent=e.target.unit_of_measure == "%",
        )
        if band is not None and not band.holds(value):
            says.append(_history_sentence(e, band, period))

    for (_unit, group), members in groups.items():
        values = [float(m.value) for m in members if m.value is not None]
        if len(values) < len(members) or len(members) < 2:
            continue  # checked once every share of the group is in
        if not q.sums_to(values, 100.0, 0.5):
            total = number(sum(Decimal(m.value) for m in members), 2)
            for m in members:
                out[m.pk].append(
                    _("nhóm cơ cấu “%(group)s” (%(names)s) cộng lại %(total)s, phải bằng 100.")
                    % {
                        "group": group,
                        "names": ", ".join(x.target.code for x in members),
                        "total": total,
                    }
                )
    return out


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _num_above_den(e: SubmissionEntry) -> bool:
    return e.numerator is not None and e.denominator is not None and e.numerator > e.denominator


def _range_sentence(e: SubmissionEntry, rule: QualityRule) -> str:
    facts = {
        "value": number(e.value, 6),
        "low": number(rule.low, 6),
        "high": number(rule.high, 6),
        "unit": rule.unit.name,
    }
    if rule.low is not None and rule.high is not None:
        text = _("%(value)s nằm ngoài khoảng %(low)s – %(high)s (quy tắc của %(unit)s).") % facts
    elif rule.low is not None:
        text = _("%(value)s thấp hơn %(low)s (quy tắc của %(unit)s).") % facts
    else:
        text = _("%(value)s cao hơn %(high)s (quy tắc của %(unit)s).") % facts
    return f"{text} {rule.note}".strip()


def _history_sentence(e: SubmissionEntry, band: q.Band, period) -> str:
    facts = {
        "value": number(e.value, 6),
        "low": number(band.low, 2) if band.low is not None else "…",
        "high": number(band.high, 2) if band.high is not None else "…",
        "ref": number(band.reference, 2),
        "history": "; ".join(number(v, 2) for v in band.history),
        "n": len(band.history),
    }
    if band.method == q.SAME_KIND:
        how = _(
            "tính từ %(n)s kỳ cùng loại gần nhất của đơn vị (%(history)s; trung vị %(ref)s): "
            "từ số nhỏ nhất đến số lớn nhất, nới thêm một nửa trung vị"
        )
        if e.target.unit_of_measure == "%":
            how = _(
                "tính từ %(n)s kỳ cùng loại gần nhất của đơn vị (%(history)s): từ số nhỏ nhất "
                "đến số lớn nhất, nới thêm 20 điểm phần trăm"
            )
    elif band.method == q.YEAR_PART:
        how = _(
            "chưa có kỳ cùng loại; tính từ số cả năm của đơn vị (%(history)s): số của một phần "
            "năm từ 0 đến 1,5 lần số cả năm lớn nhất"
        )
    else:
        how = _(
            "chưa có kỳ cùng loại; tính từ số cả năm của đơn vị (%(history)s; trung vị "
            "%(ref)s), nới thêm một nửa trung vị"
        )
    return _(
        "khác xa các kỳ trước: %(value)s nằm ngoài khoảng hợp lý %(low)s – %(high)s (%(how)s)."
    ) % {**facts, "how": how % facts}


def _rules(indicators: set[int]) -> dict[int, list[QualityRule]]:
    found: dict[int, list[QualityRule]] = defaultdict(list)
    for rule in QualityRule.objects.filter(indicator_id__in=indicators).select_related("unit"):
        found[rule.indicator_id].append(rule)
    return found


def _history(indicators, units, period, kind: str) -> dict[tuple[int, int], list[float]]:
    """The unit's accepted figures of ``kind`` before ``period``, newest first."""
    found: dict[tuple[int, int], list[float]] = {}
    rows = (
        Value.objects.current()
        .filter(
            period__kind=kind,
            period__end_date__lt=period.end_date,
            indicator_id__in=indicators,
            unit_id__in=units,
        )
        .order_by("-period__end_date")
        .values_list("indicator_id", "unit_id", "value")
    )
    for indicator_id, unit_id, value in rows:
        bucket = found.setdefault((indicator_id, unit_id), [])
        if len(bucket) < HISTORY_PERIODS:
            bucket.append(float(value))
    return found


def _previous(indicators, units, period) -> dict[tuple[int, int], Value]:
    """The latest accepted figure of an earlier period, of any kind."""
    found: dict[tuple[int, int], Value] = {}
    rows = (
        Value.objects.current()
        .filter(
            period__end_date__lt=period.end_date,
            indicator_id__in=indicators,
            unit_id__in=units,
        )
        .select_related("period")
        .order_by("-period__end_date", "period__kind")
    )
    for v in rows:
        found.setdefault((v.indicator_id, v.unit_id), v)
    return found
