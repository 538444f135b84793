"""The home card: the programs a person belongs to or keeps."""

from . import services


def card(request) -> dict | None:
    person = request.user
    if not person.is_authenticated:
        return None
    programs = services.programs_of(person)
    if not programs:
        return None
    return {"programs": programs}


def family_card(request) -> dict | None:
    """For family and friends: their groups, events and resources."""
    person = request.user
    if not person.is_authenticated or not person.is_family:
        return None
    return services.for_family(person)
