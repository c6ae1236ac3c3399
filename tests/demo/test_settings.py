"""The demo app is installed by the local and test settings only: production has no demo
command, so the illustrative demo data cannot be seeded into a production database."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DEMO_COMMANDS = {"seed_demo", "generate_demo_fixture", "ensure_demo_user"}


def manage_help(settings_module: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE=settings_module, DJANGO_SECRET_KEY="x")
    result = subprocess.run(
        [sys.executable, "manage.py", "help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_production_lists_no_demo_command():
    listed = {line.strip() for line in manage_help("lup.settings.production").splitlines()}
    assert {"load_reference", "migrate"} <= listed  # the list is the real one
    assert "[demo]" not in listed
    assert not DEMO_COMMANDS & listed


def test_the_test_settings_have_the_demo_commands():
    commands = get_commands()
    assert {name: commands.get(name) for name in DEMO_COMMANDS} == dict.fromkeys(
        DEMO_COMMANDS, "lup.demo"
    )
