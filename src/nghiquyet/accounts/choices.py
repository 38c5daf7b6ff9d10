from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    OFFICE = "office", _("Văn phòng (tổng hợp)")
    REPORTER = "reporter", _("Cán bộ báo cáo của đơn vị")
    APPROVER = "approver", _("Lãnh đạo đơn vị (phê duyệt)")
    VIEWER = "viewer", _("Người xem")


class Action(models.TextChoices):
    """What a user may do within a unit's subtree."""

    VIEW = "view", _("xem")
    REPORT = "report", _("nhập số liệu, tiến độ")
    APPROVE = "approve", _("phê duyệt báo cáo của đơn vị")
    MANAGE = "manage", _("quản lý kế hoạch, kỳ báo cáo, tiếp nhận báo cáo")
    ADMINISTER = "administer", _("quản trị người dùng và đơn vị")


#: The one place that says which role may do what.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(Action.values),
    Role.OFFICE: frozenset({Action.VIEW, Action.MANAGE}),
    Role.REPORTER: frozenset({Action.VIEW, Action.REPORT}),
    Role.APPROVER: frozenset({Action.VIEW, Action.APPROVE}),
    Role.VIEWER: frozenset({Action.VIEW}),
}


#: Where a user's scope (nghiquyet.orgs.scopes.scope_for) is cached for the request; a new
#: grant forgets it.
SCOPE_CACHE_ATTRIBUTE = "_nghiquyet_scope"


#: Personal API tokens: how long one lives unless the user picks a date, and at most.
API_TOKEN_DEFAULT_DAYS = 90
API_TOKEN_MAX_DAYS = 365
#: Tokens read ``nq_<prefix>_<secret>``; the prefix is stored in clear to find the token.
API_TOKEN_PREFIX_CHARS = 8
#: A token's last use is written at most this often (seconds), not on every request.
API_TOKEN_TOUCH_SECONDS = 60
#: Active (not expired, not revoked) tokens a user may hold at once.
API_TOKEN_MAX_ACTIVE = 20


#: The audit action codes this app writes, with their labels (registered when the app
#: is ready; see nghiquyet.audit.actions).
AUDIT_ACTIONS = {
    "user.create": _("Tạo người dùng"),
    "user.activate": _("Mở khóa tài khoản"),
    "user.deactivate": _("Khóa tài khoản"),
    "user.password": _("Đổi mật khẩu"),
    "grant.create": _("Cấp quyền"),
    "grant.delete": _("Thu hồi quyền"),
    "user.password_set": _("Đặt mật khẩu qua liên kết"),
    "apitoken.create": _("Tạo khóa API"),
    "apitoken.revoke": _("Thu hồi khóa API"),
}
