"""Meetings: importing feeds (idempotent upsert), and members' attendance."""

import json
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.timezones import local_now

from .feed import RowError, parse_row
from .models import Attendance, Group, Location, Meeting, days_to_mask


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


class FeedError(ValueError):
    """The feed as a whole cannot be read."""


def read_feed(text: str | bytes) -> list:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FeedError(f"not a JSON feed: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("meetings"), list):
        data = data["meetings"]
    if not isinstance(data, list):
        raise FeedError("a Meeting Guide feed is a JSON array of meetings")
    return data


def _location_for(row) -> Location | None:
    if not (row.address or row.city or row.latitude is not None):
        return None
    location, _created = Location.objects.get_or_create(
        address=row.address,
        city=row.city,
        state=row.state,
        postal_code=row.postal_code,
        country=row.country,
        defaults={"name": row.location},
    )
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
def import_feed(entries: list, source: str) -> ImportReport:
    """Upsert a feed's meetings by slug. Re-importing the same feed changes nothing; meetings
    from this source that are gone from it are deactivated, never deleted; rows that cannot be
    meetings are reported with their reason and the rest are kept."""
    report = ImportReport()
    seen = set()
    existing = {m.slug: m for m in Meeting.objects.filter(slug__in=_slugs(entries))}
    for number, raw in enumerate(entries, start=1):
        try:
            row = parse_row(raw, settings.LANTERN_DEFAULT_TIME_ZONE)
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
        digest = row.digest()
        meeting = existing.get(row.slug)
        if meeting is not None and meeting.source_hash == digest and meeting.active:
            report.unchanged += 1
            continue
        group = None
        if row.group:
            group, _created = Group.objects.get_or_create(name=row.group, fellowship="other")
        values = {
            "name": row.name,
            "group": group,
            "location": _location_for(row),
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
            "active": True,
            "source": source,
            "source_hash": digest,
        }
        if meeting is None:
            Meeting.objects.create(slug=row.slug, **values)
            report.created += 1
        else:
            for attr, value in values.items():
                setattr(meeting, attr, value)
            meeting.save()
            report.updated += 1
    gone = Meeting.objects.filter(source=source, active=True).exclude(slug__in=seen)
    report.deactivated = gone.update(active=False)
    return report


def _slugs(entries) -> list[str]:
    from django.utils.text import slugify

    return [
        slugify(str(e.get("slug")))[:100]
        for e in entries
        if isinstance(e, dict) and e.get("slug") not in (None, "")
    ]


class AttendanceError(ValueError):
    """The attendance cannot be recorded; the message is shown to the member."""


def attendance_days(member, today=None):
    """The dates a member may log: today and the six days before, in their own time zone."""
    today = today or local_now(member, timezone.now()).date()
    return [today - timedelta(days=n) for n in range(7)]


@transaction.atomic
def record_attendance(member, meeting: Meeting, day) -> Attendance:
    """Log that `member` went to `meeting` on `day` (today or within the past week)."""
    allowed = attendance_days(member)
    if day > allowed[0]:
        raise AttendanceError(_("That date is in the future."))
    if day < allowed[-1]:
        raise AttendanceError(_("You can log meetings from the past week only."))
    if Attendance.objects.filter(member=member, meeting=meeting, date=day).exists():
        raise AttendanceError(_("You already logged this meeting on that day."))
    return Attendance.objects.create(
        member=member, meeting=meeting, meeting_name=meeting.name, date=day
    )


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
    most = max([c for _s, c in per_week] + [1])
    bars = [
        {
            "x": n * 10 + 1,
            "height": round(50 * c / most),
            "y": 55 - round(50 * c / most),
            "start": s,
            "count": c,
        }
        for n, (s, c) in enumerate(per_week)
    ]
    return {
        "last_30": sum(d > today - timedelta(days=30) for d in dates),
        "last_90": last_90.count(),
        "per_week": per_week,
        "bars": bars,
        "width": weeks * 10,
    }
