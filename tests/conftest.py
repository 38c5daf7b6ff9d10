import os

import pytest
from hypothesis import settings

# No time limits in tests (performance is measured in benchmarks/, never asserted):
# Hypothesis's per-example deadline would fail honest tests on a busy machine.
settings.register_profile("nghiquyet", deadline=None)
settings.load_profile("nghiquyet")

pytest_plugins = ["tests.browser"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (Vietnamese).

    A request through the test client runs in the test's thread, and the locale
    middleware leaves the language it chose activated: one test asking for English must
    not turn the next test's messages into English.
    """
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _evaluation_cache_cleared():
    """Every test starts with an empty evaluation cache: a test's changes are rolled back,
    and with them the data version, so the next test could meet the same version number
    with other data (in production a version, once committed, is never taken back)."""
    from nghiquyet.reporting.cache import cache_clear

    cache_clear()
    yield
    cache_clear()


#: The demo database as loaded at set-up (Django's serialized form), for transactional tests.
_DEMO_SNAPSHOT: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo data set once; tests run inside transactions rolled back after each.

    The loaded database is also kept as a snapshot (Django's serialized form), from which
    the transactional tests start: restoring it is several times faster than loading the
    demo again through the services.
    """
    from django.db import connection

    from nghiquyet.demo.loader import load_demo

    with django_db_blocker.unblock():
        load_demo(log=lambda _message: None)
        _DEMO_SNAPSHOT["default"] = connection.creation.serialize_db_to_string()


@pytest.fixture
def demo_loaded(transactional_db):
    """For transactional tests (browser tests): each starts from the demo database as it was
    loaded at set-up; Django flushes the database after each."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection

    from nghiquyet.demo.loader import is_loaded

    if is_loaded():  # the first transactional test finds the set-up's database as it was
        return
    # A flush leaves the content types and permissions that post_migrate made anew; the
    # snapshot brings back its own.
    ContentType.objects.all().delete()
    connection.creation.deserialize_db_from_string(_DEMO_SNAPSHOT["default"])
    ContentType.objects.clear_cache()
    # The snapshot's rows keep their ids; a test that flushed with the sequences reset (a
    # fresh install) would have the next rows take those ids again (PostgreSQL).
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@pytest.fixture
def users(db):
    """The demo users by username."""
    from django.contrib.auth import get_user_model

    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def units(db):
    """Org units by code."""
    from nghiquyet.orgs.models import OrgUnit

    return {u.code: u for u in OrgUnit.objects.all()}


@pytest.fixture
def system():
    from nghiquyet.orgs.scopes import SYSTEM

    return SYSTEM


@pytest.fixture
def land(system, units):
    """A small province of its own: two districts with three communes each."""
    from nghiquyet.orgs.services import orgunit_create

    country = units["VN"]
    made = {}

    def unit(code, name, kind, parent):
        made[code] = orgunit_create(
            acting_user=system, code=code, name=name, kind=kind, parent=parent
        )
        return made[code]

    p = unit("T1", "Tỉnh Thử", "province", country)
    unit("T2", "Tỉnh Bên", "province", country)
    for d in ("D1", "D2"):
        unit(d, f"Huyện {d}", "district", p)
        for c in ("a", "b", "c"):
            unit(f"{d}{c}", f"Xã {d}{c}", "commune", made[d])
    return made
