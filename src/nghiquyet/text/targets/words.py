"""The words and patterns targets are written with, and the one normaliser of a
wording: what :mod:`.reading` and :mod:`.lines` decide by."""

from __future__ import annotations

import re
import unicodedata

from ..numbers import NUMBER_PATTERN

DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-"})
NUM = re.compile(NUMBER_PATTERN.replace(r"[+\-\u2212]?", ""))
RANGE_JOIN = re.compile(r"^\s*(?:-|đến|tới|to)\s*$")
SPACES = re.compile(r"\s+")

STRICT_ABOVE = ("trên", "hơn", ">", "cao hơn", "lớn hơn", "vượt")
STRICT_BELOW = ("dưới", "<", "thấp hơn", "nhỏ hơn", "ít hơn")
AT_LEAST = ("ít nhất", "tối thiểu", ">=", "≥", "không dưới", "không thấp hơn", "không ít hơn")
AT_MOST = ("không quá", "không vượt quá", "tối đa", "<=", "≤", "không cao hơn", "không hơn")
APPROX = ("khoảng", "xấp xỉ", "gần", "ước", "~")
FILLER = ("đạt", "là", "ở mức", "mức", "phấn đấu", "duy trì", "giữ vững", "ổn định", "bằng")

#: The names of things whose changes are in percentage points.
RATE_NAMES = re.compile(r"^\s*(tỷ lệ|tỉ lệ|tỷ trọng|tỉ trọng|tỷ suất|cơ cấu)\b", re.I)
#: Names of growth rates: "tăng X%" is their level.
GROWTH_NAMES = re.compile(r"(tốc độ|tăng trưởng|chỉ số)", re.I)
BAND_NAMES = re.compile(r"^\s*(cơ cấu|tỷ trọng|tỉ trọng)\b", re.I)

#: the verbs of a yes/no standard ("đạt chuẩn đô thị loại I", "không còn hộ nghèo")
YES_NO_VERBS = re.compile(
    r"\b(?:được công nhận|công nhận|đạt chuẩn|đạt|hoàn thành|xây dựng|trở thành|"
    r"không còn|không để|không có|không xảy ra|giữ vững|duy trì|lên)\b",
    re.I,
)


def normal(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).translate(DASHES)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return SPACES.sub(" ", text).strip().strip(".;").strip()


PARTS = re.compile(r"\s*([,;(]?)\s*\btrong đó\b\s*[:,]?\s*(.*?)\s*$", re.I)


ALSO = re.compile(r"\s*[,;]\s*(?=(?:tăng|giảm|còn|đạt|bằng|bình quân|khoảng)\b)", re.I)
#: a second figure in brackets: "(còn 4,33%)", "(theo giá hiện hành, tăng 12,5 - 13,5%/năm)"
REMAINING = re.compile(r"\((?:[^()]*?[,;]\s*)?((?:còn|tăng|giảm)\b[^()]*\d[^()]*)\)", re.I)


PAREN = re.compile(r"\(([^()]*)\)")
BASE = re.compile(r"\s*,?\s*\bso (?:với|cùng)\b\s*(.*)$", re.I)
PER_YEAR = re.compile(r"\s*(?:/\s*năm|(?:bình quân\s+)?(?:hằng|hàng|mỗi|một)\s+năm)\b", re.I)
AVERAGE = re.compile(r"\bbình quân\b(?:\s+(?:giai đoạn|cả giai đoạn|5 năm|mỗi năm))?", re.I)
ABOVE_AFTER = re.compile(r"\s*\(?\s*trở lên\s*\)?", re.I)
BELOW_AFTER = re.compile(r"\s*\(?\s*trở xuống\s*\)?", re.I)
POINTS = re.compile(r"\s*(?:điểm\s*%|điểm phần trăm)", re.I)
PERIOD_WORDS = re.compile(r"^(?:\d+\s*năm|giai đoạn.*|cả nhiệm kỳ|nhiệm kỳ.*|\d{4}\s*-\s*\d{4})$")


TIMES = re.compile(
    rf"^(?:(?:đạt|tăng)\s+)?gấp\s+({NUMBER_PATTERN})\s+lần(?:\s+(?:so với\s+)?(.+))?$", re.I
)


YEAR = re.compile(
    r"(?:(?<=năm )|(?<=giai đoạn )|(?<=thời kỳ )|(?<=so sánh )|(?<=đến )|(?<=kỳ ))"
    r"(?:19|20)\d\d\b|\b(?:19|20)\d\d\s*-\s*(?:19|20)\d\d\b|(?<=-)\s*(?:19|20)\d\d\b",
    re.I,
)
#: words that may open a wording, read leftwards from its first figure
LEAD_WORDS = tuple(
    sorted(
        {
            *STRICT_ABOVE,
            *STRICT_BELOW,
            *AT_LEAST,
            *AT_MOST,
            *APPROX,
            *FILLER,
            "tăng",
            "tăng thêm",
            "giảm",
            "giảm thêm",
            "còn",
            "giảm còn",
            "từ",
            "bình quân",
            "trong khoảng",
            "chiếm",
            "chiếm từ",
            "lên",
        },
        key=len,
        reverse=True,
    )
)
