"""Constants of emulation (thi đua): cluster kinds, round states, criterion kinds, audit codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClusterKind(models.TextChoices):
    """Cụm thi đua groups units of one level by area; khối groups them by trade."""

    CLUSTER = "cluster", _("Cụm thi đua")
    BLOCK = "block", _("Khối thi đua")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("đang chấm điểm")
    CLOSED = "closed", _("đã khóa sổ")


class CriterionKind(models.TextChoices):
    """What a criterion is scored from: one of the system's own measures, or the council."""

    TARGETS_ACHIEVED = "targets_achieved", _("Tỷ lệ chỉ tiêu nghị quyết đạt (theo bảng phân loại)")
    REPORTS_ON_TIME = "reports_on_time", _("Tỷ lệ báo cáo gửi đúng hạn")
    TASKS_ON_TIME = "tasks_on_time", _("Tỷ lệ nhiệm vụ hoàn thành đúng hạn")
    FIGURES_ACCEPTED = "figures_accepted", _("Tỷ lệ báo cáo được tiếp nhận không bị trả lại")
    COUNCIL = "council", _("Hội đồng thi đua chấm")


#: The kinds the system computes from its own data (the rest the council scores).
COMPUTED_KINDS = frozenset(
    {
        CriterionKind.TARGETS_ACHIEVED,
        CriterionKind.REPORTS_ON_TIME,
        CriterionKind.TASKS_ON_TIME,
        CriterionKind.FIGURES_ACCEPTED,
    }
)


class ScoreSource(models.TextChoices):
    COMPUTED = "computed", _("hệ thống tính (đã khóa sổ)")
    COUNCIL = "council", _("hội đồng chấm")


class TraceKind(models.TextChoices):
    """What a point of a score was built from (the trace of a score)."""

    TARGET = "target", _("chỉ tiêu")
    SUBMISSION = "submission", _("báo cáo")
    TASK = "task", _("nhiệm vụ")


#: The audit action codes this app writes, with their labels (registered when the app
#: is ready; see nghiquyet.audit.actions).
AUDIT_ACTIONS = {
    "movement.create": _("Phát động phong trào thi đua"),
    "cluster.create": _("Lập cụm, khối thi đua"),
    "cluster.lead": _("Giao đơn vị cụm trưởng, khối trưởng"),
    "emulationround.create": _("Mở đợt chấm điểm thi đua"),
    "emulationround.close": _("Khóa sổ đợt chấm điểm thi đua"),
    "criterion.create": _("Thêm tiêu chí thi đua"),
    "registration.save": _("Đăng ký thi đua"),
    "score.council": _("Hội đồng chấm điểm thi đua"),
}
