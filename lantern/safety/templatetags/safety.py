"""`{% crisis_offer %}`: the crisis lines a save asked for, at the top of the next page (see
lantern/safety/crisis.py). base.html puts it on every page."""

from django import template

from lantern.safety import crisis

register = template.Library()


@register.inclusion_tag("safety/_crisis_offer.html", takes_context=True)
def crisis_offer(context):
    request = context.get("request")
    return {"crisis_resources": crisis.take_offer(request) if request is not None else []}
