"""Bad input to pages answers 4xx with a clear message, never 500."""

from __future__ import annotations

import pytest
from django.test import Client

from nghiquyet.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(users):
    c = Client(raise_request_exception=False)
    c.force_login(users["baocao.anhoi"])
    return c


@pytest.mark.parametrize(
    ("expires_on", "message"),
    [
        ("01/01/2020", "Ngày hết hạn phải sau hôm nay."),
        ("31/12/9999", "Khóa API có hiệu lực tối đa"),
        ("01/01/3000", "Khóa API có hiệu lực tối đa"),
    ],
)
def test_token_form_with_a_past_or_too_distant_expiry(reporter, expires_on, message):
    before = ApiToken.objects.count()
    response = reporter.post("/tai-khoan/khoa-api/", {"name": "x", "expires_on": expires_on})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert ApiToken.objects.count() == before


@pytest.mark.parametrize(
    "url",
    [
        "/nhiem-vu/?q=%00",
        "/nhiem-vu/?q=a%00b",
        "/bao-cao/?trang_thai=%00",
        "/don-vi/?q=%00",
        "/nghi-quyet/tinh-2022/?phan_loai=%00",
    ],
)
def test_a_nul_character_in_the_address_is_a_400(reporter, url):
    response = reporter.get(url)
    assert response.status_code == 400
    assert "ký tự NUL" in response.content.decode()


def test_the_api_keeps_its_own_nul_answer(reporter):
    response = reporter.get("/api/v1/units?q=%00")
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
