"""The office's pages: movements, clusters, a round's ranking, a score's trace."""

import pytest
from django.urls import reverse

from nghiquyet.emulation.models import Cluster, Criterion, EmulationRound, Movement, Score

pytestmark = pytest.mark.django_db


def test_the_office_creates_a_cluster_and_a_movement_in_the_web(client, office, land):
    client.force_login(office)
    url = reverse("emulation:cluster-create") + "?don_vi=D1"
    page = client.get(url)
    assert page.status_code == 200
    assert "Xã D1a" in page.content.decode()
    members = [str(land[c].pk) for c in ("D1a", "D1b")]
    response = client.post(
        url, {"don_vi": "D1", "name": "Cụm 2", "kind": "cluster", "members": members}
    )
    cluster = Cluster.objects.get(name="Cụm 2")
    assert response.status_code == 302 and cluster.members.count() == 2
    response = client.post(
        reverse("emulation:movement-create"),
        {
            "don_vi": "D1",
            "name": "Thi đua chuyển đổi số",
            "starts_on": "01/01/2024",
            "ends_on": "31/12/2025",
            "clusters": [str(cluster.pk)],
        },
    )
    movement = Movement.objects.get(name="Thi đua chuyển đổi số")
    assert list(movement.clusters.all()) == [cluster]
    bad = client.post(
        reverse("emulation:movement-create"),
        {"don_vi": "D1", "name": "x", "starts_on": "31/12/2025", "ends_on": "01/01/2024"},
    )
    assert bad.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in bad.content.decode()


def test_round_page_ranks_and_links_each_score_to_its_trace(client, office, scene, land):
    client.force_login(office)
    rnd = scene["round"]
    page = client.get(reverse("emulation:round-detail", args=[rnd.pk])).content.decode()
    assert "Cụm thi đua số 1" in page
    trace_url = reverse("emulation:score-detail", args=[rnd.pk, land["D1a"].pk])
    assert trace_url in page
    trace = client.get(trace_url).content.decode()
    assert reverse("reporting:target-detail", args=["d1a-2024", "1"]) in trace
    assert "Chỉnh trang chợ" in trace
    response = client.post(
        trace_url,
        {"criterion": str(scene["criteria"]["council"].pk), "points": "12", "note": "x"},
    )
    assert response.status_code == 400
    assert "phải từ 0 đến 10" in response.content.decode()
    assert not Score.objects.filter(round=rnd).exists()
    client.post(
        reverse("emulation:criterion-add", args=[rnd.pk]),
        {
            "code": "4",
            "name": "Báo cáo đúng hạn",
            "kind": "reports_on_time",
            "max_points": "10",
            "weight": "1",
        },
    )
    assert Criterion.objects.filter(round=rnd, code="4").exists()
    client.post(reverse("emulation:round-close", args=[rnd.pk]))
    assert EmulationRound.objects.get(pk=rnd.pk).is_closed


def test_a_member_may_not_post_to_the_office_forms(client, reporter_a, scene, land):
    client.force_login(reporter_a)
    rnd = scene["round"]
    assert client.get(reverse("emulation:round-detail", args=[rnd.pk])).status_code == 200
    other = reverse("emulation:score-detail", args=[rnd.pk, land["D1b"].pk])
    assert client.get(other).status_code == 404
    response = client.post(
        reverse("emulation:criterion-add", args=[rnd.pk]),
        {"code": "4", "name": "x", "kind": "council", "max_points": "10", "weight": "1"},
    )
    assert response.status_code == 403
    assert client.post(reverse("emulation:round-close", args=[rnd.pk])).status_code == 403
    assert not EmulationRound.objects.get(pk=rnd.pk).is_closed
