"""People an office manages (services): accounts for the units in its subtree, their roles,
deactivation, a one-time link to set a password. Here, not in ``accounts``, because who may
manage whom is a question of the tree (scopes), which sits above ``accounts``.

The rule: a user may give a role over a unit only if it manages that unit and holds every
action of the role there but reporting and approving (an office makes reporters and leaders
of its wards; nobody but an administrator makes an administrator); it may revoke what it
could give, and deactivate a person all of whose roles it could give.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from nghiquyet.accounts.choices import ROLE_ACTIONS, Action, Role
from nghiquyet.accounts.models import Grant
from nghiquyet.accounts.services import grant_create, grant_delete, user_create, user_set_active
from nghiquyet.audit.services import audit_log, audit_operation

from .models import OrgUnit
from .scopes import Scope, scope_for

#: Actions an office hands out without holding them itself: its reporters' and leaders'.
_DELEGATED = frozenset({Action.REPORT, Action.APPROVE})


def role_grantable(scope: Scope, role: str, unit: OrgUnit) -> bool:
    """May a user with ``scope`` give ``role`` over ``unit``? (The module's rule.)"""
    if scope.everything:
        return True
    if role not in ROLE_ACTIONS or not scope.allows(Action.MANAGE, unit):
        return False
    return all(scope.allows(a, unit) for a in ROLE_ACTIONS[role] - _DELEGATED)


def role_choices(user) -> list[tuple[str, str]]:
    """The roles ``user`` may give somewhere (an administrator's only by an administrator)."""
    everything = scope_for(user).everything
    return [(r.value, r.label) for r in Role if everything or r != Role.ADMIN]


def person_manageable(scope: Scope, person) -> bool:
    """May a user with ``scope`` manage ``person``: every role the person holds is one the
    user could give (a person with no role at all: only an administrator)."""
    grants = list(person.grants.select_related("unit"))
    if scope.everything:
        return True
    return bool(grants) and all(role_grantable(scope, g.role, g.unit) for g in grants)


def _require_grantable(acting_user, role: str, unit: OrgUnit) -> None:
    if not role_grantable(scope_for(acting_user), role, unit):
        raise PermissionDenied


@transaction.atomic
@audit_operation()
def person_create(
    *, acting_user, username: str, full_name: str, email: str, role: str, unit: OrgUnit
):
    """A new account with its first role over ``unit``; it has no password until its owner
    sets one through :func:`person_password_link`."""
    _require_grantable(acting_user, role, unit)
    username = (username or "").strip()
    User = get_user_model()
    if not username:
        raise ValidationError({"username": _("Hãy nhập tên đăng nhập.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("Tên đăng nhập %(name)s đã có người dùng.") % {"name": username}}
        )
    probe = User(username=username, email=email, first_name=full_name)
    probe.set_unusable_password()
    probe.full_clean(exclude=["password"])
    user = user_create(
        acting_user=acting_user, username=username, password=None, full_name=full_name, email=email
    )
    grant_create(acting_user=acting_user, user=user, role=role, unit=unit)
    return user


@transaction.atomic
def person_grant(*, acting_user, person, role: str, unit: OrgUnit) -> Grant:
    """Give ``person`` ``role`` over ``unit`` (no more than the acting user could give)."""
    _require_grantable(acting_user, role, unit)
    if not person.is_active:
        raise ValidationError(_("Tài khoản đã bị khóa: không cấp thêm quyền."))
    return grant_create(acting_user=acting_user, user=person, role=role, unit=unit)


@transaction.atomic
def person_revoke(*, acting_user, grant: Grant) -> None:
    """Take a role back (``accounts.services.grant_delete``: one ``grant.delete`` event)."""
    _require_grantable(acting_user, grant.role, grant.unit)
    grant_delete(acting_user=acting_user, grant=grant)


@transaction.atomic
def person_deactivate(*, acting_user, person):
    """Lock an account: it can no longer sign in; its history stays. One ``user.deactivate``
    event. Only for a person all of whose roles the acting user could give, and not oneself."""
    if person.pk == getattr(acting_user, "pk", None):
        raise ValidationError(_("Không thể tự khóa tài khoản của mình."))
    if not person_manageable(scope_for(acting_user), person):
        raise PermissionDenied
    return user_set_active(acting_user=acting_user, user=person, active=False)


@transaction.atomic
def person_password_link(*, acting_user, person, base_url: str) -> str:
    """Send ``person`` a one-time link to set a password (by e-mail; the console prints it in
    development) and return it. One ``user.password_link`` event (without the link)."""
    if not person_manageable(scope_for(acting_user), person):
        raise PermissionDenied
    if not person.is_active:
        raise ValidationError(_("Tài khoản đã bị khóa."))
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    link = base_url.rstrip("/") + reverse("accounts:password-set", args=[uid, token])
    audit_log(
        acting_user=acting_user,
        action="user.password_link",
        obj=person,
        changes={"email": [None, person.email]},
    )
    subject = _("Đặt mật khẩu tài khoản %(name)s") % {"name": person.username}
    body = _(
        "Chào %(name)s,\n\nTài khoản %(username)s đã được tạo cho bạn. Mở liên kết sau để đặt "
        "mật khẩu (chỉ dùng được một lần):\n\n%(link)s\n"
    ) % {"name": person.first_name or person.username, "username": person.username, "link": link}
    recipients = [person.email] if person.email else []
    transaction.on_commit(
        lambda: send_mail(
            subject, body, settings.DEFAULT_FROM_EMAIL, recipients or [settings.DEFAULT_FROM_EMAIL]
        )
    )
    return link
