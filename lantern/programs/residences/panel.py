"""The residence's section on the program's page: occupancy at a glance for staff; for a
resident, their house and bed, and the rules waiting for them."""

from . import access
from .services import houses, residents, rules


def context(request, program) -> dict | None:
    user = request.user
    if access.is_staff(user, program):
        found = houses.houses_with_occupancy(program)
        return {
            "program": program,
            "staff_view": True,
            "houses": found,
            "taken": sum(h.taken for h in found),
            "free": sum(h.free for h in found),
            "waiting": len(residents.waiting_list(program)),
            "rules": rules.current_rules(program),
        }
    residency = access.open_residency(user, program)
    if residency is None:
        return None
    return {
        "program": program,
        "staff_view": False,
        "residency": residency,
        "house": residency.bed.room.house,
        "rules_to_accept": rules.rules_to_accept(user, program),
    }
