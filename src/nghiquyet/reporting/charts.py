"""Vega-Lite chart specifications.

Plain dictionaries: the browser renders them with the Vega-Embed bundle the app
serves (:mod:`nghiquyet.web.assets`), and reports can render the same spec to
SVG or PNG with vl-convert.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

#: The classes' colours, as in the stylesheet.
CLASS_COLOURS = {
    "achieved": "#1b7f3b",
    "near": "#47821d",
    "above_80": "#b5870a",
    "above_70": "#d97400",
    "above_50": "#bf4a17",
    "not_achieved": "#b3261e",
    "no_data": "#66707e",
}
ACTUAL_COLOUR = "#0b5cad"
PLAN_COLOUR = "#a11d21"
FONT = "Liberation Sans, Arial, sans-serif"
INK = "#1c2430"


def _base(height: int, description: str) -> dict:
    """What every chart shares; ``description`` is what a screen reader says of the chart
    (Vega's SVG takes it as its label, instead of "Vega visualization")."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": description,
        "width": "container",
        "height": height,
        "config": {
            "font": FONT,
            # Text in the ink colour (WCAG 2.1 AA: Vega's grey labels are 3,5:1 on white).
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "grid": True,
                "labelColor": INK,
                "titleColor": INK,
            },
            "legend": {
                "labelFontSize": 12,
                "orient": "top",
                "title": None,
                "labelColor": INK,
                "titleColor": INK,
            },
            "title": {"color": INK},
            "view": {"stroke": None},
        },
    }


#: Colours of reference series (the region, the country…): quiet beside the unit's own.
REFERENCE_COLOURS = ["#6b7280", "#9a6fb0", "#3d8f8f", "#b08a4a"]


def target_series(
    points, *, unit_of_measure: str, decimals: int, references: list[str] | None = None
) -> dict:
    """Actual against plan over time, one point per period, with any reference series
    (``references``: their names; each point's ``references`` holds their figures)."""
    actual, plan = _("Thực hiện"), _("Kế hoạch")
    references = references or []
    fmt = f",.{decimals}~f"
    values = []
    for order, p in enumerate(points):
        for name, figure in zip(references, getattr(p, "references", []), strict=False):
            if figure is not None:
                values.append(
                    {
                        "ky": p.period.label,
                        "thu_tu": order,
                        "loai": name,
                        "gia_tri": figure,
                        "tinh_trang": "",
                    }
                )
        if p.actual is not None:
            values.append(
                {
                    "ky": p.period.label,
                    "thu_tu": order,
                    "loai": actual,
                    "gia_tri": p.actual,
                    "tinh_trang": p.status,
                }
            )
        if p.plan_figure is not None:
            values.append(
                {
                    "ky": p.period.label,
                    "thu_tu": order,
                    "loai": plan,
                    "gia_tri": p.plan_figure,
                    "tinh_trang": "",
                }
            )
    encoding = {
        "x": {
            "field": "ky",
            "type": "ordinal",
            "sort": {"field": "thu_tu"},
            "title": None,
            "axis": {"labelAngle": 0},
        },
        "y": {
            "field": "gia_tri",
            "type": "quantitative",
            "title": unit_of_measure or None,
            "axis": {"format": fmt},
        },
        "color": {
            "field": "loai",
            "type": "nominal",
            "scale": {
                "domain": [actual, plan, *references],
                "range": [ACTUAL_COLOUR, PLAN_COLOUR, *REFERENCE_COLOURS[: len(references)]],
            },
        },
        "tooltip": [
            {"field": "ky", "title": _("Kỳ")},
            {"field": "loai", "title": " "},
            {"field": "gia_tri", "type": "quantitative", "format": fmt, "title": _("Giá trị")},
            {"field": "tinh_trang", "title": _("Tình trạng")},
        ],
    }
    return {
        **_base(260, _("Biểu đồ thực hiện và kế hoạch qua các kỳ")),
        "data": {"values": values},
        "encoding": encoding,
        "layer": [
            {
                "transform": [{"filter": {"field": "loai", "equal": actual}}],
                "mark": {"type": "line", "point": {"size": 60}, "strokeWidth": 2.5},
            },
            {
                "transform": [{"filter": {"field": "loai", "equal": plan}}],
                "mark": {"type": "point", "shape": "diamond", "size": 140, "filled": True},
            },
            *(
                [
                    {
                        "transform": [{"filter": {"field": "loai", "oneOf": references}}],
                        "mark": {
                            "type": "line",
                            "point": {"size": 40},
                            "strokeWidth": 1.5,
                            "strokeDash": [5, 3],
                        },
                    }
                ]
                if references
                else []
            ),
        ],
    }


def class_bars(
    items: list[tuple[str, dict[str, int]]],
    labels: dict[str, str],
    keys: list[str],
    *,
    title: str | None = None,
    description: str | None = None,
) -> dict:
    """One bar per item (a unit, a group), split by class: who lags is seen at a glance."""
    values = []
    for order, (name, counts) in enumerate(items):
        for key in keys:
            n = counts.get(key, 0)
            if n:
                values.append(
                    {
                        "ten": name,
                        "thu_tu": order,
                        "xep_loai": labels[key],
                        "so_chi_tieu": n,
                        "lop": keys.index(key),
                    }
                )
    return {
        **_base(max(120, 26 * len(items)), description or _("Biểu đồ số chỉ tiêu theo xếp loại")),
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {
                "field": "ten",
                "type": "nominal",
                "sort": {"field": "thu_tu"},
                "title": None,
                "axis": {"labelLimit": 260},
            },
            "x": {
                "field": "so_chi_tieu",
                "type": "quantitative",
                "stack": "zero",
                "title": title or _("Số chỉ tiêu"),
                "axis": {"format": "d", "tickMinStep": 1},
            },
            "color": {
                "field": "xep_loai",
                "type": "nominal",
                "scale": {
                    "domain": [labels[k] for k in keys],
                    "range": [CLASS_COLOURS.get(k, "#666") for k in keys],
                },
            },
            "order": {"field": "lop", "type": "quantitative"},
            "tooltip": [
                {"field": "ten", "title": " "},
                {"field": "xep_loai", "title": _("Xếp loại")},
                {"field": "so_chi_tieu", "title": _("Số chỉ tiêu")},
            ],
        },
    }


def units_classes(rows, labels: dict[str, str], keys: list[str]) -> dict:
    """The units comparison of a dashboard."""
    return class_bars(
        [(r.plan.unit.name, r.evaluation.counts) for r in rows],
        labels,
        keys,
        description=_("Số chỉ tiêu theo xếp loại của từng đơn vị"),
    )
