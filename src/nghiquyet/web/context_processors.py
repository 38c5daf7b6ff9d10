from nghiquyet.notifications.selectors import unread_count
from nghiquyet.plans.models import Plan


def site(request):
    """Values every page needs: whether the figures shown are illustrative."""

    def demo_loaded() -> bool:
        return Plan.objects.filter(is_demo=True).exists()

    def unread() -> int:
        return unread_count(user=request.user)

    return {"demo_data_loaded": demo_loaded, "unread_notifications": unread}
