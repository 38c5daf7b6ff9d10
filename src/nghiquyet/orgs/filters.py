"""Filters of the lists of units, the same for the pages and the API.

A filter set is a frozen dataclass of the filters a list offers; ``apply`` narrows a
queryset the selector has already restricted to the user's scope. Pages build one from
their Vietnamese query parameters, the API from its own, so that a list answers the same
question wherever it is asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import OrgUnit


def under_q(user, code: str, path_field: str) -> Q:
    """Rows whose unit (``path_field``) lies in the subtree of the unit ``code`` — nothing if
    the user may not see that unit."""
    root = OrgUnit.objects.restrict(user).filter(code=code).first()
    return Q(**{f"{path_field}__startswith": root.path}) if root else Q(pk__in=[])


def text_q(text: str, *fields: str) -> Q:
    """Any of ``fields`` contains ``text``, without regard to case or diacritics ("an hoi"
    finds "Phường An Hội"; the ``fold`` lookup of :mod:`.search`); everything for an empty
    text."""
    text = (text or "").strip()
    if not text:
        return Q()
    q = Q(pk__in=[])
    for name in fields:
        q |= Q(**{f"{name}__fold": text})
    return q


@dataclass(frozen=True)
class OrgUnitFilter:
    """Units: by parent, subtree, kind, code, and a text in the name or the code."""

    parent: str = ""
    under: str = ""
    kind: str = ""
    code: str = ""
    q: str = ""

    def apply(self, units: QuerySet[OrgUnit], *, user) -> QuerySet[OrgUnit]:
        if self.parent:
            units = units.filter(parent__code=self.parent)
        if self.under:
            units = units.filter(under_q(user, self.under, "path"))
        if self.kind:
            units = units.filter(kind=self.kind)
        if self.code:
            units = units.filter(code=self.code)
        return units.filter(text_q(self.q, "name", "short_name", "code"))
