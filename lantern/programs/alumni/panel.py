"""The alumni section of an alumni program's page (`programs.registry.panel`): for its staff,
the ways into cohorts, follow-ups and volunteers with what waits there; for a graduate, their
cohorts, a check-in that waits, their level of care now, and giving back."""

from . import access, services
from .models import Volunteer


def context(request, program) -> dict | None:
    person = request.user
    if access.is_staff(person, program):
        return {
            "staff": True,
            "cohort_count": program.cohorts.count(),
            "due_count": services.due_count(person, program),
            "volunteer_count": Volunteer.objects.filter(program=program).count(),
        }
    return {
        "staff": False,
        "cohorts": services.cohorts_in(person, [program.pk]),
        "waiting": services.waiting_for(person, program),
        "level": services.current_level(program, person),
        "volunteered": services.has_volunteered(person, program),
    }
