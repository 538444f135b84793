"""The peer specialist's workspace: engagements with a member and the member's consent, and the
records a specialist keeps inside one (intake, contact notes, assessments, follow-ups,
referrals).

Everything a specialist writes about a member is *sensitive*: text is encrypted at rest
(`EncryptedTextField`), and is read only through `access.py` while the engagement is open and
the member's consent covers that kind of record. Numbers and dates (scores, minutes, due dates)
are not encrypted, so caseloads and outcome reports are computed in the database.
"""

import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core.crypto import EncryptedTextField

USER = settings.AUTH_USER_MODEL


class Scope(models.TextChoices):
    """Which records a consent covers."""

    INTAKE = "intake", _("Intake")
    NOTES = "notes", _("Contact notes")
    ASSESSMENTS = "assessments", _("Assessments")
    REFERRALS = "referrals", _("Referrals")
    FOLLOWUPS = "followups", _("Follow-ups")
    PLAN = "plan", _("Recovery plan")


SCOPES = tuple(Scope.values)


def today():
    """The one "today" consents are measured against (UTC), in the predicates and the
    caseload filter alike, so both always agree."""
    return timezone.now().date()


class EngagementQuerySet(models.QuerySet):
    def consented(self, on=None):
        """Open engagements with consent in force today."""
        on = on or today()
        return self.filter(
            status=Engagement.Status.OPEN,
            consent__isnull=False,
            consent__revoked_at__isnull=True,
        ).filter(Q(consent__ends_on__isnull=True) | Q(consent__ends_on__gte=on))

    def readable_by(self, user, scope: str, on=None):
        """The caseload filter: engagements whose `scope` records `user` may read now."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if scope not in SCOPES:
            raise ValueError(scope)
        return self.consented(on).filter(specialist=user, **{f"consent__{scope}": True})

    def for_member(self, member):
        return self.filter(member=member)


class Engagement(models.Model):
    """A member and a peer specialist working together. Open until closed with a reason."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked for a specialist")
        INVITED = "invited", _("Invited")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class CloseReason(models.TextChoices):
        GOALS_MET = "goals_met", _("Goals met")
        MEMBER_ENDED = "member_ended", _("The member ended it")
        LOST_CONTACT = "lost_contact", _("Lost contact")
        MOVED = "moved", _("Moved or transferred elsewhere")
        DECLINED = "declined", _("Invitation declined")
        OTHER = "other", _("Other")

    member = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.CASCADE, related_name="engagements"
    )
    specialist = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="caseload"
    )
    status = models.CharField(max_length=12, choices=Status.choices)
    invite_code = models.CharField(max_length=16, blank=True, db_index=True)
    request_note = EncryptedTextField(blank=True)
    handover_to = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    intake_on = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=16, choices=CloseReason.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["specialist", "status"])]

    def __str__(self):
        return f"engagement {self.pk}"

    def get_absolute_url(self):
        return reverse("support-engagement", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Consent(models.Model):
    """The member's consent for this engagement (42 CFR Part 2 in spirit): which records, for
    what purpose, who may see them, until when. Revoking takes effect on the next request; the
    row stays so the member keeps the history. A new consent replaces the old (kept in
    `ConsentHistory`)."""

    class Audience(models.TextChoices):
        SPECIALIST = "specialist", _("My peer specialist only")
        SUPERVISION = "supervision", _("My peer specialist and their supervisor")

    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="consent")
    intake = models.BooleanField(_("Intake"), default=False)
    notes = models.BooleanField(_("Contact notes"), default=False)
    assessments = models.BooleanField(_("Assessments"), default=False)
    referrals = models.BooleanField(_("Referrals"), default=False)
    followups = models.BooleanField(_("Follow-ups"), default=False)
    plan = models.BooleanField(_("Recovery plan"), default=False)
    purpose = models.CharField(_("purpose"), max_length=300)
    audience = models.CharField(max_length=12, choices=Audience.choices)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    given_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"consent for {self.engagement}"

    def in_force(self, on=None) -> bool:
        on = on or today()
        return self.revoked_at is None and (self.ends_on is None or self.ends_on >= on)

    @property
    def scopes(self) -> list[str]:
        return [s for s in SCOPES if getattr(self, s)]

    def scope_labels(self) -> list[str]:
        names = dict(Scope.choices)
        return [str(names[s]) for s in self.scopes]


