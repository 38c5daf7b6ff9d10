import os

import pytest

pytest_plugins = ["tests.browser"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo data set once; tests run inside transactions rolled back after each."""
    from nghiquyet.demo.loader import load_demo

    with django_db_blocker.unblock():
        load_demo(log=lambda _message: None)


@pytest.fixture
def demo_loaded(transactional_db):
    """For transactional tests (browser tests): Django flushes the database after each."""
    from nghiquyet.demo.loader import load_demo

    load_demo(log=lambda _message: None)


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
    from nghiquyet.accounts.scopes import SYSTEM

    return SYSTEM
