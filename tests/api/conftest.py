"""The API tests that need a live server run in a transactional test, whose end empties every
table, the lookup tables the data migrations wrote included. The hook below puts those rows
back right after such a test (from the copy pytest-django keeps for serialized_rollback), so
the tests after it, in whatever context they run (the browser tests run inside Playwright's
event loop, where Django's serialized_rollback cannot find that copy), see a migrated
database."""

import pytest
from django.db import connections
from pytest_django.plugin import blocking_manager_key


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    result = yield  # the test's own teardown first: pytest-django's flush
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction") and marker.kwargs.get("serialized_rollback"):
        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all():
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result
