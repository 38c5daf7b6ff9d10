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
    "proposal.create": _("Đề nghị khen thưởng"),
    "proposal.review": _("Hội đồng thi đua bình xét đề nghị khen thưởng"),
    "decision.issue": _("Quyết định khen thưởng"),
    "person.create": _("Ghi cá nhân được đề nghị khen thưởng"),
    "person.export": _("Trích xuất dữ liệu cá nhân theo yêu cầu"),
    "person.erase": _("Xoá dữ liệu cá nhân theo yêu cầu"),
}


class AwardCategory(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class AwardBody(models.TextChoices):
    STATE = "state", _("Nhà nước")
    PARTY = "party", _("Đảng")


class Recipient(models.TextChoices):
    """Who a title or award form is for."""

    COLLECTIVE = "collective", _("tập thể")
    INDIVIDUAL = "individual", _("cá nhân")


#: What an erased person's name becomes (Nghị định 13/2023/NĐ-CP: erasure on request); the
#: decisions that named them keep their rows and their count. Stored data, not a UI string.
ERASED_NAME = "[đã xoá theo yêu cầu]"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("đơn vị đề nghị, chờ hội đồng xét")
    APPROVED = "approved", _("hội đồng thống nhất đề nghị, chờ quyết định")
    REJECTED = "rejected", _("hội đồng không đề nghị")
    DECIDED = "decided", _("đã có quyết định khen thưởng")


class ConditionCheck(models.TextChoices):
    """How a condition of a title or award form is checked."""

    PRIOR_YEARS = "prior_years", _("đã đạt danh hiệu, hình thức trước đó nhiều năm liền")
    CLUSTER_RANK = "cluster_rank", _("xếp hạng trong cụm, khối thi đua")
    WITH_TITLE = "with_title", _("đạt danh hiệu khác trong cùng năm")
    COUNCIL = "council", _("hội đồng xác nhận")


#: Titles and award forms seeded as data (the office edits them in the admin), each condition
#: citing where it comes from. Sources (read 07/12/2026):
#: - Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 27 khoản 1 (Tập thể lao động xuất sắc), as
#:   quoted by Sở Tư pháp Thừa Thiên Huế: https://stp.thuathienhue.gov.vn/?gd=12&cn=28&tc=9123
#:   and https://sbft.hust.edu.vn/hai-vien-thuoc-truong-hoa-va-khoa-hoc-su-song-nhan-danh-hieu-tap-the-lao-dong-xuat-sac.html
#: - Cờ thi đua cấp tỉnh for the collective leading its cluster or block, e.g. UBND tỉnh Quảng Nam
#:   2023: http://hcc.quangnam.gov.vn/chi-tiet-tin/group/179/nid/68989/tang-co-thi-dua-cua-uy-ban-nhan-dan-tinh-cho-4-tap-the-cua-uy-ban-nhan-dan-huyen-bac-tra-my
#: - the Party's: Bằng khen of a provincial Standing Committee for a party organisation
#:   "Hoàn thành xuất sắc nhiệm vụ" tiêu biểu 5 năm liền (Đảng ủy Khối Bình Thuận's handbook):
#:   https://stdt.danguykhoibinhthuan.vn/sotay/tai-lieu-van-ban/dieu-kie%CC%A3n-de%CC%89-tcd-duo%CC%A3c-btv-ti%CC%89nh-u%CC%89y-khen
#:   and the yearly "Hoàn thành xuất sắc nhiệm vụ" of party organisations (Nghệ An's rules):
#:   https://dbndnghean.vn/nghe-an-ban-hanh-quy-dinh-ve-che-do-khen-thuong-to-chuc-dang-va-dang-vien-10867.htm
AWARD_PRESETS = [
    {
        "code": "tap-the-lao-dong-xuat-sac",
        "name": "Tập thể lao động xuất sắc",
        "category": "title",
        "body": "state",
        "legal_basis": "Điều 27 khoản 1 Luật Thi đua, khen thưởng số 06/2022/QH15; trình tự, "
        "thủ tục theo Nghị định số 98/2023/NĐ-CP.",
        "conditions": [
            {"check": "council", "text": "Hoàn thành xuất sắc nhiệm vụ được giao."},
            {
                "check": "council",
                "text": "Tích cực tham gia phong trào thi đua thường xuyên, thiết thực, hiệu quả.",
            },
            {
                "check": "council",
                "text": "100% cá nhân hoàn thành nhiệm vụ, ít nhất 70% đạt danh hiệu "
                "“Lao động tiên tiến”; có cá nhân đạt “Chiến sĩ thi đua cơ sở”.",
            },
            {
                "check": "council",
                "text": "Nội bộ đoàn kết, gương mẫu chấp hành chủ trương của Đảng, chính sách, "
                "pháp luật của Nhà nước.",
            },
        ],
    },
    {
        "code": "co-thi-dua-ubnd-tinh",
        "name": "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "category": "title",
        "body": "state",
        "legal_basis": "Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định số 98/2023/NĐ-CP: "
        "Cờ thi đua cấp tỉnh tặng tập thể hoàn thành xuất sắc, toàn diện nhiệm vụ, dẫn đầu "
        "cụm, khối thi đua.",
        "conditions": [
            {"check": "cluster_rank", "rank": 1, "text": "Dẫn đầu cụm, khối thi đua trong năm."},
            {"check": "council", "text": "Hoàn thành xuất sắc, toàn diện nhiệm vụ được giao."},
        ],
    },
    {
        "code": "htxs-to-chuc-dang",
        "name": "Tổ chức đảng “Hoàn thành xuất sắc nhiệm vụ” tiêu biểu",
        "category": "title",
        "body": "party",
        "legal_basis": "Quy định khen thưởng tổ chức đảng và đảng viên của cấp ủy tỉnh "
        "(khen thưởng định kỳ hằng năm).",
        "conditions": [
            {
                "check": "council",
                "text": "Được xếp loại “Hoàn thành xuất sắc nhiệm vụ” trong năm.",
            }
        ],
    },
    {
        "code": "bang-khen-btv-5-nam",
        "name": "Bằng khen của Ban Thường vụ Tỉnh ủy (“Hoàn thành xuất sắc nhiệm vụ” tiêu "
        "biểu 5 năm liền)",
        "category": "form",
        "body": "party",
        "legal_basis": "Quy định khen thưởng tổ chức đảng của cấp ủy tỉnh: chọn trong số tổ chức "
        "đảng đạt “Hoàn thành xuất sắc nhiệm vụ” tiêu biểu 5 năm liền.",
        "conditions": [
            {
                "check": "prior_years",
                "award": "htxs-to-chuc-dang",
                "years": 5,
                "text": "Đạt “Hoàn thành xuất sắc nhiệm vụ” tiêu biểu 5 năm liền.",
            },
            {
                "check": "council",
                "text": "Cơ quan, đơn vị đạt “Tập thể lao động xuất sắc” hoặc được tặng bằng "
                "khen trở lên trong năm.",
            },
        ],
    },
]


#: Individuals' titles and award forms (issue 14, item 3), seeded by migration 0005. Sources
#: (read 07/12/2026):
#: - Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024): Điều 22 (Chiến sĩ thi đua
#:   cấp bộ, ban, ngành, tỉnh: "03 lần liên tục được tặng danh hiệu Chiến sĩ thi đua cơ sở" and an
#:   initiative of provincial reach), Điều 23 (Chiến sĩ thi đua cơ sở), Điều 24 (Lao động tiên
#:   tiến), as summarised by Báo Yên Bái, "Tiêu chuẩn danh hiệu Chiến sĩ thi đua cơ sở, Lao động
#:   tiên tiến, Chiến sĩ tiên tiến":
#:   https://baoyenbai.com.vn/13/342479/Tieu-chuan-danh-hieu-Chien-si-thi-dua-co-so-Lao-dong-tien-tien-Chien-si-tien-tien.aspx
#:   the law's chapters: https://vietjack.me/phap-luat/luat-thi-dua-khen-thuong-2022/chuong-ii-761.html
#:   and the earlier rule it carries over (Chiến sĩ thi đua cơ sở chosen among those reaching
#:   "Lao động tiên tiến", with an initiative recognised by the unit): Ban Thi đua - Khen thưởng
#:   Trung ương, http://banthiduakhenthuongtw.gov.vn/traloi/460b8a748639415f8b9c28ccfe707fcd
#: - Bằng khen of the provincial chairman and Giấy khen for individuals: Luật 06/2022/QH15,
#:   Chương III (hình thức khen thưởng: Điều 72 Bằng khen cấp bộ, ban, ngành, tỉnh; Điều 74 Giấy
#:   khen) and Nghị định số 98/2023/NĐ-CP (trình tự, thủ tục, hồ sơ). The article numbers of the
#:   forms were not read from the law's own text here: an office checks them in the admin.
INDIVIDUAL_AWARD_PRESETS = [
    {
        "code": "lao-dong-tien-tien",
        "name": "Lao động tiên tiến",
        "category": "title",
        "body": "state",
        "recipient": "individual",
        "legal_basis": "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15; trình tự, thủ tục "
        "theo Nghị định số 98/2023/NĐ-CP.",
        "conditions": [
            {"check": "council", "text": "Hoàn thành tốt nhiệm vụ được giao."},
            {
                "check": "council",
                "text": "Chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước; "
                "đoàn kết, tích cực tham gia phong trào thi đua.",
            },
        ],
    },
    {
        "code": "chien-si-thi-dua-co-so",
        "name": "Chiến sĩ thi đua cơ sở",
        "category": "title",
        "body": "state",
        "recipient": "individual",
        "legal_basis": "Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15; trình tự, thủ tục "
        "theo Nghị định số 98/2023/NĐ-CP.",
        "conditions": [
            {
                "check": "with_title",
                "award": "lao-dong-tien-tien",
                "text": "Đạt danh hiệu “Lao động tiên tiến” trong năm.",
            },
            {"check": "council", "text": "Hoàn thành xuất sắc nhiệm vụ được giao."},
            {
                "check": "council",
                "text": "Có sáng kiến được cơ quan, đơn vị công nhận, hoặc đề tài khoa học đã "
                "nghiệm thu được áp dụng.",
            },
        ],
    },
    {
        "code": "chien-si-thi-dua-cap-tinh",
        "name": "Chiến sĩ thi đua cấp tỉnh",
        "category": "title",
        "body": "state",
        "recipient": "individual",
        "vote_share_min": "70",
        "legal_basis": "Điều 22 Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định số "
        "98/2023/NĐ-CP.",
        "conditions": [
            {
                "check": "prior_years",
                "award": "chien-si-thi-dua-co-so",
                "years": 3,
                "text": "03 lần liên tục được tặng danh hiệu “Chiến sĩ thi đua cơ sở”.",
            },
            {
                "check": "council",
                "text": "Có sáng kiến được áp dụng hiệu quả, có khả năng nhân rộng trong tỉnh.",
            },
        ],
    },
    {
        "code": "bang-khen-chu-tich-ubnd-tinh-ca-nhan",
        "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (cá nhân)",
        "category": "form",
        "body": "state",
        "recipient": "individual",
        "legal_basis": "Luật Thi đua, khen thưởng số 06/2022/QH15, Chương III (Bằng khen cấp bộ, "
        "ban, ngành, tỉnh); Nghị định số 98/2023/NĐ-CP.",
        "conditions": [
            {
                "check": "council",
                "text": "Có thành tích xuất sắc được bình xét trong phong trào thi đua; gương "
                "mẫu chấp hành chủ trương, chính sách, pháp luật.",
            },
        ],
    },
    {
        "code": "giay-khen-ca-nhan",
        "name": "Giấy khen (cá nhân)",
        "category": "form",
        "body": "state",
        "recipient": "individual",
        "legal_basis": "Luật Thi đua, khen thưởng số 06/2022/QH15, Chương III (Giấy khen); "
        "Nghị định số 98/2023/NĐ-CP.",
        "conditions": [
            {
                "check": "council",
                "text": "Có thành tích được biểu dương, khen thưởng; hoàn thành tốt nhiệm vụ.",
            },
        ],
    },
]
