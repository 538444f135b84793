"""The safety net on every page (base.html):

- `{% crisis_offer %}`: the crisis lines a save asked for, at the top of the next page (see
  lantern/safety/crisis.py).
- `{% reach_out_banner %}`: for a responder on duty, the reach-outs waiting for an answer, with
  how many, first on every page until someone claims them. Nothing for anyone else.
- `{% reach_outs_waiting as n %}`: how many, for a count beside the header's "Reach-outs" link.

The banner and the count share one query per request (`access.waiting_for`).
"""

from django import template

from lantern.safety import access, crisis

register = template.Library()

BANNER_ROWS = 3


@register.inclusion_tag("safety/_crisis_offer.html", takes_context=True)
def crisis_offer(context):
    request = context.get("request")
    return {"crisis_resources": crisis.take_offer(request) if request is not None else []}


def _waiting(context) -> list:
    """The reach-outs waiting for this responder, leaving out the one whose page this is."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    waiting = access.waiting_for(user)
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == "safety-reach-out":
        waiting = [r for r in waiting if r.pk != match.kwargs.get("pk")]
    return waiting


@register.inclusion_tag("safety/_reach_out_banner.html", takes_context=True)
def reach_out_banner(context):
    waiting = _waiting(context)
    return {"waiting": waiting[:BANNER_ROWS], "count": len(waiting)}


@register.simple_tag(takes_context=True)
def reach_outs_waiting(context) -> int:
    return len(_waiting(context))
