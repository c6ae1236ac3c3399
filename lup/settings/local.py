"""Local development: DEBUG on, a development-only secret key unless one is given."""

import os

from .base import *  # noqa: F403

DEBUG = True
# Only for a developer's own machine; production.py refuses to start without a real key.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "local-development-only-not-secret")
