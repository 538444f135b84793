"""The home card: a role waiting for a course, or a course under way."""

from . import services


def card(request) -> dict | None:
    person = request.user
    if not person.is_authenticated:
        return None
    waiting = services.waiting_courses(person)
    under_way = [p for p in services.progress_list(person) if p.started and not p.complete]
    if not waiting and not under_way:
        return None
    return {"waiting": waiting, "under_way": under_way}
