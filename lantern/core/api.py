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


@router.get("", response=list[NotificationOut], url_name="core-notifications-api")
@paginate(PageNumberPagination, page_size=25)
def list_notifications(request):
    """The signed-in person's notifications, newest first."""
    return Notification.objects.for_user(request.auth)
