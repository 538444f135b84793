from datetime import time

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core import access, audit
from lantern.core.roles import STAFF_ROLES, Role


class Pathway(models.TextChoices):
    TWELVE_STEP = "12-step", _("12-step")
    SMART = "smart", _("SMART Recovery")
    DHARMA = "dharma", _("Refuge Recovery / Recovery Dharma")
    FAITH = "faith", _("Faith-based")
    MEDICATION = "medication", _("Medication-assisted recovery")
    HARM_REDUCTION = "harm-reduction", _("Harm reduction")
    OTHER = "other", _("Other")


class AccountType(models.TextChoices):
    """Why someone is here. Family and friends of people in recovery have groups, events and
    resources of their own, and reach the groups of people in recovery only when invited (and
    the other way round): each can speak freely."""

    RECOVERY = "recovery", _("For my own recovery, or to support peers")
    FAMILY = "family", _("For someone I love: I am family or a friend")


handle_validator = RegexValidator(
    r"^[A-Za-z0-9_.-]{3,30}$",
    _("Use 3 to 30 letters, numbers, dots, dashes or underscores."),
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, handle):
        return self.get(handle__iexact=handle)

    def create_user(self, handle, password=None, **fields):
        user = self.model(handle=handle, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, handle, password=None, **fields):
        """`manage.py createsuperuser`: an administrator made by the operator at the command
        line, as `services.grant_role(user, Role.ADMIN, by=None)` would make one (audited; the
        first sign-in then demands two-factor)."""
        user = self.create_user(handle, password, **fields)
        if RoleGrant.objects.grant(user, Role.ADMIN, by=None):
            audit.record(None, "role.grant", user, subject=user, role=Role.ADMIN)
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """A person on Lantern: a handle, never a legal name. Email is optional."""

    handle = models.CharField(
        _("handle"),
        max_length=30,
        unique=True,
        validators=[handle_validator],
        help_text=_("The name others see. Not your real name, unless you want it to be."),
    )
    email = models.EmailField(_("email"), blank=True, default="")
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    pathways = models.JSONField(_("recovery pathways of interest"), default=list, blank=True)
    account_type = models.CharField(
        _("I am here"), max_length=10, choices=AccountType, default=AccountType.RECOVERY
    )
    notify_email = models.BooleanField(_("send notifications by email"), default=False)
    notify_push = models.BooleanField(_("send notifications to my devices"), default=True)
    detailed_subjects = models.BooleanField(
        _("say what each notification is about in email subjects and on my devices"),
        default=False,
        help_text=_(
            "Email subjects and notifications on a locked phone can be seen by anyone near it "
            "or sharing the mailbox. Off, they only say something like “You have a new reply "
            "on Lantern”. On, they say who replied and to which thread. News about someone "
            "else’s recovery, and what you get as staff, always stays neutral."
        ),
    )
    quiet_hours_start = models.TimeField(_("quiet hours start"), null=True, blank=True)
    quiet_hours_end = models.TimeField(_("quiet hours end"), null=True, blank=True)
    email_digest = models.CharField(
        _("how often to email"),
        max_length=6,
        choices=[
            ("", _("Each notification as it comes")),
            ("daily", _("One email a day")),
            ("weekly", _("One email a week")),
        ],
        blank=True,
        default="",
        help_text=_("Urgent safety alerts are always sent at once."),
    )
    digest_time = models.TimeField(_("time of the daily or weekly email"), default=time(18, 0))
    digest_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Managed by the admin role.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "handle"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    @property
    def is_family(self) -> bool:
        return self.account_type == AccountType.FAMILY

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("handle"), name="unique_handle_ci"),
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="unique_email_when_set"
            ),
        ]

    def __str__(self):
        return self.handle

    @property
    def roles(self) -> frozenset[str]:
        """The roles this person holds, asked once per request (`core.access.remembered`). A
        request made with a personal API token acts at member level: a token is one factor."""
        held = access.remembered(
            self, "roles", lambda: frozenset(self.role_grants.values_list("role", flat=True))
        )
        if self.__dict__.get("acting_by_token"):
            return held - frozenset(STAFF_ROLES)
        return held

    def refresh_from_db(self, *args, **kwargs):
        """Reloaded from the database: so are the access answers kept for this request."""
        super().refresh_from_db(*args, **kwargs)
        access.forget(self)

    def sync_admin_flags(self) -> None:
        """The Django admin keys off is_staff/is_superuser: keep them in step with the admin role
        (called whenever a role is granted or revoked)."""
        is_admin = self.role_grants.filter(role=Role.ADMIN).exists()
        if self.is_staff != is_admin or self.is_superuser != is_admin:
            self.is_staff = self.is_superuser = is_admin
            self.save(update_fields=["is_staff", "is_superuser"])

    def get_pathways_display(self) -> list[str]:
        labels = dict(Pathway.choices)
        return [str(labels.get(p, p)) for p in self.pathways]


