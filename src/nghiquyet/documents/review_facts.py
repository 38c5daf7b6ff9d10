"""A review's own facts: its kind and title, who issues it, the letterhead, the date, the
signature block (Hướng dẫn 36-HD/VPTW for party bodies, Nghị định 30/2020/NĐ-CP for state
ones). Used by the reviews (:mod:`.report`) and the other documents that carry a letterhead."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from nghiquyet.orgs.models import OrgUnit
from nghiquyet.plans.choices import BodyKind, PlanKind
from nghiquyet.plans.models import Plan
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.models import Period

from .choices import SignerTitle

HALF_YEAR = "half_year"
ANNUAL = "annual"
MID_TERM = "mid_term"
END_TERM = "end_term"
#: The reviews with a chapter of lessons (bài học kinh nghiệm).
WITH_LESSONS = (MID_TERM, END_TERM)
REVIEW_TITLES = {
    HALF_YEAR: "Sơ kết 6 tháng",
    ANNUAL: "Tổng kết năm",
    MID_TERM: "Sơ kết giữa nhiệm kỳ",
    END_TERM: "Tổng kết nhiệm kỳ",
}


@dataclass
class Letterhead:
    """The top of the page, per Hướng dẫn 36-HD/VPTW or Nghị định 30/2020/NĐ-CP."""

    body_kind: str
    superior: str
    issuer: str
    number: str
    place_and_date: str


def review_kind_for(plan: Plan, period: Period) -> str:
    """The review a plan and a period call for."""
    if plan.kind == PlanKind.TERM_RESOLUTION:
        # the term's last year (or the whole term) closes it: tổng kết nhiệm kỳ
        if period.kind == PeriodKind.TERM or (plan.term_end and period.year >= plan.term_end):
            return END_TERM
        return MID_TERM
    if period.kind in (
        PeriodKind.HALF_YEAR,
        PeriodKind.NINE_MONTHS,
        PeriodKind.QUARTER,
        PeriodKind.MONTH,
    ):
        return HALF_YEAR
    return ANNUAL


def vietnamese_date(day: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2023" — days and months below 10 and below 3 with a leading zero."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day_text} tháng {month_text} năm {day.year}"


def place_name(unit: OrgUnit) -> str:
    """The province (địa danh) a document is dated from: "Bến Tre"."""
    chain = [unit, *OrgUnit.objects.filter(pk__in=unit.ancestor_ids())]
    for u in chain:
        if u.kind == "province":
            return u.short_name or u.name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
    return unit.short_name or unit.name


def plan_reference(plan: Plan) -> str:
    """How a report cites the plan: "Nghị quyết số 04-NQ/TU ngày 10/12/2021 của Tỉnh ủy
    Bến Tre về nhiệm vụ năm 2022"."""
    if not plan.title.startswith("về"):
        # A Congress resolution is named by its congress, not by a subject.
        return f"{plan.heading} {plan.title}"
    issued = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
    return f"{plan.heading}{issued} của {plan.issuing_body} {plan.title}"


def review_subject(plan: Plan, period: Period, kind: str) -> str:
    """The abstract (trích yếu) under "BÁO CÁO". A people's committee reports a year's
    "Kết quả thực hiện Kế hoạch số 120/KH-UBND … về nhiệm vụ phát triển kinh tế - xã hội năm
    2022"; a party committee "Tổng kết thực hiện Nghị quyết số …". The plan's own "về thực
    hiện …" is not said twice after "thực hiện"."""
    ref = plan_reference(plan).replace(" về thực hiện ", " về ", 1)
    if plan.body_kind == BodyKind.STATE and kind == ANNUAL:
        return f"Kết quả thực hiện {ref}"
    if kind == HALF_YEAR:
        return f"Sơ kết {period.label.lower()} thực hiện {ref}"
    if kind == MID_TERM:
        return f"Sơ kết giữa nhiệm kỳ thực hiện {ref}"
    if kind == END_TERM:
        return f"Tổng kết việc thực hiện {ref}"
    return f"Tổng kết thực hiện {ref}"


