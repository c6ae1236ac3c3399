"""Settings of the benchmark (bench/runner.py): the local settings with DEBUG off, as a
production server runs, and the demo app for generate_portfolio."""

from lup.settings.local import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Persistent connections, as a production server keeps them.
DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# The load generator measures throughput: no rate limit in its way.
LUP_API_THROTTLE_RATES = {"user": "100000000/minute", "anon": "100000000/minute"}
