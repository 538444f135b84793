"""The recovery card on the home page (registered in apps.py): today's check-in and the first
counter, the member's own."""

from . import services
from .models import CheckIn


def home_card(request) -> dict:
    member = request.user
    summaries = services.summaries(member)
    today = services.today_for(member)
    return {
        "summary": summaries[0] if summaries else None,
        "checked_in": CheckIn.objects.filter(member=member, day=today).exists(),
    }