def directions_title(plan: Plan, period: Period, kind: str) -> str:
    """ "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022", "… NĂM 2023", "… ĐẾN CUỐI NHIỆM KỲ"."""
    head = "PHƯƠNG HƯỚNG, NHIỆM VỤ"
    if kind == MID_TERM:
        return f"{head}, GIẢI PHÁP ĐẾN CUỐI NHIỆM KỲ"
    if kind == END_TERM:
        nxt = next_term(plan)
        return f"{head} NHIỆM KỲ {nxt[0]} - {nxt[1]}" if nxt else f"{head} NHIỆM KỲ TỚI"
    if kind == HALF_YEAR:
        if period.kind == PeriodKind.HALF_YEAR:
            return f"{head} 6 THÁNG CUỐI NĂM {period.year}"
        return f"{head} NHỮNG THÁNG CUỐI NĂM {period.year}"
    return f"{head} NĂM {period.year + 1}"


def next_term(plan: Plan) -> tuple[int, int] | None:
    """The term after a term plan's: (2025, 2030) after 2020–2025."""
    if not (plan.term_start and plan.term_end):
        return None
    return plan.term_end, plan.term_end + (plan.term_end - plan.term_start)


#: A party organisation (đảng bộ) and the committee that issues its reports (cấp ủy), with the
#: committee's sign in document numbers (Hướng dẫn 36-HD/VPTW): "Đảng bộ tỉnh Bến Tre" →
#: "Tỉnh ủy Bến Tre", "-BC/TU".
_COMMITTEES = (
    ("đảng bộ tỉnh ", "Tỉnh ủy ", "TU"),
    ("đảng bộ thành phố ", "Thành ủy ", "ThU"),
    ("đảng bộ huyện ", "Huyện ủy ", "HU"),
    ("đảng bộ thị xã ", "Thị ủy ", "TU"),
    ("đảng bộ quận ", "Quận ủy ", "QU"),
    ("đảng bộ xã ", "Đảng ủy xã ", "ĐU"),
    ("đảng bộ phường ", "Đảng ủy phường ", "ĐU"),
    ("đảng bộ thị trấn ", "Đảng ủy thị trấn ", "ĐU"),
)


def committee_of(party_body: str) -> tuple[str, str]:
    """The committee that reports for a party organisation, and its sign: ("Tỉnh ủy Bến
    Tre", "TU") for "Đảng bộ tỉnh Bến Tre"; ("", "") when the name says no level."""
    lowered = party_body.lower()
    for prefix, committee, sign in _COMMITTEES:
        if lowered.startswith(prefix):
            return committee + party_body[len(prefix) :], sign
    return "", ""


@dataclass(frozen=True)
class Issuer:
    """Who issues a plan's reviews: the body above it, the issuing body, its sign in the
    number ("TU", "UBND"), and the block above the signature."""

    superior: str
    name: str
    sign: str
    on_behalf: str


def review_issuer(plan: Plan) -> Issuer:
    """The body whose reviews these are. A congress resolution (Nghị quyết Đại hội) is
    reviewed by the committee the congress elected — "TỈNH ỦY BẾN TRE", "-BC/TU" — never by
    the congress; other plans by their issuing body."""
    number_sign = plan.number.split("/", 1)[1] if "/" in plan.number else ""
    if plan.body_kind == BodyKind.STATE:
        sign = number_sign.split("-", 1)[-1] if number_sign else ""
        collective = plan.issuing_body.lower().startswith("ủy ban nhân dân")
        return Issuer(
            superior=plan.superior_body,
            name=plan.issuing_body,
            sign=sign,
            on_behalf="TM. ỦY BAN NHÂN DÂN" if collective else "",
        )
    name, sign = plan.issuing_body, number_sign
    if plan.kind == PlanKind.TERM_RESOLUTION:
        committee, committee_sign = committee_of(plan.superior_body)
        if committee:
            name, sign = committee, committee_sign
    # A province's or a city's committee reports through its standing committee; a
    # commune's Đảng ủy as itself.
    on_behalf = "T/M ĐẢNG ỦY" if name.lower().startswith("đảng ủy") else "T/M BAN THƯỜNG VỤ"
    return Issuer(superior=plan.superior_body, name=name, sign=sign, on_behalf=on_behalf)


