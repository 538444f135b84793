"""Recovery stories: a member writes their story, the safety net reads it, and a moderator
reads it before anyone else sees it. Published stories are tagged by pathway, substance and
background so a newcomer finds someone like them, and shown with the author's handle or as
"a member". Anyone who reads one can ask the moderators to look again (a report); a moderator
can take it down with a note to the author.
"""

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.accounts.models import Pathway
from lantern.community.models import Report
from lantern.community.services.base import clean_text
from lantern.core import ratelimits
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.core.roles import SITE_MODERATOR_ROLES
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from . import access
from .models import Story, StoryReport

TITLE_MAX, BODY_MAX, NOTE_MAX = 120, 20_000, 500


class Substance(models.TextChoices):
    ALCOHOL = "alcohol", gettext_lazy("Alcohol")
    OPIOIDS = "opioids", gettext_lazy("Opioids")
    STIMULANTS = "stimulants", gettext_lazy("Stimulants (meth, cocaine)")
    CANNABIS = "cannabis", gettext_lazy("Cannabis")
    BENZOS = "benzos", gettext_lazy("Benzodiazepines")
    GAMBLING = "gambling", gettext_lazy("Gambling")
    OTHER = "other", gettext_lazy("Something else")


class Background(models.TextChoices):
    PARENT = "parent", gettext_lazy("Parent")
    VETERAN = "veteran", gettext_lazy("Veteran")
    LGBTQ = "lgbtq", gettext_lazy("LGBTQ+")
    JUSTICE = "justice", gettext_lazy("Justice involvement")
    DUAL = "dual-diagnosis", gettext_lazy("Dual diagnosis")
    YOUNG = "young-adult", gettext_lazy("Young adult")
    LATER_LIFE = "later-life", gettext_lazy("Recovery later in life")
    HOUSING = "housing", gettext_lazy("Housing insecurity")


def _tags(values, choices, field) -> list[str]:
    values = list(dict.fromkeys(values or []))
    if any(v not in choices.values for v in values):
        raise Refused(_("Choose from the list."), field=field)
    return values


def shown_author(story: Story) -> str:
    return _("a member") if story.anonymous else story.author.handle


def _moderators():
    return safety.with_role(*SITE_MODERATOR_ROLES)


@transaction.atomic
def write_story(
    actor, title, body, *, pathways=(), substances=(), background=(), anonymous=True
) -> Saved:
    """A member shares their story; it waits for a moderator before anyone else sees it."""
    if not actor.is_authenticated:
        raise Refused(_("Sign in to share your story."))
    title = clean_text(title, limit=TITLE_MAX, what=_("The title"), field="title")
    body = clean_text(body, limit=BODY_MAX, what=_("Your story"), field="body")
    story = Story(
        author=actor,
        title=title,
        body=body,
        pathways=_tags(pathways, Pathway, "pathways"),
        substances=_tags(substances, Substance, "substances"),
        background=_tags(background, Background, "background"),
        anonymous=anonymous,
    )
    ratelimits.consume("story", actor)
    story.save()
    # The story waits for a moderator whatever the safety net says (hold_urgent=False: the
    # words are not held twice); urgent words still raise an alert for the people on duty.
    outcome = safety.check_text(
        actor,
        f"{title}\n\n{body}",
        Context.STORY,
        source=story,
        source_url=story.get_absolute_url(),
        hold_urgent=False,
    )
    for moderator in _moderators():
        if moderator.pk != actor.pk:
            notify(moderator, "events.story_waiting", about=story, url=story.get_absolute_url())
    return Saved(story, show_crisis_resources=outcome.show_crisis_resources, held=True)


@transaction.atomic
def withdraw_story(actor, story: Story) -> Story:
    """The author takes their story down, at any time."""
    if story.author_id != actor.pk:
        raise NotFound
    story.status = Story.Status.WITHDRAWN
    story.save(update_fields=["status"])
    return story


def _review(moderator, story: Story, status: str, note: str = "") -> Story:
    if not access.can_review_stories(moderator):
        raise NotFound
    if story.author_id == moderator.pk:
        raise Refused(_("Another moderator reads your own story."))
    story.status = status
    story.reviewed_by = moderator
    story.reviewed_at = timezone.now()
    story.moderator_note = note
    if status == Story.Status.PUBLISHED and story.published_at is None:
        story.published_at = timezone.now()
    story.save()
    story.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    return story


@transaction.atomic
def publish_story(moderator, story: Story) -> Story:
    story = _review(moderator, story, Story.Status.PUBLISHED)
    notify(story.author, "events.story_published", about=story, url=story.get_absolute_url())
    return story


@transaction.atomic
def decline_story(moderator, story: Story, note: str) -> Story:
    """Not published (or taken down), with a note to the author."""
    note = clean_text(note, limit=NOTE_MAX, what=_("The note"), field="note")
    story = _review(moderator, story, Story.Status.DECLINED, note)
    notify(
        story.author,
        "events.story_declined",
        about=story,
        body=note,
        url=story.get_absolute_url(),
    )
    return story


@transaction.atomic
def keep_story(moderator, story: Story) -> Story:
    """A reported story stays up: the reports are closed."""
    return _review(moderator, story, Story.Status.PUBLISHED)


@transaction.atomic
def report_story(actor, story: Story, reason: str) -> StoryReport:
    if not access.can_read_story(actor, story) or story.author_id == actor.pk:
        raise NotFound
    if reason not in Report.Reason.values:
        raise Refused(_("Choose a reason."), field="reason")
    ratelimits.consume("report", actor)
    try:
        with transaction.atomic():
            report = StoryReport.objects.create(story=story, reporter=actor, reason=reason)
    except IntegrityError:
        return StoryReport.objects.get(story=story, reporter=actor)
    for moderator in _moderators():
        notify(moderator, "events.story_reported", about=story, url=story.get_absolute_url())
    return report


def published(pathway: str = "", substance: str = "", background: str = ""):
    """Published stories, newest first, filtered by tags (in Python: JSON lists are not
    searchable the same way on SQLite and PostgreSQL, and there are few stories)."""
    stories = list(Story.objects.published().select_related("author")[:500])
    if pathway:
        stories = [s for s in stories if pathway in s.pathways]
    if substance:
        stories = [s for s in stories if substance in s.substances]
    if background:
        stories = [s for s in stories if background in s.background]
    return stories


def review_queue():
    """Stories waiting for a moderator, and published ones somebody reported."""
    waiting = list(Story.objects.filter(status=Story.Status.WAITING).select_related("author"))
    reported = list(
        Story.objects.published()
        .filter(reports__resolved_at__isnull=True)
        .distinct()
        .select_related("author")
    )
    return waiting, reported


def export_stories(person) -> list:
    return [
        {
            "title": s.title,
            "body": s.body,
            "status": s.status,
            "anonymous": s.anonymous,
            "created_at": s.created_at.isoformat(),
        }
        for s in person.stories.all()
    ]


def erase_stories(person) -> None:
    """A person's stories go with the account, and so do the moderators' notifications
    about them (they would lead nowhere)."""
    Notification.objects.about(*person.stories.all()).delete()
