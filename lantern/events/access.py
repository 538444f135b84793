"""Who may do what with events and clubs, in one place.

Who organizes: supporters, peer specialists, moderators and administrators (`HELPER_ROLES`).
Events bring strangers together in person, often newcomers; the people who create them are
accountable for them, so organizing is for the people whose role is to help, the same people
newcomers may always write to. An event is changed or called off by its organizer (while they
still hold such a role) or by a site moderator or administrator. Members RSVP, join clubs and
ask a supporter to put an event on.

Loaders `get_<thing>_for(user, ...)` return the record the person may see or raise `NotFound`
(404): a members-only event does not exist for a visitor.
"""

from django.utils import timezone

from lantern.core.access import has_role
from lantern.core.errors import NotFound
from lantern.core.roles import HELPER_ROLES, SITE_MODERATOR_ROLES

from .models import Club, ClubMember, Event, Opportunity, ServiceHours, Shift, Story


def can_organize(user) -> bool:
    return has_role(user, *HELPER_ROLES)


def can_edit_event(user, event: Event) -> bool:
    if has_role(user, *SITE_MODERATOR_ROLES):
        return True
    return can_organize(user) and event.organizer_id == user.pk


def can_see_event(user, event: Event) -> bool:
    return event.is_public or (user is not None and user.is_authenticated)


def can_rsvp(user, event: Event, now=None) -> bool:
    return (
        user.is_authenticated
        and not event.is_cancelled
        and event.ends_at > (now or timezone.now())
        and can_see_event(user, event)
    )


def can_see_attendees(user, event: Event) -> bool:
    """The list of who is coming: the organizer and site moderators (never other members:
    going to a sober event says something about a person)."""
    return can_edit_event(user, event)


def can_create_club(user) -> bool:
    return can_organize(user)


def can_edit_club(user, club: Club) -> bool:
    if has_role(user, *SITE_MODERATOR_ROLES):
        return True
    return can_organize(user) and club.organizer_id == user.pk


def can_keep_opportunity(user, opportunity: Opportunity) -> bool:
    """Add shifts, confirm hours: the opportunity's organizer, site moderators and admins."""
    if has_role(user, *SITE_MODERATOR_ROLES):
        return True
    return can_organize(user) and opportunity.organizer_id == user.pk


def can_review_stories(user) -> bool:
    return has_role(user, *SITE_MODERATOR_ROLES)


def is_club_member(user, club: Club) -> bool:
    return user.is_authenticated and ClubMember.objects.filter(club=club, person=user).exists()


def get_event_for(user, pk: int) -> Event:
    event = Event.objects.visible_to(user).select_related("organizer", "club").filter(pk=pk).first()
    if event is None:
        raise NotFound
    return event


def get_event_to_edit_for(user, pk: int) -> Event:
    event = get_event_for(user, pk)
    if not can_edit_event(user, event):
        raise NotFound
    return event


def get_club_for(user, slug: str) -> Club:
    club = Club.objects.filter(slug=slug).select_related("organizer").first()
    if club is None:
        raise NotFound
    return club


def get_club_to_edit_for(user, slug: str) -> Club:
    club = get_club_for(user, slug)
    if not can_edit_club(user, club):
        raise NotFound
    return club


def get_opportunity_for(user, pk: int) -> Opportunity:
    """Volunteer opportunities are for people signed in."""
    opportunity = Opportunity.objects.filter(pk=pk).select_related("organizer").first()
    if opportunity is None or not user.is_authenticated:
        raise NotFound
    if not opportunity.active and not can_keep_opportunity(user, opportunity):
        raise NotFound
    return opportunity


def get_opportunity_to_keep_for(user, pk: int) -> Opportunity:
    opportunity = get_opportunity_for(user, pk)
    if not can_keep_opportunity(user, opportunity):
        raise NotFound
    return opportunity


def get_shift_for(user, pk: int) -> Shift:
    shift = Shift.objects.select_related("opportunity").filter(pk=pk).first()
    if shift is None:
        raise NotFound
    get_opportunity_for(user, shift.opportunity_id)
    return shift


def get_hours_to_confirm_for(user, pk: int) -> ServiceHours:
    logged = ServiceHours.objects.select_related("shift__opportunity").filter(pk=pk).first()
    if logged is None or not can_keep_opportunity(user, logged.shift.opportunity):
        raise NotFound
    return logged


def can_read_story(user, story: Story) -> bool:
    """Published stories for people signed in; the author's own always; moderators all."""
    if not user.is_authenticated:
        return False
    return (
        story.status == Story.Status.PUBLISHED
        or story.author_id == user.pk
        or can_review_stories(user)
    )


def get_story_for(user, pk: int) -> Story:
    story = Story.objects.select_related("author").filter(pk=pk).first()
    if story is None or not can_read_story(user, story):
        raise NotFound
    return story


def get_story_to_review_for(user, pk: int) -> Story:
    story = get_story_for(user, pk)
    if not can_review_stories(user):
        raise NotFound
    return story
