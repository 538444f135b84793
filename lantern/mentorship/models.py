"""Mentor profiles, a newcomer's preferences (their ask), mentorships (from the request to the
end), and cohorts an administrator pairs up for a program.

Lists of choices (languages, pathways, experience, times of the week) are JSON lists of the
codes in `vocabulary.py`. The reason someone gives for ending a mentorship is encrypted and shown
to nobody but them: the other person hears only that it ended.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core.crypto import EncryptedTextField

from .matching import reasons_text

USER = settings.AUTH_USER_MODEL


class MentorProfile(models.Model):
    """A supporter who opted in to mentor. Paused: not suggested, keeps their mentees."""

    person = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="mentor_profile")
    paused = models.BooleanField(_("paused"), default=False)
    # Time in recovery: from one of the mentor's own counters they chose to show here, or a
    # date they state.
    counter = models.ForeignKey(
        "recovery.Counter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recovery_since = models.DateField(_("in recovery since"), null=True, blank=True)
    about = models.TextField(_("about you"), max_length=1000, blank=True)
    gender = models.CharField(_("gender"), max_length=12, blank=True)
    mentors_genders = models.JSONField(default=list, blank=True)  # empty: anyone
    languages = models.JSONField(default=list)
    pathways = models.JSONField(default=list, blank=True)
    experience = models.JSONField(default=list, blank=True)
    availability = models.JSONField(default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("how many mentees at once"), default=2)
    online_only = models.BooleanField(_("online only"), default=False)
    area = models.CharField(_("ZIP code"), max_length=10, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"mentor {self.person}"

    def get_absolute_url(self):
        return reverse("mentorship-mentor", args=[self.person.handle])


class Ask(models.Model):
    """What a newcomer is looking for in a mentor."""

    person = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="mentor_ask")
    gender = models.CharField(_("your gender"), max_length=12, blank=True)
    same_gender_only = models.BooleanField(_("same gender only"), default=False)
    languages = models.JSONField(default=list)
    pathways = models.JSONField(default=list, blank=True)
    experience = models.JSONField(default=list, blank=True)
    availability = models.JSONField(default=list, blank=True)
    min_years = models.PositiveSmallIntegerField(_("at least this many years"), default=1)
    online_only = models.BooleanField(_("online only"), default=False)
    area = models.CharField(_("ZIP code"), max_length=10, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"ask of {self.person}"


class MentorshipQuerySet(models.QuerySet):
    def of(self, person):
        return self.filter(Q(mentee=person) | Q(mentor=person))

    def open(self):
        return self.filter(status__in=Mentorship.OPEN)


class Mentorship(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked, waiting for an answer")
        ACTIVE = "active", _("Mentoring")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ENDED = "ended", _("Ended")

    OPEN = (Status.REQUESTED, Status.ACTIVE)

    class Source(models.TextChoices):
        REQUEST = "request", _("Asked by the mentee")
        COHORT = "cohort", _("Paired in a program")

    mentee = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="mentored_by")
    mentor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="mentoring")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.REQUEST)
    note = models.TextField(blank=True)  # the mentee's words to the mentor, when asking
    points = models.SmallIntegerField(default=0)
    reasons = models.JSONField(default=list, blank=True)  # [(code, params)] when it was made
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    end_reason = EncryptedTextField(blank=True)  # for the person who ended it, nobody else

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One mentor (or one open ask) at a time.
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status__in=["requested", "active"]),
                name="one_open_mentorship_per_mentee",
            ),
        ]

    def __str__(self):
        return f"{self.mentor} mentoring {self.mentee} ({self.status})"

    def get_absolute_url(self):
        return reverse("mentorship-detail", args=[self.pk])

    def other(self, person):
        return self.mentor if person.pk == self.mentee_id else self.mentee


class Cohort(models.Model):
    """A program's newcomers and volunteer mentors, paired by the solver and reviewed by an
    administrator before anyone is told."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being reviewed")
        PUBLISHED = "published", _("Everyone told")

    name = models.CharField(_("name"), max_length=120)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    newcomers = models.ManyToManyField(USER, related_name="+", blank=True)
    mentors = models.ManyToManyField(USER, related_name="+", blank=True)
    total_points = models.IntegerField(default=0)
    greedy_points = models.IntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("mentorship-cohort", args=[self.pk])


class CohortPair(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="pairs")
    mentee = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    points = models.SmallIntegerField()
    reasons = models.JSONField(default=list)
    adjusted = models.BooleanField(default=False)  # set by the administrator, not the solver

    class Meta:
        ordering = ["mentee__handle"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "mentee"], name="one_pair_per_mentee"),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}"

    @property
    def reasons_text(self) -> list[str]:
        return reasons_text(self.reasons)
