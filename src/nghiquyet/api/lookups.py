"""The objects a request body names by code (a unit, a plan, a group, an indicator…), found
through the caller's selectors — what a web form's choice field does with its queryset.

A code the caller may not see is answered like one that does not exist: ``422
validation_error`` naming the field, never a hint that the object is there. Whether the
caller may *use* what it sees (give a unit work, grant a role over it) is the services' rule.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.selectors import orgunit_list
from nghiquyet.plans.models import ClassificationScheme, Group, Indicator, Plan, Target, Task
from nghiquyet.plans.selectors import indicator_choices, plan_list, scheme_list

from .errors import ApiError


def invalid(field: str, message: str) -> ApiError:
    """A ``validation_error`` about one field of the body."""
    return ApiError(
        "validation_error",
        _("Trường “%(field)s”: %(error)s") % {"field": field, "error": message},
        [{"field": field, "row": None, "message": message}],
    )


def _missing(field: str, what: str, code) -> ApiError:
    return invalid(
        field,
        _("không có %(what)s “%(code)s” trong phạm vi của bạn.") % {"what": what, "code": code},
    )


def unit(user, code: str | None, field: str) -> OrgUnit | None:
    """The unit with ``code`` the caller may see (None for no code)."""
    if not code:
        return None
    found = orgunit_list(user=user).filter(code=code).first()
    if found is None:
        raise _missing(field, _("đơn vị"), code)
    return found


def units(user, codes: list[str] | None, field: str) -> list[OrgUnit]:
    """The units with ``codes``, in the order given, each once."""
    return [unit(user, code, field) for code in dict.fromkeys(codes or [])]


def plan(user, code: str | None, field: str) -> Plan | None:
    if not code:
        return None
    found = plan_list(user=user).filter(code=code).first()
    if found is None:
        raise _missing(field, _("văn bản"), code)
    return found


def scheme(key: str | None, field: str = "scheme") -> ClassificationScheme | None:
    if not key:
        return None
    found = scheme_list().filter(key=key).first()
    if found is None:
        raise _missing(field, _("cách phân loại"), key)
    return found


def indicator(code: str | None, field: str = "indicator_code") -> Indicator | None:
    if not code:
        return None
    found = indicator_choices().filter(code=code).first()
    if found is None:
        raise _missing(field, _("chỉ số"), code)
    return found


def group(owner: Plan, pk: int | None, kind: str, field: str = "group_id") -> Group | None:
    """A group of ``kind`` of the plan (the caller was checked on the plan)."""
    if pk is None:
        return None
    found = owner.groups.filter(pk=pk, kind=kind).first()
    if found is None:
        raise _missing(field, _("nhóm"), pk)
    return found


def target(owner: Plan, code: str | None, field: str = "target_code") -> Target | None:
    if not code:
        return None
    found = owner.targets.filter(code=code).first()
    if found is None:
        raise _missing(field, _("chỉ tiêu"), code)
    return found


def task(owner: Plan, pk: int | None, field: str) -> Task | None:
    if pk is None:
        return None
    found = owner.tasks.filter(pk=pk).first()
    if found is None:
        raise _missing(field, _("nhiệm vụ"), pk)
    return found


def open_tasks(owner: Plan, pks: list[int], field: str) -> list[Task]:
    """The plan's tasks still tracked (not cancelled, not merged) with ids ``pks``, in the
    order given, each once."""
    wanted = list(dict.fromkeys(pks))
    found = {t.pk: t for t in owner.tasks.filter(pk__in=wanted, closed_as="")}
    for pk in wanted:
        if pk not in found:
            raise _missing(field, _("nhiệm vụ"), pk)
    return [found[pk] for pk in wanted]
