"""Project-level behaviour: settings guards, local vendor assets, the demo login command."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]  # the repository: tests/ is one level down


def _import_production(env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(env_extra, DJANGO_SETTINGS_MODULE="lup.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_production({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_an_empty_secret_key():
    result = _import_production({"DJANGO_SECRET_KEY": "  "})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_with_a_secret_key():
    result = _import_production({"DJANGO_SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr


def test_plotly_is_served_from_the_installed_package_not_the_repository():
    found = finders.find("vendor/plotly/plotly.min.js")
    assert found is not None
    assert "site-packages" in found
    assert (ROOT / "lup").is_dir()  # the check below would pass for any path otherwise
    assert not Path(found).resolve().is_relative_to(ROOT.resolve() / "lup")


@pytest.mark.django_db
def test_demo_user_gets_a_fresh_password_each_run(capsys):
    with override_settings(DEBUG=True):
        call_command("ensure_demo_user")
        first = capsys.readouterr().out
        call_command("ensure_demo_user")
        second = capsys.readouterr().out
    password = first.split("password: ")[1].split()[0]
    assert password not in second
    user = get_user_model().objects.get(username="demo")
    assert user.is_superuser and user.is_staff
    assert user.check_password(second.split("password: ")[1].split()[0])


@pytest.mark.django_db
def test_demo_user_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("ensure_demo_user")


@pytest.mark.django_db
def test_dumpdata_finds_a_table_for_every_model():
    from io import StringIO

    from django.apps import apps

    labels = [model._meta.label for model in apps.get_models()]
    out = StringIO()
    call_command("dumpdata", *labels, stdout=out)
    # Every table exists; a new test database holds only what migrate itself writes: the
    # permissions, the roles, the lookup tables' seed values and the data version's row
    # (lup/reporting/dataversion.py).
    written = {row["model"] for row in json.loads(out.getvalue())}
    assert written == {
        "auth.permission",
        "auth.group",
        "contenttypes.contenttype",
        "procurements.sector",
        "procurements.procedure",
        "procurements.phase",
        "outreach.activitykind",
        "reporting.dataversion",
    }
    assert "dashboard.Dashboard" in labels and "procurements.Procurement" in labels
