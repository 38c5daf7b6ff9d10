"""Personal API tokens: hashed, shown once, expiring, revocable, and acting as their user."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nghiquyet.accounts.models import ApiToken
from nghiquyet.accounts.services import (
    ApiTokenRefused,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
)
from nghiquyet.audit.models import AuditEvent
from nghiquyet.audit.versions import data_version
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_only_a_hash_of_the_secret_is_stored(users):
    token, text = api_token_create(acting_user=users["baocao.anhoi"], name="Tập lệnh")
    prefix, secret = text.split("_", 2)[1:]
    assert text.startswith("nq_") and prefix == token.prefix and len(secret) >= 40
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    # Nowhere in the table: not the secret, not the whole text.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken WHERE id = %s", [token.pk])
        row = " ".join(str(c) for c in cursor.fetchone())
    assert secret not in row and text not in row
    event = AuditEvent.objects.get(action="apitoken.create", object_id=str(token.pk))
    assert event.actor == users["baocao.anhoi"] and secret not in str(event.changes)


def test_default_and_maximum_expiry(users):
    today = timezone.localdate()
    token, _text = api_token_create(acting_user=users["baocao.anhoi"], name="Mặc định")
    assert timezone.localtime(token.expires_at).date() == today + dt.timedelta(days=91)
    with pytest.raises(ValidationError) as too_long:
        api_token_create(
            acting_user=users["baocao.anhoi"],
            name="Quá dài",
            expires_on=today + dt.timedelta(days=366),
        )
    assert "tối đa 365 ngày" in too_long.value.message_dict["expires_on"][0]
    with pytest.raises(ValidationError) as past:
        api_token_create(acting_user=users["baocao.anhoi"], name="Hôm qua", expires_on=today)
    assert "phải sau hôm nay" in past.value.message_dict["expires_on"][0]
    with pytest.raises(ValidationError) as nameless:
        api_token_create(acting_user=users["baocao.anhoi"], name="  ")
    assert "tên gợi nhớ" in nameless.value.message_dict["name"][0]


def test_a_token_acts_as_its_user_and_records_its_last_use(users):
    token, text = api_token_create(acting_user=users["baocao.anhoi"], name="Tập lệnh")
    assert token.last_used_at is None
    response = ApiClient(text).get("/me")
    assert response.status_code == 200
    me = response.json()
    assert me["username"] == "baocao.anhoi"
    assert me["grants"] == [
        {
            "role": "reporter",
            "role_label": "Cán bộ báo cáo của đơn vị",
            "unit_code": "28777-cu",
            "unit_name": "Phường An Hội",
        }
    ]
    assert me["token"]["prefix"] == token.prefix
    token.refresh_from_db()
    assert token.last_used_at is not None
    # Within the minute it is not written again (reads cost no writes).
    first = token.last_used_at
    ApiClient(text).get("/me")
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(hours=1))
    ApiClient(text).get("/me")
    token.refresh_from_db()
    assert token.last_used_at > first - dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("mangle", "code"),
    [
        (lambda text: text[:-1] + ("A" if text[-1] != "A" else "B"), "invalid_token"),
        (lambda text: "nq_zzzzzzzz_" + text.split("_", 2)[2], "invalid_token"),
        (lambda text: "Basic " + text, "invalid_token"),
        (lambda text: "", "unauthenticated"),
    ],
)
def test_wrong_tokens_are_refused(users, mangle, code):
    _token, text = api_token_create(acting_user=users["vanphong.tinh"], name="Sai")
    wrong = mangle(text)
    headers = {}
    if wrong.startswith("Basic "):
        headers["Authorization"] = wrong
    elif wrong:
        headers["Authorization"] = f"Bearer {wrong}"
    response = ApiClient(**headers).get("/plans")
    assert response.status_code == 401
    assert response.json()["code"] == code
    assert response.json()["message"]


def test_expired_and_revoked_tokens_are_refused(users):
    token, text = api_token_create(acting_user=users["vanphong.tinh"], name="Cũ")
    assert ApiClient(text).get("/plans").status_code == 200

    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    expired = ApiClient(text).get("/plans")
    assert expired.status_code == 401
    assert expired.json()["code"] == "token_expired"
    assert "đã hết hạn ngày" in expired.json()["message"]

    other, other_text = api_token_create(acting_user=users["vanphong.tinh"], name="Thu hồi")
    api_token_revoke(acting_user=users["vanphong.tinh"], token=other)
    revoked = ApiClient(other_text).get("/plans")
    assert (revoked.status_code, revoked.json()["code"]) == (401, "token_revoked")
    assert AuditEvent.objects.filter(action="apitoken.revoke", object_id=str(other.pk)).count() == 1
    # Revoking again changes nothing and logs nothing.
    api_token_revoke(acting_user=users["vanphong.tinh"], token=other)
    assert AuditEvent.objects.filter(action="apitoken.revoke", object_id=str(other.pk)).count() == 1


def test_a_locked_account_cannot_use_its_tokens(users):
    user = users["baocao.phutan"]
    _token, text = api_token_create(acting_user=user, name="Tập lệnh")
    user.is_active = False
    user.save()
    with pytest.raises(ApiTokenRefused) as refused:
        api_token_authenticate(text)
    assert refused.value.code == "user_inactive"
    assert ApiClient(text).get("/me").json()["code"] == "user_inactive"


def test_nobody_revokes_another_persons_token(users):
    token, _text = api_token_create(acting_user=users["baocao.anhoi"], name="Của tôi")
    with pytest.raises(Http404):
        api_token_revoke(acting_user=users["quantri"], token=token)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_web_page_shows_the_token_once(users):
    client = Client()
    client.force_login(users["lanhdao.tinh"])
    page = client.get(reverse("accounts:token-list"))
    assert page.status_code == 200 and "Bạn chưa tạo khóa API nào" in page.content.decode()
    created = client.post(
        reverse("accounts:token-list"),
        {
            "name": "Bảng tin lãnh đạo",
            "expires_on": (timezone.localdate() + dt.timedelta(days=30)).strftime("%d/%m/%Y"),
        },
    )
    assert created.status_code == 302
    html = client.get(created["Location"]).content.decode()
    token = ApiToken.objects.get(user=users["lanhdao.tinh"])
    shown = html.split('id="token-secret" class="secret">', 1)[1].split("<", 1)[0]
    assert shown.startswith(f"nq_{token.prefix}_")
    assert ApiClient(shown).get("/me").json()["username"] == "lanhdao.tinh"
    # Never again.
    again = client.get(reverse("accounts:token-list")).content.decode()
    assert shown not in again and f"nq_{token.prefix}_…" in again
    revoked = client.post(reverse("accounts:token-revoke", args=[token.pk]))
    assert revoked.status_code == 302
    assert ApiClient(shown).get("/me").json()["code"] == "token_revoked"
    assert "đã thu hồi" in client.get(reverse("accounts:token-list")).content.decode()


def test_the_token_and_its_user_read_as_the_orm_reads_them(users):
    """The token's statement is written by hand (it runs on every API request): every field
    of the token and of its user comes back as a queryset gives it — aware datetimes,
    booleans, the last use — and the data version with them."""
    user = users["baocao.anhoi"]
    user.last_login = timezone.now() - dt.timedelta(days=2)
    user.save()
    _token, text = api_token_create(acting_user=user, name="Tập lệnh")
    ApiToken.objects.filter(prefix=text.split("_")[1]).update(
        last_used_at=timezone.now() - dt.timedelta(hours=3)
    )
    found = api_token_authenticate(text)
    expected = ApiToken.objects.select_related("user").get(pk=found.pk)
    for model_object, read in ((expected, found), (expected.user, found.user)):
        for field in type(model_object)._meta.concrete_fields:
            assert getattr(read, field.attname) == getattr(model_object, field.attname), field
    assert timezone.is_aware(found.created_at) and timezone.is_aware(found.user.last_login)
    assert found.user.is_active is True and found.user.is_superuser is False
    assert found.version_read.value == data_version()
    with pytest.raises(ApiTokenRefused) as unknown:
        api_token_authenticate("nq_" + "a" * len(found.prefix) + "_x")
    assert unknown.value.code == "invalid_token"
