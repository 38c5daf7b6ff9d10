"""Emulation and awards (thi đua, khen thưởng) and meetings: what :mod:`..routers.emulation`
reads and writes."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from ..common import MAX_ID


class EmulationRoundOut(Schema):
    id: int
    movement: str
    organiser_code: str
    year: int
    plan_code: str
    status: str
    as_of: dt.date | None


class CriterionOut(Schema):
    code: str
    name: str
    kind: str
    weight: float
    max_points: float


class RankingRowOut(Schema):
    unit_code: str
    unit_name: str
    rank: int
    total: float
    points: dict[str, float | None] = Field(description="Điểm theo số thứ tự tiêu chí")


class ClusterRankingOut(Schema):
    cluster: str
    lead_unit_code: str | None
    rows: list[RankingRowOut]


class RoundDetailOut(EmulationRoundOut):
    criteria: list[CriterionOut]
    rankings: list[ClusterRankingOut]


class TraceItemOut(Schema):
    kind: str = Field(description="target, submission hoặc task")
    id: int
    label: str
    ok: bool
    counted: bool
    detail: str


class CriterionScoreOut(Schema):
    code: str
    points: float | None
    share: float | None
    note: str
    source: str
    items: list[TraceItemOut]


class ScoreOut(Schema):
    unit_code: str
    total: float
    results: list[CriterionScoreOut]


class CheckOut(Schema):
    check: str
    text: str
    ok: bool | None
    detail: str


class ProposalOut(Schema):
    id: int
    round_id: int
    unit_code: str
    person_id: int | None
    recipient: str = Field(description="Tên tập thể hoặc họ tên cá nhân")
    award_kind: str
    status: str
    status_label: str
    achievements: str
    votes_for: int | None
    votes_total: int | None
    vote_share: float | None
    checks: list[CheckOut]
    reasons: list[str] = Field(description="Lý do hội đồng không đề nghị (nếu có)")
    decision_id: int | None


class ProposalIn(Schema):
    unit_code: str = Field(..., max_length=32)
    award_kind: str = Field(..., max_length=64, description="Mã danh hiệu, hình thức")
    achievements: str = Field(..., max_length=5000)
    person_id: int | None = Field(None, ge=1, le=MAX_ID)
    person_name: str = Field("", max_length=255)
    person_position: str = Field("", max_length=255)


class ReviewIn(Schema):
    votes_for: int = Field(..., ge=0, le=10000)
    votes_total: int = Field(..., ge=1, le=10000)
    council_confirmed: bool = False
    note: str = Field("", max_length=5000)


class DecisionIn(Schema):
    proposal_ids: list[int] = Field(..., min_length=1, max_length=500)
    number: str = Field(..., max_length=64)
    signed_on: dt.date
    issuer: str = Field(..., max_length=255)
    superior: str = Field("", max_length=255)
    body_kind: str = Field("state", pattern="^(state|party)$")
    signer_position: str = Field(..., max_length=255)
    signer_name: str = Field("", max_length=255)


class AwardOut(Schema):
    id: int
    year: int
    award_kind: str
    unit_code: str
    person_id: int | None
    recipient: str


class DecisionOut(Schema):
    id: int
    number: str
    signed_on: dt.date
    issuer: str
    awards: list[AwardOut]


class AwardeeOut(Schema):
    id: int
    name: str
    position: str
    unit_code: str
    erased: bool
    awards: list[AwardOut]


class EraseIn(Schema):
    reason: str = Field(..., max_length=1000, description="Căn cứ xoá (đơn yêu cầu, ngày)")


class MeetingOut(Schema):
    id: int
    unit_code: str
    kind: str
    title: str
    held_on: dt.date
    chair: str
    conclusion_number: str | None


class MeetingTaskOut(Schema):
    id: int
    code: str
    title: str
    owner_unit_code: str
    deadline: dt.date | None
    status: str
    days_late: int


class ConclusionItemOut(Schema):
    code: str
    text: str
    tasks: list[MeetingTaskOut]


class MeetingDetailOut(MeetingOut):
    as_of: dt.date | None
    counts: dict[str, int]
    items: list[ConclusionItemOut]
