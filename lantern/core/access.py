"""Who may do what, for the pieces that belong to no domain app, and the helpers every app's
`access.py` builds on.

Each app keeps its own decisions in its `access.py`: predicates `can_<verb>_<thing>(user, obj)
-> bool` and loaders `get_<thing>_for(user, pk)` that return the record or raise `Http404`.
Views, the API, commands, tasks and WebSocket consumers load records through the loaders;
templates ask the predicates. The access-matrix test (core/tests/test_access_matrix.py, with
each app's entries in its `tests/matrix.py`) checks every URL for every role.

Nothing about a person's access outlives one request: answers worth keeping while one request
runs (their roles, their memberships) are kept with `remembered()`, and `forget(user)` drops
them all. An HTTP request loads the user afresh, so a ban or a revoked role counts from the
next request; a long-lived connection (a WebSocket) calls `forget(user)` before each event.
"""

from collections.abc import Callable
from typing import Any

from lantern.core.roles import STAFF_ROLES, Role

_MEMO = "_lantern_access_memo"


def remembered(user, key: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept on `user` until `forget(user)` or the end of the request."""
    memo = user.__dict__.setdefault(_MEMO, {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget(user) -> None:
    """Drop every access answer kept on `user` (roles, memberships…): the next question asks
    the database again. Long-lived connections call this before acting on each event."""
    if user is not None:
        user.__dict__.pop(_MEMO, None)


def roles_of(user) -> frozenset[str]:
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    return user.roles


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def needs_mfa(user) -> bool:
    """Staff roles see other people's sensitive records; they must use two factors."""
    return has_role(user, *STAFF_ROLES)


def can_manage_roles(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_read_notification(user, notification) -> bool:
    return user.is_authenticated and notification.recipient_id == user.pk
