"""The sign-in kiosk: a page for a shared tablet at a center's front desk, reached by the long
random address its staff were given when they started it, by anyone holding it, without an
account. It does one thing: record a visit, by handle or as a guest.

What keeps it safe on a shared tablet:
- it never runs inside someone's session (a signed-in browser gets a page that offers to sign
  out first), so the tablet never holds a staff login;
- it shows no one's data: never who is in, never whether a handle exists (a handle nobody has
  is a guest visit with the same thank-you), never a typed handle back; nothing is cached
  (`Cache-Control: no-store`) or offered by the browser's autocomplete;
- it goes back to its start by itself: a few seconds after the thank-you, and after a while
  without a tap in the middle of the form. Without JavaScript a `<meta http-equiv="refresh">`
  does it; with JavaScript `dropin/kiosk.js` does, restarting the count on every tap or key
  and warning before it clears what someone is typing (WCAG 2.2.1);
- its posts are rate limited per kiosk, and revoking it makes its address a 404 at once.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from lantern.core.errors import RateLimited, attempt

from . import access, counts, forms, services

# How long the thank-you stays, and how long the form waits without a tap before it clears.
THANKS_SECONDS = 8
IDLE_SECONDS = 90
WARNING_SECONDS = 20  # the warning before the form clears (JavaScript only)


def thanks_seconds() -> int:
    return getattr(settings, "LANTERN_KIOSK_THANKS_SECONDS", THANKS_SECONDS)


def idle_seconds() -> int:
    return getattr(settings, "LANTERN_KIOSK_IDLE_SECONDS", IDLE_SECONDS)


def _render(request, kiosk, secret: str, template: str, context: dict, status: int = 200):
    # Whatever a person left on this browser (a "you signed out" after staff opened the kiosk)
    # is not for the next visitor.
    messages.get_messages(request).used = True
    response = render(
        request,
        template,
        {
            "kiosk": kiosk,
            "program": kiosk.program,
            "start_url": reverse("dropin-kiosk", args=[secret]),
            **context,
        },
        status=status,
    )
    # The secret is in the address: the site's Referrer-Policy (same-origin) keeps it from any
    # other site. ("no-referrer" would make the browser post with "Origin: null", which the
    # CSRF check rightly refuses.)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def kiosk(request, secret: str):
    kiosk = access.get_kiosk_by_secret(secret)
    if request.user.is_authenticated:
        # A kiosk never runs inside a session: the person signs out first (a plain form to
        # sign out that comes back here), and nothing is recorded meanwhile.
        if request.method == "POST":
            return redirect("dropin-kiosk", secret=secret)
        return _render(request, kiosk, secret, "dropin/kiosk_signed_in.html", {})
    form = forms.KioskSignInForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            with attempt(form) as done:
                services.sign_in(
                    kiosk,
                    handle=data["handle"],
                    as_guest=request.POST.get("as") == "guest",
                    purpose=data["purpose"],
                    first_visit=data["first_visit"],
                )
            if done:
                return redirect("dropin-kiosk-thanks", secret=secret)
            if isinstance(done.refused, RateLimited):
                status = 429
    return _render(
        request,
        kiosk,
        secret,
        "dropin/kiosk.html",
        {
            "form": form,
            "today": counts.today(kiosk.program),
            "return_seconds": idle_seconds(),
            # A short warning (a third of the wait, at most WARNING_SECONDS) before clearing.
            "warning_before": min(WARNING_SECONDS, max(1, idle_seconds() // 3)),
        },
        status=status,
    )


@never_cache
def kiosk_thanks(request, secret: str):
    """The same thank-you for everyone, then back to the start by itself."""
    kiosk = access.get_kiosk_by_secret(secret)
    return _render(
        request,
        kiosk,
        secret,
        "dropin/kiosk_thanks.html",
        {"today": counts.today(kiosk.program), "return_seconds": thanks_seconds()},
    )
