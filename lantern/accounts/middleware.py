"""Two cross-cutting rules that every request must pass, so they live in middleware:

* the page speaks the language the signed-in person chose (anonymous visitors: cookie, then the
  browser's Accept-Language, through Django's LocaleMiddleware);
* staff (specialist, moderator, admin) must have two-factor authentication turned on and used
  in this session, and their sessions end after STAFF_IDLE_SECONDS without a request.
"""

import time
from functools import cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantern.accounts.services import uses_two_factor
from lantern.core import access
from lantern.core.timezones import zone_for

LAST_SEEN_KEY = "lantern_last_seen"


@cache
def mfa_setup_prefixes() -> tuple[str, ...]:
    """Paths a staff member without two-factor may reach to set it up."""
    return (reverse("mfa_index"), reverse("account_reauthenticate"))


@cache
def always_open_prefixes() -> tuple[str, ...]:
    """Paths a staff member may always reach: the crisis lines (safety's help page), leaving,
    the language switch and what the browser loads by itself."""
    return (
        reverse("safety-help"),
        settings.STATIC_URL,
        reverse("core-language"),
        reverse("core-service-worker"),
        reverse("core-manifest"),
        reverse("account_logout"),
    )


@cache
def background_prefixes() -> tuple[str, ...]:
    """Requests the browser makes by itself; they do not count as someone being at the screen."""
    return (
        settings.STATIC_URL,
        reverse("core-service-worker"),
        reverse("core-manifest"),
        reverse("core-push-key"),
    )


def user_language(get_response):
    """The signed-in person's language and time zone for everything shown to them."""

    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            timezone.activate(zone_for(user))
        else:
            timezone.activate(zone_for(None))
        return get_response(request)

    return middleware


def _session_used_mfa(request) -> bool:
    methods = request.session.get("account_authentication_methods", [])
    return any(m.get("method") == "mfa" for m in methods)


def staff_session_guard(get_response):
    def middleware(request):
        user = request.user
        if not user.is_authenticated or not access.needs_mfa(user):
            return get_response(request)
        path = request.path
        now = time.time()
        last_seen = request.session.get(LAST_SEEN_KEY)
        if last_seen is not None and now - last_seen > settings.STAFF_IDLE_SECONDS:
            logout(request)
            messages.info(request, _("You were signed out after 30 minutes without activity."))
            return redirect(f"{reverse('account_login')}?next={path}")
        background = path.startswith(background_prefixes()) or (
            request.method == "GET" and request.headers.get("HX-Request") == "true"
        )
        if not background:
            request.session[LAST_SEEN_KEY] = now
        if path.startswith(always_open_prefixes()):
            return get_response(request)
        has_two_factor = uses_two_factor(user)
        if has_two_factor and not _session_used_mfa(request):
            # A session that never passed two-factor (made before it was required of them):
            # sign in again with both factors, whatever page was asked for.
            logout(request)
            return redirect(f"{reverse('account_login')}?next={path}")
        if has_two_factor or path.startswith(mfa_setup_prefixes()):
            return get_response(request)
        messages.warning(
            request, _("Your role needs two-factor authentication. Please set it up now.")
        )
        return redirect("mfa_activate_totp")

    return middleware
