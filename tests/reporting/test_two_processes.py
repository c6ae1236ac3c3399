"""Two app processes (gunicorn) sharing PostgreSQL and Redis: a write through one is seen in
the figures read through the other, although the other had them in the shared cache.

Runs in the suite on PostgreSQL (DATABASE_URL) and needs Redis (REDIS_URL, or
127.0.0.1:6379): without Redis it is skipped with a message, but never when CI=true.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from lup.core.models import ApiKey
from tests.outreach.factories import PublicationFactory

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
PREFIX = f"lup-two-processes-{uuid.uuid4().hex}"


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except Exception:
        return False


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must provide it)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, token: str) -> dict:
    import json

    request = urllib.request.Request(
        url, headers={"Authorization": f"Api-Key {token}", "Accept": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _post(url: str, token: str, body: dict) -> int:
    import json

    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Api-Key {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


@pytest.fixture
def two_servers(transactional_db):
    if connection.vendor != "postgresql":
        # Not a missing service: the processes share this suite's database, and on a SQLite
        # run that is a file. CI runs the suite on PostgreSQL too, where this test runs.
        pytest.skip(
            "the two-process test runs in the PostgreSQL suite (DATABASE_URL=postgres://...)"
        )
    if not _redis_answers():
        _skip_or_fail(f"the two-process test needs Redis at {REDIS_URL}")
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lup.settings.test",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        # A prefix of this run's own in the shared Redis.
        "DJANGO_CACHE_KEY_PREFIX": PREFIX,
    }
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    servers = []
    try:
        for _ in range(2):
            port = _free_port()
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "lup.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--timeout",
                    "60",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            servers.append((process, f"http://127.0.0.1:{port}"))
        for process, base in servers:
            deadline = time.monotonic() + 30
            while True:
                if process.poll() is not None:
                    raise AssertionError(process.stderr.read().decode()[-2000:])
                try:
                    urllib.request.urlopen(base + "/api/v1/", timeout=2)
                    break
                except urllib.error.HTTPError:
                    break  # it answers (401/403 without a token)
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield [base for _, base in servers]
    finally:
        for process, _ in servers:
            process.terminate()
        for process, _ in servers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def test_a_write_through_one_process_is_seen_through_the_other(two_servers):
    writer, reader = two_servers
    user = get_user_model().objects.create_superuser("writer", "w@example.org", "pw-writer-1")
    _api_key, token = ApiKey.objects.create_key(user=user, name="test", read_only=False)
    PublicationFactory(published_on="2023-03-01")

    # The reader counts once and caches the figures in Redis; the writer's first read of the
    # same version comes from that cache.
    assert _get(f"{reader}/api/v1/stats/years/2023/", token)["posts_published"] == 1
    assert _get(f"{writer}/api/v1/stats/years/2023/", token)["posts_published"] == 1
    series = _get(f"{reader}/api/v1/stats/years/", token)
    assert [row["posts_published"] for row in series if row["year"] == 2023] == [1]
    # The figures are in the shared Redis, not in either process's memory.
    import redis

    assert redis.Redis.from_url(REDIS_URL).keys(f"{PREFIX}:*:year:2023")

    assert (
        _post(
            f"{writer}/api/v1/publications/", token, {"title": "Ny", "published_on": "2023-05-02"}
        )
        == 201
    )

    assert _get(f"{reader}/api/v1/stats/years/2023/", token)["posts_published"] == 2
    series = _get(f"{reader}/api/v1/stats/years/", token)
    assert [row["posts_published"] for row in series if row["year"] == 2023] == [2]
