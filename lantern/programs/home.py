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
