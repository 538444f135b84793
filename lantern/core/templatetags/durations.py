"""`{{ instant|ago }}`: how long ago something happened, the one way every page says it.

"just now" under a minute (never "0 minutes"), else one unit: "5 minutes ago", "2 hours ago",
"3 days ago", in the reader's language ("hace 5 minutos", "ahora mismo"). Pages that show how
long someone has waited, or when something was written, load it with `{% load durations %}`.
"""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def ago(value, now=None) -> str:
    """`value` (an aware datetime) as "just now" or "<one unit> ago"; "" for none."""
    if not value:
        return ""
    now = now or timezone.now()
    if now - value < timedelta(minutes=1):
        return _("just now")
    return _("%(time)s ago") % {"time": timesince(value, now, depth=1)}
