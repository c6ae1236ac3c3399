"""Production settings (lup/settings/production.py): `check --deploy` is clean, and answers carry
HSTS with includeSubDomains (configurable) and the Content-Security-Policy.

Each check runs in a fresh process with lup.settings.production and the environment production
requires, as a deploy would: the test process itself keeps the test settings.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What production needs to start (README, docs/operations.md); a throwaway secret key.
REQUIRED_ENV = {
    "DJANGO_SETTINGS_MODULE": "lup.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "lup.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run(args, **env):
    environment = {**os.environ, **REQUIRED_ENV, **env}
    # Set by the browser tests' conftest for Playwright; a deploy never has it.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_check_deploy_reports_no_issues():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"])
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["manage.py", "check"], DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


# A request through the production settings' middleware, over HTTPS as the proxy reports it.
REQUEST = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client().get(
    "/api/v1/", HTTP_HOST="lup.example.org", HTTP_X_FORWARDED_PROTO="https"
)
plain = Client().get("/api/v1/", HTTP_HOST="lup.example.org")
print(json.dumps({
    "status": response.status_code,
    "hsts": response.get("Strict-Transport-Security"),
    "csp": response.get("Content-Security-Policy"),
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
}))
"""


def answer(**env):
    result = run(["-c", REQUEST], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_hsts_covers_subdomains_and_preload_by_default():
    found = answer()
    assert found["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in found["csp"]
    # X-Forwarded-Proto from the proxy tells Django the request was secure; without it, the
    # request is redirected to https.
    assert found["status"] != 301
    assert (found["plain_status"], found["plain_location"]) == (
        301,
        "https://lup.example.org/api/v1/",
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "false"}, "max-age=31536000; preload"),
        (
            {"DJANGO_SECURE_HSTS_SECONDS": "600", "DJANGO_SECURE_HSTS_PRELOAD": "false"},
            "max-age=600; includeSubDomains",
        ),
    ],
)
def test_hsts_is_configurable(env, expected):
    assert answer(**env)["hsts"] == expected
