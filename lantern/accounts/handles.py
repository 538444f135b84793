"""Handles that would look official are not for members to take.

Someone who posts as `admin`, `moderator` or `lantern_support` can make a person in a hard
moment believe staff are speaking: that is how people are talked into sharing what they should
not, or into a "support line" that is not one. So at sign-up and at any change of handle, a
handle is refused when, ignoring capitals and with the look-alikes people use (`m0derator`,
`adm1n`, `a.d.m.i.n`, `admin1`):

- the whole handle is one of RESERVED (`help`, `crisis`, `988`, `team`, …);
- any part of it is one of RESERVED_PARTS (`lantern_support`, `mod.sam`);
- it begins or ends with one of RESERVED_ENDS (`lanternfriends`, `chiefadmin`).

Handles people already have are left alone, and an administrator may still give one of these
to a staff account (Django's admin and `createsuperuser` do not ask). Staff are shown by their
role badge beside their handle (`accounts.badges`), never by the handle itself.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lantern.core.roles import Role

# Words that say "this is staff" wherever they appear in a handle.
RESERVED_PARTS = frozenset(
    {
        "admin",
        "admins",
        "administrator",
        "sysadmin",
        "moderator",
        "moderators",
        "mod",
        "mods",
        "lantern",
        "staff",
        "official",
        "support",
        "specialist",
        "webmaster",
        "sysop",
        "988",
    }
)
# Whole handles that would speak for the site, its roles or its helplines.
RESERVED = RESERVED_PARTS | {
    *Role.values,
    "peerspecialist",
    "peersupport",
    "supporters",
    "help",
    "helpdesk",
    "helpline",
    "crisis",
    "crisisline",
    "lifeline",
    "hotline",
    "911",
    "system",
    "root",
    "team",
    "security",
    "safety",
    "trust",
    "abuse",
    "info",
    "contact",
    "noreply",
    "postmaster",
    "anonymous",
    "someone",
    "formermember",
    "aformermember",
    "everyone",
    "you",
}
RESERVED_ENDS = ("admin", "administrator", "moderator", "lantern", "official")

# Digits and letter pairs that stand in for letters.
_LOOK_ALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"})
_PAIRS = (("rn", "m"), ("vv", "w"))


def _spellings(handle: str) -> set[str]:
    """The ways a reader might read `handle`: as written, with look-alike digits as letters
    (1 as i and as l), with digits dropped, and with rn/vv read as m/w."""
    written = handle.lower()
    spellings = {
        written,
        written.translate(_LOOK_ALIKES),
        written.replace("1", "l").translate(_LOOK_ALIKES),
        re.sub(r"\d", "", written),
    }
    for pair, letter in _PAIRS:
        spellings |= {s.replace(pair, letter) for s in spellings}
    return spellings


def is_reserved(handle: str) -> bool:
    for spelling in _spellings(handle):
        squashed = re.sub(r"[^a-z0-9]", "", spelling)
        parts = set(re.findall(r"[a-z]+|\d+", spelling))
        if squashed in RESERVED or parts & RESERVED_PARTS:
            return True
        if squashed.startswith(RESERVED_ENDS) or squashed.endswith(RESERVED_ENDS):
            return True
    return False


def check_not_reserved(handle: str) -> None:
    """Raise a `ValidationError` for the handle field when `handle` looks official."""
    if is_reserved(handle):
        raise ValidationError(
            _(
                "%(handle)s looks like a name of Lantern or its staff, so members cannot take "
                "it. Please choose another, like a nickname."
            ),
            code="reserved",
            params={"handle": handle},
        )
