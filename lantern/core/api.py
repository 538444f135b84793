from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from lantern.core import notification_kinds
from lantern.core.models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    """A notification's words are rendered in the reader's language (the session's, or the
    token owner's), whenever it was made."""

    id: int
    kind: str
    title: str
    body: str
    url: str
    urgent: bool
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_body(notification) -> str:
        return notification.body_text


@router.get("", response=list[NotificationOut], url_name="core-notifications-api")
@paginate(PageNumberPagination, page_size=25)
def list_notifications(request):
    """The signed-in person's notifications, newest first. With a personal API token, a staff
    member's list leaves out what came to them as staff (kinds registered with `staff=True`:
    crisis alerts and reach-outs, reports, held posts, meeting corrections and imports), since a
    token acts at member level and staff work needs a two-factor session."""
    found = Notification.objects.for_user(request.auth).select_related("actor")
    if getattr(request.auth, "api_token_dropped_staff", False):
        found = found.exclude(kind__in=notification_kinds.staff_kinds())
    return found
