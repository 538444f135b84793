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


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def clean_row(row: dict) -> dict:
    """One CSV row as resource fields, or `Refused` naming what is wrong with it."""
    values = {key: (row.get(key) or "").strip() for key in COLUMNS}
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


@transaction.atomic
def import_csv(actor, text: str, *, demo: bool = False) -> ImportResult:
    """Add or update (by name and address) every good row; each rejected row is reported with
    its line number and reason, and the others are kept."""
    if actor is not None and not access.can_import(actor):
        raise Refused(_("Only peer specialists and administrators import resources."))
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "name" not in [f.strip() for f in reader.fieldnames]:
        raise Refused(_("The file needs a header row with at least name and kind."), field="file")
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): v for k, v in raw.items()}
        try:
            values = clean_row(row)
        except Refused as error:
            result.rejected.append((line, error.message))
            continue
        existing = Resource.objects.filter(name=values["name"], address=values["address"]).first()
        if existing is None:
            Resource.objects.create(demo=demo, **values)
            result.created += 1
        else:
            for key, value in values.items():
                setattr(existing, key, value)
            existing.active = True
            existing.save()
            result.updated += 1
    if actor is not None:
        audit.record(
            actor, "directory.import", None, created=result.created, updated=result.updated
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
