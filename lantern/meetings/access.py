"""Who may do what with meetings: the predicates, and the loaders that views, the API and
commands load records through.

Meetings, the finder and the feeds are public. A member's attendance is theirs alone (it is
only ever read through `request.user`). Site moderators and administrators review members'
corrections; administrators import feeds. Everyone else is told such pages do not exist (404).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from lantern.core.access import has_role
from lantern.core.roles import SITE_MODERATOR_ROLES, Role

from .models import ChangeReport, Meeting

# --- Predicates ---------------------------------------------------------------------------------


def can_review_meeting_changes(user) -> bool:
    """Moderators keep the meeting list right; administrators may too."""
    return has_role(user, *SITE_MODERATOR_ROLES)


def can_import_meetings(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_log_attendance(user, meeting) -> bool:
    """A signed-in person logs the meetings they went to, of those still listed."""
    return user.is_authenticated and meeting.active


# --- Loaders ------------------------------------------------------------------------------------


def get_meeting_for(user, slug: str) -> Meeting:
    """A listed (active) meeting, for anyone: a meeting taken off the finder is not found."""
    return get_object_or_404(
        Meeting.objects.select_related("location", "group"), slug=slug, active=True
    )


def get_change_report_for(user, pk: int) -> ChangeReport:
    """A member's suggested correction, for those who review them."""
    if not can_review_meeting_changes(user):
        raise Http404
    return get_object_or_404(
        ChangeReport.objects.select_related("meeting__location", "meeting__group", "reporter"),
        pk=pk,
    )
