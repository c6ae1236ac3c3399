"""Local development: DEBUG on, a development-only secret key unless one is given."""

import os

from .base import *  # noqa: F403

DEBUG = True
# The demo portfolio and its commands (seed_demo, generate_demo_fixture, ensure_demo_user)
# exist for local and test use only; production settings do not install them.
INSTALLED_APPS = [*INSTALLED_APPS, "lup.demo"]  # noqa: F405
# Only for a developer's own machine; production.py refuses to start without a real key.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "local-development-only-not-secret")
