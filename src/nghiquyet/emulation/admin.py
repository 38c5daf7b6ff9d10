from django.contrib import admin

from nghiquyet.audit.admin_mixins import AuditedModelAdmin

from .models import (
    Award,
    AwardKind,
    Cluster,
    ClusterLead,
    Criterion,
    Decision,
    EmulationRound,
    Movement,
    Proposal,
    Registration,
    Score,
)


@admin.register(Cluster)
class ClusterAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "unit", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "unit__name"]
    filter_horizontal = ["members"]
    raw_id_fields = ["unit"]


@admin.register(ClusterLead)
class ClusterLeadAdmin(AuditedModelAdmin):
    list_display = ["cluster", "year", "unit", "deputy"]
    raw_id_fields = ["unit", "deputy"]


@admin.register(Movement)
class MovementAdmin(AuditedModelAdmin):
    list_display = ["name", "unit", "starts_on", "ends_on"]
    search_fields = ["name"]
    raw_id_fields = ["unit"]


@admin.register(EmulationRound)
class EmulationRoundAdmin(AuditedModelAdmin):
    list_display = ["movement", "year", "plan", "status", "closed_at"]
    list_filter = ["status", "year"]
    raw_id_fields = ["plan"]


@admin.register(Criterion)
class CriterionAdmin(AuditedModelAdmin):
    list_display = ["round", "code", "name", "kind", "weight", "max_points"]
    list_filter = ["kind"]


@admin.register(Registration)
class RegistrationAdmin(AuditedModelAdmin):
    list_display = ["round", "unit", "title_sought", "registered_at"]
    raw_id_fields = ["unit"]


@admin.register(Score)
class ScoreAdmin(AuditedModelAdmin):
    list_display = ["round", "unit", "criterion", "source", "points", "scored_at"]
    list_filter = ["source"]
    raw_id_fields = ["unit"]


@admin.register(AwardKind)
class AwardKindAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "category", "recipient", "body", "vote_share_min"]
    list_filter = ["category", "recipient", "body"]


@admin.register(Proposal)
class ProposalAdmin(AuditedModelAdmin):
    list_display = ["unit", "award_kind", "round", "status", "votes_for", "votes_total"]
    list_filter = ["status"]
    raw_id_fields = ["unit", "person"]


@admin.register(Decision)
class DecisionAdmin(AuditedModelAdmin):
    list_display = ["number", "signed_on", "issuer"]
    raw_id_fields = ["unit"]


@admin.register(Award)
class AwardAdmin(AuditedModelAdmin):
    list_display = ["unit", "award_kind", "year", "decision", "reference"]
    list_filter = ["year"]
    # a person's earlier (paper) awards are recorded here by id; people themselves are not
    # listed in the admin (their data is seen within a unit's scope only)
    raw_id_fields = ["unit", "person"]
