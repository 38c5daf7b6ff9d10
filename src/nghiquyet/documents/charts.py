"""Charts of a review as images, rendered with vl-convert from the same Vega-Lite specs
the web pages draw."""

from __future__ import annotations

import copy
import os
from functools import lru_cache

import vl_convert

from nghiquyet.reporting import charts as chart_specs

#: Debian's fonts-liberation2: metric-compatible with Arial / Times New Roman and with
#: every Vietnamese glyph. Microsoft's own fonts are not on these machines.
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation")
WIDTH = 560


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    for folder in FONT_DIRS:
        if os.path.isdir(folder):
            vl_convert.register_font_directory(folder)


def _fixed(spec: dict) -> dict:
    spec = copy.deepcopy(spec)
    spec["width"] = WIDTH  # "container" has no meaning outside a page
    spec["background"] = "white"
    for channel in spec.get("encoding", {}).values():
        if isinstance(channel, dict) and channel.get("type") == "nominal" and "axis" in channel:
            channel["axis"]["labelLimit"] = 320
    return spec


def chart_png(spec: dict, *, scale: float = 2.0) -> bytes:
    _register_fonts()
    return vl_convert.vegalite_to_png(_fixed(spec), scale=scale)


def chart_svg(spec: dict) -> str:
    _register_fonts()
    return vl_convert.vegalite_to_svg(_fixed(spec))


def review_chart_spec(review) -> dict:
    """Targets of each group by class — the picture of the headline sentence."""
    ev = review.evaluation
    items = [(g.title, g.counts) for g in review.groups]
    keys = [k for k in ev.scheme.keys if any(g.counts.get(k) for g in review.groups)]
    return chart_specs.class_bars(items, ev.labels, keys)
