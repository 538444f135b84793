"""Chat fixtures on top of the cast in lantern/conftest.py: a group ("Early days", jo its peer
moderator, river and sam members) with its standing room, and a meeting held in Lantern whose
room jo hosts (so jo may chair it)."""

import datetime

import pytest
from channels.layers import channel_layers

from lantern.chat import services
from lantern.community.models import Membership, Space
from lantern.meetings.models import Meeting


@pytest.fixture
def space(people):
    space = Space.objects.create(
        slug="early-days", name="Early days", description="The first weeks."
    )
    Membership.objects.create(space=space, person=people.jo, role=Membership.Role.MODERATOR)
    Membership.objects.create(space=space, person=people.river)
    Membership.objects.create(space=space, person=people.sam)
    return space


@pytest.fixture
def room(people, space):
    """The group's standing room: open any time, any member may enter."""
    return services.create_room(people.morgan, "Late-night room", "late-night", space=space)


@pytest.fixture
def meeting():
    return Meeting.objects.create(
        slug="late-night-online",
        name="Late Night Online",
        days_mask=0b1111111,
        start_time=datetime.time(23, 0),
        time_zone="America/Chicago",
        mode=Meeting.Mode.ONLINE,
    )


@pytest.fixture
def meeting_room(people, meeting):
    """A meeting held in Lantern; jo hosts it (and chairs once they open it)."""
    room = services.create_room(
        people.morgan, "Late Night Online", "late-night-online", meeting=meeting
    )
    room.hosts.add(people.jo)
    return room


@pytest.fixture
def session(people, meeting_room):
    """jo opened the meeting."""
    return services.open_session(people.jo, meeting_room, "Welcome. We share one at a time.")


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """Each test gets a new in-memory channel layer (its queues belong to one event loop)."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()
