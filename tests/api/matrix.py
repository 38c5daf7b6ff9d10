"""What the API's permission matrices share: a case (one operation on demo objects), the
demo users' groups, and the check of one case for one user.

A user is allowed (the expected status), refused with 403 ``forbidden`` when they may see the
object but not do this, or told 404 ``not_found`` when it is outside their scope. List
operations always answer 200 but must contain the object for those allowed to see it and
nothing for anyone else. A write that is refused — for the user or for its input — changes no
row and writes no audit event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nghiquyet.audit.models import AuditEvent
from tests.dbstate import changed_tables, database_state

USERS = [
    "quantri",  # administrator
    "vanphong.tinh",  # office of the province
    "lanhdao.tinh",  # viewer of the province
    "vanphong.thanhpho",  # office of the city
    "baocao.anhoi",  # reporter of Phường An Hội
    "lanhdao.anhoi",  # approver of Phường An Hội
    "baocao.phutan",  # reporter of another ward
    "baocao.skhdt",  # reporter of a provincial department
]
EVERYONE = set(USERS)
CITY_READERS = {"quantri", "vanphong.tinh", "lanhdao.tinh", "vanphong.thanhpho"}
WARD_READERS = CITY_READERS | {"baocao.anhoi", "lanhdao.anhoi"}
CITY_OFFICES = {"quantri", "vanphong.tinh", "vanphong.thanhpho"}
WARD_REPORTERS = {"quantri", "baocao.anhoi"}
WARD_APPROVERS = {"quantri", "lanhdao.anhoi"}


@dataclass
class Case:
    method: str
    #: the operation's path as in the OpenAPI schema (without /api/v1)
    path: str
    #: builds (url, body, content type) from the demo objects
    build: object
    #: users allowed; the rest get 403 (``visible_to``) or 404 — or, for lists, nothing
    allowed: set[str]
    visible_to: set[str] = field(default_factory=set)
    ok: int = 200
    #: a list: answers 200 to everyone, with items only for ``allowed``
    is_list: bool = False
    #: a write whose success must leave an audit event
    audited: bool = False
    #: what those who may not see the object get: an object named in the body rather than
    #: the path is a field that names nothing the caller can see (422)
    hidden: tuple[int, str] = (404, "not_found")


def get(url):
    return lambda: (url() if callable(url) else url, None, "application/json")


def case_id(case: Case) -> str:
    return f"{case.method.upper()} {case.path}"


def check(client, case: Case, username: str) -> None:
    """Call ``case`` as ``username`` and assert the matrix's expectations."""
    url, body, content_type = case.build()
    before, events = database_state(), AuditEvent.objects.count()
    response = client.call(case.method, url, body, content_type=content_type)
    data = response.json()
    if case.method != "get" and response.status_code >= 400:
        # Refused, for the user or for the input: nothing was written, not even an event.
        assert AuditEvent.objects.count() == events, (username, url)
        assert changed_tables(before, database_state()) == [], (username, url)
    if case.is_list:
        assert response.status_code == 200, (username, url, data)
        if username in case.allowed:
            assert data["count"] > 0 and data["items"], (username, url)
        else:
            assert data["count"] == 0 and data["items"] == [], (username, url, data)
    elif username in case.allowed:
        assert response.status_code == case.ok, (username, url, response.status_code, data)
        if case.audited:
            # An allowed write leaves its trace.
            assert AuditEvent.objects.count() > events, (username, url)
    elif username in case.visible_to:
        assert (response.status_code, data["code"]) == (403, "forbidden"), (username, url, data)
    else:
        assert (response.status_code, data["code"]) == case.hidden, (username, url, data)