#: How a signer's title is printed under the block, per body kind.
_SIGNER_LINES = {
    SignerTitle.SECRETARY: ["BÍ THƯ"],
    SignerTitle.DEPUTY_SECRETARY: ["PHÓ BÍ THƯ"],
    SignerTitle.STANDING_DEPUTY: ["PHÓ BÍ THƯ THƯỜNG TRỰC"],
    SignerTitle.CHAIRMAN: ["CHỦ TỊCH"],
    SignerTitle.VICE_CHAIRMAN: ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
}


def signature_lines(issuer: Issuer, body_kind: str, title: str) -> list[str]:
    """ "T/M BAN THƯỜNG VỤ / BÍ THƯ"; "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"."""
    party = body_kind == BodyKind.PARTY
    if title not in _SIGNER_LINES or (title in PARTY_SIGNERS) != party:
        title = SignerTitle.SECRETARY if party else SignerTitle.CHAIRMAN
    lines = list(_SIGNER_LINES[title])
    return [issuer.on_behalf, *lines] if issuer.on_behalf else lines


PARTY_SIGNERS = (SignerTitle.SECRETARY, SignerTitle.DEPUTY_SECRETARY, SignerTitle.STANDING_DEPUTY)


def issue_date_text(plan: Plan, period: Period, day: dt.date | None) -> str:
    """ "Bến Tre, ngày 20 tháng 12 năm 2022" — or, when the office has not chosen the date,
    blanks to fill by hand in the year the review is due ("ngày    tháng    năm 2022"):
    a past period's review is never dated today."""
    place = place_name(plan.unit)
    if day is not None:
        return f"{place}, {vietnamese_date(day)}"
    gap = "\u00a0" * 6
    return f"{place}, ngày{gap}tháng{gap}năm {period.end_date.year}"


def letterhead_superior(issuer: Issuer) -> str:
    """The body above the issuer in the letterhead, or "" when it names the issuer itself.

    Hướng dẫn 36-HD/VPTW, mục II 1.2 (tên cơ quan ban hành): the first line is the party
    organisation of the level above ("ĐẢNG BỘ TỈNH THÁI NGUYÊN" over "HUYỆN ỦY ĐỊNH HÓA");
    a province's committee heads its papers "TỈNH ỦY BẾN TRE" alone, as "Đảng bộ tỉnh Bến
    Tre" is its own organisation, not a body above it."""
    committee, _sign = committee_of(issuer.superior)
    if committee and committee.lower() == issuer.name.lower():
        return ""
    return issuer.superior


def letterhead_for(plan: Plan, issuer: Issuer, period: Period, draft) -> Letterhead:
    number = (draft.number if draft else "") or "\u00a0" * 7
    if plan.body_kind == BodyKind.STATE:
        text = f"Số: {number}/BC-{issuer.sign}" if issuer.sign else f"Số: {number}/BC"
    else:
        text = f"Số {number}-BC/{issuer.sign}" if issuer.sign else f"Số {number}-BC"
    return Letterhead(
        body_kind=plan.body_kind,
        superior=letterhead_superior(issuer).upper(),
        issuer=issuer.name.upper(),
        number=text,
        place_and_date=issue_date_text(plan, period, draft.issued_on if draft else None),
    )


