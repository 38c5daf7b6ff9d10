"""The demo's accounts and what each can do: shown on the sign-in page in demo mode and
printed by ``nghiquyet demo`` (so ``make run``), from one list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from nghiquyet.accounts.choices import Role
from nghiquyet.orgs.models import OrgUnit

from . import data

#: What each demo account is for, and a first thing to try.
CAN_DO = {
    "quantri": _("Quản trị toàn hệ thống; trang quản trị tại /quan-tri/."),
    "vanphong.tinh": _(
        "Văn phòng Tỉnh ủy Bến Tre: xem và quản lý cả tỉnh; tải báo cáo sơ kết, tổng kết "
        "(Word, PDF, Excel) của Nghị quyết số 04-NQ/TU."
    ),
    "lanhdao.tinh": _(
        "Thường trực Tỉnh ủy: chỉ xem cả tỉnh — Nghị quyết số 04-NQ/TU: “15/25 chỉ tiêu đạt và "
        "vượt…”; dự báo nhiệm kỳ 2020–2025."
    ),
    "baocao.skhdt": _("Sở Kế hoạch và Đầu tư: nhập số liệu, tiến độ nhiệm vụ của sở."),
    "vanphong.thanhpho": _(
        "Văn phòng Thành ủy Bến Tre: đợt báo cáo 6 tháng đầu năm 2021 — tiếp nhận hoặc trả lại "
        "báo cáo của các phường, xã; việc cụ thể hóa chỉ tiêu."
    ),
    "baocao.anhoi": _(
        "Cán bộ báo cáo phường An Hội: nhập số liệu (đang nhập dở), gửi lãnh đạo phường duyệt; "
        "chỉ thấy phường mình."
    ),
    "lanhdao.anhoi": _("Bí thư Đảng ủy phường An Hội: duyệt báo cáo của phường."),
    "baocao.phutan": _("Cán bộ báo cáo phường Phú Tân: chỉ thấy phường mình."),
    "vanphong.vinhlong": _(
        "Văn phòng Tỉnh ủy Vĩnh Long sau sắp xếp 01/07/2025: Nghị quyết số 05-NQ/TU, “cùng kỳ” "
        "tính từ báo cáo của ba tỉnh cũ; bản đồ đơn vị theo ngày."
    ),
    "lanhdao.vinhlong": _("Thường trực Tỉnh ủy Vĩnh Long: chỉ xem tỉnh Vĩnh Long."),
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    role: str
    unit: str
    can_do: str


def demo_accounts() -> list[DemoAccount]:
    """Every demo account with its role, unit and what it can do (password: ``PASSWORD``)."""
    codes = [code for *_, code in data.USERS]
    units = dict(OrgUnit.objects.filter(code__in=codes).values_list("code", "name"))
    roles = dict(Role.choices)
    admin, admin_name = data.ADMIN_USER
    accounts = [DemoAccount(admin, admin_name, str(roles[Role.ADMIN]), "", str(CAN_DO[admin]))]
    for username, name, role, code in data.USERS:
        accounts.append(
            DemoAccount(
                username,
                name,
                str(roles[role]),
                units.get(code, code),
                str(CAN_DO.get(username, "")),
            )
        )
    return accounts


PASSWORD = data.DEMO_PASSWORD


def demo_accounts_print(log: Callable[[str], object] = print) -> None:
    """The accounts as ``nghiquyet demo`` prints them after loading."""
    log(f"Tài khoản minh họa (mật khẩu chung: {PASSWORD}):")
    for a in demo_accounts():
        unit = f", {a.unit}" if a.unit else ""
        log(f"  {a.username:<18} {a.role}{unit} — {a.can_do}")
