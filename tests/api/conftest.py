"""Calling the API as the demo users, each with a personal token made through the service."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from nghiquyet.accounts.services import api_token_create

API = "/api/v1"


class ApiClient:
    """A Django test client that sends ``Authorization: Bearer`` and JSON bodies."""

    def __init__(self, token: str | None = None, **headers):
        self.client = Client()
        self.headers = dict(headers)
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, body=None, *, content_type="application/json", **kw):
        url = path if path.startswith("/") and path.startswith(API) else API + path
        data = body
        if body is not None and content_type == "application/json" and not isinstance(body, str):
            data = json.dumps(body)
        return self.client.generic(
            method.upper(),
            url,
            data=data or "",
            content_type=content_type,
            headers={**self.headers, **kw.pop("headers", {})},
            **kw,
        )

    def get(self, path: str, **kw):
        return self.call("GET", path, **kw)

    def post(self, path: str, body=None, **kw):
        return self.call("POST", path, body, **kw)

    def patch(self, path: str, body=None, **kw):
        return self.call("PATCH", path, body, **kw)


@pytest.fixture
def tokens(users):
    """username → full token text, one fresh token per demo user."""
    return {
        name: api_token_create(acting_user=user, name="kiểm thử")[1] for name, user in users.items()
    }


@pytest.fixture
def as_user(tokens):
    """``as_user("baocao.anhoi").get("/units")``."""

    def make(username: str, **headers) -> ApiClient:
        return ApiClient(tokens[username], **headers)

    return make
