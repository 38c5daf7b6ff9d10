"""One sentence per evaluated target, written the way review reports write it.

A review says each target's result in a sentence whose shape follows the target's form
(the forms of DESIGN.md §3), as published reports do (the sources are cited in
``tests/documents/test_sentences.py``):

- a **growth rate** says what grew: "giá trị sản xuất công nghiệp tăng 10,8% (kế hoạch
  tăng 10%)", and a negative one what fell: "tổng mức bán lẻ … giảm 2,52% (kế hoạch tăng
  9%)"; a target named by its rate reads "tốc độ tăng trưởng GRDP đạt 7,35% (kế hoạch 7 –
  7,5%)". A growth rate is not compared with last year's growth rate;
- **lower is better**: "tỷ lệ hộ nghèo giảm còn 2,1% (kế hoạch dưới 2,25%)";
- a **count** of things: "có 103 xã đạt chuẩn nông thôn mới (kế hoạch 100 xã)";
- an **amount**: "thu ngân sách nhà nước đạt 6.388,3 tỷ đồng, bằng 109,58% kế hoạch, tăng
  13,99% so với cùng kỳ"; part-way through the year, against the whole year's plan
  ("bằng 48,67% kế hoạch năm");
- a **rate** (%) against last year in percentage points: "tăng 0,6 điểm phần trăm so với
  cùng kỳ";
- a **change against last year**: "số vụ tai nạn giao thông: 120 vụ, giảm 7,69% so với cùng
  kỳ (kế hoạch giảm 5 – 10%)";
- a **total over the term** part-way through it: "kim ngạch xuất khẩu 5 năm: sau 3 năm
  (2021–2023) đạt 4.900 triệu USD, bằng 61,25% chỉ tiêu cả nhiệm kỳ, đúng tiến độ";
- an **average over the term**: "tăng trưởng GRDP bình quân 2021–2023 đạt 5,4%/năm
  (kế hoạch bình quân 7%/năm)";
- a **level due at the end of the term**, written before then, with the year of its figure:
  "GRDP bình quân đầu người năm 2023 đạt 66,2 triệu đồng (chỉ tiêu năm 2025: 85 triệu đồng)";
- **yes/no**: "quy hoạch tỉnh: đạt".

No sentence stacks parentheses or prints "≤": a plan figure reads "dưới 2,25%", "khoảng
30%", "tăng 10%". Documents are always in Vietnamese.
"""

from __future__ import annotations

import re

from nghiquyet.engine import progress
from nghiquyet.plans import display
from nghiquyet.plans.choices import TargetChange, TargetDirection, Temporal
from nghiquyet.reporting.selectors.evaluation import TargetResult
from nghiquyet.reporting.selectors.missing import target_no_data_reason

#: How a target whose figure is a growth rate is named by its rate (one home: plans.display).
_RATE_NAMES = display.RATE_NAMES
#: Is the target's figure a growth rate? (documents.check reads it from here too.)
is_growth_rate = display.is_growth_rate
#: A share of a whole ("tỷ trọng nông nghiệp trong GRDP") "chiếm", not "đạt".
_SHARE_NAMES = ("tỷ trọng ", "cơ cấu ")
#: How the pace of a term's total is said.
#: A change of a rate, in prose ("giảm 0,7 điểm phần trăm"): never the sign "điểm %".
POINTS = "điểm phần trăm"
PACE_WORDS = {
    progress.ON_PACE: "đúng tiến độ",
    progress.BEHIND: "chậm so với tiến độ",
    progress.OUT_OF_REACH: "khó có thể đạt đến cuối nhiệm kỳ",
}


