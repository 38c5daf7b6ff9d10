"""Reads of accounts: a user's own API tokens."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .models import ApiToken


def api_token_list(*, user) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (nobody sees another person's tokens)."""
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def api_token_get(*, user, pk: int) -> ApiToken:
    """One of the user's own tokens; 404 for anybody else's."""
    token = api_token_list(user=user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token
