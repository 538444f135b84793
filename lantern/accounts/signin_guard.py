"""Wrong passwords slow a guesser down; nobody can aim that at a person.

Handles are public, so a limit per handle alone lets anyone lock a person out from everywhere,
and a limit per address alone locks out everyone behind a shared address (café Wi-Fi, a
carrier's NAT, a proxy). Lantern counts wrong passwords per *handle and address together*:

- From one address, the first FREE_FAILURES wrong passwords for a handle cost nothing. After
  that, each try waits FIRST_WAIT, then twice as long after each further wrong one, at most
  LONGEST_WAIT. Meanwhile the sign-in answers 429 and says when to try again, without checking
  the password (so the answer tells a guesser nothing). An hour (FORGET_AFTER) without a wrong
  password forgets them, and a right password forgets them at once. Nothing is ever locked.
- An address with HOT_ADDRESS_FAILURES wrong passwords (someone trying handle after handle)
  gets FREE_WHEN_HOT free failures per handle instead; the people behind it who type their
  right password still get in at the first try.
- A device the person signed in on before (the `lantern_device` cookie: a signed token made
  from the person's account and password, never their handle) has its own count: wrong
  passwords typed anywhere else, even on the same Wi-Fi, never slow it.

The counts live in the cache (Redis in production, so every web process shares them); keys are
HMACs of the handle and address, so neither is stored in clear. `accounts/adapter.py` calls
`before_attempt` before a password is checked, `succeeded` after a right one, and
`remember_device` on the response of a completed sign-in (after two-factor, for staff).
"""

import ipaddress
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

FREE_FAILURES = 5
FREE_WHEN_HOT = 1
HOT_ADDRESS_FAILURES = 30
FIRST_WAIT = 60  # seconds
LONGEST_WAIT = 15 * 60
FORGET_AFTER = 60 * 60

DEVICE_COOKIE = "lantern_device"
DEVICE_SALT = "lantern.accounts.signin_guard.device"
DEVICE_MAX_AGE = 365 * 24 * 3600
DEVICE_PEOPLE = 5  # a shared tablet remembers this many people

_KEY_SALT = "lantern.accounts.signin_guard.key"
_PREFIX = "lantern-signin"
_LOCK_SECONDS = 5
_LOCK_WAIT = 1.0


class SlowedDown(Exception):
    """This try must wait `seconds` more."""

    def __init__(self, seconds: int):
        super().__init__(seconds)
        self.seconds = seconds


@dataclass(frozen=True)
class Attempt:
    """A password about to be checked, already counted as wrong (so that many tries at once
    cannot all be free); `succeeded` takes it back."""

    counter: str
    address_counter: str | None  # None for a known device: it is counted on its own


def wait_after(failures: int, free: int) -> int:
    """Seconds to wait after the `failures`-th wrong password, when `free` are free."""
    if failures < free:
        return 0
    return min(FIRST_WAIT * 2 ** (failures - free), LONGEST_WAIT)


def _digest(*parts: str) -> str:
    return salted_hmac(_KEY_SALT, "\x1f".join(parts), algorithm="sha256").hexdigest()[:40]


def client_address(request) -> str:
    """The address a sign-in comes from, as allauth sees it (its trusted-proxy settings); IPv6
    by its /64, which one household or phone usually holds whole."""
    address = get_adapter(request).get_client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def _count(key: str, now: float) -> tuple[int, float]:
    """(wrong passwords, time of the last one), forgotten FORGET_AFTER after the last."""
    failures, last = cache.get(key) or (0, 0.0)
    if now - last >= FORGET_AFTER:
        return 0, 0.0
    return failures, last


def _store(key: str, failures: int, last: float) -> None:
    if failures <= 0:
        cache.delete(key)
    else:
        cache.set(key, (failures, last), timeout=FORGET_AFTER + LONGEST_WAIT)


@contextmanager
def _locked(key: str) -> Iterator[bool]:
    """One request at a time changes a count (cache.add is atomic on Redis and in memory)."""
    lock = f"{key}:lock"
    deadline = time.monotonic() + _LOCK_WAIT
    while not cache.add(lock, 1, timeout=_LOCK_SECONDS):
        if time.monotonic() >= deadline:
            yield False
            return
        time.sleep(0.01)
    try:
        yield True
    finally:
        cache.delete(lock)


