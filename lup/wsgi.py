"""WSGI entry point; production servers set DJANGO_SETTINGS_MODULE=lup.settings.production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lup.settings.production")
application = get_wsgi_application()
