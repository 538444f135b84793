"""Account operations. Views, the admin, commands and the API call these; each checks its rule,
writes in one transaction and records what it did in the audit log."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import access, audit
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.core.notifications import reschedule_digest
from lantern.core.roles import STAFF_ROLES

from . import personal_data, role_requirements
from .models import AccountRecoveryCode, ApiToken, ConsentRecord, Role, RoleGrant, User

RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: codes get written on paper and read back on a phone.
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

API_TOKEN_PREFIX = "lnt_"
API_TOKEN_LIFETIMES = (30, 90, 365)  # days; no token lives for ever
MAX_LIVE_API_TOKENS = 10
# last_used_at is written at most this often, not on every request.
API_TOKEN_TOUCH_SECONDS = 60


def uses_two_factor(user: User) -> bool:
    return user.authenticator_set.filter(type="totp").exists()


def _check_may_manage_roles(by: User | None) -> None:
    """`by=None` is the operator at the command line; anyone else must be an administrator."""
    if by is not None and not access.can_manage_roles(by):
        raise NotFound


@transaction.atomic
def grant_role(user: User, role: str, *, by: User | None) -> bool:
    """Give `user` a role. Returns False if they already held it. A person may give a staff
    role only to someone who already uses two-factor: otherwise whoever knew just their
    password could enrol their own authenticator and act as staff. (`by=None` is the operator
    at the command line, e.g. createsuperuser; the first sign-in then demands two-factor.)
    The roles kept on `user` for this request are forgotten: the change counts at once."""
    _check_may_manage_roles(by)
    if role not in Role.values:
        raise Refused(_("Unknown role: %(role)s") % {"role": role}, field="role")
    if by is not None and role in STAFF_ROLES and not uses_two_factor(user):
        raise Refused(
            _(
                "%(handle)s must turn on two-factor authentication (Me → Two-factor "
                "authentication) before they can be given a staff role."
            )
            % {"handle": user.handle},
            field="role",
        )
    if by is not None and role not in user.roles:
        lacking = role_requirements.missing(user, role)
        if lacking:
            raise Refused(lacking[0], field="role")
    created = RoleGrant.objects.grant(user, role, by=by)
    if created:
        audit.record(by, "role.grant", user, subject=user, role=role)
    return created


@transaction.atomic
def revoke_role(user: User, role: str, *, by: User | None) -> bool:
    """Take a role away. The last admin cannot lose the admin role. The roles kept on `user`
    for this request are forgotten: the change counts at once."""
    _check_may_manage_roles(by)
    if (
        role == Role.ADMIN
        and RoleGrant.objects.filter(role=Role.ADMIN).exclude(user=user).count() == 0
        and RoleGrant.objects.filter(role=Role.ADMIN, user=user).exists()
    ):
        raise Refused(_("Lantern needs at least one administrator."), field="role")
    deleted = RoleGrant.objects.revoke(user, role)
    if deleted:
        audit.record(by, "role.revoke", user, subject=user, role=role)
    return deleted


def record_consents(user: User, *, guidelines: bool, privacy: bool) -> None:
    """Record which versions of the guidelines and privacy notice the person accepted, and when."""
    now = timezone.now()
    if guidelines:
        ConsentRecord.objects.create(
            user=user,
            document=ConsentRecord.Document.GUIDELINES,
            version=settings.GUIDELINES_VERSION,
            accepted_at=now,
        )
    if privacy:
        ConsentRecord.objects.create(
            user=user,
            document=ConsentRecord.Document.PRIVACY,
            version=settings.PRIVACY_VERSION,
            accepted_at=now,
        )


@transaction.atomic
def on_signup(user: User) -> None:
    """Every person who signs up is a member."""
    grant_role(user, Role.MEMBER, by=None)


def _hash_code(user_id: int, code: str) -> str:
    normalised = code.strip().lower().replace("-", "").replace(" ", "")
    return hashlib.sha256(f"{user_id}:{normalised}".encode()).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def create_recovery_codes(user: User) -> list[str]:
    """Replace the person's account recovery codes with ten new ones and return them (the only
    time they exist in clear)."""
    user.recovery_codes.all().delete()
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    AccountRecoveryCode.objects.bulk_create(
        AccountRecoveryCode(user=user, code_hash=_hash_code(user.pk, code)) for code in codes
    )
    audit.record(user, "recovery_codes.create", user, subject=user)
    return codes


def unused_recovery_codes(user: User) -> int:
    return user.recovery_codes.filter(used_at__isnull=True).count()


@transaction.atomic
def recover_with_code(handle: str, code: str, new_password: str) -> User:
    """Set a new password for the person whose handle and unused recovery code match. The code is
    used up. The same error for a wrong handle or a wrong code, so handles cannot be probed."""
    wrong = Refused(_("That handle and recovery code do not match an unused code."), field="code")
    user = User.objects.filter(handle__iexact=handle.strip(), is_active=True).first()
    if user is None:
        raise wrong
    match = (
        AccountRecoveryCode.objects.select_for_update()
        .filter(user=user, code_hash=_hash_code(user.pk, code), used_at__isnull=True)
        .first()
    )
    if match is None:
        raise wrong
    password_validation.validate_password(new_password, user)
    match.used_at = timezone.now()
    match.save(update_fields=["used_at"])
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit.record(user, "account.recover", user, subject=user)
    password_changed(user)
    return user


def password_changed(user: User) -> int:
    """A new password (changed, reset by email, or set with a recovery code) ends every API
    token the person had: whoever had taken over the account keeps no way back in."""
    tokens = list(user.api_tokens.all())
    for token in tokens:
        audit.record(user, "api_token.revoke", token, subject=user, why="password changed")
    user.api_tokens.all().delete()
    return len(tokens)


def _hash_api_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_api_token(user: User, *, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """Make a personal API token and return it with its secret, the only time the secret exists
    in clear. A person may hold at most MAX_LIVE_API_TOKENS unexpired tokens."""
    name = name.strip()
    if not name:
        raise Refused(_("Give the token a name."), field="name")
    if scope not in ApiToken.Scope.values:
        raise Refused(_("Choose what the token may do."), field="scope")
    if days not in API_TOKEN_LIFETIMES:
        raise Refused(_("Choose how long the token lasts."), field="days")
    # Lock the person's row so two requests at once cannot both make the eleventh token.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if user.api_tokens.live().count() >= MAX_LIVE_API_TOKENS:
        raise Refused(
            _("You have %(n)d tokens already. Revoke one you no longer use first.")
            % {"n": MAX_LIVE_API_TOKENS}
        )
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        owner=user,
        name=name,
        scope=scope,
        prefix=raw[: len(API_TOKEN_PREFIX) + 4],
        token_hash=_hash_api_token(raw),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    audit.record(user, "api_token.create", token, subject=user, scope=scope, days=days)
    return token, raw


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User | None) -> None:
    """Revoke (delete) a token; the next request with it gets 401. A person revokes only their
    own tokens (`by=None`: Lantern itself, e.g. after a new password)."""
    if by is not None and by.pk != token.owner_id:
        raise NotFound
    audit.record(by, "api_token.revoke", token, subject=token.owner, scope=token.scope)
    token.delete()


def authenticate_api_token(raw: str) -> User | None:
    """The owner of an unexpired token whose owner is active, or None.

    The token is found by the SHA-256 digest of the secret: a lookup by digest tells a guesser
    nothing about how close a guess came, and the secret itself is never stored.

    The owner comes back at member level: staff roles (specialist, moderator, admin) are dropped
    from this user object. Staff must sign in with two factors, and a bearer token has only one;
    so a token opens the person's own records and their community, never anyone else's records.
    (Django's is_staff only opens the Django admin, which a token cannot reach.) The token used
    is on `user.api_token`, for its scope.
    """
    if not raw.startswith(API_TOKEN_PREFIX) or len(raw) > 100:
        return None
    digest = _hash_api_token(raw)
    token = ApiToken.objects.live().select_related("owner").filter(token_hash=digest).first()
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    user = token.owner
    if not user.is_active:
        return None
    now = timezone.now()
    last = token.last_used_at
    if last is None or (now - last).total_seconds() >= API_TOKEN_TOUCH_SECONDS:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    # Kept for the notifications API, which leaves out what came to them as staff.
    user.api_token_dropped_staff = bool(user.roles & frozenset(STAFF_ROLES))
    user.acting_by_token = True  # `User.roles` leaves out staff roles from now on
    user.api_token = token
    return user


def export_data(user: User) -> dict:
    """Everything Lantern keeps about the person, as JSON-ready data."""
    return {
        "format": "lantern-export-1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "handle": user.handle,
            "email": user.email,
            "pronouns": user.pronouns,
            "language": user.language,
            "time_zone": user.time_zone,
            "pathways": user.pathways,
            "account_type": user.account_type,
            "notify_email": user.notify_email,
            "notify_push": user.notify_push,
            "detailed_subjects": user.detailed_subjects,
            "email_digest": user.email_digest or "each",
            "digest_time": user.digest_time.isoformat(),
            "quiet_hours_start": user.quiet_hours_start.isoformat()
            if user.quiet_hours_start
            else None,
            "quiet_hours_end": user.quiet_hours_end.isoformat() if user.quiet_hours_end else None,
            "date_joined": user.date_joined.isoformat(),
        },
        "roles": sorted(user.roles),
        "consents": [
            {"document": c.document, "version": c.version, "accepted_at": c.accepted_at.isoformat()}
            for c in user.consents.all()
        ],
        "notifications": [
            {
                "kind": n.kind,
                "title": n.title,
                "body": n.body_text,
                "url": n.url,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in Notification.objects.for_user(user).select_related("actor")
        ],
        "audit_events_about_me": [
            {"at": e.at.isoformat(), "action": e.action, "actor": str(e.actor or "")}
            for e in user.audit_events_about.select_related("actor")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "scope": t.scope,
                "created_at": t.created_at.isoformat(),
                "expires_at": t.expires_at.isoformat(),
                "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            }
            for t in user.api_tokens.all()
        ],
        **{section.name: section.export(user) for section in personal_data.sections()},
    }


@transaction.atomic
def erase_account(user: User) -> None:
    """Delete the person and everything private to them. Each app's erase step (registered in
    `personal_data`) runs first, in this transaction: it anonymises what must outlive the
    person (community posts); the delete then cascades to every private record."""
    if user.role_grants.filter(role=Role.ADMIN).exists() and (
        RoleGrant.objects.filter(role=Role.ADMIN).exclude(user=user).count() == 0
    ):
        raise Refused(_("Lantern needs at least one administrator; appoint another first."))
    for section in personal_data.sections():
        if section.erase is not None:
            section.erase(user)
    _delete_sessions_of(user)
    audit.record(None, "account.erase", None)
    user.delete()


def _delete_sessions_of(user: User) -> None:
    """Sessions on the person's other devices still name them; remove them."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


@transaction.atomic
def update_preferences(user: User, **fields) -> User:
    """Save profile and notification preferences (already validated by the form)."""
    for name, value in fields.items():
        setattr(user, name, value)
    user.save(update_fields=list(fields))
    if DIGEST_FIELDS & set(fields):
        reschedule_digest(user)
    return user


# Preferences that decide when a digest email goes out.
DIGEST_FIELDS = {
    "notify_email",
    "email_digest",
    "digest_time",
    "quiet_hours_start",
    "quiet_hours_end",
    "time_zone",
}