class RoleGrantQuerySet(models.QuerySet):
    def grant(self, user: User, role: str, *, by: User | None) -> bool:
        """Store that `user` holds `role` (False if they did already), keep Django's admin flags
        in step, and forget the roles kept on `user` for this request. The rules and the audit
        are in `accounts.services.grant_role`, the one way to grant a role."""
        _grant, created = self.get_or_create(user=user, role=role, defaults={"granted_by": by})
        user.sync_admin_flags()
        access.forget(user)
        return created

    def revoke(self, user: User, role: str) -> bool:
        """Remove `role` from `user` (False if they did not hold it); see `grant`."""
        deleted, _rows = self.filter(user=user, role=role).delete()
        user.sync_admin_flags()
        access.forget(user)
        return bool(deleted)


class RoleGrant(models.Model):
    """A role a person holds. Granted and revoked only through accounts.services."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=16, choices=Role.choices)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_grant_per_role")]

    def __str__(self):
        return f"{self.user} as {self.role}"


class ConsentRecord(models.Model):
    """That a person accepted a version of a document (the guidelines, the privacy notice)."""

    class Document(models.TextChoices):
        GUIDELINES = "guidelines", _("Community guidelines")
        PRIVACY = "privacy", _("Privacy notice")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    document = models.CharField(max_length=16, choices=Document.choices)
    version = models.CharField(max_length=32)
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-accepted_at"]

    def __str__(self):
        return f"{self.user} accepted {self.document} {self.version}"


class AccountRecoveryCode(models.Model):
    """A one-time code that lets a person without email set a new password. Only a hash is
    kept; the codes are shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "code_hash"])]

    def __str__(self):
        return f"recovery code of {self.user}"


class ApiTokenQuerySet(models.QuerySet):
    def live(self):
        """Tokens that still open the API (revoked tokens are deleted)."""
        return self.filter(expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A personal access token for /api/v1/, made and revoked only through accounts.services.
    Only the SHA-256 digest of the secret is kept, with its first characters to tell tokens
    apart; the secret is shown once."""

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=60)
    scope = models.CharField(_("access"), max_length=5, choices=Scope.choices)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"API token {self.prefix}… of {self.owner}"

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE


class Invitation(models.Model):
    """An invitation link or code an administrator made (Settings → Invitations): it lets
    someone join when sign-up is closed, and may carry a role (member or supporter) and what
    other apps registered (`accounts.invitations`: a group, say). Used up to `uses_allowed`
    times before `expires_at`."""

    code = models.CharField(max_length=16, unique=True)
    note = models.CharField(
        _("note"),
        max_length=80,
        blank=True,
        help_text=_("For you and the person invited, e.g. “Graduates, March”."),
    )
    role = models.CharField(max_length=16, blank=True, default="")
    extras = models.JSONField(default=dict, blank=True)
    uses_allowed = models.PositiveSmallIntegerField(default=1)
    used = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(
        "User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.code

    def usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.used < self.uses_allowed and now < self.expires_at


class InvitationUse(models.Model):
    """Who joined (or accepted) with an invitation, and when: what the administrator sees."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="uses")
    person = models.ForeignKey("User", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    # The invitation's role, while the person has not yet done what it requires (a course).
    role_waiting = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "person"], name="one_use_per_person")
        ]

    def __str__(self):
        return f"{self.person} with {self.invitation}"
