"""Small template helpers for the recovery pages."""

from django import template
from django.utils.translation import gettext_lazy as _

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
