"""One rate-limit helper for every way a person can write to another, and for failed
credentials that allauth does not see (API tokens).

    ratelimits.consume("reply", person)     # in the service, before it writes

raises `RateLimited` (a `Refused`: the page shows its message, the API answers 429) once the
person has used up the action's allowance. Limits are in settings (`LANTERN_RATE_LIMITS`,
"count/period" such as "30/10m") and counted in the cache, which is Redis when `REDIS_URL` is
set, so every web process shares them. The windows are fixed: a burst at a window's edge may
get up to twice the count, which is fine for stopping floods and guessing.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.errors import RateLimited

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse(spec: str) -> tuple[int, int]:
    """ "30/10m" → (30, 600): the count and the window in seconds."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", spec)
    if match is None:
        raise ValueError(f"A rate limit looks like '30/10m', not {spec!r}")
    count, size, unit = match.groups()
    return int(count), int(size or 1) * UNITS[unit]


def _key_of(who) -> str:
    return f"user:{who.pk}" if hasattr(who, "pk") else f"key:{who}"


def _counter(action: str, who) -> tuple[str, int, int]:
    count, seconds = parse(settings.LANTERN_RATE_LIMITS[action])
    window = int(timezone.now().timestamp()) // seconds
    return f"lantern-rl:{action}:{_key_of(who)}:{window}", count, seconds


def consume(action: str, who) -> None:
    """Count one `action` by `who` (a person, or a string key such as an address); refuse with
    `RateLimited` when that goes over the limit."""
    key, count, seconds = _counter(action, who)
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # the key expired between add and incr: a new window
        cache.add(key, 1, timeout=seconds)
        used = 1
    if used is None:  # the cache is unreachable (Redis down): count nothing, refuse nobody
        return
    if used > count:
        raise RateLimited(
            _("That is a lot in a short time. Please wait a few minutes and try again.")
        )


def exhausted(action: str, who) -> bool:
    """True when `who` has used up `action` in this window (without counting one more)."""
    key, count, _seconds = _counter(action, who)
    return (cache.get(key) or 0) >= count
