"""A result as an aligned Vietnamese text table with the summary sentence, or as JSON
(``classify`` and ``evaluate`` print the same shapes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from nghiquyet import engine

#: A row of a result table, the plain data that :func:`render_table` and
#: :func:`build_json` take (the ``evaluate`` command builds them from the database).
ResultRow = TypedDict(
    "ResultRow",
    {
        "code": str,
        "name": str,
        "unit": str,
        "target": str,
        "actual": str,
        "rate": float | None,
        "class": str,
    },
)


TABLE_HEADINGS = ("Mã", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Xếp loại")


#: widest a column may grow before its text is cut with "…" (None: never cut)
_TABLE_WIDTHS = (16, 44, 12, 24, 24, None, None)


_RIGHT_ALIGNED = frozenset({3, 4, 5})


def render_table(
    rows: Sequence[Mapping[str, Any]], scheme: engine.Scheme, counts: Mapping[str, int]
) -> str:
    """The result as an aligned Vietnamese text table, a blank line and the summary sentence.

    ``rows`` are :data:`ResultRow` dicts (code, name, unit, target and actual as
    display text, rate in percent or None, class key).
    """
    labels = scheme.labels
    body = [
        (
            str(r["code"]),
            str(r["name"]),
            str(r.get("unit") or ""),
            str(r["target"]),
            str(r["actual"]),
            engine.format_percent(r["rate"]),
            labels.get(r["class"], r["class"]),
        )
        for r in rows
    ]
    body = [
        tuple(_truncate(cell, limit) for cell, limit in zip(line, _TABLE_WIDTHS, strict=True))
        for line in body
    ]
    widths = [
        max(len(TABLE_HEADINGS[i]), *(len(line[i]) for line in body)) if body else len(h)
        for i, h in enumerate(TABLE_HEADINGS)
    ]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if i in _RIGHT_ALIGNED else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(parts).rstrip()

    lines = [line(TABLE_HEADINGS), "  ".join("-" * w for w in widths)]
    lines.extend(line(cells) for cells in body)
    lines.append("")
    lines.append(engine.summary_sentence(scheme, counts))
    return "\n".join(lines)


def build_json(
    rows: Sequence[Mapping[str, Any]], scheme: engine.Scheme, counts: Mapping[str, int]
) -> dict[str, Any]:
    """The result as a JSON-ready dict.

    ``{"scheme": key, "targets": [{"code", "rate", "class"}, …], "counts": {class: n},
    "summary": "…"}``; ``rate`` is rounded to 2 decimals or None, ``counts`` holds every
    class of the scheme plus ``no_data``.
    """
    return {
        "scheme": scheme.key,
        "targets": [
            {
                "code": r["code"],
                "rate": None if r["rate"] is None else round(float(r["rate"]), 2),
                "class": r["class"],
            }
            for r in rows
        ],
        "counts": {k: int(counts.get(k, 0)) for k in scheme.keys},
        "summary": engine.summary_sentence(scheme, counts),
    }


def _truncate(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"
