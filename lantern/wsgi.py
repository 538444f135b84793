"""WSGI entry point, for tools that need one; Lantern is served over ASGI (lantern.asgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")
application = get_wsgi_application()
