"""Meetings: importing feeds (idempotent upsert), members' attendance, and members'
corrections with the moderators' review.

Services take the acting person first and check access themselves (`meetings.access`); they
refuse with `core.errors.Refused` and return the saved object, or `core.results.Saved` for a
correction (words a member wrote, through the safety net). `import_feed` has no actor: the
`import_meetings` command and the demo call it; the upload page calls `import_uploaded_feed`.
"""

import gc
import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import time, timedelta
from functools import lru_cache
from operator import attrgetter, itemgetter
from types import SimpleNamespace
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import audit, charts, ratelimits, site
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.core.roles import Role
from lantern.core.timezones import local_now
from lantern.safety.contexts import Context
from lantern.safety.services import check_text

from . import access
from .feed import (
    Row,
    RowError,
    feed_slug,
    feed_slug_of_day,
    fold,
    meeting_row,
    parse_row,
    plain,
    read_rows,
    row_digest,
    split_day_slug,
)
from .finder import forget_zone_names
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


@contextmanager
def _collector_paused():
    """Python's cycle collector would walk the whole feed again and again while a big one is
    read and imported (half the time of an unchanged 100,000-meeting import); reading makes no
    cycles, so it waits until the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_feed(text: str | bytes) -> list:
    """The rows of a Meeting Guide JSON feed (with the hash of each row's text when the file is
    an array, `feed.read_rows`); refused (on the `feed` field) when the file as a whole cannot
    be one."""
    try:
        if isinstance(text, bytes):
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        with _collector_paused():
            data = read_rows(text)
            if data is None:
                data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Refused(f"not a JSON feed: {exc}", field="feed") from None
    except RecursionError:
        raise Refused(
            "not a Meeting Guide feed: its JSON is nested far too deeply", field="feed"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("meetings"), list):
        data = data["meetings"]
    if not isinstance(data, list):
        raise Refused("a Meeting Guide feed is a JSON array of meetings", field="feed")
    return data


class _Stored(NamedTuple):
    pk: int
    source_hash: str
    active: bool


def _stored(source: str, slugs) -> tuple[dict[str, _Stored], dict[str, _Stored]]:
    """(the meetings this source holds and those with one of `slugs`, by slug; this source's)."""
    fields = ["slug", "pk", "source_hash", "active"]
    own = {
        slug: _Stored(*rest)
        for slug, *rest in Meeting.objects.filter(source=source).values_list(*fields)
    }
    found = dict(own)
    _add_stored(found, slugs)
    return found, own


def _add_stored(found: dict[str, _Stored], slugs) -> None:
    rows = Meeting.objects.values_list("slug", "pk", "source_hash", "active")
    for slug, *rest in _matching(rows, "slug", set(slugs) - found.keys(), key=itemgetter(0)):
        found[slug] = _Stored(*rest)


def _matching(queryset, field: str, values, key) -> list:
    """The items of `queryset` whose `field` is one of `values` (`key` reads it from an item):
    asked for in chunks, or, when there are at least as many values as rows, all read and
    picked here (so a first import into an empty database asks for nothing)."""
    wanted = set(values)
    if not wanted:
        return []
    if len(wanted) >= queryset.count():
        return [item for item in queryset.iterator(chunk_size=5000) if key(item) in wanted]
    found = []
    for chunk in _chunks(sorted(wanted)):
        found += queryset.filter(**{f"{field}__in": chunk})
    return found


def _chunks(items: list, size: int = 5000):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Change it when `parse_row` reads a row differently: the next import then reads every row again.
READER_VERSION = "2"


@dataclass(slots=True)
class _Unit:
    """One meeting of a feed: its own row, then the rows of its other days (`<slug>--<day>`,
    `feed.day_slug`) that fold into it; `entries` are (row number, raw row, its digest), `days`
    the other days' rows waiting to be read, with their day."""

    number: int
    slug: str
    entries: list[tuple]
    days: list[tuple] = field(default_factory=list)
    row: Row | None = None
    fingerprint: str | None = None


def _units(entries: list) -> list[_Unit]:
    """The feed's meetings, before reading them: each row that is not another day's row starts
    one; a `<slug>--<day>` row waits on the meeting with that slug (if there is none, it is a
    meeting of its own)."""
    digests = getattr(entries, "digests", None) or [row_digest(raw) for raw in entries]
    units, later, first_with = [], [], {}
    for number, (raw, digest) in enumerate(zip(entries, digests, strict=True), start=1):
        value = raw.get("slug") if isinstance(raw, dict) else None
        day_of = split_day_slug(value)
        if day_of is not None:
            later.append((number, raw, digest, value, day_of))
            continue
        unit = _Unit(number, feed_slug(value), [(number, raw, digest)])
        units.append(unit)
        first_with.setdefault(unit.slug, unit)
    for number, raw, digest, value, (base, day) in later:
        if base in first_with:
            first_with[base].days.append((number, raw, digest, day))
        else:
            units.append(_Unit(number, feed_slug_of_day(value, base, day), [(number, raw, digest)]))
    return units


def _fingerprint(context: bytes, entries) -> str | None:
    """What the feed says about one meeting, as one hash of its rows' hashes: when it is the one
    stored, the meeting is unchanged and its rows need not be read."""
    digests = [entry[2] for entry in entries]
    if None in digests:
        return None  # matches nothing: the rows are read
    return hashlib.sha256(context + b"".join(digests)).hexdigest()


def _read(
    unit: _Unit, context: bytes, zone: str, fellowship: str, report: ImportReport
) -> list[_Unit]:
    """Read a meeting's rows: its own, then its other days', each folded in when it is the same
    meeting on another day (`feed.fold`) and otherwise a meeting of its own. Rows that cannot be
    meetings go into the report. `zone` is the zone of rows that name none."""
    number, raw, _digest = unit.entries[0]
    try:
        unit.row = parse_row(raw, zone, fellowship)
    except RowError as exc:
        report.rejected.append((number, _raw_slug(raw), str(exc)))
    read = [unit] if unit.row is not None else []
    for day_number, day_raw, digest, day in unit.days:
        entry = (day_number, day_raw, digest)
        if unit.row is not None and _same_but_day(raw, day_raw, day) and unit.row.days:
            unit.row.days = sorted({*unit.row.days, day})  # as `fold` would, without reading it
            unit.entries.append(entry)
            continue
        try:
            row = parse_row(day_raw, zone, fellowship)
        except RowError as exc:
            report.rejected.append((day_number, _raw_slug(day_raw), str(exc)))
            continue
        if unit.row is not None and fold(unit.row, row, day):
            unit.entries.append(entry)
        else:
            alone = _Unit(day_number, row.slug, [entry], row=row)
            alone.fingerprint = _fingerprint(context, alone.entries)
            read.append(alone)
    unit.days = []
    unit.fingerprint = _fingerprint(context, unit.entries)
    return read


def _same_but_day(raw: dict, other, day: int) -> bool:
    """`other` says word for word what `raw` says, but for its slug and its day, `day` (the
    export's rows of one meeting's other days)."""
    if not (isinstance(other, dict) and type(other.get("day")) is int and other["day"] == day):
        return False
    if type(raw.get("day")) is not int:
        return False
    other = dict(other)
    other["slug"], other["day"] = raw.get("slug"), raw["day"]
    return other == raw


def _raw_slug(raw) -> str:
    return plain(raw.get("slug")) if isinstance(raw, dict) else ""


@transaction.atomic
def import_feed(entries: list, source: str, fellowship: str = "") -> ImportReport:
    """Upsert a feed's meetings by slug. Re-importing the same feed changes nothing; meetings
    from this source that are gone from it are deactivated, never deleted; rows that cannot be
    meetings are reported with their reason and the rest are kept. `fellowship` is the program
    of a feed that is all one program (an AA intergroup's, say).

    A meeting's rows (its own and its other days', see `feed.export_meeting`) are hashed as they
    are; when the hash is the one stored from the last import, nothing is read or written, so a
    nightly import of an unchanged feed costs little more than reading the file. Warnings and
    unknown type codes are reported for the meetings read (new or changed ones)."""
    with _collector_paused():
        report = ImportReport()
        zone = site.time_zone_name()
        context = "\n".join([READER_VERSION, source, zone, fellowship, ""]).encode()
        units = _units(entries)
        stored, own = _stored(source, [unit.slug for unit in units])
        meetings = []
        for unit in units:
            unit.fingerprint = _fingerprint(context, unit.entries + unit.days)
            known = stored.get(unit.slug)
            if known and known.active and known.source_hash == unit.fingerprint:
                unit.entries += [(n, raw, digest) for n, raw, digest, _day in unit.days]
                unit.days = []
                meetings.append(unit)
            else:
                meetings += _read(unit, context, zone, fellowship, report)
        _add_stored(stored, [unit.slug for unit in meetings])  # other days read as meetings
        seen, changed = set(), []
        for unit in sorted(meetings, key=lambda u: u.number):
            if unit.slug in seen:
                for number, raw, _digest in unit.entries:
                    report.rejected.append(
                        (number, _raw_slug(raw), "the same slug appears earlier in the feed")
                    )
                continue
            seen.add(unit.slug)
            if unit.row is not None:
                for code in unit.row.unknown_types:
                    report.unknown_types[code] = report.unknown_types.get(code, 0) + 1
                report.warnings += [(unit.number, unit.slug, w) for w in unit.row.warnings]
            known = stored.get(unit.slug)
            if known and known.active and known.source_hash == unit.fingerprint:
                report.unchanged += 1
            else:
                changed.append(unit)
        report.created, report.updated = _write(changed, stored, source)
        gone = [known.pk for slug, known in own.items() if known.active and slug not in seen]
        for chunk in _chunks(gone):
            report.deactivated += Meeting.objects.filter(pk__in=chunk).update(active=False)
        report.rejected.sort(key=lambda rejected: rejected[0])
        report.warnings.sort(key=lambda warning: warning[0])
        transaction.on_commit(forget_zone_names)  # a new zone is searched at once
        return report


def _write(changed: list[_Unit], stored: dict[str, _Stored], source: str) -> tuple[int, int]:
    """Save the new and changed meetings (with their places and groups) in a few bulk queries;
    (created, updated)."""
    places = _Places([unit.row for unit in changed])
    values = [(unit, _values_for(unit.row, places)) for unit in changed]
    places.save()
    now = timezone.now()
    new, updated = [], []
    for unit, fields in values:
        fields |= {
            "active": True,
            "source": source,
            "source_hash": unit.fingerprint,
            "updated_at": now,
        }
        known = stored.get(unit.slug)
        if known is None:
            new.append({"slug": unit.slug, **fields})
        else:
            updated.append((known.pk, fields))
    _insert(Meeting, new)
    _update(Meeting, updated)
    return len(new), len(updated)


def _adapter(field):
    """How a value of `field` goes to the database in `_insert` and `_update` (None: as it is).
    Times and datetimes are adapted once each: a feed repeats its times, and one import stamps
    one time on every meeting."""
    kind = field.get_internal_type()
    if kind == "TimeField":
        return lru_cache(maxsize=1024)(connection.ops.adapt_timefield_value)
    if kind == "DateTimeField":
        return lru_cache(maxsize=16)(connection.ops.adapt_datetimefield_value)
    if field.is_relation:
        return attrgetter("pk")
    return None


def _columns(model, names):
    """The fields named, and (position, adapter) for those whose values need adapting."""
    fields = [model._meta.get_field(name) for name in names]
    adapters = [(at, _adapter(f)) for at, f in enumerate(fields)]
    return fields, [(at, adapt) for at, adapt in adapters if adapt is not None]


def _params(adapters, names, values: dict) -> list:
    params = [values[name] for name in names]
    for at, adapt in adapters:
        if params[at] is not None:
            params[at] = adapt(params[at])
    return params


def _insert(model, rows: list[dict], returning: bool = False) -> list[int]:
    """Insert `rows` (field name → value; the object for a foreign key) in few statements,
    without making a model object of each: Django's bulk_create spent most of a first import
    of 100,000 meetings preparing values one at a time. With `returning`, the new ids, in
    order (as bulk_create relies on, on SQLite 3.35+ and PostgreSQL)."""
    if not rows:
        return []
    names = list(rows[0])
    fields, adapters = _columns(model, names)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    ids = []
    with connection.cursor() as cursor:
        if not returning:
            sql = f"INSERT INTO {table} ({columns}) VALUES {one}"  # noqa: S608 (names, not input)
            cursor.executemany(sql, [_params(adapters, names, row) for row in rows])
            return ids
        pk = quote(model._meta.pk.column)
        for chunk in _chunks(rows, max(connection.ops.bulk_batch_size(fields, rows), 1)):
            values = ", ".join([one] * len(chunk))
            params = [p for row in chunk for p in _params(adapters, names, row)]
            sql = f"INSERT INTO {table} ({columns}) VALUES {values} RETURNING {pk}"  # noqa: S608 (names)
            cursor.execute(sql, params)
            ids += [found for (found,) in cursor.fetchall()]
    return ids


def _update(model, rows: list[tuple[int, dict]]) -> None:
    """Set the fields of many rows, each (id, field name → value), in one batch of statements."""
    if not rows:
        return
    names = list(rows[0][1])
    fields, adapters = _columns(model, names)
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {table} SET {sets} WHERE {pk} = %s"  # noqa: S608 (names, not input)
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[*_params(adapters, names, v), pk] for pk, v in rows])


