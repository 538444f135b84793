"""Alumni and aftercare: what an alumni program (`Program.Kind.ALUMNI`) keeps beside its group.

- `Cohort`: graduates of one time ("Graduates, March 2026"), with a graduation or start date and
  a private group of its own in the community. Being in a cohort IS being a member of that
  group (community's `Membership`), as being in the program is being in the program's group:
  there is no second membership table here.
- `InviteCode`: a code the program's staff make for a cohort (how many people may use it, until
  when; revocable). Only a digest is stored: the code itself is shown once, to the person who
  made it. `CodeUse` records who used which code and when.
- `CheckIn`: the program's follow-up schedule, one row per graduate and day (30, 90, 180 after
  they joined, or after the cohort's graduation if that is later), with the graduate's answer
  and an optional note (encrypted).
- `CareLevel`: which level of continuing care a person is in, since when, recorded by staff; a
  new level is a new row, so the history is kept.
- `Volunteer`: an alumnus who said "I'd like to come back as a peer supporter".
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.community.models import Space
from lantern.core.crypto import EncryptedTextField
from lantern.programs.models import Program

USER = settings.AUTH_USER_MODEL
DAYS = (30, 90, 180)  # the follow-up schedule: days after joining (or graduating)


class Cohort(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=60)
    graduated_on = models.DateField(_("graduation or start date"), null=True, blank=True)
    space = models.OneToOneField(Space, on_delete=models.PROTECT, related_name="cohort")
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-graduated_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="alumni_one_cohort_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("alumni-cohort", args=[self.program.slug, self.pk])


class InviteCode(models.Model):
    class State(models.TextChoices):
        LIVE = "live", _("Live")
        EXPIRED = "expired", _("Expired")
        USED_UP = "used_up", _("Used up")
        REVOKED = "revoked", _("Withdrawn")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the normalised code
    ending = models.CharField(max_length=4)  # its last characters, to tell codes apart
    uses_allowed = models.PositiveIntegerField()
    uses = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"…{self.ending}"

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_at <= now:
            return self.State.EXPIRED
        if self.uses >= self.uses_allowed:
            return self.State.USED_UP
        return self.State.LIVE

    @property
    def state_label(self) -> str:
        return str(self.State(self.state()).label)

    @property
    def is_live(self) -> bool:
        return self.state() == self.State.LIVE


class CodeUse(models.Model):
    code = models.ForeignKey(InviteCode, on_delete=models.CASCADE, related_name="used_by")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="alumni_code_uses")
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "person"], name="alumni_one_use_per_person")
        ]

    def __str__(self):
        return f"{self.person} used {self.code}"


class CheckInQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(answered_at__isnull=True)

    def due(self, today):
        """Due by `today` and not answered yet."""
        return self.unanswered().filter(due_on__lte=today)


class CheckIn(models.Model):
    class Answer(models.TextChoices):
        WELL = "well", _("Doing well")
        HARD = "hard", _("Finding it hard")
        CALL = "call", _("I'd like someone to call me")

    # Answers the program's staff are told about at once.
    TELL_STAFF = (Answer.HARD, Answer.CALL)

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="alumni_checkins")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="checkins")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="alumni_checkins")
    day = models.PositiveSmallIntegerField(choices=[(d, str(d)) for d in DAYS])
    due_on = models.DateField()
    notified_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=10, choices=Answer, blank=True)
    note = EncryptedTextField(blank=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person", "day"], name="alumni_one_checkin_per_day"
            )
        ]
        indexes = [models.Index(fields=["notified_at", "due_on"])]

    def __str__(self):
        return f"day {self.day}"

    def get_absolute_url(self):
        return reverse("alumni-checkin", args=[self.pk])

    @property
    def asks_for_staff(self) -> bool:
        return self.answer in self.TELL_STAFF


class CareLevel(models.Model):
    class Level(models.TextChoices):
        RESIDENTIAL = "residential", _("Residential")
        PARTIAL = "partial", _("Partial hospitalization")
        INTENSIVE = "intensive", _("Intensive outpatient")
        OUTPATIENT = "outpatient", _("Outpatient")
        CHECKUPS = "checkups", _("Recovery check-ups")
        ALUMNI = "alumni", _("Alumni only")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="care_levels")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="alumni_care_levels")
    level = models.CharField(_("level of care"), max_length=12, choices=Level)
    since = models.DateField(_("since"))
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-since", "-recorded_at", "-pk"]

    def __str__(self):
        return self.get_level_display()


class Volunteer(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="volunteers")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="alumni_volunteering")
    offered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-offered_at"]
        constraints = [
            models.UniqueConstraint(fields=["program", "person"], name="alumni_one_offer")
        ]

    def __str__(self):
        return f"{self.person} in {self.program}"
