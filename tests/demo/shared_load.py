"""The `demo_data` fixture: the reference code lists and the demo portfolio, loaded once per
session for the tests that read them (a pytest plugin, registered in tests/conftest.py).

A test that asks for `demo_data` runs inside one transaction holding the data (seed_demo),
opened before the first such test and rolled back after the last one. The collection hook below
runs those tests one after the other, so no other test sees the data; each of them still has its
own `db` savepoint, so what one writes is rolled back before the next one runs.
"""

import pytest
from django.core.management import call_command
from django.db import transaction

DEMO_DATA = "demo_data"


class SharedDemoLoad:
    """The open transaction that holds the shared demo data."""

    def __init__(self) -> None:
        self.atomic: transaction.Atomic | None = None
        self.blocker = None

    def load(self, blocker) -> None:
        self.blocker = blocker
        with blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            call_command("seed_demo", verbosity=0)

    def roll_back(self) -> None:
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


_shared_demo = SharedDemoLoad()


def _uses_demo_data(item: pytest.Item) -> bool:
    return DEMO_DATA in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)  # after pytest-django has put the database tests first
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move the tests that read the shared demo data next to the first of them."""
    readers = [item for item in items if _uses_demo_data(item)]
    if not readers:
        return
    for item in readers:
        marker = item.get_closest_marker("django_db")
        if {"transactional_db", "live_server"} & set(item.fixturenames) or (
            marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
        ):
            raise pytest.UsageError(f"{item.nodeid}: demo_data needs a test in a transaction")
    first = items.index(readers[0])
    others = [item for item in items if not _uses_demo_data(item)]
    items[:] = others[:first] + readers + others[first:]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    result = yield  # the test's own fixtures first, its `db` savepoint included
    if _uses_demo_data(item) and (nextitem is None or not _uses_demo_data(nextitem)):
        _shared_demo.roll_back()
    return result


@pytest.fixture(scope="session")
def _demo_data_loaded(django_db_setup, django_db_blocker):
    _shared_demo.load(django_db_blocker)
    yield
    _shared_demo.roll_back()


@pytest.fixture
def demo_data(_demo_data_loaded, db):
    """The reference code lists and the demo portfolio, loaded once per session (see above).
    Writes made by the test are rolled back with its `db` transaction."""
    if _shared_demo.atomic is None:  # the tests were reordered after the hook above
        pytest.fail("the shared demo data was already rolled back: run demo_data tests together")
