"""The demo: a late-night room of the "Early recovery" group with a few messages, and "Late
Night Online" held in Lantern, open with morgan in the chair, river's hand raised; seeding
twice changes nothing."""

from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from lantern.accounts.models import User
from lantern.chat import access
from lantern.chat.models import Message, Room
from lantern.conftest import log_in


def test_the_demo_shows_a_late_night_room_and_a_meeting_held_here(db):
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())
    late = Room.objects.get(slug="late-night")
    assert late.space.slug == "early-recovery"
    assert late.messages.filter(kind=Message.Kind.TEXT).count() == 4
    meeting_room = Room.objects.get(slug="late-night-online")
    assert meeting_room.meeting.slug == "late-night-online"
    session = access.open_session(meeting_room)
    assert session.chair.handle == "morgan" and session.queue_on and session.pinned
    assert meeting_room.history == Room.History.CLEAR
    river = log_in(Client(), User.objects.get(handle="river"))
    page = river.get(reverse("chat-rooms")).content.decode()
    assert "Late-night room" in page and "Meeting open now" in page
    page = river.get(meeting_room.get_absolute_url()).content.decode()
    assert "Late Night Online" in page and "Thanks for chairing tonight" in page
    assert "Live rooms" in page  # the menu entry
