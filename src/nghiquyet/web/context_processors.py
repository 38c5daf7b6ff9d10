from nghiquyet.plans.models import Plan


def site(request):
    """Values every page needs: whether the figures shown are illustrative."""

    def demo_loaded() -> bool:
        return Plan.objects.filter(is_demo=True).exists()

    return {"demo_data_loaded": demo_loaded}
