"""Settings → Crisis lines and Settings → On-duty roster: what an administrator keeps up to date
inside Lantern (no Django admin needed). The services check the administrator role themselves
and write the audit log; the views (`settings_views.py`) are thin."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import access, audit
from lantern.core.errors import NotFound, Refused
from lantern.core.roles import HELPER_ROLES

from . import crisis_defaults
from .models import CrisisResource, SafetySettings, Shift

LINE_FIELDS = (
    "kind",
    "name",
    "description",
    "phone",
    "phone_label",
    "sms",
    "sms_body",
    "sms_label",
    "url",
    "order",
    "active",
)
LONGEST_SHIFT = timedelta(hours=12)
NET_FIELDS = (
    "reach_out_escalation_minutes",
    "alert_response_minutes",
    "review_minutes",
    "hold_urgent_posts",
)


def _check_admin(actor) -> None:
    if not access.can_manage_roles(actor):
        raise NotFound


def lines_by_language(languages) -> list[tuple[str, str, list[CrisisResource], bool]]:
    """For each (code, name) language: its lines as kept, or the built-in ones (unsaved) and
    True when nothing is kept for it yet."""
    kept: dict[str, list[CrisisResource]] = {}
    for line in CrisisResource.objects.filter(locale__in=[code for code, _name in languages]):
        kept.setdefault(line.locale, []).append(line)
    found = []
    for code, name in languages:
        if code in kept:
            found.append((code, name, kept[code], False))
        else:
            rows = crisis_defaults.rows(code) or crisis_defaults.rows("en")
            found.append((code, name, [CrisisResource(**row) for row in rows], True))
    return found


@transaction.atomic
def keep_builtin_lines(actor, locale: str) -> list[CrisisResource]:
    """Copy the built-in lines of a language so they can be edited (nothing if some are kept)."""
    _check_admin(actor)
    if CrisisResource.objects.filter(locale=locale).exists():
        return list(CrisisResource.objects.filter(locale=locale))
    rows = crisis_defaults.rows(locale) or crisis_defaults.rows("en")
    made = CrisisResource.objects.bulk_create(
        [CrisisResource(**{**row, "locale": locale}) for row in rows]
    )
    audit.record(actor, "safety.crisis_lines.keep_builtin", None, locale=locale)
    return made


@transaction.atomic
def save_line(actor, line: CrisisResource, **fields) -> CrisisResource:
    """Add or change a crisis line. A line must give a way to reach it, and the last active
    line of a language cannot be switched off (the crisis page is never empty)."""
    _check_admin(actor)
    for name, value in fields.items():
        if name not in LINE_FIELDS:
            raise TypeError(f"Not a crisis line field: {name}")
        setattr(line, name, value)
    if not (line.phone or line.sms or line.url):
        raise Refused(_("Give a number to call, a number to text, or a web address."))
    if (
        line.pk
        and not line.active
        and not CrisisResource.objects.filter(locale=line.locale, active=True)
        .exclude(pk=line.pk)
        .exists()
    ):
        raise Refused(
            _("This is the last line shown in this language: add another before hiding it."),
            field="active",
        )
    line.save()
    audit.record(actor, "safety.crisis_line.save", line, locale=line.locale)
    return line


@transaction.atomic
def schedule_shift(actor, person, role: str, starts_at: datetime, hours: float) -> Shift:
    """Put someone on the roster: on duty in `role` (one they hold) from `starts_at` for
    `hours` (at most 12). A shift may start a little in the past (a late entry), not days."""
    _check_admin(actor)
    if role not in HELPER_ROLES or role not in person.roles:
        raise Refused(
            _("%(handle)s does not hold that role.") % {"handle": person.handle}, field="role"
        )
    if not 0 < hours <= LONGEST_SHIFT.total_seconds() / 3600:
        raise Refused(_("A shift lasts between a few minutes and 12 hours."), field="hours")
    now = timezone.now()
    if starts_at < now - timedelta(hours=1):
        raise Refused(_("A shift on the roster starts now or later."), field="starts_at")
    ends_at = starts_at + timedelta(hours=hours)
    overlapping = Shift.objects.filter(
        person=person, role=role, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if overlapping.exists():
        raise Refused(
            _("%(handle)s already has a shift then.") % {"handle": person.handle},
            field="starts_at",
        )
    shift = Shift.objects.create(person=person, role=role, starts_at=starts_at, ends_at=ends_at)
    audit.record(actor, "safety.shift.schedule", shift, subject=None, person=person.pk)
    return shift


@transaction.atomic
def cancel_shift(actor, shift: Shift) -> None:
    """A shift under way ends now; one still to come is taken off the roster."""
    _check_admin(actor)
    now = timezone.now()
    if shift.ends_at <= now:
        return
    if shift.starts_at <= now:
        shift.ends_at = now
        shift.save(update_fields=["ends_at"])
    else:
        shift.delete()
    audit.record(actor, "safety.shift.cancel", None, shift=shift.pk)


def roster(days: int = 7) -> list[Shift]:
    """Shifts under way now and those starting in the next `days` days, soonest first."""
    now = timezone.now()
    return list(
        Shift.objects.filter(ends_at__gt=now, starts_at__lt=now + timedelta(days=days))
        .select_related("person")
        .order_by("starts_at", "pk")
    )


@transaction.atomic
def save_net_settings(actor, **fields) -> SafetySettings:
    """How fast the safety net escalates, and whether urgent posts are held by default. A
    minute is the least (the worker looks every minute); a day the most."""
    _check_admin(actor)
    settings_row = SafetySettings.current()
    for name, value in fields.items():
        if name not in NET_FIELDS:
            raise TypeError(f"Not a safety setting: {name}")
        if name.endswith("_minutes") and not 1 <= value <= 24 * 60:
            raise Refused(_("Between 1 minute and a day (1440 minutes)."), field=name)
        setattr(settings_row, name, value)
    settings_row.save()
    audit.record(actor, "safety.settings", settings_row, changed=sorted(fields))
    return settings_row
