"""The demo data set: Bến Tre province before the 2025 reorganisation.

Units, their names, codes and the lineage of 1/7/2025 are real (loaded from the map
packages, :mod:`nghiquyet.orgs.vietnam`); every figure is illustrative
("số liệu minh họa"), chosen so that the provincial 2022 resolution evaluates
exactly as seed 001 reports: 15/25 đạt và vượt, 6/25 xấp xỉ đạt, 1/25 đạt trên
80 %, 1/25 đạt trên 70 %, 1/25 đạt trên 50 %, 1/25 không đạt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- Org units ---------------------------------------------------------------

COUNTRY = ("VN", "Việt Nam", "country")
PROVINCE = ("83", "Tỉnh Bến Tre", "province", "Bến Tre")

#: (code, name, kind) — the 9 district-level units of Bến Tre before 1/7/2025
DISTRICTS = [
    ("829", "Thành phố Bến Tre", "provincial_city"),
    ("831", "Huyện Châu Thành", "district"),
    ("832", "Huyện Chợ Lách", "district"),
    ("833", "Huyện Mỏ Cày Nam", "district"),
    ("834", "Huyện Giồng Trôm", "district"),
    ("835", "Huyện Bình Đại", "district"),
    ("836", "Huyện Ba Tri", "district"),
    ("837", "Huyện Thạnh Phú", "district"),
    ("838", "Huyện Mỏ Cày Bắc", "district"),
]
CITY_CODE = "829"

#: (code, name, kind, share of the city's population in ‰) — the city's 12 communes and wards
#: before 1/7/2025, as the map package has them (orgs.vietnam). Four of their official codes
#: are carried by new wards of Vĩnh Long since; the former units are found under
#: "<code>-cu" and keep the real code in their history.
COMMUNES = [
    ("28777-cu", "Phường An Hội", "ward", 95),
    ("28756-cu", "Phường Phú Khương", "ward", 90),
    ("28757", "Phường Phú Tân", "ward", 70),
    ("28762", "Phường 6", "ward", 55),
    ("28780", "Phường 7", "ward", 75),
    ("28759", "Phường 8", "ward", 80),
    ("28789-cu", "Xã Bình Phú", "commune", 60),
    ("28792", "Xã Mỹ Thạnh An", "commune", 55),
    ("28795", "Xã Nhơn Thạnh", "commune", 60),
    ("28786", "Xã Phú Hưng", "commune", 70),
    ("28798", "Xã Phú Nhuận", "commune", 65),
    ("28783-cu", "Xã Sơn Đông", "commune", 60),
]

#: (code suffix, name) — provincial departments and party agencies, children of the province
DEPARTMENTS = [
    ("SKHDT", "Sở Kế hoạch và Đầu tư", "department"),
    ("STC", "Sở Tài chính", "department"),
    ("SCT", "Sở Công Thương", "department"),
    ("SNN", "Sở Nông nghiệp và Phát triển nông thôn", "department"),
    ("SXD", "Sở Xây dựng", "department"),
    ("SGTVT", "Sở Giao thông vận tải", "department"),
    ("STNMT", "Sở Tài nguyên và Môi trường", "department"),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "department"),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "department"),
    ("SYT", "Sở Y tế", "department"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "department"),
    ("STTTT", "Sở Thông tin và Truyền thông", "department"),
    ("SNV", "Sở Nội vụ", "department"),
    ("CTK", "Cục Thống kê tỉnh", "department"),
    ("CT", "Cục Thuế tỉnh", "department"),
    ("CA", "Công an tỉnh", "department"),
    ("BCHQS", "Bộ Chỉ huy Quân sự tỉnh", "department"),
    ("BTCTU", "Ban Tổ chức Tỉnh ủy", "party_agency"),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", "party_agency"),
    ("BTGTU", "Ban Tuyên giáo Tỉnh ủy", "party_agency"),
    ("BDVTU", "Ban Dân vận Tỉnh ủy", "party_agency"),
]

# --- Indicators ----------------------------------------------------------------


@dataclass(frozen=True)
class Ind:
    name: str
    uom: str
    nature: str = "stock"  # "flow": year-to-date sums; "stock": a level at the cut-off
    aggregation: str = "none"  # sum | ratio | none
    decimals: int = 2
    numerator: str = ""
    denominator: str = ""


INDICATORS: dict[str, Ind] = {
    # economy
    "grdp-growth": Ind("Tốc độ tăng trưởng GRDP", "%"),
    "grdp-per-capita": Ind("GRDP bình quân đầu người", "triệu đồng", decimals=1),
    "grdp-value": Ind("GRDP (giá so sánh 2010)", "tỷ đồng", "flow", "sum", 1),
    "exports": Ind("Kim ngạch xuất khẩu", "triệu USD", "flow", "sum", 1),
    "budget-revenue": Ind("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "flow", "sum", 1),
    "investment": Ind("Tổng vốn đầu tư toàn xã hội", "tỷ đồng", "flow", "sum", 1),
    "agri-growth": Ind("Tốc độ tăng giá trị sản xuất nông nghiệp", "%"),
    "industry-growth": Ind("Tốc độ tăng giá trị sản xuất công nghiệp", "%"),
    "retail-growth": Ind("Tốc độ tăng tổng mức bán lẻ hàng hóa và doanh thu dịch vụ", "%"),
    "new-enterprises": Ind("Số doanh nghiệp thành lập mới", "doanh nghiệp", "flow", "sum", 0),
    "new-cooperatives": Ind("Số tổ hợp tác thành lập mới", "tổ hợp tác", "flow", "sum", 0),
    "ntm-communes": Ind("Số xã đạt chuẩn nông thôn mới (lũy kế)", "xã", "stock", "sum", 0),
    "ntm-advanced-communes": Ind(
        "Số xã đạt chuẩn nông thôn mới nâng cao (lũy kế)", "xã", "stock", "sum", 0
    ),
    "tourists": Ind("Lượt khách du lịch", "nghìn lượt", "flow", "sum", 1),
    "public-investment-disbursed": Ind(
        "Tỷ lệ giải ngân vốn đầu tư công",
        "%",
        "flow",
        "ratio",
        1,
        "Vốn đã giải ngân",
        "Kế hoạch vốn được giao",
    ),
    "urbanisation": Ind("Tỷ lệ đô thị hóa", "%", decimals=1),
    "wards-conversion": Ind("Hoàn thành đề án 4 xã chuyển thành phường", "đạt/không"),
    "province-planning": Ind(
        "Quy hoạch tỉnh thời kỳ 2021–2030 được Thủ tướng Chính phủ phê duyệt", "đạt/không"
    ),
    # society
    "poverty-rate": Ind(
        "Tỷ lệ hộ nghèo", "%", "stock", "ratio", 2, "Số hộ nghèo", "Tổng số hộ dân cư"
    ),
    "trained-labour": Ind(
        "Tỷ lệ lao động qua đào tạo",
        "%",
        "stock",
        "ratio",
        1,
        "Lao động qua đào tạo",
        "Lực lượng lao động",
    ),
    "urban-unemployment": Ind("Tỷ lệ thất nghiệp khu vực thành thị", "%"),
    "new-jobs": Ind("Số lao động được giải quyết việc làm", "lao động", "flow", "sum", 0),
    "health-insurance": Ind(
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "%",
        "stock",
        "ratio",
        1,
        "Người có thẻ BHYT",
        "Dân số",
    ),
    "doctors-per-10k": Ind("Số bác sĩ trên 1 vạn dân", "bác sĩ", decimals=1),
    "standard-schools": Ind(
        "Tỷ lệ trường đạt chuẩn quốc gia",
        "%",
        "stock",
        "ratio",
        1,
        "Số trường đạt chuẩn",
        "Tổng số trường",
    ),
    "cultural-households": Ind(
        "Tỷ lệ hộ gia đình đạt chuẩn văn hóa",
        "%",
        "stock",
        "ratio",
        1,
        "Hộ đạt chuẩn văn hóa",
        "Tổng số hộ",
    ),
    "cultural-hamlets": Ind(
        "Tỷ lệ ấp, khu phố văn hóa",
        "%",
        "stock",
        "ratio",
        1,
        "Ấp, khu phố văn hóa",
        "Tổng số ấp, khu phố",
    ),
    "underweight-children": Ind(
        "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân",
        "%",
        "stock",
        "ratio",
        1,
        "Trẻ suy dinh dưỡng",
        "Trẻ dưới 5 tuổi",
    ),
    "graduation-rate": Ind("Tỷ lệ học sinh tốt nghiệp trung học phổ thông", "%", decimals=1),
    "e-health-records": Ind(
        "Tỷ lệ người dân có hồ sơ sức khỏe điện tử",
        "%",
        "stock",
        "ratio",
        1,
        "Người có hồ sơ",
        "Dân số",
    ),
    "sports-participation": Ind(
        "Tỷ lệ dân số tập luyện thể dục thể thao thường xuyên", "%", decimals=1
    ),
    "admin-on-time": Ind(
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
        "%",
        "flow",
        "ratio",
        1,
        "Hồ sơ đúng hạn",
        "Hồ sơ đã giải quyết",
    ),
    # environment
    "clean-water-rural": Ind(
        "Tỷ lệ dân cư nông thôn sử dụng nước sạch đạt quy chuẩn", "%", decimals=1
    ),
    "clean-water": Ind(
        "Tỷ lệ hộ dân sử dụng nước sạch",
        "%",
        "stock",
        "ratio",
        1,
        "Hộ dùng nước sạch",
        "Tổng số hộ",
    ),
    "waste-collected": Ind(
        "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý", "%", decimals=1
    ),
    "trees-planted": Ind("Số cây xanh trồng mới", "triệu cây", "flow", "sum", 2),
    # party building
    "new-party-members": Ind("Số đảng viên mới được kết nạp", "đảng viên", "flow", "sum", 0),
    "party-orgs-good": Ind(
        "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
        "%",
        "stock",
        "ratio",
        1,
        "Tổ chức cơ sở đảng HTT trở lên",
        "Tổng số tổ chức cơ sở đảng",
    ),
    "party-members-good": Ind(
        "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên",
        "%",
        "stock",
        "ratio",
        1,
        "Đảng viên HTT trở lên",
        "Tổng số đảng viên được đánh giá",
    ),
    "cells-strong": Ind(
        "Tỷ lệ chi bộ trong sạch, vững mạnh",
        "%",
        "stock",
        "ratio",
        1,
        "Chi bộ trong sạch, vững mạnh",
        "Tổng số chi bộ",
    ),
    "inspections": Ind("Số cuộc kiểm tra, giám sát của cấp ủy", "cuộc", "flow", "sum", 0),
    "new-members-trained": Ind(
        "Tỷ lệ đảng viên mới được bồi dưỡng lý luận chính trị",
        "%",
        "stock",
        "ratio",
        1,
        "Đảng viên mới được bồi dưỡng",
        "Đảng viên mới",
    ),
    "party-software": Ind(
        "Tỷ lệ tổ chức cơ sở đảng sử dụng phần mềm quản lý đảng viên", "%", decimals=1
    ),
    "mass-org-members": Ind(
        "Tỷ lệ tập hợp đoàn viên, hội viên",
        "%",
        "stock",
        "ratio",
        1,
        "Đoàn viên, hội viên",
        "Dân số trong độ tuổi",
    ),
    "party-complaints-resolved": Ind(
        "Tỷ lệ giải quyết đơn thư thuộc thẩm quyền của Ủy ban Kiểm tra", "%", decimals=1
    ),
    # defence, security, internal affairs
    "conscription": Ind("Hoàn thành chỉ tiêu gọi công dân nhập ngũ", "đạt/không"),
    "criminal-cases": Ind("Số vụ phạm pháp hình sự", "vụ", "flow", "sum", 0),
    "traffic-accidents": Ind("Số vụ tai nạn giao thông", "vụ", "flow", "sum", 0),
    "traffic-deaths": Ind("Số người chết do tai nạn giao thông", "người", "flow", "sum", 0),
    "traffic-injuries": Ind("Số người bị thương do tai nạn giao thông", "người", "flow", "sum", 0),
    "crime-solved": Ind("Tỷ lệ điều tra, khám phá án hình sự", "%", decimals=1),
    "serious-crime-solved": Ind(
        "Tỷ lệ khám phá án rất nghiêm trọng, đặc biệt nghiêm trọng", "%", decimals=1
    ),
    "safe-communes": Ind("Tỷ lệ xã, phường đạt chuẩn an toàn về an ninh, trật tự", "%", decimals=1),
    "complaints-resolved": Ind(
        "Tỷ lệ giải quyết đơn thư khiếu nại, tố cáo thuộc thẩm quyền",
        "%",
        "flow",
        "ratio",
        1,
        "Đơn thư đã giải quyết",
        "Đơn thư thuộc thẩm quyền",
    ),
    "drug-free-hamlets": Ind(
        "Tỷ lệ ấp, khu phố không có tội phạm và tệ nạn ma túy",
        "%",
        "stock",
        "ratio",
        1,
        "Ấp, khu phố không ma túy",
        "Tổng số ấp, khu phố",
    ),
    "mediation-success": Ind(
        "Tỷ lệ hòa giải thành ở cơ sở",
        "%",
        "flow",
        "ratio",
        1,
        "Vụ hòa giải thành",
        "Vụ đưa ra hòa giải",
    ),
    "militia-training": Ind("Tỷ lệ dân quân tự vệ huấn luyện đạt yêu cầu", "%", decimals=1),
    "no-organised-crime": Ind("Không để tội phạm có tổ chức hoạt động trên địa bàn", "đạt/không"),
}

# --- Targets -------------------------------------------------------------------


@dataclass(frozen=True)
class T:
    """One target of a demo plan, with the figures the demo records for it."""

    code: str
    name: str
    statement: str
    indicator: str
    target: float | None
    actual: dict[int, float] = field(default_factory=dict)
    high: float | None = None
    direction: str = "higher"
    tolerance: float | None = None
    #: a strict bound: "dưới 4%" (<), not "không quá 4%" (≤)
    strict: bool = False
    change: int = 0  # 1 increase / 2 decrease against the previous year
    temporal: str = "annual"
    lead: str = ""
    due: str | None = None
    parts: tuple[T, ...] = ()
    #: cascaded to the communes and wards (aggregable indicators only)
    cascade: bool = False
    #: city-wide denominator of a cascaded ratio target (households, population…)
    denominator: float | None = None


# Provincial 2022 resolution (Nghị quyết Tỉnh ủy năm 2022). The 2022 figure is
# the one evaluated; 2021 is "cùng kỳ năm trước".
PROVINCE_2022_GROUPS: list[tuple[str, str, list[T]]] = [
    (
        "I",
        "Các chỉ tiêu về kinh tế",
        [
            T(
                "1",
                "Tốc độ tăng trưởng GRDP",
                "Tốc độ tăng trưởng kinh tế (GRDP) đạt 7,0 - 7,5%",
                "grdp-growth",
                7.0,
                {2021: 1.54, 2022: 7.35},
                high=7.5,
                lead="CTK",
            ),
            T(
                "2",
                "GRDP bình quân đầu người",
                "GRDP bình quân đầu người đạt 62 triệu đồng",
                "grdp-per-capita",
                62,
                {2021: 55.4, 2022: 60.5},
                lead="CTK",
            ),
            T(
                "3",
                "Kim ngạch xuất khẩu",
                "Tổng kim ngạch xuất khẩu đạt 1.550 triệu USD",
                "exports",
                1550,
                {2021: 1424.6, 2022: 1612.3},
                lead="SCT",
            ),
            T(
                "4",
                "Thu ngân sách nhà nước",
                "Thu ngân sách nhà nước trên địa bàn đạt 5.830 tỷ đồng",
                "budget-revenue",
                5830,
                {2021: 5604.2, 2022: 6388.3},
                lead="CT",
            ),
            T(
                "5",
                "Tổng vốn đầu tư toàn xã hội",
                "Tổng vốn đầu tư toàn xã hội đạt 24.500 tỷ đồng",
                "investment",
                24500,
                {2021: 19870, 2022: 21200},
                lead="SKHDT",
            ),
            T(
                "6",
                "Giá trị sản xuất nông nghiệp",
                "Giá trị sản xuất nông nghiệp tăng 2,5%",
                "agri-growth",
                2.5,
                {2021: 1.2, 2022: 1.9},
                lead="SNN",
            ),
            T(
                "7",
                "Giá trị sản xuất công nghiệp",
                "Giá trị sản xuất công nghiệp tăng 10%",
                "industry-growth",
                10,
                {2021: 6.8, 2022: 10.8},
                lead="SCT",
            ),
            T(
                "8",
                "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ",
                "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tăng 9%",
                "retail-growth",
                9,
                {2021: -3.1, 2022: 8.5},
                lead="SCT",
            ),
            T(
                "9",
                "Doanh nghiệp thành lập mới",
                "Có ít nhất 800 doanh nghiệp thành lập mới",
                "new-enterprises",
                800,
                {2021: 611, 2022: 720},
                lead="SKHDT",
            ),
            T(
                "10",
                "Xã đạt chuẩn nông thôn mới",
                "Có 100 xã đạt chuẩn nông thôn mới (lũy kế)",
                "ntm-communes",
                100,
                {2021: 85, 2022: 103},
                lead="SNN",
            ),
            T(
                "11",
                "Khách du lịch",
                "Thu hút 1.500 nghìn lượt khách du lịch",
                "tourists",
                1500,
                {2021: 503.2, 2022: 1620.5},
                lead="SVHTTDL",
            ),
        ],
    ),
    (
        "II",
        "Các chỉ tiêu về văn hóa - xã hội",
        [
            T(
                "12",
                "Tỷ lệ hộ nghèo",
                "Tỷ lệ hộ nghèo (chuẩn giai đoạn 2022 - 2025) còn dưới 2,25%",
                "poverty-rate",
                2.25,
                {2021: 2.81, 2022: 2.1},
                direction="lower",
                strict=True,
                lead="SLDTBXH",
            ),
            T(
                "13",
                "Tỷ lệ lao động qua đào tạo",
                "Tỷ lệ lao động qua đào tạo đạt 72%",
                "trained-labour",
                72,
                {2021: 69.5, 2022: 70.1},
                lead="SLDTBXH",
            ),
            T(
                "14",
                "Tỷ lệ thất nghiệp khu vực thành thị",
                "Tỷ lệ thất nghiệp khu vực thành thị dưới 4%",
                "urban-unemployment",
                4,
                {2021: 4.39, 2022: 3.6},
                direction="lower",
                strict=True,
                lead="SLDTBXH",
            ),
            T(
                "15",
                "Giải quyết việc làm",
                "Giải quyết việc làm cho 18.000 lao động",
                "new-jobs",
                18000,
                {2021: 16240, 2022: 18950},
                lead="SLDTBXH",
            ),
            T(
                "16",
                "Tỷ lệ tham gia bảo hiểm y tế",
                "Tỷ lệ dân số tham gia bảo hiểm y tế đạt 93%",
                "health-insurance",
                93,
                {2021: 91.4, 2022: 92.1},
                lead="SYT",
            ),
            T(
                "17",
                "Số bác sĩ trên 1 vạn dân",
                "Đạt 9,5 bác sĩ trên 1 vạn dân",
                "doctors-per-10k",
                9.5,
                {2021: 9.1, 2022: 9.6},
                lead="SYT",
            ),
            T(
                "18",
                "Trường đạt chuẩn quốc gia",
                "Tỷ lệ trường đạt chuẩn quốc gia đạt 70%",
                "standard-schools",
                70,
                {2021: 66.3, 2022: 71.2},
                lead="SGDDT",
            ),
            T(
                "19",
                "Hộ gia đình văn hóa",
                "Tỷ lệ hộ gia đình đạt chuẩn văn hóa đạt 90%",
                "cultural-households",
                90,
                {2021: 91.8, 2022: 92.5},
                lead="SVHTTDL",
            ),
        ],
    ),
    (
        "III",
        "Các chỉ tiêu về môi trường",
        [
            T(
                "20",
                "Nước sạch đạt quy chuẩn ở nông thôn",
                "Tỷ lệ dân cư nông thôn sử dụng nước sạch đạt quy chuẩn đạt 58%",
                "clean-water-rural",
                58,
                {2021: 21.3, 2022: 26.5},
                lead="SNN",
            ),
            T(
                "21",
                "Thu gom, xử lý chất thải rắn đô thị",
                "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý đạt 98%",
                "waste-collected",
                98,
                {2021: 97.6, 2022: 98.5},
                lead="STNMT",
            ),
            T(
                "22",
                "Trồng mới cây xanh",
                "Trồng mới 1,5 triệu cây xanh",
                "trees-planted",
                1.5,
                {2021: 1.12, 2022: 0.9},
                lead="SNN",
            ),
        ],
    ),
    (
        "IV",
        "Các chỉ tiêu về xây dựng Đảng và hệ thống chính trị",
        [
            T(
                "23",
                "Kết nạp đảng viên mới",
                "Kết nạp 1.800 đảng viên mới",
                "new-party-members",
                1800,
                {2021: 1726, 2022: 1845},
                lead="BTCTU",
            ),
            T(
                "24",
                "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ",
                "Có từ 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
                "party-orgs-good",
                90,
                {2021: 91.2, 2022: 92.3},
                lead="BTCTU",
            ),
            T(
                "25",
                "Đảng viên hoàn thành tốt nhiệm vụ",
                "Có từ 90% đảng viên hoàn thành tốt nhiệm vụ trở lên",
                "party-members-good",
                90,
                {2021: 88.7, 2022: 89.5},
                lead="BTCTU",
            ),
        ],
    ),
]

#: Expected evaluation of the provincial 2022 resolution (seed 001).
PROVINCE_2022_EXPECTED = {
    "achieved": 15,
    "near": 6,
    "above_80": 1,
    "above_70": 1,
    "above_50": 1,
    "not_achieved": 1,
    "no_data": 0,
}

#: Targets whose 2022 figure the demo first records as an estimate (ước, Dec 2022),
#: then replaces with the official figure (chính thức) — to show value history.
PROVINCE_2022_ESTIMATES = {"grdp-growth": 7.1, "exports": 1590.0, "budget-revenue": 6250.0}

# Term resolution 2020–2025 (Nghị quyết Đại hội XI Đảng bộ tỉnh). Yearly
# figures 2021–2024 share the indicators of the annual resolutions.
TERM_GROUPS: list[tuple[str, str, list[T]]] = [
    (
        "I",
        "Kinh tế",
        [
            T(
                "1",
                "Tăng trưởng GRDP bình quân",
                "Tốc độ tăng trưởng GRDP bình quân 7%/năm",
                "grdp-growth",
                7.0,
                {2023: 6.12, 2024: 6.9},
                temporal="average",
                lead="CTK",
            ),
            T(
                "2",
                "GRDP bình quân đầu người năm 2025",
                "GRDP bình quân đầu người năm 2025 đạt 85 triệu đồng",
                "grdp-per-capita",
                85,
                {2023: 66.2, 2024: 72.8},
                temporal="level",
                lead="CTK",
            ),
            T(
                "3",
                "Kim ngạch xuất khẩu 5 năm",
                "Tổng kim ngạch xuất khẩu 5 năm đạt 8.000 triệu USD",
                "exports",
                8000,
                {2023: 1701.4, 2024: 1856.9},
                temporal="cumulative",
                lead="SCT",
            ),
            T(
                "4",
                "Xã đạt chuẩn nông thôn mới",
                "Đến năm 2025 có 115 xã đạt chuẩn nông thôn mới",
                "ntm-communes",
                115,
                {2023: 109, 2024: 113},
                temporal="level",
                lead="SNN",
            ),
            T(
                "5",
                "Tỷ lệ đô thị hóa",
                "Tỷ lệ đô thị hóa đến năm 2025 khoảng 30%",
                "urbanisation",
                30,
                {2021: 25.8, 2022: 26.4, 2023: 27.1, 2024: 28.7},
                tolerance=0.05,
                temporal="level",
                lead="SXD",
            ),
            T(
                "6",
                "Quy hoạch tỉnh",
                "Quy hoạch tỉnh thời kỳ 2021–2030 được phê duyệt trong năm 2023",
                "province-planning",
                None,
                {2022: 0, 2023: 1, 2024: 1},
                direction="yes_no",
                temporal="level",
                lead="SKHDT",
                due="2023-12-31",
            ),
        ],
    ),
    (
        "II",
        "Văn hóa - xã hội, môi trường",
        [
            T(
                "7",
                "Tỷ lệ hộ nghèo cuối nhiệm kỳ",
                "Tỷ lệ hộ nghèo đến năm 2025 còn dưới 1,5%",
                "poverty-rate",
                1.5,
                {2023: 1.78, 2024: 1.42},
                direction="lower",
                strict=True,
                temporal="level",
                lead="SLDTBXH",
            ),
            T(
                "8",
                "Lao động qua đào tạo",
                "Tỷ lệ lao động qua đào tạo năm 2025 đạt 75%",
                "trained-labour",
                75,
                {2023: 71.3, 2024: 73.0},
                temporal="level",
                lead="SLDTBXH",
            ),
            T(
                "9",
                "Nước sạch đạt quy chuẩn ở nông thôn",
                "Tỷ lệ dân cư nông thôn sử dụng nước sạch đạt quy chuẩn năm 2025 đạt 75%",
                "clean-water-rural",
                75,
                {2023: 38.2, 2024: 52.6},
                temporal="level",
                lead="SNN",
            ),
        ],
    ),
]

#: City offices that lead the city's targets, children of the city (code suffix, name, kind).
CITY_OFFICES = [
    ("TCKH", "Phòng Tài chính - Kế hoạch thành phố", "department"),
    ("KT", "Phòng Kinh tế thành phố", "department"),
    ("LDTBXH", "Phòng Lao động - Thương binh và Xã hội thành phố", "department"),
    ("VHTT", "Phòng Văn hóa và Thông tin thành phố", "department"),
    ("GDDT", "Phòng Giáo dục và Đào tạo thành phố", "department"),
    ("TTYT", "Trung tâm Y tế thành phố", "department"),
    ("CA", "Công an thành phố", "department"),
    ("BCHQS", "Ban Chỉ huy Quân sự thành phố", "department"),
    ("BTC", "Ban Tổ chức Thành ủy", "party_agency"),
    ("UBKT", "Ủy ban Kiểm tra Thành ủy", "party_agency"),
]

# City 2021 resolution (seed 002): 45 targets — 9 party building, 12 economy,
# 13 culture-society, 11 defence-security-internal affairs. Figures: 2020 is
# "cùng kỳ", 2021 is evaluated. Cascaded targets' city figures are rolled up
# from the communes' (see loader); the figure given here is the city total.
CITY_2021_GROUPS: list[tuple[str, str, list[T]]] = [
    (
        "I",
        "Xây dựng Đảng và hệ thống chính trị",
        [
            T(
                "1",
                "Kết nạp đảng viên mới",
                "Kết nạp 150 đảng viên mới",
                "new-party-members",
                150,
                {2020: 141, 2021: 158},
                lead="BTC",
                cascade=True,
            ),
            T(
                "2",
                "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ",
                "Trên 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
                "party-orgs-good",
                90,
                {2020: 89.1, 2021: 91.5},
                lead="BTC",
                cascade=True,
                denominator=56,
            ),
            T(
                "3",
                "Đảng viên hoàn thành tốt nhiệm vụ",
                "Trên 90% đảng viên hoàn thành tốt nhiệm vụ trở lên",
                "party-members-good",
                90,
                {2020: 88.2, 2021: 88.9},
                lead="BTC",
                cascade=True,
                denominator=5200,
            ),
            T(
                "4",
                "Chi bộ trong sạch, vững mạnh",
                "Trên 80% chi bộ được đánh giá trong sạch, vững mạnh",
                "cells-strong",
                80,
                {2020: 78.4, 2021: 82.6},
                lead="BTC",
            ),
            T(
                "5",
                "Kiểm tra, giám sát của cấp ủy",
                "Thực hiện 30 cuộc kiểm tra, giám sát",
                "inspections",
                30,
                {2020: 27, 2021: 32},
                lead="UBKT",
            ),
            T(
                "6",
                "Bồi dưỡng lý luận chính trị cho đảng viên mới",
                "100% đảng viên mới được bồi dưỡng lý luận chính trị",
                "new-members-trained",
                100,
                {2020: 96.5, 2021: 100},
                lead="BTC",
            ),
            T(
                "7",
                "Phần mềm quản lý đảng viên",
                "100% tổ chức cơ sở đảng sử dụng phần mềm quản lý đảng viên",
                "party-software",
                100,
                {2020: 85.7, 2021: 96.4},
                lead="BTC",
            ),
            T(
                "8",
                "Tập hợp đoàn viên, hội viên",
                "Tỷ lệ tập hợp đoàn viên, hội viên đạt 80%",
                "mass-org-members",
                80,
                {2020: 76.2, 2021: 78.9},
                lead="BTC",
            ),
            T(
                "9",
                "Giải quyết đơn thư của Ủy ban Kiểm tra",
                "Giải quyết 100% đơn thư thuộc thẩm quyền của Ủy ban Kiểm tra",
                "party-complaints-resolved",
                100,
                {2020: 100, 2021: 100},
                lead="UBKT",
            ),
        ],
    ),
    (
        "II",
        "Phát triển kinh tế",
        [
            T(
                "10",
                "Giá trị sản xuất công nghiệp",
                "Giá trị sản xuất công nghiệp - tiểu thủ công nghiệp tăng 10%",
                "industry-growth",
                10,
                {2020: 5.3, 2021: 7.8},
                lead="KT",
            ),
            T(
                "11",
                "Bán lẻ hàng hóa và doanh thu dịch vụ",
                "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tăng 12%",
                "retail-growth",
                12,
                {2020: 4.1, 2021: -2.4},
                lead="KT",
            ),
            T(
                "12",
                "Thu ngân sách trên địa bàn",
                "Thu ngân sách nhà nước trên địa bàn đạt 620 tỷ đồng",
                "budget-revenue",
                620,
                {2020: 574.2, 2021: 631.8},
                lead="TCKH",
            ),
            T(
                "13",
                "Vốn đầu tư toàn xã hội",
                "Tổng vốn đầu tư toàn xã hội đạt 3.500 tỷ đồng",
                "investment",
                3500,
                {2020: 3120, 2021: 2985},
                lead="TCKH",
            ),
            T(
                "14",
                "Doanh nghiệp thành lập mới",
                "Có 150 doanh nghiệp thành lập mới",
                "new-enterprises",
                150,
                {2020: 132, 2021: 118},
                lead="TCKH",
                cascade=True,
            ),
            T(
                "15",
                "Tổ hợp tác thành lập mới",
                "Thành lập mới ít nhất 50 tổ hợp tác",
                "new-cooperatives",
                50,
                {2020: 41, 2021: 53},
                lead="KT",
                cascade=True,
            ),
            T(
                "16",
                "Xã nông thôn mới nâng cao",
                "Có 02 xã đạt chuẩn nông thôn mới nâng cao",
                "ntm-advanced-communes",
                2,
                {2020: 0, 2021: 2},
                lead="KT",
            ),
            T(
                "17",
                "Khách du lịch",
                "Đón 350 nghìn lượt khách du lịch",
                "tourists",
                350,
                {2020: 236.4, 2021: 128.5},
                lead="VHTT",
            ),
            T(
                "18",
                "Giải ngân vốn đầu tư công",
                "Giải ngân 100% kế hoạch vốn đầu tư công",
                "public-investment-disbursed",
                100,
                {2020: 94.6, 2021: 97.2},
                lead="TCKH",
            ),
            T(
                "19",
                "Đề án 4 xã chuyển thành phường",
                "Hoàn thành đề án xây dựng 4 xã chuyển thành phường",
                "wards-conversion",
                None,
                {2020: 0, 2021: 0},
                direction="yes_no",
                lead="KT",
            ),
            T(
                "20",
                "Hộ dân sử dụng nước sạch",
                "Tỷ lệ hộ dân sử dụng nước sạch đạt 99%",
                "clean-water",
                99,
                {2020: 98.1, 2021: 99.2},
                lead="KT",
                cascade=True,
                denominator=41500,
            ),
            T(
                "21",
                "Thu gom, xử lý chất thải rắn",
                "100% chất thải rắn sinh hoạt được thu gom, xử lý",
                "waste-collected",
                100,
                {2020: 98.7, 2021: 99.1},
                lead="KT",
            ),
        ],
    ),
    (
        "III",
        "Văn hóa - xã hội",
        [
            T(
                "22",
                "Tỷ lệ hộ nghèo",
                "Tỷ lệ hộ nghèo giảm còn dưới 1%",
                "poverty-rate",
                1,
                {2020: 1.21, 2021: 0.93},
                direction="lower",
                strict=True,
                lead="LDTBXH",
                cascade=True,
                denominator=41500,
            ),
            T(
                "23",
                "Giải quyết việc làm",
                "Giải quyết việc làm cho 2.500 lao động",
                "new-jobs",
                2500,
                {2020: 2310, 2021: 2264},
                lead="LDTBXH",
                cascade=True,
            ),
            T(
                "24",
                "Lao động qua đào tạo",
                "Tỷ lệ lao động qua đào tạo đạt 80%",
                "trained-labour",
                80,
                {2020: 76.8, 2021: 78.9},
                lead="LDTBXH",
            ),
            T(
                "25",
                "Bảo hiểm y tế",
                "Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%",
                "health-insurance",
                95,
                {2020: 92.7, 2021: 93.6},
                lead="TTYT",
                cascade=True,
                denominator=148000,
            ),
            T(
                "26",
                "Trẻ suy dinh dưỡng thể nhẹ cân",
                "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân dưới 5%",
                "underweight-children",
                5,
                {2020: 5.4, 2021: 4.7},
                direction="lower",
                strict=True,
                lead="TTYT",
                cascade=True,
                denominator=9800,
            ),
            T(
                "27",
                "Trường đạt chuẩn quốc gia",
                "Tỷ lệ trường đạt chuẩn quốc gia đạt 85%",
                "standard-schools",
                85,
                {2020: 80.6, 2021: 83.9},
                lead="GDDT",
            ),
            T(
                "28",
                "Tốt nghiệp trung học phổ thông",
                "Tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt 99%",
                "graduation-rate",
                99,
                {2020: 98.9, 2021: 99.4},
                lead="GDDT",
            ),
            T(
                "29",
                "Hộ gia đình văn hóa",
                "Tỷ lệ hộ gia đình đạt chuẩn văn hóa đạt 95%",
                "cultural-households",
                95,
                {2020: 94.2, 2021: 95.6},
                lead="VHTT",
                cascade=True,
                denominator=41500,
            ),
            T(
                "30",
                "Ấp, khu phố văn hóa",
                "Tỷ lệ ấp, khu phố văn hóa đạt 98%",
                "cultural-hamlets",
                98,
                {2020: 97.5, 2021: 98.4},
                lead="VHTT",
            ),
            T(
                "31",
                "Bác sĩ trên 1 vạn dân",
                "Đạt 15 bác sĩ trên 1 vạn dân",
                "doctors-per-10k",
                15,
                {2020: 14.2, 2021: 14.6},
                lead="TTYT",
            ),
            T(
                "32",
                "Hồ sơ sức khỏe điện tử",
                "90% người dân có hồ sơ sức khỏe điện tử",
                "e-health-records",
                90,
                {2020: 61.3, 2021: 72.4},
                lead="TTYT",
                cascade=True,
                denominator=148000,
            ),
            T(
                "33",
                "Thủ tục hành chính đúng hạn",
                "98% hồ sơ thủ tục hành chính được giải quyết đúng hạn",
                "admin-on-time",
                98,
                {2020: 97.8, 2021: 99.1},
                lead="TCKH",
            ),
            T(
                "34",
                "Tập luyện thể dục thể thao",
                "Tỷ lệ dân số tập luyện thể dục thể thao thường xuyên đạt 40%",
                "sports-participation",
                40,
                {2020: 37.5, 2021: 36.2},
                lead="VHTT",
            ),
        ],
    ),
    (
        "IV",
        "Quốc phòng, an ninh, nội chính",
        [
            T(
                "35",
                "Tuyển quân",
                "Hoàn thành 100% chỉ tiêu gọi công dân nhập ngũ",
                "conscription",
                None,
                {2020: 1, 2021: 1},
                direction="yes_no",
                lead="BCHQS",
            ),
            T(
                "36",
                "Kéo giảm phạm pháp hình sự",
                "Giảm 5 - 10% số vụ phạm pháp hình sự so với năm 2020",
                "criminal-cases",
                5,
                {2020: 112, 2021: 101},
                high=10,
                change=2,
                lead="CA",
                cascade=True,
            ),
            T(
                "37",
                "Kéo giảm tai nạn giao thông trên cả 3 tiêu chí",
                "Kéo giảm ít nhất 5% tai "
                "nạn giao thông trên cả 3 tiêu chí: số vụ, số người chết, số người bị thương",
                "",
                None,
                lead="CA",
                parts=(
                    T(
                        "37a",
                        "Số vụ tai nạn giao thông",
                        "Giảm ít nhất 5% số vụ",
                        "traffic-accidents",
                        5,
                        {2020: 46, 2021: 41},
                        change=2,
                        lead="CA",
                    ),
                    T(
                        "37b",
                        "Số người chết do tai nạn giao thông",
                        "Giảm ít nhất 5% số người chết",
                        "traffic-deaths",
                        5,
                        {2020: 19, 2021: 17},
                        change=2,
                        lead="CA",
                    ),
                    T(
                        "37c",
                        "Số người bị thương do tai nạn giao thông",
                        "Giảm ít nhất 5% số người bị thương",
                        "traffic-injuries",
                        5,
                        {2020: 38, 2021: 37},
                        change=2,
                        lead="CA",
                    ),
                ),
            ),
            T(
                "38",
                "Điều tra, khám phá án hình sự",
                "Tỷ lệ điều tra, khám phá án hình sự đạt trên 75%",
                "crime-solved",
                75,
                {2020: 78.6, 2021: 81.2},
                lead="CA",
            ),
            T(
                "39",
                "Khám phá án rất nghiêm trọng",
                "Tỷ lệ khám phá án rất nghiêm trọng, đặc biệt nghiêm trọng đạt 95%",
                "serious-crime-solved",
                95,
                {2020: 100, 2021: 100},
                lead="CA",
            ),
            T(
                "40",
                "Xã, phường an toàn về an ninh, trật tự",
                "100% xã, phường đạt chuẩn an toàn về an ninh, trật tự",
                "safe-communes",
                100,
                {2020: 92.9, 2021: 92.9},
                lead="CA",
            ),
            T(
                "41",
                "Giải quyết đơn thư khiếu nại, tố cáo",
                "Giải quyết trên 90% đơn thư khiếu nại, tố cáo thuộc thẩm quyền",
                "complaints-resolved",
                90,
                {2020: 91.3, 2021: 86.4},
                lead="TCKH",
            ),
            T(
                "42",
                "Ấp, khu phố không ma túy",
                "60% ấp, khu phố không có tội phạm và tệ nạn ma túy",
                "drug-free-hamlets",
                60,
                {2020: 48.3, 2021: 55.0},
                lead="CA",
                cascade=True,
                denominator=120,
            ),
            T(
                "43",
                "Hòa giải thành ở cơ sở",
                "Tỷ lệ hòa giải thành ở cơ sở đạt 85%",
                "mediation-success",
                85,
                {2020: 83.1, 2021: 86.7},
                lead="CA",
            ),
            T(
                "44",
                "Huấn luyện dân quân tự vệ",
                "100% dân quân tự vệ được huấn luyện đạt yêu cầu",
                "militia-training",
                100,
                {2020: 100, 2021: 100},
                lead="BCHQS",
            ),
            T(
                "45",
                "Không để tội phạm có tổ chức",
                "Không để tội phạm có tổ chức hoạt động trên địa bàn",
                "no-organised-crime",
                None,
                {2020: 1, 2021: 1},
                direction="yes_no",
                lead="CA",
            ),
        ],
    ),
]

# --- Tasks ---------------------------------------------------------------------
# (group index, title, owner unit code, product, deadline, completed on, progress %)
# Statuses are judged at the period's cut-off: 14/12/2022 for the provincial
# 2022 resolution, 14/12/2021 for the city's 2021 resolution.

PROVINCE_2022_TASK_GROUPS = [
    "Phát triển kinh tế nhanh, bền vững; đẩy mạnh chuyển đổi số",
    "Phát triển văn hóa - xã hội, bảo đảm an sinh xã hội",
    "Xây dựng Đảng, hệ thống chính trị trong sạch, vững mạnh",
]
PROVINCE_2022_TASKS = [
    (
        0,
        "Hoàn thiện hồ sơ Quy hoạch tỉnh thời kỳ 2021–2030 trình Thủ tướng Chính phủ",
        "83-SKHDT",
        "Hồ sơ quy hoạch trình Thủ tướng Chính phủ",
        "2022-09-30",
        "2022-11-10",
        100,
    ),
    (
        0,
        "Triển khai Kế hoạch chuyển đổi số tỉnh năm 2022",
        "83-STTTT",
        "Kế hoạch chuyển đổi số được UBND tỉnh ban hành",
        "2022-03-31",
        "2022-03-25",
        100,
    ),
    (
        0,
        "Tổ chức Hội nghị xúc tiến đầu tư năm 2022",
        "83-SKHDT",
        "Hội nghị và các biên bản ghi nhớ đầu tư",
        "2022-04-30",
        "2022-04-22",
        100,
    ),
    (
        0,
        "Đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2022",
        "83-SKHDT",
        "Báo cáo tiến độ giải ngân hằng tháng",
        "2022-12-31",
        None,
        85,
    ),
    (
        0,
        "Hoàn thành hệ thống cấp nước cho các xã ven biển",
        "83-SNN",
        "Công trình cấp nước đưa vào sử dụng",
        "2022-10-31",
        None,
        65,
    ),
    (
        0,
        "Ban hành kế hoạch trồng mới 1,5 triệu cây xanh",
        "83-SNN",
        "Kế hoạch của UBND tỉnh",
        "2022-02-28",
        "2022-02-20",
        100,
    ),
    (
        1,
        "Rà soát hộ nghèo, hộ cận nghèo theo chuẩn giai đoạn 2022–2025",
        "83-SLDTBXH",
        "Danh sách hộ nghèo được phê duyệt",
        "2022-03-31",
        "2022-03-28",
        100,
    ),
    (
        1,
        "Xây dựng Đề án phát triển du lịch cộng đồng",
        "83-SVHTTDL",
        "Đề án trình UBND tỉnh",
        "2022-08-31",
        "2022-09-20",
        100,
    ),
    (
        1,
        "Mở rộng diện bao phủ bảo hiểm y tế hộ gia đình",
        "83-SYT",
        "Báo cáo kết quả và danh sách hộ tham gia mới",
        "2023-03-31",
        None,
        60,
    ),
    (
        2,
        "Kiểm tra, giám sát việc thực hiện Nghị quyết tại 9 huyện, thành phố",
        "83-UBKTTU",
        "Thông báo kết luận kiểm tra, giám sát",
        "2022-11-30",
        "2022-11-25",
        100,
    ),
    (
        2,
        "Kiện toàn tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh",
        "83-SNV",
        "Quyết định kiện toàn tổ chức bộ máy",
        "2022-06-30",
        None,
        80,
    ),
]

CITY_2021_TASK_GROUPS = [
    "Xây dựng Đảng, hệ thống chính trị; phát huy tinh thần \u201cĐồng khởi mới\u201d",
    "Phát triển thương mại - dịch vụ gắn với du lịch",
    "Xây dựng thành phố Bến Tre đạt chuẩn đô thị loại I",
    "Xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
    "Phát triển văn hóa, xã hội; chăm lo an sinh xã hội",
    "Chuyển đổi số, xây dựng đô thị thông minh",
    "Bảo đảm quốc phòng, an ninh; thực hiện chủ trương \u201c6 không\u201d",
    "Cải cách hành chính, nâng cao hiệu lực, hiệu quả quản lý nhà nước",
]
CITY_2021_TASKS = [
    (
        0,
        "Triển khai Chương trình số 03 về xây dựng đội ngũ cán bộ",
        "829-BTC",
        "Kế hoạch thực hiện Chương trình số 03",
        "2021-03-31",
        "2021-03-30",
        100,
    ),
    (
        1,
        "Kêu gọi đầu tư chợ đêm và bến tàu du lịch thành phố",
        "829-KT",
        "Danh mục dự án kêu gọi đầu tư",
        "2021-09-30",
        "2021-11-15",
        100,
    ),
    (
        2,
        "Lập hồ sơ đề nghị công nhận đô thị loại I (giai đoạn 1)",
        "829-KT",
        "Báo cáo rà soát các tiêu chí đô thị loại I",
        "2021-12-31",
        None,
        70,
    ),
    (
        2,
        "Hoàn thành giải phóng mặt bằng dự án nâng cấp đô thị",
        "829-TCKH",
        "Mặt bằng sạch bàn giao cho nhà thầu",
        "2021-08-31",
        None,
        75,
    ),
    (
        3,
        "Xây dựng xã Sơn Đông đạt chuẩn nông thôn mới nâng cao",
        "28783-cu",
        "Hồ sơ đề nghị công nhận xã nông thôn mới nâng cao",
        "2021-11-30",
        "2021-11-26",
        100,
    ),
    (
        3,
        "Xây dựng xã Phú Nhuận đạt chuẩn nông thôn mới nâng cao",
        "28798",
        "Hồ sơ đề nghị công nhận xã nông thôn mới nâng cao",
        "2021-11-30",
        "2021-12-10",
        100,
    ),
    (
        4,
        "Ra mắt mô hình \u201cKhu phố văn minh đô thị\u201d",
        "28777-cu",
        "Quyết định công nhận khu phố văn minh đô thị",
        "2021-06-30",
        "2021-06-18",
        100,
    ),
    (
        4,
        "Hỗ trợ sửa chữa nhà ở cho hộ nghèo",
        "28757",
        "Nhà ở được bàn giao cho hộ nghèo",
        "2021-10-31",
        None,
        40,
    ),
    (
        5,
        "Ban hành Nghị quyết số 04 về xây dựng đô thị thông minh",
        "829-VHTT",
        "Nghị quyết và kế hoạch triển khai",
        "2021-05-31",
        "2021-05-20",
        100,
    ),
    (
        6,
        "Triển khai Nghị quyết số 02 về chủ trương \u201c6 không\u201d",
        "829-CA",
        "Kế hoạch và báo cáo sơ kết",
        "2021-04-30",
        "2021-04-28",
        100,
    ),
    (
        6,
        "Xây dựng ấp, khu phố không có tội phạm ma túy",
        "28795",
        "Quyết định công nhận ấp không ma túy",
        "2022-03-31",
        None,
        50,
    ),
    (
        7,
        "Số hóa hồ sơ thủ tục hành chính tại bộ phận một cửa",
        "829-TCKH",
        "Hồ sơ được số hóa trên hệ thống một cửa điện tử",
        "2021-12-31",
        None,
        90,
    ),
]

TERM_TASK_GROUPS = ["Ba khâu đột phá của nhiệm kỳ"]
TERM_TASKS = [
    (
        0,
        "Hoàn thành tuyến đường bộ ven biển qua địa bàn tỉnh (giai đoạn 1)",
        "83-SGTVT",
        "Tuyến đường đưa vào khai thác",
        "2025-06-30",
        None,
        55,
    ),
    (
        0,
        "Xây dựng và vận hành Trung tâm giám sát, điều hành đô thị thông minh",
        "83-STTTT",
        "Trung tâm IOC vận hành",
        "2023-12-31",
        "2023-12-20",
        100,
    ),
    (
        0,
        "Phát triển nguồn nhân lực chất lượng cao",
        "83-SNV",
        "Đề án được Tỉnh ủy thông qua",
        "2022-06-30",
        "2022-08-05",
        100,
    ),
    (0, "Hoàn thành cầu Rạch Miễu 2", "83-SGTVT", "Cây cầu thông xe", "2024-09-30", None, 70),
]

# --- Reference series ("so sánh tương quan", seed 001) ------------------------------
#: (indicator, series name, kind, {year: figure}) — kept by the province for its plans.
REFERENCES = [
    ("grdp-growth", "Cả nước", "country", {2021: 2.58, 2022: 8.02}),
    ("grdp-growth", "Vùng Đồng bằng sông Cửu Long", "region", {2021: -0.4, 2022: 7.1}),
    ("grdp-per-capita", "Cả nước", "country", {2021: 86.2, 2022: 95.6}),
    ("grdp-per-capita", "Vùng Đồng bằng sông Cửu Long", "region", {2021: 57.3, 2022: 63.2}),
]
REFERENCE_SOURCE = "Số liệu minh họa theo công bố của Tổng cục Thống kê"

# --- The cascade as the communes actually typed it ----------------------------------
#: (city target code, commune code) → change to the commune's share of the city's figure:
#: two communes set themselves less than their share, so the wards' figures fall short.
CASCADE_GAPS = {("14", "28783-cu"): -3, ("23", "28780"): -40}
#: (city target code, commune code): targets the commune has not concretised yet.
CASCADE_SKIPPED = {("15", "28792"), ("32", "28792"), ("42", "28762")}

# --- The 2025 reorganisation ---------------------------------------------------------
#: The province Bến Tre and Trà Vinh entered on 1/7/2025; the demo loads its real map, before
#: and after, with the lineage (orgs.loading), and builds its plans and figures on it.
VINH_LONG = "86"
REORGANISED_ON = "2025-07-01"

#: First-half 2025 figures of the three provinces, reported before the merger, keyed by
#: province code; a ratio is (numerator, denominator). Vĩnh Long's own 6-month 2026 figure
#: follows. All illustrative.
VINH_LONG_FIGURES: dict[str, tuple[dict[str, object], object]] = {
    "grdp-value": ({"86": 28400.5, "83": 27950.2, "84": 30120.8}, 93180.4),
    "exports": ({"86": 612.4, "83": 805.3, "84": 598.7}, 2460.2),
    "budget-revenue": ({"86": 4105.6, "83": 3452.1, "84": 3890.4}, 12480.5),
    "investment": ({"86": 18210.0, "83": 15620.5, "84": 17905.3}, 49310.2),
    "new-enterprises": ({"86": 418, "83": 382, "84": 331}, 1246),
    "poverty-rate": (
        {"86": (4120, 290500), "83": (6915, 421300), "84": (7240, 295800)},
        (14860, 1013200),
    ),
    "trained-labour": (
        {"86": (561200, 801500), "83": (580400, 829600), "84": (500800, 740300)},
        (1690500, 2386000),
    ),
    "new-jobs": ({"86": 10210, "83": 11380, "84": 9790}, 29850),
    "health-insurance": (
        {"86": (960300, 1020400), "83": (1210500, 1300100), "84": (940200, 1010300)},
        (3151000, 3338200),
    ),
    "traffic-accidents": ({"86": 121, "83": 139, "84": 96}, 322),
}

VINH_LONG_2026_GROUPS: list[tuple[str, str, list[T]]] = [
    (
        "I",
        "Các chỉ tiêu về kinh tế",
        [
            T(
                "1",
                "Tốc độ tăng trưởng kinh tế (GRDP)",
                "Tốc độ tăng trưởng kinh tế (GRDP) đạt 8% trở lên",
                "grdp-value",
                8.0,
                change=1,
                lead="CTK",
            ),
            T(
                "2",
                "Kim ngạch xuất khẩu",
                "Kim ngạch xuất khẩu đạt 5.500 triệu USD",
                "exports",
                5500,
                lead="SCT",
            ),
            T(
                "3",
                "Thu ngân sách nhà nước trên địa bàn",
                "Thu ngân sách nhà nước trên địa bàn đạt 22.000 tỷ đồng",
                "budget-revenue",
                22000,
                lead="STC",
            ),
            T(
                "4",
                "Tổng vốn đầu tư toàn xã hội",
                "Tổng vốn đầu tư toàn xã hội đạt 110.000 tỷ đồng",
                "investment",
                110000,
                lead="STC",
            ),
            T(
                "5",
                "Doanh nghiệp thành lập mới",
                "Thành lập mới 2.400 doanh nghiệp",
                "new-enterprises",
                2400,
                lead="STC",
            ),
        ],
    ),
    (
        "II",
        "Các chỉ tiêu về văn hóa - xã hội",
        [
            T(
                "6",
                "Tỷ lệ hộ nghèo",
                "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm còn dưới 1,5%",
                "poverty-rate",
                1.5,
                direction="lower",
                strict=True,
                lead="SNV",
            ),
            T(
                "7",
                "Tỷ lệ lao động qua đào tạo",
                "Tỷ lệ lao động qua đào tạo đạt 72%",
                "trained-labour",
                72,
                lead="SNV",
            ),
            T(
                "8",
                "Giải quyết việc làm",
                "Giải quyết việc làm cho 60.000 lao động",
                "new-jobs",
                60000,
                lead="SNV",
            ),
            T(
                "9",
                "Tỷ lệ dân số tham gia bảo hiểm y tế",
                "Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%",
                "health-insurance",
                95,
                lead="SYT",
            ),
        ],
    ),
    (
        "III",
        "Các chỉ tiêu về quốc phòng, an ninh",
        [
            T(
                "10",
                "Kéo giảm tai nạn giao thông",
                "Giảm ít nhất 5% số vụ tai nạn giao thông so với năm 2025",
                "traffic-accidents",
                5,
                change=2,
                lead="CA",
            ),
        ],
    ),
]
#: Departments of the merged province (code suffix, name) — leads of its 2026 targets.
VINH_LONG_DEPARTMENTS = [
    ("CTK", "Thống kê tỉnh Vĩnh Long", "department"),
    ("SCT", "Sở Công Thương", "department"),
    ("STC", "Sở Tài chính", "department"),
    ("SNV", "Sở Nội vụ", "department"),
    ("SYT", "Sở Y tế", "department"),
    ("CA", "Công an tỉnh", "department"),
]

# --- Users ---------------------------------------------------------------------
DEMO_PASSWORD = "nghiquyet-demo"

#: (username, full name, role, unit code) — every demo user has DEMO_PASSWORD.
USERS = [
    ("vanphong.tinh", "Nguyễn Thị Lan — Văn phòng Tỉnh ủy", "office", "83"),
    ("lanhdao.tinh", "Trần Văn Hùng — Thường trực Tỉnh ủy", "viewer", "83"),
    ("baocao.skhdt", "Lê Minh Tâm — Sở Kế hoạch và Đầu tư", "reporter", "83-SKHDT"),
    ("vanphong.thanhpho", "Phạm Thị Hoa — Văn phòng Thành ủy", "office", "829"),
    ("baocao.anhoi", "Võ Văn Bình — Phường An Hội", "reporter", "28777-cu"),
    ("lanhdao.anhoi", "Huỳnh Thị Mai — Bí thư Đảng ủy phường An Hội", "approver", "28777-cu"),
    ("baocao.phutan", "Đặng Quốc Khánh — Phường Phú Tân", "reporter", "28757"),
    ("vanphong.vinhlong", "Lý Thị Thu — Văn phòng Tỉnh ủy Vĩnh Long", "office", "86"),
    ("lanhdao.vinhlong", "Thạch Văn Sơn — Thường trực Tỉnh ủy Vĩnh Long", "viewer", "86"),
]
ADMIN_USER = ("quantri", "Quản trị hệ thống")