def attached_to_text(plan: Plan, issuer: Issuer, draft) -> str:
    number = draft.number if draft and draft.number else "\u00a0" * 7
    if plan.body_kind == BodyKind.STATE:
        number += f"/BC-{issuer.sign}" if issuer.sign else "/BC"
    else:
        number += f"-BC/{issuer.sign}" if issuer.sign else "-BC"
    day = f" ngày {draft.issued_on:%d/%m/%Y}" if draft and draft.issued_on else ""
    return f"(Kèm theo Báo cáo số {number}{day} của {issuer.name})"


#: The members of a party committee, by its name: "Tỉnh ủy Bến Tre" → "Tỉnh ủy viên".
_COMMITTEE_WORDS = ("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Thị ủy", "Quận ủy", "Đảng ủy")
#: A state body's level as its name says it, the party committee of that level and the
#: departments a review of its people's committee goes to.
_STATE_LEVELS = (
    ("tỉnh", "Tỉnh ủy", "Các sở, ban, ngành tỉnh"),
    ("thành phố", "Thành ủy", "Các phòng, ban, ngành thành phố"),
    ("huyện", "Huyện ủy", "Các phòng, ban, ngành huyện"),
    ("thị xã", "Thị ủy", "Các phòng, ban, ngành thị xã"),
    ("quận", "Quận ủy", "Các phòng, ban, ngành quận"),
    ("xã", "Đảng ủy xã", "Các ban, ngành, đoàn thể xã"),
    ("phường", "Đảng ủy phường", "Các ban, ngành, đoàn thể phường"),
    ("thị trấn", "Đảng ủy thị trấn", "Các ban, ngành, đoàn thể thị trấn"),
)


def recipients_for(issuer: Issuer, body_kind: str) -> list[str]:
    """The "Nơi nhận" list of a review, one recipient a line.

    - Party (Hướng dẫn 36-HD/VPTW, mục II, nơi nhận): each line starts with "- " and ends
      with a comma, the last — the issuer's own office, "Lưu Văn phòng Tỉnh ủy" — with a
      full stop; the report goes up to the committee above "(để báo cáo)".
    - State (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II 10): each line ends with a
      semicolon, the last is "- Lưu: VT, <the drafting unit>." ("TH", the office's general
      affairs desk, until the office changes it). "- Như trên;" belongs only to a document
      with a "Kính gửi", which a review has not.
    """
    if body_kind == BodyKind.PARTY:
        own = next((w for w in _COMMITTEE_WORDS if issuer.name.startswith(w)), "")
        above, _sign = committee_of(issuer.superior)
        if above and above.lower() != issuer.name.lower():
            # "Tỉnh ủy", not "Tỉnh ủy Bến Tre": one line, and no doubt within the province
            word = next((w for w in _COMMITTEE_WORDS if above.startswith(w)), above)
            up = [f"- Ban Thường vụ {word} (để báo cáo),"]
        elif own in ("Tỉnh ủy", "Thành ủy"):  # a committee under the Central Committee
            up = ["- Văn phòng Trung ương Đảng (để báo cáo),"]
        else:
            up = []
        if not own:
            return [*up, "- Các cơ quan, đơn vị liên quan,", "- Lưu Văn phòng."]
        return [
            *up,
            f"- Các đồng chí {own} viên,",
            "- Các cơ quan, đơn vị liên quan,",
            f"- Lưu Văn phòng {own}.",
        ]
    name = issuer.name.lower()
    if name.startswith("ủy ban nhân dân "):
        rest = name.removeprefix("ủy ban nhân dân ")
        for level, committee, departments in _STATE_LEVELS:
            if rest.startswith(level + " "):
                return [
                    f"- Thường trực {committee};",
                    f"- Thường trực HĐND {level};",
                    f"- Chủ tịch, các Phó Chủ tịch UBND {level};",
                    f"- {departments};",
                    "- Lưu: VT, TH.",
                ]
    up = [f"- {issuer.superior} (để báo cáo);"] if issuer.superior else []
    return [*up, "- Các cơ quan, đơn vị liên quan;", "- Lưu: VT, TH."]
