"""Recovery residences: the houses of a residence program, their rooms and beds, who lives in
which bed (residencies), the waiting list, the house rules and who accepted which version, house
meetings and their attendance, the chore rota, and the house log.

Staff of the program (its peer leaders, the house leaders) keep all of it; a resident sees their
own residency, their chores and their own attendance, never anyone else's, and never the log.
The database holds the rules that must never break: one open residency per person, one resident
per bed at a time, one acknowledgement per person and version, one meeting per house and date,
one assignment per chore and week.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core import site
from lantern.core.crypto import EncryptedTextField
from lantern.programs.models import Program

USER = settings.AUTH_USER_MODEL


class Weekday(models.IntegerChoices):
    """Python's numbering (Monday is 0), as `date.weekday()` answers."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class House(models.Model):
    """A house of a residence program, with its weekly house meeting (weekday and wall-clock
    time in the house's own zone)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="houses")
    name = models.CharField(_("name"), max_length=80)
    time_zone = models.CharField(_("time zone"), max_length=64)
    meeting_weekday = models.PositiveSmallIntegerField(
        _("house meeting day"), choices=Weekday, null=True, blank=True
    )
    meeting_time = models.TimeField(_("house meeting time"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="house_name_once"),
            models.CheckConstraint(
                condition=Q(meeting_weekday__isnull=True) | Q(meeting_weekday__lte=6),
                name="house_meeting_weekday",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("residences-house", args=[self.program.slug, self.pk])

    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (KeyError, ValueError):
            return site.time_zone()

    @property
    def has_schedule(self) -> bool:
        return self.meeting_weekday is not None and self.meeting_time is not None


class Room(models.Model):
    house = models.ForeignKey(House, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("room"), max_length=40)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["house", "name"], name="room_name_once")]

    def __str__(self):
        return self.name


class Bed(models.Model):
    """A bed, by its label ("A", "by the window"). A bed out of service takes nobody in; from
    `out_of_service_since` it does not count as available in the occupancy report."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="beds")
    label = models.CharField(_("bed"), max_length=40)
    in_service = models.BooleanField(default=True)
    out_of_service_since = models.DateField(null=True, blank=True)
    created_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["room__name", "label", "pk"]
        constraints = [models.UniqueConstraint(fields=["room", "label"], name="bed_label_once")]

    def __str__(self):
        return f"{self.room.name} · {self.label}"


class ResidencyQuerySet(models.QuerySet):
    def open(self):
        return self.filter(moved_out__isnull=True)

    def in_program(self, program):
        return self.filter(bed__room__house__program=program)

    def in_house(self, house):
        return self.filter(bed__room__house=house)

    def on(self, day):
        """Living there on `day` (moved in by then, not yet moved out)."""
        return self.filter(moved_in__lte=day).filter(
            Q(moved_out__isnull=True) | Q(moved_out__gt=day)
        )


class Residency(models.Model):
    """A person living in a bed, from their move-in date to their move-out date. The reason
    they left is for the program's staff only."""

    class Reason(models.TextChoices):
        COMPLETED = "completed", _("Completed the program")
        MOVED_ON = "moved_on", _("Moved on")
        ASKED_TO_LEAVE = "asked_to_leave", _("Asked to leave")
        OTHER = "other", _("Other")

    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="residencies")
    bed = models.ForeignKey(Bed, on_delete=models.PROTECT, related_name="residencies")
    moved_in = models.DateField(_("move-in date"))
    planned_move_out = models.DateField(_("planned move-out date"), null=True, blank=True)
    moved_out = models.DateField(_("move-out date"), null=True, blank=True)
    leaving_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=Reason, blank=True
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ResidencyQuerySet.as_manager()

    class Meta:
        ordering = ["-moved_in", "-pk"]
        verbose_name_plural = "residencies"
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(moved_out__isnull=True),
                name="one_open_residency_per_person",
            ),
            models.UniqueConstraint(
                fields=["bed"],
                condition=Q(moved_out__isnull=True),
                name="one_resident_per_bed",
            ),
            models.CheckConstraint(
                condition=Q(moved_out__isnull=True) | Q(moved_out__gte=F("moved_in")),
                name="residency_moves_out_after_moving_in",
            ),
        ]

    def __str__(self):
        return f"{self.person} in {self.bed}"

    @property
    def is_open(self) -> bool:
        return self.moved_out is None


