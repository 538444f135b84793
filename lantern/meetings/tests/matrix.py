"""Meetings in the access matrix (core/tests/test_access_matrix.py): one imported meeting and
river's suggested correction of it."""

from lantern.core.tests.matrix import admin_only, everyone, only, signed_in
from lantern.meetings.models import Meeting
from lantern.meetings.services import import_feed, report_change
from lantern.meetings.tests.test_import import GOOD

MATRIX = {
    # Meetings: the finder, meeting pages and feeds are public
    "meetings-finder": ("get", None, everyone(200)),
    "meetings-feed-json": ("get", None, everyone(200)),
    "meetings-feed-ics": ("get", None, everyone(200)),
    "meetings-detail": ("get", {"slug": "meeting"}, everyone(200)),
    "meetings-detail-ics": ("get", {"slug": "meeting"}, everyone(200)),
    "meetings-attended": ("post", {"slug": "meeting"}, signed_in(302)),  # bad date: message
    "meetings-attendance": ("get", None, signed_in()),  # one's own history only
    "meetings-report-change": ("get", {"slug": "meeting"}, signed_in()),
    # Meetings: moderators review corrections; administrators import feeds
    "meetings-changes": ("get", None, only(200, "morgan", "alex")),
    "meetings-change": ("get", {"pk": "change_report"}, only(200, "morgan", "alex")),
    "meetings-change-dismiss": ("post", {"pk": "change_report"}, only(302, "morgan", "alex")),
    "meetings-import": ("get", None, admin_only()),
    "api:meetings-api": ("get", None, everyone(200)),
}


def records(people) -> dict:
    import_feed([GOOD], source="matrix")
    meeting = Meeting.objects.get(slug=GOOD["slug"])
    change = report_change(people.river, meeting, "time", "Now at 7 pm").obj
    return {"meeting": GOOD["slug"], "change_report": change.pk}
