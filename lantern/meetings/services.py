"""Meetings: importing feeds (idempotent upsert), members' attendance, and members'
corrections with the moderators' review.

Services take the acting person first and check access themselves (`meetings.access`); they
refuse with `core.errors.Refused` and return the saved object, or `core.results.Saved` for a
correction (words a member wrote, through the safety net). `import_feed` has no actor: the
`import_meetings` command and the demo call it; the upload page calls `import_uploaded_feed`.
"""

import json
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lantern.core import audit, charts, ratelimits
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.core.roles import Role
from lantern.core.timezones import local_now
from lantern.safety.contexts import Context
from lantern.safety.services import check_text

from . import access
from .feed import RowError, export_meeting, parse_row
from .models import (
    Attendance,
    ChangeReport,
    Fellowship,
    Group,
    Location,
    Meeting,
    days_to_mask,
    spec_weekday,
)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (row, slug, reason)
    unknown_types: dict[str, int] = field(default_factory=dict)
    warnings: list[tuple[int, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"deactivated {self.deactivated}, rejected {len(self.rejected)}"
        ]
        lines += [
            f"  rejected row {n} ({slug or 'no slug'}): {why}" for n, slug, why in self.rejected
        ]
        if self.unknown_types:
            kept = ", ".join(f"{code} ×{n}" for code, n in sorted(self.unknown_types.items()))
            lines.append(f"  unknown type codes (kept out of the type list, reported): {kept}")
        lines += [f"  row {n} ({slug}): {what}" for n, slug, what in self.warnings]
        return "\n".join(lines)


def read_feed(text: str | bytes) -> list:
    """The rows of a Meeting Guide JSON feed; refused (on the `feed` field) when the file as a
    whole cannot be one."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Refused(f"not a JSON feed: {exc}", field="feed") from None
    if isinstance(data, dict) and isinstance(data.get("meetings"), list):
        data = data["meetings"]
    if not isinstance(data, list):
        raise Refused("a Meeting Guide feed is a JSON array of meetings", field="feed")
    return data


class _Places:
    """Groups and locations met during one import, looked up once: a 10,000-row feed would
    otherwise ask the database twice a row."""

    def __init__(self, rows=()):
        addresses = {row.address for row in rows}
        self.locations = {
            self._key(loc): loc for loc in Location.objects.filter(address__in=addresses)
        }
        self.groups = {(g.name, g.fellowship): g for g in Group.objects.all()}

    @staticmethod
    def _key(obj) -> tuple:
        return (obj.address, obj.city, obj.state, obj.postal_code, obj.country)

    def location(self, row) -> Location:
        key = self._key(row)
        if key not in self.locations:
            self.locations[key] = Location.objects.create(
                address=row.address,
                city=row.city,
                state=row.state,
                postal_code=row.postal_code,
                country=row.country,
                name=row.location,
            )
        return self.locations[key]

    def group(self, name: str, fellowship: str) -> Group:
        if (name, fellowship) not in self.groups:
            self.groups[(name, fellowship)] = Group.objects.create(name=name, fellowship=fellowship)
        return self.groups[(name, fellowship)]


def _location_for(row, places: _Places) -> Location | None:
    if not (row.address or row.city or row.latitude is not None):
        return None
    location = places.location(row)
    changed = False
    for attr in ["name", "region", "time_zone"]:
        value = {"name": row.location, "region": row.region, "time_zone": row.time_zone}[attr]
        if value and getattr(location, attr) != value:
            setattr(location, attr, value)
            changed = True
    if row.latitude is not None and (location.latitude, location.longitude) != (
        row.latitude,
        row.longitude,
    ):
        location.latitude, location.longitude = row.latitude, row.longitude
        changed = True
    if changed:
        location.save()
    return location


@transaction.atomic
def import_feed(entries: list, source: str, fellowship: str = "") -> ImportReport:
    """Upsert a feed's meetings by slug. Re-importing the same feed changes nothing; meetings
    from this source that are gone from it are deactivated, never deleted; rows that cannot be
    meetings are reported with their reason and the rest are kept. `fellowship` is the program
    of a feed that is all one program (an AA intergroup's, say)."""
    report = ImportReport()
    seen = set()
    existing = {m.slug: m for m in Meeting.objects.filter(slug__in=_slugs(entries))}
    rows = []
    for number, raw in enumerate(entries, start=1):
        try:
            row = parse_row(raw, settings.LANTERN_DEFAULT_TIME_ZONE, fellowship)
        except RowError as exc:
            slug = raw.get("slug") if isinstance(raw, dict) else None
            report.rejected.append((number, str(slug or ""), str(exc)))
            continue
        if row.slug in seen:
            report.rejected.append((number, row.slug, "the same slug appears earlier in the feed"))
            continue
        seen.add(row.slug)
        for code in row.unknown_types:
            report.unknown_types[code] = report.unknown_types.get(code, 0) + 1
        report.warnings += [(number, row.slug, w) for w in row.warnings]
        rows.append(row)
    changed = []
    for row in rows:
        digest = row.digest()
        meeting = existing.get(row.slug)
        if meeting is None or meeting.source_hash != digest or not meeting.active:
            changed.append((row, digest, meeting))
        else:
            report.unchanged += 1
    places = _Places([row for row, _digest, _meeting in changed])
    new = []
    for row, digest, meeting in changed:
        values = {
            **_values_for(row, places),
            "active": True,
            "source": source,
            "source_hash": digest,
        }
        if meeting is None:
            new.append(Meeting(slug=row.slug, **values))
        else:
            for attr, value in values.items():
                setattr(meeting, attr, value)
            meeting.save()
            report.updated += 1
    Meeting.objects.bulk_create(new, batch_size=1000)
    report.created = len(new)
    gone = Meeting.objects.filter(source=source, active=True).exclude(slug__in=seen)
    report.deactivated = gone.update(active=False)
    return report


def import_uploaded_feed(actor, entries: list, source: str, fellowship: str = "") -> ImportReport:
    """An administrator's upload (the import page): `import_feed`, audited."""
    if not access.can_import_meetings(actor):
        raise NotFound(_("Only administrators import meetings."))
    report = import_feed(entries, source, fellowship)
    audit.record(actor, "meetings.import", None, source=source)
    return report


def _values_for(row, places: _Places) -> dict:
    """A parsed feed row as the fields of a Meeting (its group and location found or made)."""
    group = None
    if row.group or row.fellowship != Fellowship.OTHER:
        # A meeting with a program but no group name is its own group.
        group = places.group(row.group or row.name, row.fellowship)
    return {
        "name": row.name,
        "group": group,
        "location": _location_for(row, places),
        "days_mask": days_to_mask(row.days),
        "start_time": row.start_time,
        "end_time": row.end_time,
        "time_zone": row.time_zone,
        "types": " " + " ".join(row.types) + " " if row.types else " ",
        "language": row.language,
        "mode": row.mode,
        "conference_url": row.conference_url,
        "conference_url_notes": row.conference_url_notes,
        "conference_phone": row.conference_phone,
        "conference_phone_notes": row.conference_phone_notes,
        "notes": row.notes,
        "latitude": row.latitude,
        "longitude": row.longitude,
    }


def _slugs(entries) -> list[str]:
    return [
        slugify(str(e.get("slug")))[:100]
        for e in entries
        if isinstance(e, dict) and e.get("slug") not in (None, "")
    ]


def attendance_days(member, today=None):
    """The dates a member may log: today and the six days before, in their own time zone."""
    today = today or local_now(member, timezone.now()).date()
    return [today - timedelta(days=n) for n in range(7)]


@transaction.atomic
def record_attendance(actor, meeting: Meeting, day) -> Attendance:
    """Log in the actor's private history that they went to `meeting` on `day` (today or
    within the past week, on their own calendar)."""
    if not access.can_log_attendance(actor, meeting):
        raise NotFound(_("That meeting is no longer listed."))
    allowed = attendance_days(actor)
    if day > allowed[0]:
        raise Refused(_("That date is in the future."), field="date")
    if day < allowed[-1]:
        raise Refused(_("You can log meetings from the past week only."), field="date")
    if Attendance.objects.filter(member=actor, meeting=meeting, date=day).exists():
        raise Refused(_("You already logged this meeting on that day."), field="date")
    return Attendance.objects.create(
        member=actor, meeting=meeting, meeting_name=meeting.name, date=day
    )


BAR_SLOT, BARS_TOP, BARS_BOTTOM = 10, 5, 55  # SVG user units; the axis is drawn at 55.5


def attendance_summary(member, weeks: int = 12) -> dict:
    """Counts for the last 30 and 90 days and meetings per week, for the member's own page."""
    today = attendance_days(member)[0]
    dates = list(
        Attendance.objects.filter(
            member=member, date__gt=today - timedelta(days=7 * weeks)
        ).values_list("date", flat=True)
    )
    last_90 = Attendance.objects.filter(member=member, date__gt=today - timedelta(days=90))
    week_start = today - timedelta(days=today.weekday())  # Mondays
    per_week = []
    for n in reversed(range(weeks)):
        start = week_start - timedelta(weeks=n)
        per_week.append((start, sum(start <= d < start + timedelta(days=7) for d in dates)))
    width = weeks * BAR_SLOT
    bars = charts.bars(
        [c for _s, c in per_week],
        width=width,
        top=BARS_TOP,
        bottom=BARS_BOTTOM,
        labels=[s for s, _c in per_week],
    )
    return {
        "last_30": sum(d > today - timedelta(days=30) for d in dates),
        "last_90": last_90.count(),
        "per_week": per_week,
        "bars": bars,
        "width": width,
    }


def export_attendance(member) -> list[dict]:
    """The member's attendance log, for their data export."""
    return [
        {
            "date": a.date.isoformat(),
            "meeting": a.meeting_name,
            "logged_at": a.created_at.isoformat(),
        }
        for a in Attendance.objects.filter(member=member)
    ]


# --- Corrections from members -------------------------------------------------------------------


def _reviewers():
    return (
        get_user_model().objects.filter(role_grants__role=Role.MODERATOR, is_active=True).distinct()
    )


@transaction.atomic
def report_change(actor, meeting: Meeting, topic: str, details: str) -> Saved:
    """A member suggests a correction; moderators are told. One open suggestion per person and
    meeting, within the "report" rate limit, and the text goes through the safety net like
    everything people write."""
    if not actor.is_authenticated or not meeting.active:
        raise NotFound(_("That meeting is no longer listed."))
    if topic not in ChangeReport.Topic.values:
        raise Refused(_("Choose what is out of date."), field="topic")
    details = (details or "").strip()
    if not details:
        raise Refused(_("Say what it should say."), field="details")
    if ChangeReport.objects.filter(
        meeting=meeting, reporter=actor, status=ChangeReport.Status.OPEN
    ).exists():
        raise Refused(
            _("You already suggested a change to this meeting. A moderator will look at it soon.")
        )
    ratelimits.consume("report", actor)
    report = ChangeReport.objects.create(
        meeting=meeting, reporter=actor, topic=topic, details=details
    )
    path = reverse("meetings-change", args=[report.pk])
    outcome = check_text(actor, details, Context.MEETING_CORRECTION, source=report, source_url=path)
    for moderator in _reviewers():
        notify(
            moderator,
            "meetings.change",
            about=report,
            params={"meeting": meeting.name},
            url=path,
        )
    return Saved(report, show_crisis_resources=outcome.show_crisis_resources)


def _row_with(meeting: Meeting, changes: dict) -> dict:
    """The meeting as a feed row with the moderator's changes; a new address is placed by its
    ZIP code rather than keeping the old coordinates."""
    row = export_meeting(meeting, "")
    if meeting.group_id:
        row["fellowship"] = meeting.group.fellowship
    moved = any(changes.get(k, row.get(k, "")) != row.get(k, "") for k in ADDRESS_FIELDS)
    row.update(changes)
    if moved:
        row.pop("latitude", None)
        row.pop("longitude", None)
    return row


ADDRESS_FIELDS = ["address", "city", "state", "postal_code"]


def _reviewable(actor, report: ChangeReport) -> None:
    if not access.can_review_meeting_changes(actor):
        raise NotFound(_("Only moderators review meeting corrections."))
    if report.status != ChangeReport.Status.OPEN:
        raise Refused(_("This suggestion was already reviewed."))


@transaction.atomic
def apply_change(
    actor, report: ChangeReport, changes: dict, *, active: bool, note: str = ""
) -> Meeting:
    """A moderator applies a correction (with their own edits) to the meeting. The feed's
    fingerprint is kept, so re-importing an unchanged feed keeps the fix; when the feed itself
    changes that meeting, the feed wins. The member who suggested it is thanked."""
    _reviewable(actor, report)
    meeting = report.meeting
    try:
        row = parse_row(_row_with(meeting, changes), settings.LANTERN_DEFAULT_TIME_ZONE)
    except RowError as exc:
        raise Refused(str(exc)) from None
    for attr, value in _values_for(row, _Places([row])).items():
        setattr(meeting, attr, value)
    meeting.active = active
    meeting.save()
    _close(report, actor, ChangeReport.Status.APPLIED, note)
    audit.record(actor, "meetings.change.apply", meeting, report=report.pk)
    if report.reporter_id:
        notify(
            report.reporter,
            "meetings.change_applied",
            about=report,
            params={"meeting": meeting.name},
            url=reverse("meetings-detail", args=[meeting.slug]) if active else "",
        )
    return meeting


@transaction.atomic
def dismiss_change(actor, report: ChangeReport, note: str) -> ChangeReport:
    """A moderator decides the meeting is right as it is; the note says why, for the others."""
    _reviewable(actor, report)
    if not (note or "").strip():
        raise Refused(
            _("Say why the meeting stays as it is, for the other moderators."),
            field="review_note",
        )
    _close(report, actor, ChangeReport.Status.DISMISSED, note)
    audit.record(actor, "meetings.change.dismiss", report.meeting, report=report.pk)
    return report


def _close(report: ChangeReport, moderator, status: str, note: str) -> None:
    report.status, report.reviewed_by, report.review_note = status, moderator, note
    report.reviewed_at = timezone.now()
    report.save()


def export_change_reports(member) -> list[dict]:
    return [
        {
            "meeting": r.meeting.name,
            "topic": r.topic,
            "details": r.details,
            "status": r.status,
            "created_at": r.created_at.isoformat(),
        }
        for r in member.meeting_change_reports.select_related("meeting")
    ]


def todays_usual_meetings(member, limit: int = 5) -> list[Meeting]:
    """Meetings the member logged in the last 90 days that meet today (their zone), not yet
    logged today: the ones they most likely went to."""
    today = attendance_days(member)[0]
    recent = (
        Attendance.objects.filter(member=member, date__gt=today - timedelta(days=90))
        .exclude(meeting=None)
        .values_list("meeting_id", flat=True)
    )
    done = Attendance.objects.filter(member=member, date=today).values_list("meeting_id", flat=True)
    return list(
        Meeting.objects.active()
        .filter(pk__in=recent)
        .exclude(pk__in=done)
        .on_days([spec_weekday(today)])[:limit]
    )
