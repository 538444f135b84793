"""Crisis lines after a save, one way everywhere.

A view that saved words calls `offer_after_save(request, saved)` with the service's result (a
`core.results.Saved`, or anything with `show_crisis_resources`). If the safety net asked for it,
the next page the person sees opens with the offer: the partial `safety/_crisis_offer.html`,
put at the top of every page by `{% crisis_offer %}` in base.html. It is shown once. The API
says the same thing in one field, `show_crisis_resources`, and lists the lines at
`/api/v1/safety/crisis-resources`.
"""

from django.utils.translation import get_language

from . import services

SESSION_KEY = "safety_crisis_offer"


def offer_after_save(request, saved) -> None:
    """Show the writer the crisis lines on the next page when `saved` asks for it."""
    if getattr(saved, "show_crisis_resources", False):
        request.session[SESSION_KEY] = True


def take_offer(request) -> list:
    """The crisis lines to offer on this page (once), or [] when none is due."""
    session = getattr(request, "session", None)
    if session is None or not session.get(SESSION_KEY):
        return []
    del session[SESSION_KEY]
    return services.crisis_resources(get_language() or "en")
