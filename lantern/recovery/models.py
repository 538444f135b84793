"""A member's own recovery tools: counters and their runs, daily check-ins, the journal, the
recovery plan, and the sharing grants through which anyone else may see any of it.

Everything here is private to the member. Written text is encrypted at rest
(`EncryptedTextField`); structured values (dates, mood, craving) are not, so trends can be
computed in the database.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.core.crypto import EncryptedTextField

USER = settings.AUTH_USER_MODEL


class Counter(models.Model):
    """A sobriety counter: what the member counts days away from. Its runs are its history."""

    class Kind(models.TextChoices):
        ALCOHOL = "alcohol", _("Alcohol")
        DRUG = "drug", _("A drug")
        GAMBLING = "gambling", _("Gambling")
        OTHER = "other", _("Something else")

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="counters")
    kind = models.CharField(_("what you are counting"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=60, blank=True)
    tell_on_reset = models.BooleanField(
        _("Tell the people I share milestones with when I make a new start"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.name or str(self.get_kind_display())

    def current_run(self):
        return self.runs.filter(ended_on__isnull=True).first()


class Run(models.Model):
    """One run of a counter: from a start date (and optional time, the member's wall clock) to a
    new start. Ending a run never deletes it: the history keeps every run."""

    counter = models.ForeignKey(Counter, on_delete=models.CASCADE, related_name="runs")
    started_on = models.DateField()
    started_at = models.TimeField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["counter"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_run_per_counter",
            )
        ]

    def __str__(self):
        return f"{self.counter} from {self.started_on}"


class Trigger(models.TextChoices):
    STRESS = "stress", _("Stress")
    PEOPLE = "people", _("People")
    PLACES = "places", _("Places")
    BOREDOM = "boredom", _("Boredom")
    LONELINESS = "loneliness", _("Loneliness")
    HUNGER = "hunger", _("Hunger")
    ANGER = "anger", _("Anger")
    TIREDNESS = "tiredness", _("Tiredness")
    PAIN = "pain", _("Pain")
    CELEBRATION = "celebration", _("Celebration")
    OTHER = "other", _("Other")


class Sleep(models.TextChoices):
    POOR = "poor", _("Poorly")
    OK = "ok", _("OK")
    WELL = "well", _("Well")


class CheckIn(models.Model):
    """A member's check-in for one day of their own calendar: one per day, editable that day."""

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="checkins")
    day = models.DateField()
    mood = models.PositiveSmallIntegerField()  # 1–5
    craving = models.PositiveSmallIntegerField()  # 0–10
    triggers = models.JSONField(default=list, blank=True)
    sleep = models.CharField(max_length=8, choices=Sleep.choices, blank=True)
    medication_taken = models.BooleanField(null=True, blank=True)
    meetings = models.ManyToManyField("meetings.Attendance", blank=True, related_name="+")
    other_meetings = models.PositiveSmallIntegerField(default=0)
    gratitude = EncryptedTextField(blank=True)
    note = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["member", "day"], name="one_checkin_per_day"),
            models.CheckConstraint(
                condition=models.Q(mood__gte=1, mood__lte=5), name="checkin_mood_1_to_5"
            ),
            models.CheckConstraint(
                condition=models.Q(craving__lte=10), name="checkin_craving_0_10"
            ),
        ]

    def __str__(self):
        return f"check-in of {self.member} on {self.day}"

    def trigger_labels(self) -> list[str]:
        names = dict(Trigger.choices)
        return [str(names.get(t, t)) for t in self.triggers]

    @property
    def meetings_count(self) -> int:
        return self.meetings.count() + self.other_meetings


class JournalEntry(models.Model):
    """A private journal entry, encrypted at rest. Nobody else reads it unless the member shares
    this one entry with a named person (JournalShare)."""

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="journal_entries")
    title = EncryptedTextField(blank=True)
    body = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "journal entries"

    def __str__(self):
        return f"journal entry {self.pk} of {self.member}"


class JournalShare(models.Model):
    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="shares")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "person"], name="one_share_per_entry_person")
        ]

    def __str__(self):
        return f"{self.entry} shared with {self.person}"


