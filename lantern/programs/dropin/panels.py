"""What the drop-in app shows on programs' pages, registered in apps.py: the section on a
drop-in program's page (hours, today's activities, a link to the person's own visits; for
staff, today's count and their pages)."""

from . import access, counts


def program_panel(request, program) -> dict:
    today = counts.today(program)
    context = {"today": today, "keeps": access.can_keep_center(request.user, program)}
    if context["keeps"]:
        context["count"] = counts.today_count(program, today.zone)
    return context