class WaitingEntry(models.Model):
    """Someone waiting for a bed: a person on Lantern (by handle), or a note only (someone the
    staff are in touch with outside Lantern). The note is encrypted: it may name a person."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Offered a bed")
        MOVED_IN = "moved_in", _("Moved in")
        REMOVED = "removed", _("Taken off the list")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="waiting_list")
    person = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.CASCADE, related_name="waiting_entries"
    )
    note = EncryptedTextField(_("note"), blank=True)
    asked_on = models.DateField(_("date asked"))
    position = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status, default=Status.WAITING)
    offered_bed = models.ForeignKey(
        Bed, null=True, blank=True, on_delete=models.SET_NULL, related_name="offers"
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "waiting entries"
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person"],
                condition=Q(status__in=["waiting", "offered"], person__isnull=False),
                name="waiting_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["offered_bed"],
                condition=Q(status="offered"),
                name="bed_offered_once",
            ),
        ]

    def __str__(self):
        return f"#{self.position} on {self.program}'s waiting list"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.WAITING, self.Status.OFFERED)


class RulesVersion(models.Model):
    """A version of the program's house rules. Publishing one writes a new row: the old
    versions, and who accepted them, are kept."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="rules_versions")
    number = models.PositiveIntegerField()
    text = models.TextField(_("house rules"), max_length=10000)
    published_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="rules_version_once")
        ]

    def __str__(self):
        return f"{self.program} rules v{self.number}"


class RulesAcknowledgement(models.Model):
    version = models.ForeignKey(
        RulesVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="rules_acknowledged")
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="rules_accepted_once")
        ]

    def __str__(self):
        return f"{self.person} accepted {self.version}"


class HouseMeeting(models.Model):
    """A house meeting the leader opened for a date, to take attendance."""

    house = models.ForeignKey(House, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    opened_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["house", "date"], name="house_meeting_once_a_day")
        ]

    def __str__(self):
        return f"{self.house} meeting on {self.date}"

    def get_absolute_url(self):
        return reverse("residences-meeting", args=[self.house.program.slug, self.house_id, self.pk])


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(HouseMeeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="house_attendance")
    status = models.CharField(max_length=10, choices=Status)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-meeting__date", "pk"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once")
        ]

    def __str__(self):
        return f"{self.person} {self.status} at {self.meeting}"


class Chore(models.Model):
    """A chore of a house, with its load: a heavy chore counts for more when the rota shares
    the work out."""

    class Load(models.IntegerChoices):
        LIGHT = 1, _("Light")
        USUAL = 2, _("Usual")
        HEAVY = 3, _("Heavy")

    house = models.ForeignKey(House, on_delete=models.CASCADE, related_name="chores")
    name = models.CharField(_("chore"), max_length=80)
    weight = models.PositiveSmallIntegerField(_("load"), choices=Load, default=Load.USUAL)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["house", "name"], condition=Q(active=True), name="chore_name_once"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=3), name="chore_weight_range"
            ),
        ]

    def __str__(self):
        return self.name


class RotaWeek(models.Model):
    """One week of a house's chore rota (from Monday), and who lived there when it was made:
    the fair share of each week is counted among them."""

    house = models.ForeignKey(House, on_delete=models.CASCADE, related_name="rota_weeks")
    week_start = models.DateField()
    residents = models.ManyToManyField(USER, related_name="+", blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(fields=["house", "week_start"], name="rota_week_once")
        ]

    def __str__(self):
        return f"{self.house} week of {self.week_start}"


class ChoreAssignment(models.Model):
    week = models.ForeignKey(RotaWeek, on_delete=models.CASCADE, related_name="assignments")
    chore = models.ForeignKey(Chore, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="chore_assignments")
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["chore__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["week", "chore"], name="chore_once_a_week")]

    def __str__(self):
        return f"{self.chore} for {self.person} ({self.week.week_start})"


class LogEntry(models.Model):
    """An entry in a house's log of incidents, written by a house leader: sensitive (encrypted
    at rest), read by the program's staff only, every read about a resident audited."""

    house = models.ForeignKey(House, on_delete=models.CASCADE, related_name="log_entries")
    date = models.DateField(_("date"))
    resident = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = EncryptedTextField(_("what happened"))
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name_plural = "log entries"

    def __str__(self):
        return f"{self.house} log {self.date}"
