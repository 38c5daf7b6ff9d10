"""Template filters for figures, in the active language's number format."""

from django import template

from nghiquyet.plans import display

register = template.Library()


@register.filter
def num(value, decimals=2):
    """A figure with up to ``decimals`` decimals, trailing zeros dropped: 1.234,5."""
    return display.number(value, int(decimals))


@register.filter
def pct(value, decimals=2):
    """A rate with exactly ``decimals`` decimals: 81,54%."""
    return display.percent(value, int(decimals))


@register.filter
def share(count, total):
    """Percentage width for a bar segment."""
    try:
        return f"{100 * int(count) / int(total):.4f}"
    except (TypeError, ValueError, ZeroDivisionError):
        return "0"


@register.simple_tag
def target_text(target):
    return display.target_text(target)


@register.filter
def get_item(mapping, key):
    """``mapping[key]``, or "" when there is no such key (or no mapping at all)."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.simple_tag
def actual_text(row):
    """The actual as offices write it: "7,35", "Đạt", "101 (giảm 9,82%)"."""
    return display.actual_text(row)


@register.simple_tag
def yoy_text(row):
    """Change against the same period last year ("so với cùng kỳ")."""
    return display.yoy_text(row)


@register.simple_tag
def change_text(actual, baseline, target):
    """Change of ``actual`` against ``baseline``, written as ``target``'s figures are."""
    return display.change_text(actual, baseline, target)


@register.filter
def pct_share(value):
    """0.5 → "50%": a share of the year's plan."""
    if value is None:
        return ""
    return display.percent(float(value) * 100, 0)
