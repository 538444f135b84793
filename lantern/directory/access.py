"""Who may see and change the directory. Resources are public: anyone, signed in or not, reads
an active one. Staff (specialists, moderators, admins) report one out of date; admins and
specialists import."""

from django.shortcuts import get_object_or_404

from lantern.core.access import has_role
from lantern.core.roles import STAFF_ROLES, Role

from .models import Resource


def can_report_outdated(user) -> bool:
    return has_role(user, *STAFF_ROLES)


def can_import(user) -> bool:
    return has_role(user, Role.SPECIALIST, Role.ADMIN)


def get_resource_for(user, pk: int) -> Resource:
    """An active resource (anyone), or 404."""
    return get_object_or_404(Resource.objects.active(), pk=pk)
