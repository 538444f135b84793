"""The events card on the home page (registered in apps.py): the person's next event, if they
said they are coming (or are waiting for a place). No card otherwise."""

from django.utils import timezone

from .models import Rsvp


def home_card(request) -> dict | None:
    upcoming = (
        Rsvp.objects.filter(
            person=request.user,
            status__in=[Rsvp.Status.GOING, Rsvp.Status.WAITLIST],
            event__ends_at__gte=timezone.now(),
            event__status="scheduled",
        )
        .select_related("event")
        .order_by("event__starts_at")
        .first()
    )
    return None if upcoming is None else {"rsvp": upcoming}
