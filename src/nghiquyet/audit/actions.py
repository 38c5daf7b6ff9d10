"""Registry of audit action codes with their human labels (Wagtail-style).

A code is ``<entity>.<verb>``; every service that changes data logs one.
"""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "orgunit.create": _("Tạo đơn vị"),
    "orgunit.rename": _("Đổi tên đơn vị"),
    "orgunit.move": _("Chuyển đơn vị sang đơn vị cấp trên khác"),
    "orgunit.merge": _("Sáp nhập đơn vị"),
    "orgunit.split": _("Chia tách đơn vị"),
    "orgunit.dissolve": _("Kết thúc hoạt động của đơn vị"),
    "user.create": _("Tạo người dùng"),
    "grant.create": _("Cấp quyền"),
    "apitoken.create": _("Tạo khóa API"),
    "apitoken.revoke": _("Thu hồi khóa API"),
    "plan.create": _("Tạo nghị quyết, kế hoạch"),
    "plan.update": _("Sửa nghị quyết, kế hoạch"),
    "group.create": _("Tạo nhóm chỉ tiêu, nhóm nhiệm vụ"),
    # Before target and task groups were one model (kept for the events written then).
    "targetgroup.create": _("Tạo nhóm chỉ tiêu"),
    "target.create": _("Tạo chỉ tiêu"),
    "indicator.create": _("Tạo chỉ số"),
    "taskgroup.create": _("Tạo nhóm nhiệm vụ"),
    "task.create": _("Tạo nhiệm vụ"),
    "task.update": _("Cập nhật nhiệm vụ"),
    "task.progress": _("Cập nhật tiến độ nhiệm vụ"),
    "period.create": _("Tạo kỳ báo cáo"),
    "value.record": _("Ghi số liệu"),
    "reference.create": _("Tạo dãy số liệu tham chiếu (vùng, cả nước)"),
    "reference.record": _("Ghi số liệu tham chiếu"),
    "round.open": _("Mở đợt báo cáo"),
    "submission.save": _("Lưu số liệu báo cáo"),
    "submission.submit": _("Gửi báo cáo"),
    "submission.approve": _("Lãnh đạo đơn vị duyệt báo cáo"),
    "submission.return": _("Trả lại báo cáo"),
    "submission.accept": _("Tiếp nhận báo cáo"),
    "submission.reopen": _("Mở lại báo cáo để điều chỉnh"),
    "submission.import": _("Nhập số liệu báo cáo từ tệp Excel"),
    "submission.api_import": _("Nhập số liệu báo cáo qua API"),
    "plan.import": _("Nhập nghị quyết, kế hoạch từ tệp Excel"),
    "scheme.create": _("Tạo bảng phân loại"),
    "demo.load": _("Nạp dữ liệu minh họa"),
    "reminder.run": _("Gửi nhắc việc"),
    "job.start": _("Yêu cầu công việc nền (báo cáo, nhập tệp)"),
    "admin.add": _("Thêm trong trang quản trị"),
    "admin.change": _("Sửa trong trang quản trị"),
    "admin.delete": _("Xóa trong trang quản trị"),
}


def label(action: str) -> str:
    return str(ACTIONS.get(action, action))
