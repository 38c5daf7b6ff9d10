"""Writes for users and grants."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from nghiquyet.audit.services import audit_log

from .models import Grant


@transaction.atomic
def grant_create(*, acting_user, user, role: str, unit) -> Grant:
    """Give ``user`` the ``role`` over ``unit`` and its subtree."""
    grant, created = Grant.objects.get_or_create(user=user, role=role, unit=unit)
    if created:
        audit_log(
            acting_user=acting_user,
            action="grant.create",
            obj=grant,
            unit=unit,
            changes={"user": [None, user.username], "role": [None, role]},
        )
    if hasattr(user, "_nghiquyet_scope"):
        del user._nghiquyet_scope
    return grant


@transaction.atomic
def user_create(*, acting_user, username: str, password: str, full_name: str = "", email: str = ""):
    """Create a user; the full name goes into ``first_name`` (Vietnamese names are not split)."""
    User = get_user_model()
    user = User.objects.create_user(
        username=username, password=password, first_name=full_name, email=email
    )
    audit_log(
        acting_user=acting_user,
        action="user.create",
        obj=user,
        changes={"username": [None, username]},
    )
    return user