def lower_first(text: str) -> str:
    """Lower the first letter for use inside a sentence, but not an acronym's ("GRDP")."""
    if not text or (len(text) > 1 and text[1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def _named_by_rate(target) -> bool:
    return target.name.lower().startswith(_RATE_NAMES)


def _growth_subject(target) -> str:
    """What grows: "GRDP" for "Tốc độ tăng trưởng GRDP"."""
    name = target.name
    for prefix in _RATE_NAMES:
        if name.lower().startswith(prefix):
            return name[len(prefix) :]
    return lower_first(name)


def _counted_noun(target) -> str:
    """The unit a count is made of when the target names it first ("xã" for "Xã đạt chuẩn
    nông thôn mới" in "xã"), else ""."""
    uom = target.unit_of_measure.strip().lower()
    if not uom or uom == "%" or any(ch.isdigit() for ch in uom) or target.decimals:
        return ""
    name = target.name.lower().removeprefix("số ")
    return uom if name == uom or name.startswith(uom + " ") else ""


def _figure(value: float, target, *, uom: bool = True) -> str:
    """ "6.388,3 tỷ đồng", "2,1%"."""
    text = display.number(value, target.decimals)
    unit = target.unit_of_measure
    if unit == "%":
        return f"{text}%"
    if uom and unit and unit not in ("đạt/không",):
        return f"{text} {unit}"
    return text


def plan_words(target, *, growth: bool = False) -> str:
    """The plan figure in prose: "7 – 7,5%", "tăng 10%", "dưới 2,25%", "khoảng 30%",
    "100 xã", "trên 90%", "trong khoảng 28 – 29%", "giảm 0,7 điểm %"."""
    places = target.decimals
    low = display.number(target.target_value, places)
    text = low
    if target.target_high is not None and target.target_high != target.target_value:
        text = f"{low} – {display.number(target.target_high, places)}"
    unit = target.unit_of_measure
    if target.change != TargetChange.NONE and target.change_in_points:
        text += f" {POINTS}"  # "giảm 0,7 điểm phần trăm" of a rate, as the evaluation measures it
    elif target.change != TargetChange.NONE or unit == "%":
        text += "%"
    elif unit:
        text += f" {unit}"
    if target.change == TargetChange.INCREASE:
        return f"tăng {text}"
    if target.change == TargetChange.DECREASE:
        return f"giảm {text}"
    single = target.target_high is None or target.target_high == target.target_value
    if target.tolerance:
        text = f"khoảng {text}"
    elif target.direction == TargetDirection.BAND:
        text = f"trong khoảng {text}"
    elif target.direction == TargetDirection.LOWER and single:
        # "dưới 4%" is a strict bound (<); "không quá 4%", "tối đa 4%" an inclusive one (≤)
        if target.strict:
            text = f"dưới {text}"
        elif _says(target, "tối đa"):
            text = f"tối đa {text}"
        else:
            text = f"không quá {text}"
    elif target.strict and single:
        text = f"trên {text}"
    elif single and _says(target, "trở lên"):
        text = f"từ {text} trở lên"  # as the resolution wrote it ("từ 90% trở lên")
    if growth:
        text = f"tăng {text}"
    if target.with_change != TargetChange.NONE and target.with_change_low is not None:
        text += ", " + _with_change_words(target)
    return text


def _says(target, words: str) -> bool:
    """Does the resolution's own wording of the target (its statement) use ``words``?"""
    return words in (target.statement or "").lower()


def _with_change_words(target) -> str:
    """The change a level target also asks for: "tăng 10,2 – 10,71%"."""
    low = display.number(target.with_change_low, 2)
    text = low
    if target.with_change_high is not None and target.with_change_high != target.with_change_low:
        text = f"{low} – {display.number(target.with_change_high, 2)}"
    text += f" {POINTS}" if target.change_in_points else "%"
    word = "tăng" if target.with_change == TargetChange.INCREASE else "giảm"
    return f"{word} {text}"


def _yoy(r: TargetResult, counted: str) -> str:
    """ ", tăng 13,99% so với cùng kỳ" — only where it means something."""
    t = r.target
    if (
        r.actual is None
        or r.baseline is None
        or t.temporal
        in (
            Temporal.CUMULATIVE,
            Temporal.AVERAGE,
        )
    ):
        return ""
    if t.unit_of_measure == "%":
        diff = r.actual - r.baseline
        if not diff:
            return ", bằng cùng kỳ"
        word = "tăng" if diff > 0 else "giảm"
        return f", {word} {display.number(abs(diff), 2)} {POINTS} so với cùng kỳ"
    if counted and t.indicator_id and t.indicator.nature == progress.STOCK:
        diff = r.actual - r.baseline
        if not diff:
            return ", bằng cùng kỳ"
        word = "tăng" if diff > 0 else "giảm"
        return f", {word} {display.number(abs(diff), t.decimals)} {counted} so với cùng kỳ"
    if not r.baseline:
        return ""
    change = (r.actual - r.baseline) / abs(r.baseline) * 100.0
    if not round(change, 2):
        return ", bằng cùng kỳ"
    word = "tăng" if change > 0 else "giảm"
    return f", {word} {display.number(abs(change), 2)}% so với cùng kỳ"


def _term_name(r: TargetResult, year: int | None, term_end: int | None) -> tuple[str, str]:
    """A level due at the end of the term, said before then: the name with the figure's year
    ("GRDP bình quân đầu người năm 2023") and the plan's lead-in ("chỉ tiêu năm 2025: ")."""
    name = lower_first(r.target.name)
    if year is None or term_end is None or year >= term_end:
        return name, "kế hoạch "
    end = str(term_end)
    if re.search(rf"\bnăm {end}\b", name) and "đến năm" not in name:
        return re.sub(rf"\bnăm {end}\b", f"năm {year}", name), f"chỉ tiêu năm {end}: "
    name = re.sub(rf"\s*(cuối nhiệm kỳ|đến năm {end})", "", name)
    return f"{name} năm {year}", f"chỉ tiêu năm {end}: "


def target_sentence(
    r: TargetResult,
    *,
    year: int | None = None,
    term_end: int | None = None,
    reasons: dict | None = None,
) -> str:
    """The sentence a review says of one evaluated target (see the module's docstring).

    ``year`` is the period's year and ``term_end`` the last year of a term resolution,
    for a level due at the end of the term said before then.
    """
    t = r.target
    name = lower_first(t.name)
    if t.is_composite:
        parts = "; ".join(
            target_sentence(p, year=year, term_end=term_end, reasons=reasons) for p in r.parts
        )
        return f"{name} ({parts})" if parts else name
    own = _own_sentence(r, name, year=year, term_end=term_end, reasons=reasons)
    if r.parts:  # "trong đó": each part its own sentence, after its target's
        parts = ", ".join(
            target_sentence(p, year=year, term_end=term_end, reasons=reasons) for p in r.parts
        )
        own += f", trong đó {parts}"
    return own


def _own_sentence(
    r: TargetResult, name: str, *, year: int | None, term_end: int | None, reasons: dict | None
) -> str:
    t = r.target
    if r.actual is None:
        return f"{name}: {no_data_reason(r, reasons)}"
    if t.direction == TargetDirection.YES_NO:
        return yes_no_sentence(t.statement, name, done=bool(r.actual))
    if t.change != TargetChange.NONE:
        return _change_sentence(r, name)
    if t.temporal == Temporal.CUMULATIVE and r.derivation:
        return _cumulative_sentence(r, name)
    if t.temporal == Temporal.AVERAGE and r.derivation:
        return _average_sentence(r, name)
    if is_growth_rate(t):
        return _growth_sentence(r)
    lead = "kế hoạch năm " if r.expected_share < 1.0 else "kế hoạch "
    if t.temporal == Temporal.LEVEL:
        name, lead = _term_name(r, year, term_end)
    counted = _counted_noun(t)
    if t.direction == TargetDirection.LOWER:
        verb = "ở mức"
        if r.baseline is not None and r.actual < r.baseline:
            verb = "giảm còn"
        elif r.baseline is not None and r.actual > r.baseline:
            verb = "tăng lên"
        return f"{name} {verb} {_figure(r.actual, t)} ({lead}{plan_words(t)})"
    if counted:
        noun = t.name.removeprefix("Số ").removeprefix("số ")
        text = f"có {display.number(r.actual, t.decimals)} {lower_first(noun)}"
    elif t.direction == TargetDirection.BAND or name.startswith(_SHARE_NAMES):
        text = f"{name} chiếm {_figure(r.actual, t)}"  # a share of the economy's structure
    else:
        text = f"{name} đạt {_figure(r.actual, t)}"
    if t.with_change != TargetChange.NONE and t.with_change_low is not None:
        # a level and its change: "đạt 60,5 triệu đồng, tăng 9,21% so với cùng kỳ (kế hoạch
        # 80,4 – 80,8 triệu đồng, tăng 10,2 – 10,71%)"
        return text + _yoy(r, counted) + f" ({lead}{plan_words(t)})"
    if t.unit_of_measure == "%" or counted or t.temporal == Temporal.LEVEL:
        text += f" ({lead}{plan_words(t)})"
    elif r.expected_share < 1.0 and r.annual_rate is not None:
        text += f", bằng {display.percent(r.annual_rate)} kế hoạch năm"
    elif r.rate is not None:
        text += f", bằng {display.percent(r.rate)} kế hoạch"
    return text + _yoy(r, counted)


# A yes/no target is stated as a task ("Hoàn thành đề án …") or as its result ("Quy hoạch
# tỉnh … được phê duyệt trong năm 2023"); a review says whether it was done, as offices write
# it: "đã hoàn thành đề án …", "quy hoạch tỉnh … đã được phê duyệt …" — and "chưa …" if not.
_TASK_VERBS = (
    "hoàn thành",
    "đạt",
    "xây dựng",
    "ban hành",
    "thành lập",
    "phê duyệt",
    "triển khai",
    "đưa",
    "duy trì",
    "giữ vững",
)


def yes_no_sentence(statement: str, name: str, *, done: bool) -> str:
    """What a review says of a yes/no target from the resolution's own wording of it:
    "đã hoàn thành đề án …" / "chưa hoàn thành đề án …"; "quy hoạch tỉnh … đã được phê
    duyệt" / "chưa được phê duyệt"; a wording that is neither (or none) keeps the target's
    name with "đạt" / "chưa đạt"."""
    said = lower_first(statement.strip().rstrip(".;").strip())
    said = said.removeprefix("phấn đấu ").strip()
    aspect = "đã" if done else "chưa"
    if said.startswith(_TASK_VERBS):
        return f"{aspect} {said}"
    passive = re.search(r"(?<![\w])(đã |sẽ )?được ", said)
    if passive and passive.start() > 0:
        return f"{said[: passive.start()]}{aspect} được {said[passive.end() :]}"
    if done and said.startswith("không để "):
        return said  # "không để tội phạm có tổ chức hoạt động trên địa bàn": the result itself
    return f"{name}: {'đạt' if done else 'chưa đạt'}"


def _growth_sentence(r: TargetResult) -> str:
    t = r.target
    by_rate = _named_by_rate(t)
    figure = display.number(abs(r.actual), t.decimals)
    if r.actual >= 0 and by_rate:
        return f"{lower_first(t.name)} đạt {figure}% (kế hoạch {plan_words(t)})"
    subject = _growth_subject(t)
    if r.actual == 0:
        return f"{subject} không tăng (kế hoạch {plan_words(t, growth=True)})"
    word = "tăng" if r.actual > 0 else "giảm"
    return f"{subject} {word} {figure}% (kế hoạch {plan_words(t, growth=True)})"


def _change_sentence(r: TargetResult, name: str) -> str:
    """ "số vụ tai nạn giao thông: 120 vụ, giảm 7,69% so với cùng kỳ (kế hoạch giảm 5 –
    10%)"; a rate's change in points: "tỷ lệ hộ nghèo còn 2,1%, giảm 0,71 điểm phần trăm so
    với cùng kỳ (kế hoạch giảm 0,7 điểm phần trăm)"."""
    t = r.target
    plan = f"(kế hoạch {plan_words(t)})"
    points = t.change_in_points
    # A rate reads as its level ("còn 2,1%", "đạt 72,5%"); a count or an amount with a colon.
    if points and t.unit_of_measure == "%":
        lower = t.change == TargetChange.DECREASE or t.direction == TargetDirection.LOWER
        head = f"{name} {'còn' if lower else 'đạt'} {_figure(r.actual, t)}"
    else:
        head = f"{name}: {_figure(r.actual, t)}"
    if r.measured is None or r.baseline is None:
        return f"{head}, chưa có số liệu cùng kỳ để so sánh {plan}"
    # The engine measures a decrease as a positive reduction: the word comes from the figures.
    diff = r.actual - r.baseline
    if not diff:
        return f"{head}, bằng cùng kỳ {plan}"
    word = "tăng" if diff > 0 else "giảm"
    change = display.number(abs(r.measured), 2)
    unit = f" {POINTS}" if points else "%"
    return f"{head}, {word} {change}{unit} so với cùng kỳ {plan}"


def _years_said(r: TargetResult) -> str:
    """ "2021–2023" (from the derivation "cộng dồn 2021–2023 (thiếu số liệu năm 2022)")."""
    text = r.derivation.split(" ", 2)[-1] if r.derivation else ""
    return text.replace("(", "").replace(")", "").replace("thiếu", "; thiếu")


def _cumulative_sentence(r: TargetResult, name: str) -> str:
    t = r.target
    years = _years_said(r)
    target = float(t.target_value) if t.target_value is not None else None
    share = r.actual / target * 100.0 if target else None
    done = f"sau {r.years_done} năm ({years})" if r.years_done else f"cộng dồn {years}"
    text = f"{name}: {done} đạt {_figure(r.actual, t)}"
    if share is not None:
        whole = "chỉ tiêu cả nhiệm kỳ" if r.years_done else "kế hoạch"
        text += f", bằng {display.percent(share)} {whole}"
    if r.pace:
        text += f", {PACE_WORDS[r.pace]}"
    return text


def _average_sentence(r: TargetResult, name: str) -> str:
    t = r.target
    years = _years_said(r)
    if "bình quân" not in name.lower():
        years = f"bình quân {years}"
    per_year = "/năm" if t.unit_of_measure == "%" else ""
    plan = plan_words(t)
    return (
        f"{name} {years} đạt {_figure(r.actual, t)}{per_year} (kế hoạch bình quân {plan}{per_year})"
    )


def missing_reason(r: TargetResult, reasons: dict | None = None) -> str:
    """Why a target has no result ("Cục Thống kê tỉnh chưa báo cáo", "chưa có số liệu cùng kỳ
    năm trước để so sánh"): the reason the dashboard gives
    (:func:`nghiquyet.reporting.selectors.missing.no_data_reasons`, passed as ``reasons``),
    else what the result alone tells."""
    why = (reasons or {}).get(r.target.pk) or target_no_data_reason(r)
    return why.text


def no_data_reason(r: TargetResult, reasons: dict | None = None) -> str:
    """ "chưa có số liệu (Cục Thống kê tỉnh chưa báo cáo)"."""
    return f"chưa có số liệu ({missing_reason(r, reasons)})"
