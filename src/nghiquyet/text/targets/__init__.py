"""Targets as resolutions print them: "từ 11% trở lên", "dưới 4%", "khoảng 45-47",
"giảm 0,7% (còn 4,33%)", "80,4-80,8 triệu đồng, tăng 10,2-10,71% so với ước thực hiện năm
2017", "từ 12.650 tỷ đồng trở lên (trong đó vốn tư nhân trên 8.250 tỷ đồng)", "đạt chuẩn đô
thị loại I".

:func:`read_target` turns such a wording into a :class:`TargetForm` (direction, bounds,
strict or inclusive, unit, level or change, approximate, the base "so với …", per year,
"bình quân", the period "(5 năm)", the "trong đó" parts, a yes/no standard);
:func:`render_target` writes a form back in one canonical Vietnamese wording, which reads
back as the same form. A wording it cannot read raises
:class:`~nghiquyet.text.problems.TextError` saying what it understood and how to write it.

The words decide as offices mean them:

- bounds: "trên", "hơn", ">" are strict above; "dưới", "<" strict below; "từ … trở lên",
  "… trở lên", "ít nhất", "tối thiểu", "≥" inclusive above; "không quá", "tối đa", "trở
  xuống", "≤" inclusive below; a bare figure is a level to reach ("đạt 72 triệu đồng");
- "giảm … còn X", "còn X" (a level left: lower is better);
- a range "6,5 - 7,5%", "từ 7,5 đến 8,0%"; "trong khoảng 28 - 29%" is a two-sided band
  (a share of the economy's structure: either side misses it);
- "tăng X%", "giảm X%" are changes against a base ("gấp 1,5 lần năm 2020" is "tăng 50%
  so với năm 2020"); a change of a rate ("tỷ lệ hộ nghèo
  giảm 1,5 - 2%", or where the wording gives the level in % "(còn 4,33%)") is in
  percentage points, a change of anything else in percent; "điểm %" says so explicitly.
  A change in the figure's own unit ("tăng thêm 7 xã") is a difference, like points
  (``change_points``: the figure minus its base).
  "Tốc độ tăng trưởng … tăng 6,5%" is the level of a growth rate, not a change of it.

One module per job: ``form`` (what a wording says), ``words`` (the word lists and patterns),
``reading`` (:func:`read_target`), ``rendering`` (:func:`render_target`), ``fields`` (a form
as a target's fields), ``lines`` (a line's name and wording). Callers import from here.
"""

from .fields import APPROXIMATE_TOLERANCE, TargetFields, target_fields
from .form import (
    BAND,
    CHANGE_PERCENT,
    CHANGE_POINTS,
    DECREASE,
    HIGHER,
    INCREASE,
    LEVEL,
    LOWER,
    TARGET_HINT,
    YES_NO,
    TargetForm,
    TargetPart,
)
from .lines import split_line
from .reading import read_target
from .rendering import format_decimal, render_target

__all__ = [
    "APPROXIMATE_TOLERANCE",
    "BAND",
    "CHANGE_PERCENT",
    "CHANGE_POINTS",
    "DECREASE",
    "HIGHER",
    "INCREASE",
    "LEVEL",
    "LOWER",
    "TARGET_HINT",
    "YES_NO",
    "TargetFields",
    "TargetForm",
    "TargetPart",
    "format_decimal",
    "read_target",
    "render_target",
    "split_line",
    "target_fields",
]
