from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from lantern.core.models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    urgent: bool
    created_at: datetime
    read_at: datetime | None


# What reaches staff because of their role: crisis alerts and reach-outs, reports, held posts,
# meeting corrections and imports. A personal API token acts at member level (staff work needs
# a two-factor session), so for a staff member's token these are left out.
STAFF_WORK_KINDS = (
    "safety.alert",
    "safety.reach_out",
    "safety.reach_out_update",
    "safety.reach_out_claimed",
    "safety.reach_out_message",
    "community.report",
    "community.held",
    "meetings.change",
    "meetings.import",
)


@router.get("", response=list[NotificationOut], url_name="core-notifications-api")
@paginate(PageNumberPagination, page_size=25)
def list_notifications(request):
    """The signed-in person's notifications, newest first. With a personal API token, a staff
    member's list leaves out what came to them as staff."""
    found = Notification.objects.for_user(request.auth)
    if getattr(request.auth, "api_token_dropped_staff", False):
        found = found.exclude(kind__in=STAFF_WORK_KINDS)
    return found
