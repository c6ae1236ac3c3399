"""Browser tests: Playwright driving Debian's headless Chromium against pytest-django's live
server. Without /usr/bin/chromium they are skipped, except in CI (CI=true), where they fail."""

import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps as global_apps

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# test itself (loading data, creating users) are still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile that prefers Norwegian bokmål, like LUP's managers' browsers."""
    context = browser.new_context(
        locale="nb-NO", viewport={"width": 1440, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def restore_seeded_lookups() -> None:
    """The lookups the data migrations seed (seed_demo refers to them), which the flush after
    another transactional test removed; the seed functions are idempotent."""
    for module in (
        "procurements.migrations.0002_seed_lookups",
        "outreach.migrations.0002_seed_activity_kinds",
    ):
        importlib.import_module(module).seed(global_apps, None)
