"""Shared fixtures. Tests run on whatever DATABASE_URL selects (SQLite when unset)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from rest_framework.test import APIClient

# demo_data: the demo portfolio loaded once per session for the tests that read it.
pytest_plugins = ["tests.demo.shared_load"]


class FreshUserAPIClient(APIClient):
    """An APIClient whose forced user's permissions are read afresh on each request, as a
    request authenticated by a session or an API key reads them: pinned query counts then
    do not depend on the requests before."""

    def request(self, *args, **kwargs):
        forced = getattr(self.handler, "_force_user", None)
        if forced is not None:
            for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
                forced.__dict__.pop(cache, None)
        return super().request(*args, **kwargs)


@pytest.fixture(autouse=True)
def _fresh_local_cache():
    """Each test starts with an empty local-memory cache, so a pinned query count does not
    depend on the tests before it. (The cache is keyed by the data version, which a rolled-back
    test never hands out again, so this is about counts, not correctness.) A shared Redis is
    never cleared: other processes use it."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()
    yield


@pytest.fixture
def user(db):
    """An API reader: in the API readers' group (lup.dashboard.roles), may read, not write."""
    from django.contrib.auth.models import Group

    from lup.dashboard.roles import API_READERS

    reader = get_user_model().objects.create_user("reader", password="pw-reader-123")
    reader.groups.add(Group.objects.get(name=API_READERS))
    return reader


@pytest.fixture
def no_role_user(db):
    """A user who may log in and holds no role and no permission."""
    return get_user_model().objects.create_user("nobody", password="pw-nobody-123")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "pw-admin-123")


@pytest.fixture
def api_client():
    return FreshUserAPIClient()


@pytest.fixture
def api_client_in_english(api_client):
    """The api_client asking for English, for tests that read the msgids (LANGUAGE_CODE is nb)."""
    api_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return api_client


@pytest.fixture
def reader_client(api_client, user):
    """An API client logged in as an API reader (read only). Each request reads the reader's
    permissions: tests.apiutils.PERMISSION_QUERIES queries."""
    api_client.force_authenticate(user)
    return api_client


@pytest.fixture
def admin_api_client(api_client, superuser):
    api_client.force_authenticate(superuser)
    return api_client


@pytest.fixture(scope="module")
def reference_maps(django_db_setup, django_db_blocker):
    """The reference code lists (`load_reference`: both municipality maps, the counties and
    their bodies), loaded once per module in a transaction rolled back after its last test.

    For modules whose every test reads them (`pytestmark = pytest.mark.usefixtures(...)`):
    the data stays until the module ends. Each test's own savepoint rolls back its writes.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_reference", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def immediate_versions(db):
    """The data version changes after each write, not at commit (lup/reporting/dataversion.py):
    a test's transaction never commits."""
    from django.db import connection

    from lup.reporting.dataversion import immediate_versions

    immediate_versions(connection)