class ConsentHistory(models.Model):
    """Every consent given, changed or revoked, for the member's accounting."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="history")
    event = models.CharField(max_length=16)  # given, revoked, handover
    scopes = models.JSONField(default=list)
    purpose = models.CharField(max_length=300, blank=True)
    audience = models.CharField(max_length=12, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.event} on {self.engagement}"


class Intake(models.Model):
    """Where the member starts from, in their words: encrypted at rest."""

    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="intake")
    pathways = EncryptedTextField(blank=True)  # JSON list of pathway codes
    goals = EncryptedTextField(blank=True)
    needs = EncryptedTextField(blank=True)  # JSON {domain: {"level": 0-3, "note": ""}}
    strengths = EncryptedTextField(blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"intake of {self.engagement}"

    @property
    def pathway_list(self) -> list[str]:
        return json.loads(self.pathways or "[]")

    @property
    def need_map(self) -> dict:
        return json.loads(self.needs or "{}")


class ContactNote(models.Model):
    """One contact with the member. Editable by its author for 24 hours; after that only
    addenda, so nothing is ever silently changed."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video")
        TEXT = "text", _("Text")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    contact_on = models.DateField()
    mode = models.CharField(max_length=12, choices=Mode.choices)
    minutes = models.PositiveIntegerField()
    topics = EncryptedTextField(blank=True)
    body = EncryptedTextField()
    next_steps = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-contact_on", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["engagement", "-contact_on"]),
            models.Index(fields=["contact_on", "mode"]),  # the outcome report
        ]

    def __str__(self):
        return f"note {self.pk} on {self.engagement}"


class Addendum(models.Model):
    note = models.ForeignKey(ContactNote, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    body = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"addendum {self.pk} to {self.note}"


class Assessment(models.Model):
    """One administration of an instrument (`instruments/<slug>.json`). The answers are
    encrypted; the total score is not, so change over time is computed in the database."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="assessments")
    instrument = models.CharField(max_length=60)
    answers = EncryptedTextField()  # JSON {item id: value or null}
    score = models.FloatField(null=True, blank=True)  # None: too many answers missing
    subscores = EncryptedTextField(blank=True)  # JSON {subscale: score}
    taken_on = models.DateField()
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-taken_on", "-pk"]
        indexes = [models.Index(fields=["taken_on"])]

    def __str__(self):
        return f"{self.instrument} on {self.taken_on}"

    @property
    def answer_map(self) -> dict:
        return json.loads(self.answers or "{}")


class FollowUp(models.Model):
    """A follow-up contact due in a window after intake (the organisation's schedule, or the
    funders' SUPRT schedule). Its outcome: reached or not."""

    class Outcome(models.TextChoices):
        REACHED = "reached", _("Reached")
        NOT_REACHED = "not_reached", _("Not reached")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="followups")
    kind = models.CharField(max_length=24)  # "30d", "suprt_baseline", "suprt_6m"…
    label = models.CharField(max_length=80)
    due_on = models.DateField()
    window_start = models.DateField()
    window_end = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["window_end"])]  # rates and the outcome report
        constraints = [
            models.UniqueConstraint(fields=["engagement", "kind"], name="one_followup_per_kind")
        ]

    def __str__(self):
        return f"{self.label} for {self.engagement}"


class Referral(models.Model):
    """A referral to a directory resource or a named professional (a warm hand-off)."""

    class Status(models.TextChoices):
        MADE = "made", _("Made")
        CONNECTED = "connected", _("Connected")
        COMPLETED = "completed", _("Completed")
        DECLINED = "declined", _("Declined")
        NO_SHOW = "no_show", _("No show")

    OPEN_STATUSES = (Status.MADE, Status.CONNECTED)

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="referrals")
    resource = models.ForeignKey(
        "directory.Resource", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    professional = models.CharField(max_length=160, blank=True)
    category = models.CharField(max_length=16)  # directory.models.Kind
    warm = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MADE)
    outcome = EncryptedTextField(blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    made_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["engagement", "status"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return f"referral {self.pk} on {self.engagement}"

    @property
    def to_label(self) -> str:
        return self.resource.name if self.resource_id and self.resource else self.professional


class Team(models.Model):
    """A supervisor and the peer specialists they supervise (kept by administrators in the
    Django admin). The supervisor sees the team's caseloads and follow-up rate, never the text
    of their records."""

    name = models.CharField(max_length=80)
    supervisor = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="supervised_teams")
    specialists = models.ManyToManyField(USER, related_name="support_teams", blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class PlanProposal(models.Model):
    """A goal (with steps) the specialist proposes for the member's recovery plan. The plan is
    the member's own: it changes only when the member accepts, through recovery's services, and
    the proposal keeps who proposed and who accepted it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="proposals")
    proposed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    title = EncryptedTextField()
    steps = EncryptedTextField(blank=True)  # one step a line
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    goal_id = models.PositiveIntegerField(null=True, blank=True)  # recovery.Goal, once accepted
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"plan proposal {self.pk} on {self.engagement}"

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]
