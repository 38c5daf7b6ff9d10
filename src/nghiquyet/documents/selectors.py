"""Reads of documents: the user's background jobs, who may import a resolution, the period a
report is asked for, what the map packages hold."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from nghiquyet.accounts.choices import Action
from nghiquyet.orgs.choices import OrgUnitKind
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.orgs.vietnam import read_map
from nghiquyet.reporting.models import Period, Submission
from nghiquyet.reporting.periods import parse_period_key
from nghiquyet.reporting.selectors.periods import period_for_year

from .choices import JobStatus
from .models import Job, ReviewDraft, ReviewDraftRevision
from .registry import KINDS


def job_list(*, user) -> QuerySet[Job]:
    """A user's own jobs (administrators see every job)."""
    qs = Job.objects.select_related("unit")
    if scope_for(user).everything:
        return qs
    return qs.filter(created_by=user)


def job_get(*, user, pk: int) -> Job:
    job = job_list(user=user).filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def job_result_get(*, user, pk: int) -> Job:
    """A finished job whose file ``user`` may download: their own (``job_get``) and still
    within their scope — the right the job needed (``KINDS``) is asked again of the unit, so
    that a report made before a grant was taken away is no longer served (403)."""
    job = job_get(user=user, pk=pk)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404
    _handler, action = KINDS.get(job.kind, (None, Action.ADMINISTER))
    scope_for(user).require(action, job.unit)
    return job


def plan_import_units(*, user) -> QuerySet[OrgUnit]:
    """Units the user manages (whose plans it may create), top of each subtree first."""
    return OrgUnit.objects.restrict(user, Action.MANAGE).order_by("depth", "order", "name")


def plan_import_allowed(*, user) -> bool:
    """May the user import a resolution at all (does it manage some unit)?"""
    if not getattr(user, "is_authenticated", False):
        return False
    return plan_import_units(user=user).exists()


def plan_import_require(*, user) -> None:
    """``PermissionDenied`` unless the user may import a resolution (manages some unit)."""
    if not plan_import_allowed(user=user):
        raise PermissionDenied


def report_period(key: str) -> Period:
    """The period a report is asked for (``ky``: 2021-H1, 2022…); ``ValueError`` if none."""
    spec = parse_period_key(key)
    return Period.objects.filter(key=spec.key).first() or period_for_year(spec.year)


def submission_import_size(submission: Submission) -> int:
    """How many figures an import of this report's template carries (one per entry)."""
    return submission.entries.count()


def map_load_facts() -> dict:
    """What the data packages hold (their version and counts, before and after 1/7/2025),
    and how many provinces are loaded already, for the page that loads the map."""
    data = read_map()
    return {
        "version": data.version,
        "counts": {
            "provinces": len(data.provinces),
            "communes": len(data.communes),
            "old_provinces": len(data.old_provinces),
            "old_districts": len(data.old_districts),
            "old_communes": len(data.old_communes),
        },
        "loaded": OrgUnit.objects.filter(kind=OrgUnitKind.PROVINCE, valid_to__isnull=True).count(),
    }


def map_province_choices() -> list[tuple[str, str]]:
    """The current provinces of the packages, by name, as (code, "Tỉnh Cà Mau (96)")."""
    return [
        (p.code, f"{p.name} ({p.code})")
        for p in sorted(read_map().provinces, key=lambda p: p.short_name)
    ]


def review_draft_get(*, user, plan, period_key: str) -> ReviewDraft | None:
    """What the office wrote into the review of ``plan`` for the period, if the user may see
    the plan (None when nothing was written yet)."""
    return (
        ReviewDraft.objects.restrict(user)
        .filter(plan=plan, period_key=period_key)
        .select_related("updated_by")
        .first()
    )


def review_draft_revisions(*, user, draft: ReviewDraft) -> QuerySet[ReviewDraftRevision]:
    return (
        ReviewDraftRevision.objects.restrict(user).filter(draft=draft).select_related("created_by")
    )


def review_draft_revision_get(*, user, draft: ReviewDraft, revision: int) -> ReviewDraftRevision:
    """One saved version of ``draft`` the user may see; 404 otherwise."""
    found = review_draft_revisions(user=user, draft=draft).filter(revision=revision).first()
    if found is None:
        raise Http404
    return found


def review_check_docx(*, user, plan, period, data: bytes) -> bytes:
    """A draft review (.docx) with a comment on each of its figures, checked against the
    evaluation of ``plan`` for ``period`` the user may see (``ValidationError`` for a file
    that is not a Word document)."""
    import zipfile

    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from nghiquyet.reporting.selectors.evaluation import plan_evaluation

    from .check import annotate_docx, outlook_counts, unit_evaluations

    ev = plan_evaluation(user=user, plan=plan, period=period)
    units = unit_evaluations(user=user, plan=plan, period=period)
    outlook = outlook_counts(user=user, plan=plan, period=period)
    try:
        return annotate_docx(data, ev, units=units, outlook=outlook)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValidationError(_("Không đọc được tệp Word (.docx) này.")) from exc