def _add_to_address(key: str, change: int, now: float) -> None:
    with _locked(key) as locked:
        if locked:  # if not: a count slightly off, never a person kept out
            failures, last = _count(key, now)
            _store(key, failures + change, now if change > 0 else last)


def before_attempt(request, handle: str) -> Attempt:
    """Count a sign-in try for `handle` as wrong until it proves right; raise `SlowedDown` if it
    must wait (its password is then not checked)."""
    now = time.time()
    handle = handle.strip().lower()
    device = _device_key(request, handle)
    if device is not None:
        counter, address_counter, free = device, None, FREE_FAILURES
    else:
        address = client_address(request)
        address_counter = f"{_PREFIX}:address:{_digest(address)}"
        hot = _count(address_counter, now)[0] >= HOT_ADDRESS_FAILURES
        counter = f"{_PREFIX}:pair:{_digest(handle, address)}"
        free = FREE_WHEN_HOT if hot else FREE_FAILURES
    with _locked(counter) as locked:
        if not locked:  # many tries for one handle at the same moment: a script
            raise SlowedDown(FIRST_WAIT)
        failures, last = _count(counter, now)
        remaining = last + wait_after(failures, free) - now
        if remaining > 0:
            raise SlowedDown(int(remaining + 0.999))
        _store(counter, failures + 1, now)
    if address_counter is not None:
        _add_to_address(address_counter, +1, now)
    return Attempt(counter, address_counter)


def succeeded(attempt: Attempt) -> None:
    """The password was right: its handle's wrong ones from there are forgotten, and the try no
    longer counts against the address."""
    with _locked(attempt.counter) as locked:
        if locked:
            cache.delete(attempt.counter)
    if attempt.address_counter is not None:
        _add_to_address(attempt.address_counter, -1, time.time())


# --- Known devices ----------------------------------------------------------------------------


def _mac(user, nonce: str) -> str:
    """Ties a device token to the person and their password: a new password (after a theft,
    say) makes every token made before it an unknown device."""
    value = f"{user.pk}:{nonce}:{user.get_session_auth_hash()}"
    return salted_hmac(DEVICE_SALT, value, algorithm="sha256").hexdigest()[:32]


def _tokens(request) -> list[tuple[str, str]]:
    """(nonce, mac) of each person this device remembers; nothing if the cookie was altered."""
    raw = request.get_signed_cookie(
        DEVICE_COOKIE, default="", salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE
    )
    tokens = []
    for token in raw.split(".")[:DEVICE_PEOPLE]:
        nonce, _sep, mac = token.partition("-")
        if nonce and mac:
            tokens.append((nonce, mac))
    return tokens


def _nonce_for(user, tokens) -> str | None:
    for nonce, mac in tokens:
        if constant_time_compare(mac, _mac(user, nonce)):
            return nonce
    return None


def _device_key(request, handle: str) -> str | None:
    """The counter of this device for the person with `handle`, if it remembers them."""
    tokens = _tokens(request)
    if not tokens or "\x00" in handle:  # PostgreSQL cannot even compare a NUL
        return None
    user = get_user_model().objects.filter(handle__iexact=handle).first()
    if user is None:
        return None
    nonce = _nonce_for(user, tokens)
    return None if nonce is None else f"{_PREFIX}:device:{_digest(str(user.pk), nonce)}"


def remember_device(request, response, user) -> None:
    """After a completed sign-in: this device now knows `user` (and still the others it knew)."""
    tokens = _tokens(request)
    nonce = _nonce_for(user, tokens) or secrets.token_hex(8)
    kept = [(nonce, _mac(user, nonce))] + [(n, m) for n, m in tokens if n != nonce]
    response.set_signed_cookie(
        DEVICE_COOKIE,
        ".".join(f"{n}-{m}" for n, m in kept[:DEVICE_PEOPLE]),
        salt=DEVICE_SALT,
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )
