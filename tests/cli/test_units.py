"""`nghiquyet units load-vietnam`: the map from the command line."""

import pytest

from nghiquyet.audit.models import AuditEvent
from nghiquyet.orgs.models import OrgUnit


@pytest.mark.django_db
def test_load_vietnam_loads_a_province_with_its_past_then_changes_nothing(run):
    last = AuditEvent.objects.order_by("pk").last().pk
    code, out, err = run("units", "load-vietnam", "--province", "96", "--before-2025")
    assert code == 0 and err == ""
    assert out.splitlines()[-1].startswith("Đã tạo 246 đơn vị, ghi ")
    # one operation: every event of the load shares its correlation id
    written = AuditEvent.objects.filter(pk__gt=last)
    assert written.filter(action="orgunit.load").count() == 1
    assert written.values("correlation_id").distinct().count() == 1
    assert OrgUnit.objects.get(code="95").valid_to.isoformat() == "2025-07-01"
    assert OrgUnit.objects.filter(parent__code="96", valid_to__isnull=True).count() == 64
    events = AuditEvent.objects.count()
    code, out, _err = run("units", "load-vietnam", "--province", "96", "--before-2025")
    assert code == 0 and out.splitlines()[-1].startswith("Không có gì thay đổi")
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_an_unknown_province_is_refused_with_the_codes(run):
    code, _out, err = run("units", "load-vietnam", "--province", "99")
    assert code == 2
    assert "Không có tỉnh, thành phố mã “99”" in err and "86" in err
    assert not OrgUnit.objects.filter(code="95").exists()
