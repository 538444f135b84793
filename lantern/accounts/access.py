"""Who may reach accounts' records, and the loaders views use (same shape as every app's
`access.py`). Roles themselves and the staff predicates are in `lantern.core.access`."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from lantern.core.access import can_manage_roles

from .models import ApiToken, User


def get_person_for(user, handle: str) -> User:
    """The person an administrator is managing; 404 for anyone who is not an administrator."""
    if not can_manage_roles(user):
        raise Http404
    return get_object_or_404(User, handle__iexact=handle)


def get_api_token_for(user, pk: int) -> ApiToken:
    """One of `user`'s own API tokens; 404 for anyone else's."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(ApiToken, pk=pk, owner=user)
