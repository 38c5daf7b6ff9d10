"""Pure evaluation: rates, classification, roll-up and summary text.

No Django import anywhere in this package: it takes columns and returns
columns, so the web, the API, the documents and the command line all decide
numbers the same way, and so it can classify millions of values at once.

Typical use::

    from nghiquyet import engine
    ach = engine.achievement(["higher"], [6.5], [5.3])
    codes = engine.classify(engine.BANDS, ach)
    counts = engine.count_classes(engine.BANDS, codes)
    engine.summary_sentence(engine.BANDS, counts)
"""

from .classify import (
    ACHIEVED,
    BANDS,
    BINARY,
    DAT_VUOT,
    EXCEEDED,
    NO_DATA,
    NO_DATA_LABEL,
    NOT_ACHIEVED,
    PRESETS,
    Band,
    Scheme,
    SchemeError,
    class_counts,
    class_keys,
    classify,
    count_classes,
    load_scheme,
    scheme_from_dict,
)
from .forecast import (
    AVERAGE_FLAT,
    AVERAGE_TREND,
    CANNOT,
    CANNOT_FACTOR,
    FINAL,
    FLAT,
    HARD,
    LIKELY,
    METHOD_LABELS,
    METHODS,
    MILESTONE,
    NO_FORECAST,
    NO_METHOD,
    OUTLOOK_LABELS,
    OUTLOOKS,
    RUN_RATE,
    TREND,
    TermForecast,
    term_forecast,
)
from .numbers import (
    format_number,
    format_percent,
    round_half_away,
)
from .rates import (
    RATE_CAP,
    Achievement,
    Change,
    Decides,
    Direction,
    RangeBound,
    achievement,
    change_against,
    combine_all,
    combine_decided,
)
from .rollup import TreeRollup, rollup_ratio, rollup_sum, rollup_tree
from .summary import summary_sentence
from .tasks import TASK_STATUS_LABELS, TASK_STATUSES, count_statuses, task_status

__all__ = [
    "ACHIEVED",
    "AVERAGE_FLAT",
    "AVERAGE_TREND",
    "BANDS",
    "BINARY",
    "CANNOT",
    "CANNOT_FACTOR",
    "DAT_VUOT",
    "EXCEEDED",
    "FINAL",
    "FLAT",
    "HARD",
    "LIKELY",
    "METHODS",
    "METHOD_LABELS",
    "MILESTONE",
    "NOT_ACHIEVED",
    "NO_DATA",
    "NO_DATA_LABEL",
    "NO_FORECAST",
    "NO_METHOD",
    "OUTLOOKS",
    "OUTLOOK_LABELS",
    "PRESETS",
    "RATE_CAP",
    "RUN_RATE",
    "TASK_STATUSES",
    "TASK_STATUS_LABELS",
    "TREND",
    "Achievement",
    "Band",
    "Change",
    "Decides",
    "Direction",
    "RangeBound",
    "Scheme",
    "SchemeError",
    "TermForecast",
    "TreeRollup",
    "achievement",
    "change_against",
    "class_counts",
    "class_keys",
    "classify",
    "combine_all",
    "combine_decided",
    "count_classes",
    "count_statuses",
    "format_number",
    "format_percent",
    "load_scheme",
    "rollup_ratio",
    "rollup_sum",
    "rollup_tree",
    "round_half_away",
    "scheme_from_dict",
    "summary_sentence",
    "task_status",
    "term_forecast",
]
