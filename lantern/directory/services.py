"""The directory's rules: import resources from CSV (each bad row reported, the rest kept),
add one, and report one out of date. Views, the API, the demo and support's referrals call
these."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import Refused
from lantern.core.input import has_unstorable
from lantern.core.results import Saved
from lantern.safety.contexts import Context
from lantern.safety.services import check_text

from . import access
from .models import Kind, OutdatedReport, Resource

COLUMNS = (
    "name",
    "kind",
    "description",
    "address",
    "phone",
    "website",
    "hours",
    "eligibility",
    "cost",
    "languages",
    "last_verified",
)
KIND_WORDS = {
    **{k.value: k.value for k in Kind},
    **{str(k.label).lower(): k.value for k in Kind},
    "moud": Kind.MAT,
    "sober living": Kind.HOUSING,
}
WEBSITE_LENGTH = Resource._meta.get_field("website").max_length
BATCH = 500


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def clean_row(row: dict) -> dict:
    """One CSV row as resource fields, or `Refused` naming what is wrong with it."""
    values = {key: (row.get(key) or "").strip() for key in COLUMNS}
    if any(has_unstorable(value) for value in values.values()):
        raise Refused(_("The row contains a character Lantern cannot store (a NUL character)."))
    if not values["name"]:
        raise Refused(_("The name is missing."), field="name")
    if len(values["name"]) > 160:
        raise Refused(_("The name is longer than 160 characters."), field="name")
    kind = KIND_WORDS.get(values["kind"].lower())
    if kind is None:
        raise Refused(
            _("Unknown category %(kind)s.") % {"kind": values["kind"] or "-"}, field="kind"
        )
    values["kind"] = kind
    if values["website"]:
        if len(values["website"]) > WEBSITE_LENGTH:
            raise Refused(
                _("The website address is longer than %(n)s characters.") % {"n": WEBSITE_LENGTH},
                field="website",
            )
        try:
            URLValidator(schemes=["http", "https"])(values["website"])
        except ValidationError:
            raise Refused(_("The website is not a web address."), field="website") from None
    verified = values.pop("last_verified")
    try:
        values["last_verified"] = date.fromisoformat(verified) if verified else None
    except ValueError:
        raise Refused(
            _("The date %(date)s is not a date (YYYY-MM-DD).") % {"date": verified},
            field="last_verified",
        ) from None
    for key, limit in (("address", 240), ("phone", 40), ("hours", 200), ("eligibility", 240)):
        values[key] = values[key][:limit]
    values["cost"] = values["cost"][:120]
    values["languages"] = values["languages"][:120] or "English"
    return values


def read_rows(text: str):
    """(line, row) for every record after the header, `line` being where the record starts in
    the file (blank lines and quoted line breaks counted, as an editor counts them); rows whose
    cells are all empty (a spreadsheet's trailing rows) are skipped. `Refused` if the header
    lacks name and kind, or if the file is not CSV that can be read."""
    # newline="": the csv module itself reads \r\n, \n and a lone \r (old spreadsheets).
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [(name or "").strip().lower() for name in next(reader, [])]
        if "name" not in header or "kind" not in header:
            raise Refused(
                _("The file needs a header row with at least name and kind."), field="file"
            )
        while True:
            line = reader.line_num + 1
            record = next(reader, None)
            if record is None:
                return
            if any(cell.strip() for cell in record):
                yield line, dict(zip(header, record, strict=False))
    except csv.Error as error:
        raise Refused(
            _("Line %(line)s cannot be read as CSV (%(error)s). Nothing was imported.")
            % {"line": reader.line_num, "error": error},
            field="file",
        ) from None


def _existing(keys) -> dict:
    """The resources already in the directory with these (name, address) keys; the oldest one
    where two share a key."""
    names = sorted({name for name, _address in keys})
    found = {}
    for start in range(0, len(names), BATCH):
        for resource in Resource.objects.filter(name__in=names[start : start + BATCH]):
            found.setdefault((resource.name, resource.address), resource)
    return found


@transaction.atomic
def import_csv(actor, text: str, *, demo: bool = False) -> ImportResult:
    """Add or update (by name and address) every good row; each rejected row is reported with
    its line number and reason, and the others are kept. Importing the same file again changes
    nothing; a verified date in the directory newer than the file's is kept. A row repeating
    an earlier row's name and address is rejected (the first one counts)."""
    if actor is not None and not access.can_import(actor):
        raise Refused(_("Only peer specialists and administrators import resources."))
    result = ImportResult()
    rows: dict[tuple[str, str], dict] = {}
    first_line: dict[tuple[str, str], int] = {}
    for line, row in read_rows(text):
        try:
            values = clean_row(row)
        except Refused as error:
            result.rejected.append((line, error.message))
            continue
        key = (values["name"], values["address"])
        if key in rows:
            result.rejected.append(
                (
                    line,
                    _("The same name and address are on line %(line)s, which was kept.")
                    % {"line": first_line[key]},
                )
            )
            continue
        rows[key], first_line[key] = values, line
    existing = _existing(rows)
    new, changed = [], []
    for key, values in rows.items():
        resource = existing.get(key)
        if resource is None:
            new.append(Resource(demo=demo, **values))
            continue
        if resource.last_verified and (
            values["last_verified"] is None or values["last_verified"] < resource.last_verified
        ):
            values["last_verified"] = resource.last_verified
        if resource.active and all(getattr(resource, k) == v for k, v in values.items()):
            result.unchanged += 1
            continue
        for k, v in values.items():
            setattr(resource, k, v)
        resource.active = True
        changed.append(resource)
    Resource.objects.bulk_create(new, batch_size=BATCH)
    Resource.objects.bulk_update(changed, [*COLUMNS, "active"], batch_size=BATCH)
    result.created, result.updated = len(new), len(changed)
    if actor is not None:
        audit.record(
            actor,
            "directory.import",
            None,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            rejected=len(result.rejected),
        )
    return result


@transaction.atomic
def report_outdated(actor, resource: Resource, note: str = "") -> Saved:
    """Staff say the resource's details are out of date; it is marked until verified."""
    if not access.can_report_outdated(actor):
        raise Refused(_("Only staff report resources out of date."))
    note = (note or "").strip()
    if len(note) > 500:
        raise Refused(_("Please keep this under 500 characters."), field="note")
    report = OutdatedReport.objects.create(resource=resource, reporter=actor, note=note)
    shown = bool(note) and check_text(actor, note, Context.RESOURCE).show_crisis_resources
    return Saved(report, show_crisis_resources=shown)


@transaction.atomic
def verify(actor, resource: Resource) -> Resource:
    """Staff checked the details: today is the last verified date and open reports close."""
    if not access.can_report_outdated(actor):
        raise Refused(_("Only staff verify resources."))
    resource.last_verified = timezone.localdate()
    resource.save(update_fields=["last_verified"])
    resource.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    return resource


def open_reports(resource: Resource) -> list[OutdatedReport]:
    return list(resource.reports.filter(resolved_at__isnull=True))


def export_reports(user) -> list[dict]:
    """The out-of-date reports this person wrote, for their data export. Erasing the account
    keeps each report (it is about a public resource) without its writer (`SET_NULL`)."""
    found = OutdatedReport.objects.filter(reporter=user).select_related("resource")
    return [
        {
            "resource": report.resource.name,
            "note": report.note,
            "created_at": report.created_at.isoformat(),
            "resolved_at": report.resolved_at.isoformat() if report.resolved_at else None,
        }
        for report in found.order_by("created_at", "pk")
    ]
