from django.db import models
from django.utils.translation import gettext_lazy as _

from nghiquyet.engine import Change, Decides, Direction, RangeBound


class PlanKind(models.TextChoices):
    TERM_RESOLUTION = "term_resolution", _("Nghị quyết Đại hội (nhiệm kỳ)")
    ANNUAL_RESOLUTION = "annual_resolution", _("Nghị quyết năm")
    PROGRAM = "program", _("Chương trình")
    PLAN = "plan", _("Kế hoạch")
    THEMATIC_RESOLUTION = "thematic_resolution", _("Nghị quyết chuyên đề")
    CONCLUSION = "conclusion", _("Thông báo kết luận")


#: The document type word used in headings ("Nghị quyết số 04-NQ/TU").
DOCUMENT_TYPE = {
    PlanKind.TERM_RESOLUTION: _("Nghị quyết"),
    PlanKind.ANNUAL_RESOLUTION: _("Nghị quyết"),
    PlanKind.THEMATIC_RESOLUTION: _("Nghị quyết"),
    PlanKind.PROGRAM: _("Chương trình"),
    PlanKind.PLAN: _("Kế hoạch"),
    PlanKind.CONCLUSION: _("Thông báo kết luận"),
}


class BodyKind(models.TextChoices):
    """Which formatting rules the plan's documents follow."""

    PARTY = "party", _("Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")
    STATE = "state", _("Văn bản hành chính nhà nước (Nghị định 30/2020/NĐ-CP)")


class GroupKind(models.TextChoices):
    """What a plan's group gathers."""

    TARGETS = "targets", _("chỉ tiêu")
    TASKS = "tasks", _("nhiệm vụ, giải pháp")


class TargetDirection(models.TextChoices):
    HIGHER = Direction.HIGHER.value, _("càng cao càng tốt")
    LOWER = Direction.LOWER.value, _("càng thấp càng tốt")
    YES_NO = Direction.YES_NO.value, _("đạt / không đạt")
    BAND = Direction.BAND.value, _("trong khoảng (cơ cấu: trong khoảng là đạt)")


class TargetChange(models.IntegerChoices):
    NONE = Change.NONE.value, _("so với giá trị tuyệt đối")
    INCREASE = Change.INCREASE.value, _("tăng (%) so với cùng kỳ năm trước")
    DECREASE = Change.DECREASE.value, _("giảm (%) so với cùng kỳ năm trước")


class ChangeMeasure(models.TextChoices):
    """How a change against the baseline is measured."""

    AUTO = "", _("theo đơn vị tính (tỷ lệ %: điểm phần trăm; còn lại: %)")
    PERCENT = "percent", _("phần trăm so với kỳ gốc")
    POINTS = "points", _("điểm phần trăm")


class TargetDecides(models.IntegerChoices):
    """Which part of a target with a level and a change decides it."""

    BOTH = Decides.BOTH.value, _("cả mức đạt và mức tăng, giảm")
    LEVEL = Decides.LEVEL.value, _("mức đạt")
    CHANGE = Decides.CHANGE.value, _("mức tăng, giảm")


class SchemeRangeBound(models.TextChoices):
    """Which bound of a range a scheme rates against."""

    LENIENT = RangeBound.LENIENT.value, _("cận dễ đạt (cận dưới với chỉ tiêu càng cao càng tốt)")
    AMBITIOUS = RangeBound.AMBITIOUS.value, _("cận cao (cận trên với chỉ tiêu càng cao càng tốt)")


class Temporal(models.TextChoices):
    """How a target relates to time."""

    ANNUAL = "annual", _("trong năm (lũy kế từ đầu năm)")
    LEVEL = "level", _("mức đạt tại thời điểm")
    CUMULATIVE = "cumulative", _("cộng dồn cả giai đoạn, nhiệm kỳ")
    AVERAGE = "average", _("bình quân hằng năm của giai đoạn")


class Aggregation(models.TextChoices):
    """How unit figures add up to their parent's."""

    SUM = "sum", _("cộng")
    RATIO = "ratio", _("tỷ lệ của tổng (tử số / mẫu số)")
    NONE = "none", _("không cộng được (đơn vị chủ trì báo cáo)")


