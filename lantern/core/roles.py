"""The roles a person can hold, defined once. A person may hold several.

`accounts` stores them (`RoleGrant`) and grants them; every app asks about them through
`lantern.core.access` (`has_role(user, Role.MODERATOR)`) and names groups of them with the
tuples below instead of writing its own.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    SUPPORTER = "supporter", _("Supporter")
    SPECIALIST = "specialist", _("Peer specialist")
    MODERATOR = "moderator", _("Moderator")
    ADMIN = "admin", _("Administrator")


# Roles that see other people's sensitive records: two-factor required, idle sessions end.
STAFF_ROLES = (Role.SPECIALIST, Role.MODERATOR, Role.ADMIN)
# People whose role is to help: they welcome newcomers, newcomers may always write to them, and
# they may go on duty.
HELPER_ROLES = (Role.SUPPORTER, Role.SPECIALIST, Role.MODERATOR, Role.ADMIN)
# Who may keep the site's groups and meeting list: site moderators and administrators.
SITE_MODERATOR_ROLES = (Role.MODERATOR, Role.ADMIN)
