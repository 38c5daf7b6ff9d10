"""Template tags for the Excel import links (the decision is a selector's, not the template's)."""

from django import template

from nghiquyet.documents.selectors import plan_import_allowed as _plan_import_allowed

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_import_allowed(context) -> bool:
    """May the signed-in user import a resolution (does it manage some unit)?"""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return bool(user) and _plan_import_allowed(user=user)
