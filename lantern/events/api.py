"""/api/v1/events: upcoming events and RSVPs, for people signed in (or with a token). The same
loaders and services as the pages; a refusal answers 400 with its message (lantern/api.py)."""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from lantern.core.api import SIGNED_IN_ERRORS, Pages

from . import access, services
from .models import Event, Rsvp

router = Router(tags=["events"])


class EventOut(Schema):
    id: int
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str = Field(description="the IANA zone the event happens in")
    place: str
    online_url: str
    capacity: int | None
    going: int
    tags: list[str]
    accessibility: str
    visibility: str
    cancelled: bool
    club: str | None = Field(description="the club's slug, if the event is a club's")


class RsvpOut(Schema):
    event: int
    status: str = Field(description="going, waitlist or cancelled")
    waitlist_position: int | None


def _event_out(event: Event, going: int) -> dict:
    return {
        "id": event.pk,
        "title": event.title,
        "description": event.description,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "place": event.place,
        "online_url": event.online_url,
        "capacity": event.capacity,
        "going": going,
        "tags": event.tags,
        "accessibility": event.accessibility,
        "visibility": event.visibility,
        "cancelled": event.is_cancelled,
        "club": event.club.slug if event.club else None,
    }


def _rsvp_out(rsvp: Rsvp) -> dict:
    return {
        "event": rsvp.event_id,
        "status": rsvp.status,
        "waitlist_position": services.waitlist_position(rsvp)
        if rsvp.status == Rsvp.Status.WAITLIST
        else None,
    }


@router.get("", response={200: list[EventOut], **SIGNED_IN_ERRORS}, url_name="events-api-list")
@paginate(Pages, page_size=50)
def list_events(request):
    """Upcoming events, soonest first."""
    events = services.with_counts(
        Event.objects.visible_to(request.auth).upcoming().select_related("club")
    )
    return [_event_out(e, e.going) for e in events]


@router.get("/{pk}", response={200: EventOut, **SIGNED_IN_ERRORS}, url_name="events-api-detail")
def get_event(request, pk: int):
    event = access.get_event_for(request.auth, pk)
    return _event_out(event, services.going_count(event))


@router.post("/{pk}/rsvp", response={200: RsvpOut, **SIGNED_IN_ERRORS}, url_name="events-api-rsvp")
def rsvp(request, pk: int):
    """Say you are coming: a place if one is free, else the waitlist."""
    event = access.get_event_for(request.auth, pk)
    return _rsvp_out(services.rsvp(request.auth, event))


@router.post(
    "/{pk}/rsvp/cancel",
    response={200: RsvpOut | None, **SIGNED_IN_ERRORS},
    url_name="events-api-rsvp-cancel",
)
def cancel_rsvp(request, pk: int):
    """No longer coming: the place goes to the first person waiting."""
    event = access.get_event_for(request.auth, pk)
    current = services.cancel_rsvp(request.auth, event)
    return None if current is None else _rsvp_out(current)