class Goal(models.Model):
    """A goal of the member's recovery plan, with steps and progress notes."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        PAUSED = "paused", _("Paused")

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="recovery_goals")
    title = EncryptedTextField()
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    # Who added it (the member, or someone they let edit their plan, such as their peer
    # specialist); the day it was done, on the member's calendar.
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"goal {self.pk} of {self.member}"

    @property
    def progress(self) -> int:
        steps = list(self.steps.all())
        return round(100 * sum(s.done for s in steps) / len(steps)) if steps else 0


class GoalStep(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    text = EncryptedTextField()
    done = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"step {self.pk} of {self.goal}"


class GoalNote(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"note {self.pk} on {self.goal}"


class PlanChange(models.Model):
    """One change of the member's goals, by whom and when: the member sees "who changed what" on
    their plan page, since others (their peer specialist) may edit it with their consent.
    `target` names the goal or step as it was then (encrypted: it is plan text); the row stays
    when the goal is deleted."""

    class Action(models.TextChoices):
        GOAL_ADDED = "goal_added", _("added the goal")
        GOAL_CHANGED = "goal_changed", _("changed the goal")
        GOAL_DONE = "goal_done", _("completed the goal")
        GOAL_REOPENED = "goal_reopened", _("reopened the goal")
        GOAL_DELETED = "goal_deleted", _("deleted the goal")
        STEP_ADDED = "step_added", _("added the step")
        STEP_DONE = "step_done", _("ticked the step")
        STEP_UNDONE = "step_undone", _("unticked the step")
        NOTE_ADDED = "note_added", _("added a progress note to")

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="plan_changes")
    actor = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    goal = models.ForeignKey(
        "Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    action = models.CharField(max_length=32, choices=Action.choices)
    target = EncryptedTextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.action} by {self.actor_id} on the plan of {self.member_id}"


class PlanItem(models.Model):
    """One line of the relapse-prevention plan: a personal trigger (with coping strategies), a
    warning sign, a person to call (with how to reach them), or a reason for recovery."""

    class Kind(models.TextChoices):
        TRIGGER = "trigger", _("Trigger")
        WARNING_SIGN = "warning_sign", _("Warning sign")
        PERSON = "person", _("Person to call")
        REASON = "reason", _("Reason for my recovery")

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="plan_items")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    text = EncryptedTextField()
    detail = EncryptedTextField(blank=True)  # coping strategies, or a phone number
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "created_at", "pk"]

    def __str__(self):
        return f"{self.kind} {self.pk} of {self.member}"


class GrantQuerySet(models.QuerySet):
    def active(self, today):
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=today)
        )


class Grant(models.Model):
    """A member lets a named person see some of their recovery records until an optional end
    date. Revoking sets `revoked_at`; the row stays so the member keeps the history."""

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="recovery_grants")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="recovery_shared")
    milestones = models.BooleanField(_("Milestones and counters"), default=False)
    checkins = models.BooleanField(_("Check-ins"), default=False)
    plan = models.BooleanField(_("Recovery plan"), default=False)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.member} shares with {self.person}"

    def scopes(self) -> list[str]:
        return [s for s in ("milestones", "checkins", "plan") if getattr(self, s)]


class Preferences(models.Model):
    """A member's settings for the recovery tools: the daily reminder."""

    member = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="recovery_prefs")
    reminder_time = models.TimeField(_("Remind me to check in at"), null=True, blank=True)
    # Bumped on every change so a reminder scheduled under old settings knows it is stale.
    reminder_version = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"recovery preferences of {self.member}"


class Nudge(models.Model):
    """A pattern worth a gentle word was seen (three high-craving days; silence after a new
    start). Kept so each pattern is raised once, and shown until the member dismisses it."""

    class Kind(models.TextChoices):
        CRAVINGS = "cravings", _("High cravings three days in a row")
        SILENCE = "silence", _("No check-in for a few days after a new start")

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="recovery_nudges")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    day = models.DateField()
    circle_told = models.BooleanField(default=False)
    dismissed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "kind", "day"], name="one_nudge_per_day")
        ]

    def __str__(self):
        return f"{self.kind} nudge for {self.member} on {self.day}"