class _New(SimpleNamespace):
    """A place or a group an import makes: its fields, and its id once `_Places.save` wrote it
    (lighter than a model object, of which a big first import would make 200,000)."""

    pk = None


class _Places:
    """Groups and locations met during one import, looked up together and saved together
    (`save`): a 100,000-row feed would otherwise ask the database several times a row."""

    LOCATION_FIELDS = ["name", "region", "time_zone", "latitude", "longitude"]
    KEY_FIELDS = ["address", "city", "state", "postal_code", "country"]

    def __init__(self, rows=()):
        self.locations = {}
        addresses = {row.address for row in rows if _has_place(row)}
        for location in _matching(
            Location.objects.order_by("pk"), "address", addresses, key=attrgetter("address")
        ):
            self.locations.setdefault(self._key(location), location)
        self.groups = {}
        names = {row.group or row.name for row in rows}
        for group in _matching(Group.objects.all(), "name", names, key=attrgetter("name")):
            self.groups[(group.name, group.fellowship)] = group
        self._new_locations, self._changed_locations, self._new_groups = [], {}, []

    @staticmethod
    def _key(obj) -> tuple:
        return (obj.address, obj.city, obj.state, obj.postal_code, obj.country)

    def location(self, row):
        """The row's place, found or made, with what the row says about it."""
        key = self._key(row)
        location = self.locations.get(key)
        if location is None:
            location = _New(
                address=row.address,
                city=row.city,
                state=row.state,
                postal_code=row.postal_code,
                country=row.country,
                name=row.location,
                region="",
                time_zone="",
                latitude=None,
                longitude=None,
                notes="",
            )
            self.locations[key] = location
            self._new_locations.append(location)
        changed = False
        for attr, value in [
            ("name", row.location),
            ("region", row.region),
            ("time_zone", row.time_zone),
        ]:
            if value and getattr(location, attr) != value:
                setattr(location, attr, value)
                changed = True
        if row.latitude is not None and (location.latitude, location.longitude) != (
            row.latitude,
            row.longitude,
        ):
            location.latitude, location.longitude = row.latitude, row.longitude
            changed = True
        if changed and location.pk is not None:
            self._changed_locations[location.pk] = location
        return location

    def group(self, name: str, fellowship: str):
        if (name, fellowship) not in self.groups:
            group = _New(name=name, fellowship=fellowship, contact="", notes="")
            self.groups[(name, fellowship)] = group
            self._new_groups.append(group)
        return self.groups[(name, fellowship)]

    def save(self) -> None:
        """Write the new places and groups (their ids are set) and the places that changed."""
        for model, new, names in [
            (Location, self._new_locations, self.LOCATION_FIELDS + self.KEY_FIELDS + ["notes"]),
            (Group, self._new_groups, ["name", "fellowship", "contact", "notes"]),
        ]:
            ids = _insert(model, [{n: getattr(o, n) for n in names} for o in new], returning=True)
            for obj, pk in zip(new, ids, strict=True):
                obj.pk = pk
        _update(
            Location,
            [
                (pk, {n: getattr(location, n) for n in self.LOCATION_FIELDS})
                for pk, location in self._changed_locations.items()
            ],
        )
        self._new_locations, self._changed_locations, self._new_groups = [], {}, []


