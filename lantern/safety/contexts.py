"""Where a piece of text was written, as the safety net needs to know it.

Every call to `safety.services.check_text` names one of these; a plain string is refused. A
context is either *private* (only the writer, and people they chose, read it: the journal, a
check-in, the plan, a specialist's contact note) or *shared* (others read it: posts, messages,
chat, reports, corrections). Urgent text in a shared context raises an alert for on-duty staff;
urgent text in a private context shows the writer the crisis lines and never reaches anyone
else unless the writer opted in to tell their circle. A new kind of text gets a new member
here, and must say which it is.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Context(models.TextChoices):
    # Private: the writer's own, or a record about them kept by their specialist.
    JOURNAL = "journal", _("journal entry")
    CHECKIN = "checkin", _("check-in")
    PLAN = "plan", _("recovery plan")
    NOTE = "note", _("private note")
    CONTACT_NOTE = "contact_note", _("specialist's contact note")
    INTAKE = "intake", _("intake")
    # What a trainee would say to a peer in crisis (training's practice scenarios): role-play of
    # someone else's crisis, so it never tells the writer's circle nor offers them the lines.
    PRACTICE = "practice", _("practice answer in a training course")
    REFERRAL = "referral", _("referral")
    # A house leader's entry in a residence's house log (incidents): staff-only and sensitive.
    HOUSE_LOG = "house_log", _("house log entry")
    # Shared: read by others.
    POST = "post", _("group post")
    REPLY = "reply", _("reply")
    MESSAGE = "message", _("private message")
    CHAT = "chat", _("live chat")
    REACH_OUT = "reach_out", _("reach-out")
    PROFILE = "profile", _("profile")
    GROUP = "group", _("group description")
    REPORT = "report", _("report")
    MODERATION = "moderation", _("moderator's note")
    MEETING_CORRECTION = "meeting_correction", _("meeting correction")
    MENTORSHIP = "mentorship", _("mentorship")
    EVENT = "event", _("event")
    STORY = "story", _("recovery story")
    RESOURCE = "resource", _("community resource")
    # A program's own words: its description, house rules, activities, a cohort's name.
    PROGRAM = "program", _("program")

    @property
    def private(self) -> bool:
        return self in PRIVATE

    @property
    def shared(self) -> bool:
        return not self.private


PRIVATE = frozenset(
    {
        Context.JOURNAL,
        Context.CHECKIN,
        Context.PLAN,
        Context.NOTE,
        Context.CONTACT_NOTE,
        Context.INTAKE,
        Context.REFERRAL,
        Context.PRACTICE,
        Context.HOUSE_LOG,
    }
)
