"""Writes of emulation. Each runs in a transaction, checks the acting user's scope, and leaves
an audit event with old and new values; a refused write leaves no row and no event.

By concern: clusters, movements, rounds, criteria, registrations and scores
(:mod:`.rounds`); proposals, the council's review and decisions (:mod:`.awards`); the people
awarded, their export and erasure (:mod:`.people`)."""

from .awards import decision_issue, proposal_create, proposal_review, review_reasons
from .people import person_create, person_erase, person_export
from .rounds import (
    cluster_create,
    cluster_lead_rotate,
    cluster_lead_set,
    criterion_create,
    movement_create,
    registration_save,
    round_close,
    round_create,
    score_council_set,
)

__all__ = [
    "cluster_create",
    "cluster_lead_rotate",
    "cluster_lead_set",
    "criterion_create",
    "decision_issue",
    "movement_create",
    "person_create",
    "person_erase",
    "person_export",
    "proposal_create",
    "proposal_review",
    "registration_save",
    "review_reasons",
    "round_close",
    "round_create",
    "score_council_set",
]
