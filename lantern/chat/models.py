"""Live text rooms: a standing room of a space ("late-night room") or the room a scheduled
meeting is held in. A room has sessions run by a chair; every message has a sequence number,
unique in its room and never reused, so a client that reconnects asks for what came after the
last number it saw and gets exactly that. Who may do what is decided in access.py."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL
MESSAGE_MAX = 2_000  # characters in one chat message
PINNED_MAX = 8_000  # the format and readings a chair pins
PRESENCE_WINDOW = timedelta(seconds=90)  # a socket that said nothing for this long is gone


class Room(models.Model):
    class Entry(models.TextChoices):
        MEMBERS = "members", _("Any member")
        SPACE = "space", _("Members of the group")
        INVITED = "invited", _("Invited people only")

    class History(models.TextChoices):
        KEEP = "keep", _("Kept after the meeting")
        CLEAR = "clear", _("Cleared when the meeting ends")

    slug = models.SlugField(unique=True, max_length=80)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    # One of the two: a standing room of a space, or the room a meeting is held in.
    space = models.ForeignKey(
        "community.Space", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    meeting = models.OneToOneField(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="chat_room",
    )
    entry = models.CharField(
        _("who may enter"), max_length=10, choices=Entry, default=Entry.MEMBERS
    )
    history = models.CharField(_("history"), max_length=10, choices=History, default=History.KEEP)
    hide_handles = models.BooleanField(_("hide handles from other participants"), default=False)
    # People who may open sessions here besides the space's moderators and site moderators.
    hosts = models.ManyToManyField(USER, blank=True, related_name="chat_rooms_hosted")
    invited = models.ManyToManyField(USER, blank=True, related_name="chat_rooms_invited")
    last_seq = models.PositiveBigIntegerField(default=0)  # the last sequence number given out
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(space__isnull=True) | Q(meeting__isnull=True),
                name="chat_room_space_or_meeting",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("chat-room", args=[self.slug])

    @property
    def group_name(self) -> str:
        """The channel-layer group every socket in this room listens to."""
        return f"chat.room.{self.pk}"


class SessionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)


class Session(models.Model):
    """One sitting of a room, opened and closed by its chair."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="sessions")
    chair = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    co_chairs = models.ManyToManyField(USER, blank=True, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    pinned = models.TextField(_("format and readings"), blank=True)
    queue_on = models.BooleanField(default=False)  # only the floor and the chairs may post
    floor = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    slow_seconds = models.PositiveIntegerField(default=0)  # 0: slow mode off

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["room"],
                condition=Q(closed_at__isnull=True),
                name="chat_one_open_session_per_room",
            )
        ]

    def __str__(self):
        return f"{self.room} at {self.opened_at:%Y-%m-%d %H:%M}"

    def chair_ids(self) -> set[int]:
        ids = {p.pk for p in self.co_chairs.all()}
        if self.chair_id:
            ids.add(self.chair_id)
        return ids


class MessageQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(status=Message.Status.SHOWN)


class Message(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Message")
        NOTICE = "notice", _("Notice")  # "the chair opened the meeting", "sam has the floor"

    class Status(models.TextChoices):
        SHOWN = "shown", _("Shown")
        HELD = "held", _("Held for a moderator")
        HIDDEN = "hidden", _("Hidden by a chair or moderator")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    seq = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="chat_messages"
    )
    kind = models.CharField(max_length=8, choices=Kind, default=Kind.TEXT)
    body = models.TextField()  # a notice's code ("opened", "floor"…) for notices
    params = models.JSONField(default=dict, blank=True)  # a notice's details (who has the floor)
    status = models.CharField(max_length=8, choices=Status, default=Status.SHOWN)
    created_at = models.DateTimeField(default=timezone.now)
    # When the safety net read it: at once for a page's post, on the task worker (within a
    # second or two) for a socket's, so delivery does not wait for the assessment.
    assessed_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="chat_message_seq_unique")
        ]

    def __str__(self):
        return f"{self.room_id}#{self.seq}"


class Reaction(models.Model):
    """Support, as in the groups: "I relate", "Sending strength", "Thank you"."""

    class Kind(models.TextChoices):
        RELATE = "relate", _("I relate")
        STRENGTH = "strength", _("Sending strength")
        THANKS = "thanks", _("Thank you")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reactions")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "person", "kind"], name="chat_one_reaction_each"
            )
        ]

    def __str__(self):
        return f"{self.person_id} {self.kind} {self.message_id}"


class Participant(models.Model):
    """A person who has been in a room: their number there (shown instead of the handle when
    the room hides handles), how many sockets they have open, and when one last spoke."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="chat_participations")
    number = models.PositiveIntegerField()
    connections = models.IntegerField(default=0)
    last_seen_at = models.DateTimeField(default=timezone.now)
    last_posted_at = models.DateTimeField(null=True, blank=True)  # for slow mode

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["room", "person"], name="chat_one_participant"),
            models.UniqueConstraint(fields=["room", "number"], name="chat_participant_number"),
        ]

    def __str__(self):
        return f"{self.person_id} in {self.room_id}"


class HandQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=Hand.Status.WAITING).order_by("raised_at", "pk")


class Hand(models.Model):
    """A raised hand in a session's share queue."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        FLOOR = "floor", _("Has the floor")
        DONE = "done", _("Shared")
        LOWERED = "lowered", _("Lowered")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="hands")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status, default=Status.WAITING)
    raised_at = models.DateTimeField(default=timezone.now)

    objects = HandQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(status__in=["waiting", "floor"]),
                name="chat_one_raised_hand",
            )
        ]

    def __str__(self):
        return f"{self.person_id} {self.status}"


class RestrictionQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(lifted_at__isnull=True, session__closed_at__isnull=True)


class Restriction(models.Model):
    """A chair muted someone (may read, not post) or removed them (out of the room) for the
    rest of the session."""

    class Kind(models.TextChoices):
        MUTE = "mute", _("Muted")
        REMOVE = "remove", _("Removed")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="restrictions")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind)
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictionQuerySet.as_manager()

    def __str__(self):
        return f"{self.kind} {self.person_id}"


class Report(models.Model):
    """A participant reported a message to the room's chairs and the site's moderators."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=1_000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"report {self.pk}"
