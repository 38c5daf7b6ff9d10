from django.http import HttpResponse


def plan_list(request):
    return HttpResponse("")


def plan_dashboard(request, code):
    return HttpResponse("")
