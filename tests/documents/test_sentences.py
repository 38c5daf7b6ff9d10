"""One expected sentence per target form (nghiquyet.documents.sentences), each in the shape
published reviews use. The sources the shapes were checked against:

- [BT2014] Bến Tre 2014 review, https://timhieuvietnam.vn/tinh-hinh-phat-trien-kinh-te-xa-hoi-tinh-ben-tre-nam-2014
  ("Tốc độ tăng trưởng kinh tế (GDP) ước tăng 7,7% (NQ 7,5%)"; "Giá trị tăng thêm khu vực
  công nghiệp - xây dựng ước đạt 14,49% (NQ 15,68%)"; "GDP bình quân đầu người: 31,15 triệu
  đồng (NQ 31,5 triệu đồng)")
- [VOH2023] https://voh.com.vn/thoi-su/ben-tre-chi-so-cai-cach-hanh-chinh-tang-7-bac-466815.html
  ("Năm 2022, Tốc độ tăng trưởng kinh tế Bến Tre (GRDP) đạt 7,33%")
- [GSO2022] https://www.gso.gov.vn/tin-tuc-thong-ke/2022/12/thong-cao-bao-chi-ve-tinh-hinh-kinh-te-xa-hoi-quy-iv-va-nam-2022/
  and https://kinhtenongthon.vn/GDP-nam-2022-tang-802-post54463.html ("xuất khẩu hàng hóa và
  dịch vụ giảm 6,14%"; "đóng góp 0,27 điểm phần trăm")
- [THVL2015] https://m.thvl.vn/?p=563760 ("tỉ lệ hộ nghèo của tỉnh được kéo giảm còn dưới 3%")
- [SGGP] https://m.sggp.org.vn/suc-bat-moi-cua-xu-dua-541680.html (Bến Tre at mid-term:
  "Giá trị sản xuất nông nghiệp trong nửa nhiệm kỳ đạt 66.770 tỷ đồng (49,8% chỉ tiêu nghị
  quyết)"; "đến nay có 24/147 xã được công nhận NTM"; "GRDP giai đoạn 2016 - 2018 … đạt 6,92%")
- [KTDT2024] Bến Tre, 9 months of 2024, kinhtedothi.vn ("Thu ngân sách nhà nước trên địa bàn
  9 tháng đầu năm đạt 82,48% dự toán …, tăng 18,37% so cùng kỳ")
- [HG2017] http://xuctiendautuhagiang.gov.vn/chi-tiet-bv/ket-qua-thuc-hien-nhiem-vu-phat-trien-kinh-te-xa-hoi-nam-2017.html
  ("Tổng nguồn vốn đầu tư toàn xã hội ước đạt trên 7.600 tỷ đồng, tăng 17,2 % so với năm 2016")
- [TN2020] https://thanhnien.vn/tai-chinh-kinh-doanh/can-kich-ban-dac-thu-trong-the-gioi-bien-dong-chua-tung-co-1283788.html
  (a strict bound said as the plan wrote it: "tỷ lệ thất nghiệp … (4,39% so với kế hoạch là
  dưới 4%)")
- [DT2013] http://www.baodongthap.com.vn/xay-dung-dang/dang-uy-khoi-cac-co-quan-tinh-ket-nap-duoc-1-235-dang-vien-moi-31741.aspx
  (an inclusive bound "theo Nghị quyết 90% trở lên"; a "trong đó" part after its target: "đạt
  97,35% (chỉ tiêu Nghị quyết là 95%), trong đó đảng viên đủ tư cách hoàn thành xuất sắc nhiệm
  vụ đạt 12,45%"; "đạt trên 92%")
- [QNa2018] https://baoquangnam.vn/thoi-su-kinh-te/nam-2018-grdp-binh-quan-dau-nguoi-co-the-dat-hon-60-trieu-dong-3587.html
  (a level and its change: "GRDP bình quân đầu người hơn 60 triệu đồng/người, tăng 4 triệu
  đồng/người so với năm 2017"; shares of the structure: "khu vực nông - lâm - thủy sản còn
  11,3%")
- [NA2021] https://baonghean.vn/nghe-an-du-kien-con-khoang-274-ho-ngheo-vao-cuoi-nam-2021-297393.html
  (a rate's fall: "tỷ lệ nghèo chung toàn tỉnh … còn khoảng 2,74%, giảm 0,68% so với đầu năm";
  the change of a rate is written in percentage points, as [GSO2022] does: "điểm phần trăm")
- "không quá", "tối đa" (an inclusive upper bound, ≤) are the wordings resolutions use and
  ``text.targets.render_target`` writes back; no published review using them was found in the
  reference pages, so the sentence keeps the resolution's own word (its ``statement``).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from nghiquyet.documents.sentences import plan_words, target_sentence
from nghiquyet.engine import progress
from nghiquyet.plans.models import Indicator, Target
from nghiquyet.reporting.selectors.evaluation import TargetResult


def target(name, uom, value, *, indicator="", high=None, decimals=2, nature="stock", **extra):
    ind = Indicator(
        pk=1,
        code="x",
        name=indicator or name,
        unit_of_measure=uom,
        decimals=decimals,
        nature=nature,
    )
    return Target(
        name=name,
        indicator=ind,
        target_value=None if value is None else Decimal(str(value)),
        target_high=None if high is None else Decimal(str(high)),
        **extra,
    )


def result(t, actual, *, baseline=None, rate=None, **extra):
    return TargetResult(target=t, actual=actual, baseline=baseline, rate=rate, **extra)


def yes_no(name, statement, done):
    t = target(name, "đạt/không", None, direction="yes_no", statement=statement)
    return result(t, 1.0 if done else 0.0)


CASES = [
    pytest.param(  # [BT2014]: a growth target says what grew, against the plan's growth
        result(
            target(
                "Giá trị sản xuất công nghiệp",
                "%",
                10,
                indicator="Tốc độ tăng giá trị sản xuất công nghiệp",
            ),
            10.8,
            baseline=6.8,
        ),
        {},
        "giá trị sản xuất công nghiệp tăng 10,8% (kế hoạch tăng 10%)",
        id="growth",
    ),
    pytest.param(  # [VOH2023]: a target named by its rate "đạt" the rate
        result(target("Tốc độ tăng trưởng GRDP", "%", 7, high=7.5), 7.35, baseline=1.54),
        {},
        "tốc độ tăng trưởng GRDP đạt 7,35% (kế hoạch 7 – 7,5%)",
        id="growth-named-by-rate",
    ),
    pytest.param(  # [GSO2022]: a negative result "giảm"
        result(
            target(
                "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ",
                "%",
                12,
                indicator="Tốc độ tăng tổng mức bán lẻ hàng hóa và doanh thu dịch vụ",
            ),
            -2.52,
        ),
        {},
        "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ giảm 2,52% (kế hoạch tăng 12%)",
        id="negative-growth",
    ),
    pytest.param(
        result(target("Tốc độ tăng trưởng GRDP", "%", 7, high=7.5), -1.5),
        {},
        "GRDP giảm 1,5% (kế hoạch tăng 7 – 7,5%)",
        id="negative-growth-named-by-rate",
    ),
    pytest.param(  # [THVL2015], [TN2020]: lower is better, "giảm còn", a strict plan "dưới"
        result(
            target("Tỷ lệ hộ nghèo", "%", 2.25, direction="lower", strict=True), 2.1, baseline=2.81
        ),
        {},
        "tỷ lệ hộ nghèo giảm còn 2,1% (kế hoạch dưới 2,25%)",
        id="lower-is-better",
    ),
    pytest.param(  # an inclusive upper bound (≤) is "không quá", never "dưới" nor "≤"
        result(
            target("Tỷ lệ thất nghiệp khu vực thành thị", "%", 4, direction="lower"),
            4.39,
            baseline=4.1,
        ),
        {},
        "tỷ lệ thất nghiệp khu vực thành thị tăng lên 4,39% (kế hoạch không quá 4%)",
        id="lower-inclusive",
    ),
    pytest.param(  # the resolution's own word for an inclusive bound is kept: "tối đa"
        result(
            target(
                "Tỷ lệ nợ xấu",
                "%",
                3,
                direction="lower",
                statement="Tỷ lệ nợ xấu tối đa 3%",
            ),
            2.4,
        ),
        {},
        "tỷ lệ nợ xấu ở mức 2,4% (kế hoạch tối đa 3%)",
        id="lower-inclusive-as-written",
    ),
    pytest.param(  # [DT2013]: a strict lower bound "trên"
        result(target("Tổ chức cơ sở đảng trong sạch, vững mạnh", "%", 90, strict=True), 92.3),
        {},
        "tổ chức cơ sở đảng trong sạch, vững mạnh đạt 92,3% (kế hoạch trên 90%)",
        id="higher-strict",
    ),
    pytest.param(  # [DT2013]: an inclusive lower bound as the resolution wrote it
        result(
            target(
                "Đảng viên hoàn thành tốt nhiệm vụ",
                "%",
                90,
                statement="Hằng năm có từ 90% trở lên đảng viên hoàn thành tốt nhiệm vụ",
            ),
            91.62,
            baseline=90.8,
        ),
        {},
        "đảng viên hoàn thành tốt nhiệm vụ đạt 91,62% (kế hoạch từ 90% trở lên), "
        "tăng 0,82 điểm phần trăm so với cùng kỳ",
        id="higher-inclusive-as-written",
    ),
    pytest.param(  # [QNa2018]: a share of the structure in a band "chiếm"
        result(
            target("Tỷ trọng nông nghiệp trong GRDP", "%", 28, high=29, direction="band"),
            28.4,
        ),
        {},
        "tỷ trọng nông nghiệp trong GRDP chiếm 28,4% (kế hoạch trong khoảng 28 – 29%)",
        id="band",
    ),
    pytest.param(  # [QNa2018]: a level and its change, the change beside the level
        result(
            target(
                "GRDP bình quân đầu người",
                "triệu đồng",
                80.4,
                high=80.8,
                decimals=1,
                with_change=1,
                with_change_low=Decimal("10.2"),
                with_change_high=Decimal("10.71"),
            ),
            80.6,
            baseline=73.1,
            rate=100.25,
        ),
        {},
        "GRDP bình quân đầu người đạt 80,6 triệu đồng, tăng 10,26% so với cùng kỳ "
        "(kế hoạch 80,4 – 80,8 triệu đồng, tăng 10,2 – 10,71%)",
        id="level-and-change",
    ),
    pytest.param(  # [NA2021], [GSO2022]: a rate's reduction in percentage points
        result(
            target("Tỷ lệ hộ nghèo", "%", 0.7, direction="lower", change=2),
            2.1,
            baseline=2.81,
            measured=0.71,  # the engine measures a decrease as a positive reduction
        ),
        {},
        "tỷ lệ hộ nghèo còn 2,1%, giảm 0,71 điểm phần trăm so với cùng kỳ "
        "(kế hoạch giảm 0,7 điểm phần trăm)",
        id="percentage-points",
    ),
    pytest.param(  # [SGGP]: a count "có 103 xã"
        result(target("Xã đạt chuẩn nông thôn mới", "xã", 100, decimals=0), 103, baseline=85),
        {},
        "có 103 xã đạt chuẩn nông thôn mới (kế hoạch 100 xã), tăng 18 xã so với cùng kỳ",
        id="count",
    ),
    pytest.param(  # [KTDT2024], [HG2017]: an amount, % of plan, change on last year
        result(
            target("Thu ngân sách nhà nước", "tỷ đồng", 5830, decimals=1, nature="flow"),
            6388.3,
            baseline=5604.2,
            rate=109.576,
        ),
        {},
        "thu ngân sách nhà nước đạt 6.388,3 tỷ đồng, bằng 109,58% kế hoạch, "
        "tăng 13,99% so với cùng kỳ",
        id="amount",
    ),
    pytest.param(  # [KTDT2024]: part-way through the year, against the whole year's plan
        result(
            target("Kim ngạch xuất khẩu", "triệu USD", 1550, decimals=1, nature="flow"),
            754.5,
            rate=97.35,
            annual_rate=48.677,
            expected_share=0.5,
        ),
        {},
        "kim ngạch xuất khẩu đạt 754,5 triệu USD, bằng 48,68% kế hoạch năm",
        id="six-months-amount",
    ),
    pytest.param(  # [GSO2022]: a rate against last year in percentage points
        result(target("Tỷ lệ lao động qua đào tạo", "%", 72), 70.1, baseline=69.5),
        {},
        "tỷ lệ lao động qua đào tạo đạt 70,1% (kế hoạch 72%), "
        "tăng 0,6 điểm phần trăm so với cùng kỳ",
        id="rate-level",
    ),
    pytest.param(
        result(target("Tỷ lệ đô thị hóa", "%", 30, tolerance=Decimal("0.05")), 27.1),
        {},
        "tỷ lệ đô thị hóa đạt 27,1% (kế hoạch khoảng 30%)",
        id="approximate",
    ),
    pytest.param(
        result(
            target("Số vụ tai nạn giao thông", "vụ", 5, high=10, decimals=0, change=2),
            120,
            baseline=130,
            measured=7.692,  # the engine measures a decrease as a positive reduction
        ),
        {},
        "số vụ tai nạn giao thông: 120 vụ, giảm 7,69% so với cùng kỳ (kế hoạch giảm 5 – 10%)",
        id="change-against-last-year",
    ),
    pytest.param(  # [SGGP]: a total over the term at mid-term, against the pace
        result(
            target(
                "Kim ngạch xuất khẩu 5 năm",
                "triệu USD",
                8000,
                decimals=1,
                nature="flow",
                temporal="cumulative",
            ),
            4900,
            derivation="cộng dồn 2021–2023",
            years_done=3,
            years_total=5,
            pace=progress.ON_PACE,
        ),
        {"year": 2023, "term_end": 2025},
        "kim ngạch xuất khẩu 5 năm: sau 3 năm (2021–2023) đạt 4.900 triệu USD, "
        "bằng 61,25% chỉ tiêu cả nhiệm kỳ, đúng tiến độ",
        id="cumulative-at-mid-term",
    ),
    pytest.param(  # [SGGP]: an average over the years so far
        result(
            target("Tăng trưởng GRDP bình quân", "%", 7, temporal="average"),
            5.4,
            derivation="bình quân 2021–2023",
        ),
        {"year": 2023, "term_end": 2025},
        "tăng trưởng GRDP bình quân 2021–2023 đạt 5,4%/năm (kế hoạch bình quân 7%/năm)",
        id="average-at-mid-term",
    ),
    pytest.param(  # [BT2014]: a level due in 2025, said in 2023 with its own year
        result(
            target(
                "GRDP bình quân đầu người năm 2025",
                "triệu đồng",
                85,
                decimals=1,
                temporal="level",
            ),
            66.2,
        ),
        {"year": 2023, "term_end": 2025},
        "GRDP bình quân đầu người năm 2023 đạt 66,2 triệu đồng (chỉ tiêu năm 2025: 85 triệu đồng)",
        id="term-level-at-mid-term",
    ),
    pytest.param(
        result(
            target(
                "Tỷ lệ hộ nghèo cuối nhiệm kỳ",
                "%",
                1.5,
                direction="lower",
                strict=True,
                temporal="level",
            ),
            1.78,
            baseline=2.1,
        ),
        {"year": 2023, "term_end": 2025},
        "tỷ lệ hộ nghèo năm 2023 giảm còn 1,78% (chỉ tiêu năm 2025: dưới 1,5%)",
        id="term-lower-level-at-mid-term",
    ),
    pytest.param(  # [DT2013]: "trong đó" — the part's own sentence after its target's
        result(
            target("Đảng viên hoàn thành tốt nhiệm vụ", "%", 95),
            97.35,
            parts=[
                result(
                    target("Đảng viên hoàn thành xuất sắc nhiệm vụ", "%", 15),
                    12.45,
                )
            ],
        ),
        {},
        "đảng viên hoàn thành tốt nhiệm vụ đạt 97,35% (kế hoạch 95%), trong đó đảng viên "
        "hoàn thành xuất sắc nhiệm vụ đạt 12,45% (kế hoạch 15%)",
        id="part-trong-do",
    ),
    pytest.param(  # no wording: the name and the verdict
        result(target("Quy hoạch tỉnh", "đạt/không", None, direction="yes_no"), 1.0),
        {},
        "quy hoạch tỉnh: đạt",
        id="yes-no",
    ),
    # A yes/no target is said from the resolution's own wording, as a result (the demo's
    # Bến Tre and city resolutions word them as real ones do). Offices report such a target
    # as done with the task's own words: "hoàn thành 100% chỉ tiêu giao quân, bảo đảm chất
    # lượng" (UBND tỉnh Quảng Trị, hội nghị triển khai nhiệm vụ quốc phòng 2022, qrt.vn,
    # 15/12/2021).
    *(
        pytest.param(yes_no(name, statement, done), {}, expected, id=case)
        for case, name, statement, done, expected in (
            (
                "yes-no-passive-done",
                "Quy hoạch tỉnh",
                "Quy hoạch tỉnh thời kỳ 2021–2030 được phê duyệt trong năm 2023",
                True,
                "quy hoạch tỉnh thời kỳ 2021–2030 đã được phê duyệt trong năm 2023",
            ),
            (
                "yes-no-passive-not-done",
                "Quy hoạch tỉnh",
                "Quy hoạch tỉnh thời kỳ 2021–2030 được phê duyệt trong năm 2023",
                False,
                "quy hoạch tỉnh thời kỳ 2021–2030 chưa được phê duyệt trong năm 2023",
            ),
            (
                "yes-no-task-done",
                "Tuyển quân",
                "Hoàn thành 100% chỉ tiêu gọi công dân nhập ngũ.",
                True,
                "đã hoàn thành 100% chỉ tiêu gọi công dân nhập ngũ",
            ),
            (
                "yes-no-task-not-done",
                "Đề án 4 xã chuyển thành phường",
                "Phấn đấu hoàn thành đề án xây dựng 4 xã chuyển thành phường",
                False,
                "chưa hoàn thành đề án xây dựng 4 xã chuyển thành phường",
            ),
            (
                "yes-no-not-let-done",
                "Không để tội phạm có tổ chức",
                "Không để tội phạm có tổ chức hoạt động trên địa bàn",
                True,
                "không để tội phạm có tổ chức hoạt động trên địa bàn",
            ),
            (
                "yes-no-not-let-not-done",
                "Không để tội phạm có tổ chức",
                "Không để tội phạm có tổ chức hoạt động trên địa bàn",
                False,
                "không để tội phạm có tổ chức: chưa đạt",
            ),
        )
    ),
    pytest.param(
        result(target("Tỷ lệ hộ nghèo", "%", 2.25, direction="lower"), None),
        {},
        "tỷ lệ hộ nghèo: chưa có số liệu (chưa được báo cáo)",
        id="no-data-says-why",
    ),
]


@pytest.mark.parametrize(("res", "context", "expected"), CASES)
def test_one_sentence_per_target_form(res, context, expected):
    sentence = target_sentence(res, **context)
    assert sentence == expected
    # Prose never prints a sign for a bound nor stacks parentheses.
    assert "≤" not in sentence and "≥" not in sentence
    assert ") (" not in sentence and "((" not in sentence and "))" not in sentence


def test_a_growth_rate_is_not_compared_with_last_years_growth_rate():
    res = CASES[0].values[0]
    assert "điểm" not in target_sentence(res) and "cùng kỳ" not in target_sentence(res)


def test_the_plan_figure_in_prose():
    poverty = target("Tỷ lệ hộ nghèo", "%", 2.25, direction="lower", strict=True)
    assert plan_words(poverty) == "dưới 2,25%"
    assert plan_words(target("Tỷ lệ hộ nghèo", "%", 2.25, direction="lower")) == "không quá 2,25%"
    assert plan_words(target("Thu ngân sách", "tỷ đồng", 5830)) == "5.830 tỷ đồng"
    assert plan_words(target("GRDP", "%", 7, high=7.5), growth=True) == "tăng 7 – 7,5%"
