"""Input Lantern turns away before any view reads it, with a message rather than a server error.

- **Too large** (413): a request body over `DATA_UPLOAD_MAX_MEMORY_SIZE` (Django's 2.5 MB). Files
  in a multipart form are not counted here: the form that takes a file sets its own limit (the
  meeting import takes 200 MB); the fields beside them are, by Django, and answered the same way.
- **Cannot be stored** (400): a NUL character, which PostgreSQL refuses in text (and SQLite would
  keep and show back), or a lone UTF-16 surrogate (a JSON `"\\ud800"` escape: not text at all),
  anywhere in the path, the query string, a form field, an uploaded file's name or a JSON body.
- **Unreadable** (400): more form fields than Django reads (`DATA_UPLOAD_MAX_NUMBER_FIELDS`), or a
  multipart form that cannot be parsed.

The API (`/api/v1/`), and any request that sent JSON, gets `{"detail": message}` (`ErrorOut` in
the OpenAPI document); pages get a short page with the message and the way back ("Need help
now?" stays at the top).

`refuse_unusable_input` is the middleware; it belongs at the end of `MIDDLEWARE`, so the page is
in the person's language and every other middleware has seen the request first. It runs before
any view, including the CSRF check, which is the first to read a form.
"""

import json
import re
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

# NUL, and UTF-16 surrogates (a str holds them only from a lone "\ud800"-style escape; they
# cannot be encoded as UTF-8, so no database can store them).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class Problem(NamedTuple):
    status: int
    message: str


def has_unstorable(text: str) -> bool:
    """True when `text` holds a character no database of Lantern's can store."""
    return bool(UNSTORABLE.search(text))


def _too_large() -> Problem:
    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return Problem(
        413,
        _("This is more than Lantern accepts at once (%(limit)s). Send less and try again.")
        % {"limit": limit},
    )


def _unstorable() -> Problem:
    return Problem(
        400,
        _(
            "This contains a character Lantern cannot store (a NUL character, or text that is "
            "not valid Unicode). Remove it and try again."
        ),
    )


def _unreadable() -> Problem:
    return Problem(400, _("This form could not be read: it has too many fields or is malformed."))


def _querydict_unstorable(data) -> bool:
    return any(
        has_unstorable(key) or any(has_unstorable(value) for value in values)
        for key, values in data.lists()
    )


def json_unstorable(data) -> bool:
    """True when any key or string in decoded JSON cannot be stored. Walked with a list, not by
    recursion, so a deeply nested document cannot exhaust the stack."""
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if has_unstorable(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _body_problem(request) -> Problem | None:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if request.content_type == "multipart/form-data":
        # Django counts the fields (not the files) against the limit as it reads them. A small
        # body is kept first, so a view that reads `request.body` (the API, which expects JSON)
        # still can; a large upload (the meeting import) is streamed as Django would.
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _unreadable()
        if limit is None or declared <= limit:
            request.body  # noqa: B018 - read now, kept by Django for the view
        if _querydict_unstorable(request.POST):
            return _unstorable()
        for upload in request.FILES.values():
            if has_unstorable(upload.name or ""):
                return _unstorable()
        return None
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _unreadable()
    if limit is not None and declared > limit:
        return _too_large()
    body = request.body  # what the view would read anyway; kept by Django for it
    if limit is not None and len(body) > limit:  # a body sent without a length (chunked)
        return _too_large()
    if request.content_type == "application/x-www-form-urlencoded":
        return _unstorable() if _querydict_unstorable(request.POST) else None
    if not body:
        return None
    if b"\x00" in body:
        return _unstorable()
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None  # not JSON: the API answers that itself ("Cannot parse request body")
    return _unstorable() if json_unstorable(data) else None


def problem_with(request) -> Problem | None:
    """What is wrong with this request's input before any view reads it, or None."""
    try:
        if has_unstorable(request.path) or _querydict_unstorable(request.GET):
            return _unstorable()
        if request.method in SAFE_METHODS:
            return None
        return _body_problem(request)
    except RequestDataTooBig:
        return _too_large()
    except (TooManyFieldsSent, TooManyFilesSent, MultiPartParserError):
        return _unreadable()


def wants_json(request) -> bool:
    """The API, and the pages' own JSON endpoints (Web Push subscriptions), answer in JSON."""
    return (
        request.path_info.startswith(reverse("api:api-root"))
        or request.content_type == "application/json"
    )


def refuse_unusable_input(get_response):
    """Answer 413 or 400 with a message for input no view could use (see the module's text)."""

    def middleware(request):
        problem = problem_with(request)
        if problem is None:
            return get_response(request)
        if wants_json(request):
            return JsonResponse({"detail": problem.message}, status=problem.status)
        return render(
            request,
            "core/input_refused.html",
            {"message": problem.message, "too_large": problem.status == 413},
            status=problem.status,
        )

    return middleware