def _has_place(row) -> bool:
    return bool(row.address or row.city or row.latitude is not None)


def import_uploaded_feed(actor, entries: list, source: str, fellowship: str = "") -> ImportReport:
    """An administrator's upload (the import page): `import_feed`, audited."""
    if not access.can_import_meetings(actor):
        raise NotFound(_("Only administrators import meetings."))
    report = import_feed(entries, source, fellowship)
    audit.record(actor, "meetings.import", None, source=source)
    return report


def _values_for(row, places: _Places) -> dict:
    """A parsed feed row as the fields of a Meeting (its group and location found or made;
    `places.save()` writes them). A meeting by appointment has no days and no time: its start
    time is stored as midnight, and shown nowhere."""
    group = None
    if row.group or row.fellowship != Fellowship.OTHER:
        # A meeting with a program but no group name is its own group.
        group = places.group(row.group or row.name, row.fellowship)
    return {
        "name": row.name,
        "group": group,
        "location": places.location(row) if _has_place(row) else None,
        "days_mask": days_to_mask(row.days),
        "start_time": row.start_time or time(0, 0),
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
    row = meeting_row(meeting, "")
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
        row = parse_row(_row_with(meeting, changes), site.time_zone_name())
    except RowError as exc:
        raise Refused(str(exc)) from None
    places = _Places([row])
    values = _values_for(row, places)
    places.save()
    for attr, value in values.items():
        if attr in ("group", "location"):  # found or made: the id is enough
            setattr(meeting, f"{attr}_id", value.pk if value is not None else None)
        else:
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


@transaction.atomic
def mark_held_in_lantern(meeting: Meeting, url: str) -> Meeting:
    """A meeting now also held in a Lantern room (chat): online, or hybrid when it has a place,
    with the room as its online link unless it has one, so the finder and the feed offer it as
    online. Kept by re-imports of an unchanged feed; a changed feed row wins, as for any fix."""
    meeting.mode = Meeting.Mode.HYBRID if meeting.location_id else Meeting.Mode.ONLINE
    if not meeting.conference_url:
        meeting.conference_url = url
    meeting.save(update_fields=["mode", "conference_url", "updated_at"])
    return meeting
