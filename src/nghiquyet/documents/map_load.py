"""Loading the administrative map from the web: the first administrator of a fresh install
picks the province(s) or the whole country, and the tree is there before anyone types a
unit. The load runs as a background job (the whole country with its past takes seconds
on PostgreSQL, longer on a busy server); departments and party bodies are still added by
the office — no package has them."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nghiquyet.accounts.choices import Action
from nghiquyet.accounts.scopes import scope_for
from nghiquyet.orgs.loading import vietnam_load
from nghiquyet.orgs.models import OrgUnit
from nghiquyet.orgs.services import orgunit_create
from nghiquyet.orgs.vietnam import COUNTRY_CODE, COUNTRY_NAME, read_map

from .jobs import Progress, job_kind, job_start
from .models import Job

KIND = "vietnam_map"


@job_kind(KIND, action=Action.MANAGE)
def run_map_load(job: Job, progress: Progress) -> None:
    """Load the provinces asked for (all if none) and, if asked, the map before 1/7/2025."""
    report = vietnam_load(
        acting_user=job.created_by,
        provinces=job.params.get("provinces") or None,
        before_2025=bool(job.params.get("before_2025")),
        progress=progress,
    )
    Job.objects.filter(pk=job.pk).update(outcome={"message": report.summary(), "url": "/don-vi/"})


def may_load_map(user) -> bool:
    """Administrators (who may manage the country, or everything on a fresh install)."""
    scope = scope_for(user)
    country = OrgUnit.objects.filter(code=COUNTRY_CODE).first()
    return scope.everything or (country is not None and scope.allows(Action.MANAGE, country))


def needs_map() -> bool:
    """No province yet: a fresh install."""
    return not OrgUnit.objects.filter(kind="province").exists()


class MapLoadForm(forms.Form):
    whole_country = forms.BooleanField(
        label=gettext_lazy("Cả nước (34 tỉnh, thành phố)"), required=False
    )
    provinces = forms.MultipleChoiceField(
        label=gettext_lazy("Hoặc chọn tỉnh, thành phố"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    before_2025 = forms.BooleanField(
        label=gettext_lazy(
            "Kèm bản đồ trước ngày 01/07/2025 (63 tỉnh, các huyện, xã cũ) và quan hệ kế thừa, "
            "để so sánh cùng kỳ qua sắp xếp"
        ),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provinces"].choices = [
            (p.code, f"{p.name} ({p.code})")
            for p in sorted(read_map().provinces, key=lambda p: p.short_name)
        ]

    def clean(self):
        data = super().clean()
        if not data.get("whole_country") and not data.get("provinces"):
            raise forms.ValidationError(_("Chọn cả nước hoặc ít nhất một tỉnh, thành phố."))
        return data


@login_required
def map_load(request: HttpRequest) -> HttpResponse:
    if not may_load_map(request.user):
        raise PermissionDenied
    form = MapLoadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        country = OrgUnit.objects.filter(code=COUNTRY_CODE).first() or orgunit_create(
            acting_user=request.user, code=COUNTRY_CODE, name=COUNTRY_NAME, kind="country"
        )
        provinces = [] if form.cleaned_data["whole_country"] else form.cleaned_data["provinces"]
        names = {p.code: p.short_name for p in read_map().provinces}
        what = _("cả nước") if not provinces else ", ".join(names[c] for c in provinces)
        job = job_start(
            acting_user=request.user,
            kind=KIND,
            unit=country,
            title=_("Nạp bản đồ hành chính: %(what)s") % {"what": what},
            params={"provinces": provinces, "before_2025": form.cleaned_data["before_2025"]},
        )
        return redirect("documents:job-detail", pk=job.pk)
    data = read_map()
    return render(
        request,
        "documents/map_load.html",
        {
            "form": form,
            "version": data.version,
            "counts": {
                "provinces": len(data.provinces),
                "communes": len(data.communes),
                "old_provinces": len(data.old_provinces),
                "old_districts": len(data.old_districts),
                "old_communes": len(data.old_communes),
            },
            "loaded": OrgUnit.objects.filter(kind="province", valid_to__isnull=True).count(),
        },
        status=422 if request.method == "POST" else 200,
    )


urlpatterns = [path("ban-do-hanh-chinh/", map_load, name="map-load")]
