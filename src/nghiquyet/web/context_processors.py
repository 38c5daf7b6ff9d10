from django.urls import reverse

from nghiquyet.demo.accounts import PASSWORD, demo_accounts
from nghiquyet.notifications.selectors import unread_count
from nghiquyet.plans.models import Plan

from .assets import VEGA_VERSION


def site(request):
    """Values every page needs: whether the figures shown are illustrative (and then the demo's
    accounts, which the sign-in page lists), the unread notifications, and where the chart
    library is served (pages with a chart load it)."""

    def demo_loaded() -> bool:
        return Plan.objects.filter(is_demo=True).exists()

    def unread() -> int:
        return unread_count(user=request.user)

    return {
        "demo_data_loaded": demo_loaded,
        "demo_accounts": demo_accounts,
        "demo_password": PASSWORD,
        "unread_notifications": unread,
        "vega_url": reverse("web:vega-embed", args=[VEGA_VERSION]),
    }
