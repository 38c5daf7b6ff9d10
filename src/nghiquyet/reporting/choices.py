from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF_YEAR = "half_year", _("6 tháng")
    NINE_MONTHS = "nine_months", _("9 tháng")
    YEAR = "year", _("Năm")
    TERM = "term", _("Nhiệm kỳ")


class ValueStatus(models.TextChoices):
    ESTIMATE = "estimate", _("ước thực hiện")
    PRELIMINARY = "preliminary", _("sơ bộ")
    OFFICIAL = "official", _("chính thức")


class ValueSource(models.TextChoices):
    MANUAL = "manual", _("nhập tay")
    SUBMISSION = "submission", _("báo cáo của đơn vị")
    IMPORT = "import", _("nhập từ tệp")
    API = "api", _("qua API")
    DEMO = "demo", _("dữ liệu minh họa")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("đang nhập")
    SUBMITTED = "submitted", _("đã gửi, chờ lãnh đạo đơn vị duyệt")
    APPROVED = "approved", _("lãnh đạo đơn vị đã duyệt, chờ tiếp nhận")
    ACCEPTED = "accepted", _("đã tiếp nhận")
    RETURNED = "returned", _("bị trả lại, cần chỉnh sửa")


#: Statuses in which the unit's reporter may edit figures.
EDITABLE_STATUSES = frozenset({SubmissionStatus.DRAFT, SubmissionStatus.RETURNED})


class SubmissionAction(models.TextChoices):
    CREATE = "create", _("tạo báo cáo")
    SAVE = "save", _("lưu số liệu")
    SUBMIT = "submit", _("gửi báo cáo")
    APPROVE = "approve", _("lãnh đạo đơn vị duyệt")
    RETURN = "return", _("trả lại")
    ACCEPT = "accept", _("tiếp nhận")
    REOPEN = "reopen", _("mở lại để điều chỉnh")


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("đúng hạn")
    LATE = "late", _("muộn")
    MISSING = "missing", _("chưa gửi")
    NOT_DUE = "not_due", _("chưa đến hạn")


#: The audit action codes this app writes, with their labels (registered when the app
#: is ready; see nghiquyet.audit.actions).
AUDIT_ACTIONS = {
    "period.create": _("Tạo kỳ báo cáo"),
    "value.record": _("Ghi số liệu"),
    "reference.create": _("Tạo dãy số liệu tham chiếu (vùng, cả nước)"),
    "reference.record": _("Ghi số liệu tham chiếu"),
    "round.open": _("Mở đợt báo cáo"),
    "round.extend": _("Gia hạn đợt báo cáo"),
    "round.close": _("Đóng đợt báo cáo"),
    "submission.save": _("Lưu số liệu báo cáo"),
    "submission.submit": _("Gửi báo cáo"),
    "submission.approve": _("Lãnh đạo đơn vị duyệt báo cáo"),
    "submission.return": _("Trả lại báo cáo"),
    "submission.accept": _("Tiếp nhận báo cáo"),
    "submission.reopen": _("Mở lại báo cáo để điều chỉnh"),
}
