"""What a person must have done before they may hold a role, registered by the apps that know
(training: "complete the course an administrator chose"). Accounts imports no other app:

    role_requirements.register("training", unmet=courses_left_for)

`unmet(person, role)` returns what is still missing, in words a person can act on (one message
per thing), or an empty list. `services.grant_role` refuses a role while anything is missing;
an invitation that carries such a role keeps it waiting until the person has done what it asks
(`invitations.grant_waiting_roles`, called by the app when it is done).
"""

from collections.abc import Callable

_checks: dict[str, Callable] = {}


def register(name: str, *, unmet: Callable) -> None:
    _checks[name] = unmet


def missing(person, role: str) -> list[str]:
    """Everything every registered app says `person` still lacks for `role`."""
    found = []
    for name in sorted(_checks):
        found.extend(str(message) for message in _checks[name](person, role))
    return found
