"""The site's own settings, as an administrator set them in Settings (`SiteSettings`): its
name, short description, community time zone and whether anyone may join.

    site.current().name        # kept in the cache; `save` clears it everywhere
    site.time_zone_name()      # the community's zone (or the operator's default)

Read on every page (the header shows the name, the middleware the time zone), so it is kept in
the cache, which is shared by every process when Redis is used, and for a second in the process
itself (several reads a request); a change counts within a second everywhere.
"""

import copy
import time
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from lantern.core import access, audit
from lantern.core.errors import NotFound, Refused
from lantern.core.models import SiteSettings

CACHE_KEY = "lantern-site-settings"
FIELDS = ("name", "description", "time_zone", "open_signup")


LOCAL_SECONDS = 1.0
_local: tuple[float, SiteSettings] | None = None


def current() -> SiteSettings:
    """The settings (unsaved defaults until an administrator saves them)."""
    global _local
    if _local is None or _local[0] <= time.monotonic():
        _local = (time.monotonic() + LOCAL_SECONDS, _shared())
    return copy.copy(_local[1])  # a form may change what it is given; the kept one stays


def _shared() -> SiteSettings:
    found = cache.get(CACHE_KEY)
    if found is None:
        defaults = SiteSettings(pk=1, open_signup=getattr(settings, "LANTERN_OPEN_SIGNUP", True))
        try:
            found = SiteSettings.objects.filter(pk=1).first() or defaults
        except DatabaseError:  # the crisis page still shows, with the defaults
            return defaults
        cache.set(CACHE_KEY, found, 300)
    return found


def forget() -> None:
    """Drop the kept settings, here and in the shared cache."""
    global _local
    _local = None
    cache.delete(CACHE_KEY)


def time_zone_name() -> str:
    return current().time_zone or settings.LANTERN_DEFAULT_TIME_ZONE


def time_zone() -> ZoneInfo:
    try:
        return ZoneInfo(time_zone_name())
    except (KeyError, ValueError):
        return ZoneInfo(settings.LANTERN_DEFAULT_TIME_ZONE)


@transaction.atomic
def save(actor, **fields) -> SiteSettings:
    """An administrator changes the site's settings; audited with the names of what changed."""
    if not access.can_manage_roles(actor):
        raise NotFound
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Not a site setting: {', '.join(sorted(unknown))}")
    zone = fields.get("time_zone")
    if zone and zone not in available_timezones():
        raise Refused(
            _("%(zone)s is not a time zone we know. Try for example America/Chicago.")
            % {"zone": zone},
            field="time_zone",
        )
    if "name" in fields and not fields["name"].strip():
        raise Refused(_("The site needs a name."), field="name")
    row = SiteSettings.objects.select_for_update().filter(pk=1).first() or current()
    changed = sorted(name for name, value in fields.items() if getattr(row, name) != value)
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()
    audit.record(actor, "site.settings", row, changed=changed)
    # Now, and again once committed (a request in between may have kept the old row).
    forget()
    transaction.on_commit(forget)
    return row