class IndicatorNature(models.TextChoices):
    """Whether sub-annual figures accumulate over the year or are a level at a date."""

    FLOW = "flow", _("lũy kế từ đầu năm")
    STOCK = "stock", _("mức tại thời điểm")


class AdjustmentKind(models.TextChoices):
    """What a later document did to a target."""

    ADJUST = "adjust", _("điều chỉnh chỉ tiêu")
    END = "end", _("bãi bỏ chỉ tiêu")


class ShareMethod(models.TextChoices):
    """How an office divides a target of its plan among the units under it."""

    EQUAL = "equal", _("chia đều")
    POPULATION = "population", _("theo dân số")
    HAND = "hand", _("giao cụ thể cho từng đơn vị")


class TaskClosure(models.TextChoices):
    """How a task left tracking without being done."""

    CANCELLED = "cancelled", _("đã hủy")
    MERGED = "merged", _("đã gộp vào nhiệm vụ khác")


#: The fields of a target that make its plan figure: a change to one of them once figures
#: exist is an adjustment (dated, naming its document), not an edit.
TARGET_FIGURE_FIELDS = (
    "statement",
    "direction",
    "target_value",
    "target_high",
    "tolerance",
    "change",
    "strict",
    "change_measure",
    "with_change",
    "with_change_low",
    "with_change_high",
    "decided_by",
)


#: The audit action codes this app writes, with their labels (registered when the app
#: is ready; see nghiquyet.audit.actions).
class QualityRuleKind(models.TextChoices):
    """What a data-quality rule of an indicator demands of its figures."""

    RANGE = "range", _("trong khoảng từ … đến …")
    WHOLE_NUMBER = "whole", _("là số nguyên (số người, hộ, vụ…)")
    NOT_BELOW_PREVIOUS = "not_below", _("lũy kế: không thấp hơn kỳ trước")
    NUMERATOR_LE_DENOMINATOR = "num_le_den", _("tử số không lớn hơn mẫu số")
    SHARE_SUM = "share_sum", _("nhóm cơ cấu cộng lại bằng 100")


#: Units of measure of counts: their figures are whole numbers unless a rule says otherwise.
COUNT_UNITS = frozenset(
    {
        "người",
        "lao động",
        "hộ",
        "vụ",
        "đảng viên",
        "xã",
        "phường",
        "xã, phường",
        "cơ sở",
        "tổ",
        "hợp tác xã",
        "doanh nghiệp",
        "trường",
        "ấp, khu phố",
        "khu phố",
        "ấp",
        "căn",
        "cái",
        "chi bộ",
        "tổ chức",
        "lượt",
    }
)


AUDIT_ACTIONS = {
    "quality_rule.create": _("Thêm quy tắc kiểm tra số liệu"),
    "quality_rule.delete": _("Bỏ quy tắc kiểm tra số liệu"),
    "plan.create": _("Tạo nghị quyết, kế hoạch"),
    "plan.update": _("Sửa nghị quyết, kế hoạch"),
    "group.create": _("Tạo nhóm chỉ tiêu, nhóm nhiệm vụ"),
    # Written before target and task groups were one model (events kept as they are).
    "targetgroup.create": _("Tạo nhóm chỉ tiêu"),
    "target.create": _("Tạo chỉ tiêu"),
    "indicator.create": _("Tạo chỉ số"),
    "taskgroup.create": _("Tạo nhóm nhiệm vụ"),
    "task.create": _("Tạo nhiệm vụ"),
    "task.update": _("Cập nhật nhiệm vụ"),
    "task.progress": _("Cập nhật tiến độ nhiệm vụ"),
    "task.extend": _("Gia hạn nhiệm vụ"),
    "task.close": _("Hủy, gộp nhiệm vụ"),
    "group.update": _("Sửa nhóm chỉ tiêu, nhóm nhiệm vụ"),
    "target.update": _("Sửa chỉ tiêu"),
    "target.adjust": _("Điều chỉnh chỉ tiêu"),
    "target.end": _("Bãi bỏ chỉ tiêu"),
    "target.shares": _("Giao phần chỉ tiêu cho đơn vị cấp dưới"),
    "scheme.create": _("Tạo bảng phân loại"),
}
