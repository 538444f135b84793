"""Templates ask the meetings access predicates through these filters:

{% load meetings %}{% if user|can_review_meeting_changes %}…{% endif %}
"""

from django import template

from lantern.meetings import access

register = template.Library()


@register.filter
def can_review_meeting_changes(user) -> bool:
    return access.can_review_meeting_changes(user)


@register.filter
def can_import_meetings(user) -> bool:
    return access.can_import_meetings(user)
