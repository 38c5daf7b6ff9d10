"""No lost updates: truly concurrent saves of one submission over HTTP.

Several browsers post the same grid at the same moment, each from the same
revision. Exactly one save wins; the others get 409 and a Vietnamese message,
and the winner's figure is what stays. On PostgreSQL every request runs in its
own connection and transaction; the conditional UPDATE on the revision decides.
"""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from nghiquyet.plans.models import Plan
from nghiquyet.reporting.choices import PeriodKind
from nghiquyet.reporting.models import Submission
from nghiquyet.reporting.periods import PeriodSpec
from nghiquyet.reporting.rounds import round_open

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 6


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _browser():
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    return opener


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _sign_in(opener, base: str, username: str) -> None:
    page = opener.open(f"{base}/dang-nhap/").read().decode()
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": _token(page), "username": username, "password": "nghiquyet-demo"}
    ).encode()
    with pytest.raises(urllib.error.HTTPError) as signed_in:
        opener.open(f"{base}/dang-nhap/", data)
    assert signed_in.value.code == 302  # signed in, redirected to the plan list


def test_only_one_of_several_concurrent_saves_wins(live_server, demo_loaded):
    from django.contrib.auth import get_user_model

    office = get_user_model().objects.get(username="vanphong.thanhpho")
    rnd = round_open(
        acting_user=office,
        plan=Plan.objects.get(code="thanhpho-2021"),
        spec=PeriodSpec(PeriodKind.NINE_MONTHS, 2021),
    )
    submission = Submission.objects.get(round=rnd, unit__code="28777-cu")
    entry = submission.entries.get(target__code="1")

    base = live_server.url
    browsers = []
    for _ in range(WRITERS):
        opener = _browser()
        _sign_in(opener, base, "baocao.anhoi")
        page = opener.open(f"{base}/bao-cao/{submission.pk}/").read().decode()
        browsers.append((opener, _token(page)))

    barrier = threading.Barrier(WRITERS)
    results: dict[int, int] = {}

    def save(i: int) -> None:
        opener, token = browsers[i]
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "revision": "1", f"e-{entry.pk}-value": str(10 + i)}
        ).encode()
        barrier.wait()
        try:
            response = opener.open(f"{base}/bao-cao/{submission.pk}/luu/", data, timeout=60)
            results[i] = response.status
        except urllib.error.HTTPError as exc:
            results[i] = exc.code
            body = exc.read().decode()
            if exc.code == 409:
                assert "Thay đổi của bạn chưa được lưu" in body

    threads = [threading.Thread(target=save, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)

    assert sorted(results.values()) == [302] + [409] * (WRITERS - 1), results
    winner = next(i for i, code in results.items() if code == 302)
    submission.refresh_from_db()
    entry.refresh_from_db()
    assert submission.revision == 2
    assert entry.value == 10 + winner
