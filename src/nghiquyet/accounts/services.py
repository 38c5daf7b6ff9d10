"""Writes for users and grants."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from nghiquyet.audit.services import audit_log
from nghiquyet.audit.versions import data_version_sql, version_read

from .choices import (
    API_TOKEN_DEFAULT_DAYS,
    API_TOKEN_MAX_ACTIVE,
    API_TOKEN_MAX_DAYS,
    API_TOKEN_PREFIX_CHARS,
    API_TOKEN_TOUCH_SECONDS,
    SCOPE_CACHE_ATTRIBUTE,
)
from .models import ApiToken, Grant
from .selectors import api_token_list


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
    if hasattr(user, SCOPE_CACHE_ATTRIBUTE):
        delattr(user, SCOPE_CACHE_ATTRIBUTE)
    return grant


@transaction.atomic
def grant_delete(*, acting_user, grant: Grant) -> None:
    """Take a grant away; what the user could reach only through it is closed at once, the
    files of reports made before included (``documents.selectors.job_result_get``)."""
    user, unit, role = grant.user, grant.unit, grant.role
    audit_log(
        acting_user=acting_user,
        action="grant.delete",
        obj=grant,
        unit=unit,
        changes={"user": [user.username, None], "role": [role, None]},
    )
    grant.delete()
    if hasattr(user, SCOPE_CACHE_ATTRIBUTE):
        delattr(user, SCOPE_CACHE_ATTRIBUTE)


@transaction.atomic
def user_create(
    *, acting_user, username: str, password: str | None, full_name: str = "", email: str = ""
):
    """Create a user; the full name goes into ``first_name`` (Vietnamese names are not split).
    Without a password the account cannot sign in until one is set."""
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


@transaction.atomic
def user_set_active(*, acting_user, user, active: bool):
    """Let ``user`` sign in again, or stop them (their sessions and API tokens stop working at
    their next request). Writes ``user.activate`` / ``user.deactivate`` with the old and new
    value; setting what is already set writes nothing."""
    User = get_user_model()
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.is_active == active:
        return locked
    User.objects.filter(pk=user.pk).update(is_active=active)
    audit_log(
        acting_user=acting_user,
        action="user.activate" if active else "user.deactivate",
        obj=locked,
        changes={"is_active": [locked.is_active, active]},
    )
    locked.is_active = active
    user.is_active = active
    return locked


# --- personal API tokens ----------------------------------------------------------------------

_TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_default_expiry(today: dt.date | None = None) -> dt.date:
    """The expiry date a new token gets unless the user picks one."""
    return (today or timezone.localdate()) + dt.timedelta(days=API_TOKEN_DEFAULT_DAYS)


@transaction.atomic
def api_token_create(
    *, acting_user, name: str, expires_on: dt.date | None = None
) -> tuple[ApiToken, str]:
    """Create a personal API token for ``acting_user``; returns it with its full text.

    The text (``nq_<prefix>_<secret>``) is returned once and never stored: only the
    SHA-256 hash of the secret is. The token is valid up to and including
    ``expires_on`` (default :data:`API_TOKEN_DEFAULT_DAYS` days from today, at most
    :data:`API_TOKEN_MAX_DAYS`). One ``apitoken.create`` audit event.
    """
    if not getattr(acting_user, "is_authenticated", False) or not acting_user.is_active:
        raise ValidationError(_("Chỉ người dùng đã đăng nhập mới tạo được khóa API."))
    today = timezone.localdate()
    expires_on = expires_on or api_token_default_expiry(today)
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Hãy đặt tên gợi nhớ cho khóa, ví dụ: “Kết nối cổng thông tin”.")
    elif len(name) > 100:
        errors["name"] = _("Tên gợi nhớ dài tối đa 100 ký tự.")
    if expires_on <= today:
        errors["expires_on"] = _("Ngày hết hạn phải sau hôm nay.")
    elif expires_on > today + dt.timedelta(days=API_TOKEN_MAX_DAYS):
        errors["expires_on"] = _("Khóa API có hiệu lực tối đa %(days)s ngày (đến %(date)s).") % {
            "days": API_TOKEN_MAX_DAYS,
            "date": (today + dt.timedelta(days=API_TOKEN_MAX_DAYS)).strftime("%d/%m/%Y"),
        }
    if errors:
        raise ValidationError(errors)
    active = api_token_list(user=acting_user).filter(
        revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    if active.count() >= API_TOKEN_MAX_ACTIVE:
        raise ValidationError(
            _(
                "Bạn đã có %(n)s khóa còn hiệu lực; hãy thu hồi khóa không dùng nữa trước khi "
                "tạo mới."
            )
            % {"n": API_TOKEN_MAX_ACTIVE}
        )
    while True:
        prefix = "".join(secrets.choice(_TOKEN_ALPHABET) for _i in range(API_TOKEN_PREFIX_CHARS))
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    secret = secrets.token_urlsafe(32)
    midnight = dt.datetime.combine(expires_on + dt.timedelta(days=1), dt.time.min)
    token = ApiToken.objects.create(
        user=acting_user,
        name=name,
        prefix=prefix,
        secret_hash=_hash(secret),
        expires_at=timezone.make_aware(midnight),
    )
    audit_log(
        acting_user=acting_user,
        action="apitoken.create",
        obj=token,
        changes={"name": [None, name], "prefix": [None, prefix], "expires_on": [None, expires_on]},
    )
    return token, f"nq_{prefix}_{secret}"


@transaction.atomic
def api_token_revoke(*, acting_user, token: ApiToken) -> ApiToken:
    """Revoke one of the user's own tokens (at once, for good). One ``apitoken.revoke`` event.

    Revoking a token already revoked changes nothing. Someone else's token is not found.
    """
    token = api_token_list(user=acting_user).select_for_update().filter(pk=token.pk).first()
    if token is None:
        raise Http404
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(
            acting_user=acting_user,
            action="apitoken.revoke",
            obj=token,
            changes={"revoked_at": [None, token.revoked_at]},
        )
    return token


@dataclass(frozen=True)
class ApiTokenRefused(Exception):
    """A token that does not authenticate; ``code`` is stable, ``message`` Vietnamese."""

    code: str
    message: str


@functools.cache
def _token_statement(vendor: str) -> tuple[str, list[str], list[str], list[tuple]]:
    """The statement that finds a token by its prefix, with its user's row and the data
    version, written once per process and kind of database (``vendor``), and the converters
    of its columns (Django's, as a queryset applies them: aware datetimes, booleans).

    Why not a queryset: this runs on every API request, and compiling the equivalent
    ``select_related("user").annotate(…)`` queryset each time was about a fifth of a cached
    request's CPU (docs/performance.md, "The cached request path").
    """
    user_model = get_user_model()
    qn = connection.ops.quote_name
    token_fields = ApiToken._meta.concrete_fields
    user_fields = user_model._meta.concrete_fields
    columns = [f"t.{qn(f.column)}" for f in token_fields]
    columns += [f"u.{qn(f.column)}" for f in user_fields]
    sql = (
        f"SELECT {', '.join(columns)}, ({data_version_sql()})"
        f" FROM {qn(ApiToken._meta.db_table)} t"
        f" INNER JOIN {qn(user_model._meta.db_table)} u"
        f" ON u.{qn(user_model._meta.pk.column)} = t.{qn(ApiToken.user.field.column)}"
        f" WHERE t.{qn(ApiToken._meta.get_field('prefix').column)} = %s"
    )
    converters = []
    for i, (alias, f) in enumerate(
        [("t", f) for f in token_fields] + [("u", f) for f in user_fields]
    ):
        col = f.get_col(alias)
        found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if found:
            converters.append((i, found, col))
    return (
        sql,
        [f.attname for f in token_fields],
        [f.attname for f in user_fields],
        converters,
    )


def _token_with_user(prefix: str) -> ApiToken | None:
    """The token with ``prefix``, its user attached and ``data_version_now`` read in the same
    statement (the same snapshot); None when there is none."""
    sql, token_names, user_names, converters = _token_statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [prefix])
        row = cursor.fetchone()
    if row is None:
        return None
    row = list(row)
    for i, functions, col in converters:
        for convert in functions:
            row[i] = convert(row[i], col, connection)
    n = len(token_names)
    token = ApiToken.from_db(connection.alias, token_names, row[:n])
    user = get_user_model().from_db(connection.alias, user_names, row[n : n + len(user_names)])
    ApiToken.user.field.set_cached_value(token, user)
    token.data_version_now = row[-1]
    return token


def api_token_authenticate(text: str) -> ApiToken:
    """The token whose full text is ``text``, with its user; records its use.

    Raises :class:`ApiTokenRefused` with code ``invalid_token`` (unknown or
    malformed), ``token_revoked``, ``token_expired`` or ``user_inactive``. The last
    use is written at most once a minute, so that reading does not cost a write.

    The same statement reads the data version (``token.version_read``, see
    :func:`nghiquyet.audit.versions.data_version`): a cached answer then costs no query of its
    own for it.
    """
    parts = (text or "").strip().split("_", 2)
    if (
        len(parts) != 3
        or parts[0] != "nq"
        or len(parts[1]) != API_TOKEN_PREFIX_CHARS
        or not set(parts[1]) <= set(_TOKEN_ALPHABET)
    ):
        raise ApiTokenRefused("invalid_token", _("Khóa API không đúng."))
    token = _token_with_user(parts[1])
    if token is None or not constant_time_compare(token.secret_hash, _hash(parts[2])):
        raise ApiTokenRefused("invalid_token", _("Khóa API không đúng."))
    now = timezone.now()
    if token.revoked_at is not None:
        raise ApiTokenRefused("token_revoked", _("Khóa API này đã bị thu hồi."))
    if now >= token.expires_at:
        raise ApiTokenRefused(
            "token_expired",
            _("Khóa API này đã hết hạn ngày %(date)s; hãy tạo khóa mới.")
            % {
                "date": timezone.localtime(token.expires_at - dt.timedelta(seconds=1)).strftime(
                    "%d/%m/%Y"
                )
            },
        )
    if not token.user.is_active:
        raise ApiTokenRefused("user_inactive", _("Tài khoản của khóa API này đã bị khóa."))
    stale = now - dt.timedelta(seconds=API_TOKEN_TOUCH_SECONDS)
    if token.last_used_at is None or token.last_used_at < stale:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=stale)
        ).update(last_used_at=now)
        token.last_used_at = now
    token.version_read = version_read(token.data_version_now)
    return token


@transaction.atomic
def password_changed_record(*, user, how: str) -> None:
    """Audit a password its owner set (``how``: ``link`` — the one-time link, ``change`` —
    signed in); the password itself is Django's to store."""
    audit_log(
        acting_user=user,
        action="user.password_set" if how == "link" else "user.password",
        obj=user,
        changes={"password": ["***", "***"]},
    )
