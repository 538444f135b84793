"""Small template helpers for the recovery pages and the home page's card."""

from django import template
from django.utils.translation import gettext_lazy as _

from lantern.recovery import services
from lantern.recovery.models import CheckIn

register = template.Library()


@register.simple_tag
def plan_sections(plan):
    """The plan's lists with their headings, in the order a plan is read."""
    return [
        ("triggers", _("Triggers and how I cope"), "trigger", plan["triggers"]),
        ("warning_signs", _("Warning signs"), "warning_sign", plan["warning_signs"]),
        ("people", _("People to call"), "person", plan["people"]),
        ("reasons", _("Reasons for my recovery"), "reason", plan["reasons"]),
    ]


@register.inclusion_tag("recovery/_home_card.html", takes_context=True)
def recovery_card(context):
    """The home page's card: today's check-in and the first counter (the member's own)."""
    user = context["request"].user
    summaries = services.summaries(user)
    today = services.today_for(user)
    return {
        "summary": summaries[0] if summaries else None,
        "checked_in": CheckIn.objects.filter(member=user, day=today).exists(),
    }
