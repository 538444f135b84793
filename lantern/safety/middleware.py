"""When the database cannot be reached, every page answers with a calm 503 page that carries the
crisis lines, in the visitor's language, instead of an error: the one thing Lantern must always
show is where to get help.

The page is rendered without touching the database: the crisis lines are the built-in list
(`crisis_defaults`), the language comes from the language cookie or the browser's
Accept-Language (a signed-in person's saved choice is in the database), and no context
processor runs. Nothing is remembered between requests, so the site recovers by itself on the
first request after the database is back.

A database error can be raised in the view or in a middleware (loading the session or the
signed-in person), and Django turns it into a 500 response where it happens. So the error is
noted on the request where Django reports it (`got_request_exception`), and this middleware,
outside every middleware that may touch the database, replaces that response. In settings it
comes right after SecurityMiddleware and WhiteNoise.
"""

import logging
import sys

from django.contrib.auth.models import AnonymousUser
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from . import crisis_defaults
from .models import CrisisResource

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
# The page has no script and no form; its own policy, since it leaves before django-csp's turn.
PAGE_POLICY = (
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def _note_database_error(sender, request=None, **kwargs):
    if request is None or not isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return
    request.lantern_database_down = True
    # Nothing else in this request goes back to the database (each try may wait the whole
    # connection-pool timeout): from here on it is a visitor without a session.
    request.user = AnonymousUser()
    if hasattr(request, "session"):
        request.session._session_cache = {}


def unavailable_page(request) -> HttpResponse:
    """The 503 page, built from nothing but the request and the files on disk."""
    language = translation.get_language_from_request(request)
    rows = crisis_defaults.rows(language[:2]) or crisis_defaults.rows("en")
    with translation.override(language):
        html = render_to_string(
            "503.html",
            {
                "resources": [CrisisResource(**row) for row in rows],
                "LANGUAGE_CODE": translation.get_language(),
            },
        )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = PAGE_POLICY
    response["X-Frame-Options"] = "DENY"
    response["Content-Language"] = language
    return response


def database_unavailable(get_response):
    got_request_exception.connect(_note_database_error, dispatch_uid="lantern-database-down")

    def middleware(request):
        response = get_response(request)
        if getattr(request, "lantern_database_down", False):
            logger.error("The database is unavailable: answered %s with the 503 page", request.path)
            return unavailable_page(request)
        return response

    return middleware
