"""The support card on the home page (registered in apps.py): for a specialist, their caseload
and what is due; for a member, an invitation waiting or their engagement. Nothing for others."""

from . import access, services
from .models import Engagement


def home_card(request) -> dict | None:
    user = request.user
    if access.is_specialist(user):
        rows = services.caseload(user)
        return {
            "specialist": True,
            "people": len(rows),
            "due": len(services.due_list(user)),
            "waiting": sum(1 for r in rows if r.status == Engagement.Status.INVITED),
        }
    live = (
        Engagement.objects.filter(
            member=user,
            status__in=(Engagement.Status.INVITED, Engagement.Status.OPEN),
            specialist__isnull=False,
        )
        .select_related("specialist")
        .defer("request_note")
        .first()
    )
    if live is None:
        return None
    return {"specialist": False, "engagement": live}
