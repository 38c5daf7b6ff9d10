"""A newcomer's first hour: in demo mode the sign-in page lists the demo accounts and what each
can do; ``nghiquyet demo`` (so ``make run``) prints the same list."""

from __future__ import annotations

import pytest
from django.test import Client

from nghiquyet.demo import data
from nghiquyet.demo.accounts import PASSWORD, demo_accounts, demo_accounts_print
from nghiquyet.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_every_demo_account_says_what_it_can_do():
    accounts = {a.username: a for a in demo_accounts()}
    assert set(accounts) == {data.ADMIN_USER[0], *(u for u, *_ in data.USERS)}
    assert all(a.can_do and a.role for a in accounts.values())
    assert accounts["baocao.anhoi"].unit == "Phường An Hội"
    assert accounts["baocao.anhoi"].role == "Cán bộ báo cáo của đơn vị"


def test_the_sign_in_page_lists_them_in_demo_mode():
    html = Client().get("/dang-nhap/").content.decode()
    assert 'data-testid="demo-accounts"' in html
    assert PASSWORD in html
    for account in demo_accounts():
        assert f'data-username="{account.username}"' in html
    assert "duyệt báo cáo của phường" in html


def test_not_without_the_demo():
    Plan.objects.filter(is_demo=True).update(is_demo=False)
    html = Client().get("/dang-nhap/").content.decode()
    assert "demo-accounts" not in html and PASSWORD not in html


def test_nghiquyet_demo_prints_them():
    lines = []
    demo_accounts_print(lines.append)
    assert lines[0] == f"Tài khoản minh họa (mật khẩu chung: {PASSWORD}):"
    assert len(lines) == 1 + 1 + len(data.USERS)
    assert any(line.strip().startswith("lanhdao.tinh") and "Người xem" in line for line in lines)


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("lanhdao.tinh", "/"),
        ("lanhdao.tinh", "/nghi-quyet/tinh-2022/"),
        ("lanhdao.tinh", "/nghi-quyet/tinh-2022/chi-tieu/3/"),
        ("vanphong.thanhpho", "/nghi-quyet/thanhpho-2021/cu-the-hoa/"),
        ("vanphong.thanhpho", "/bao-cao/"),
        ("vanphong.thanhpho", "/nhiem-vu/"),
        ("vanphong.thanhpho", "/don-vi/"),
        ("vanphong.thanhpho", "/thong-bao/"),
        ("vanphong.thanhpho", "/tai-lieu/cong-viec/"),
    ],
)
def test_each_main_page_says_what_it_is_for(users, user, url):
    client = Client()
    client.force_login(users[user])
    html = client.get(url).content.decode()
    assert 'data-testid="page-help"' in html, url
