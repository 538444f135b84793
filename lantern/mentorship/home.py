"""The mentorship card on the home page (registered in apps.py): the person's mentor (or the
answer they wait for), and for a mentor the people asking them. No card otherwise."""

from lantern.core.access import has_role
from lantern.core.roles import Role

from .models import Mentorship


def home_card(request) -> dict | None:
    person = request.user
    mine = Mentorship.objects.open().filter(mentee=person).select_related("mentor").first()
    asking = 0
    if has_role(person, Role.SUPPORTER):
        asking = Mentorship.objects.filter(
            mentor=person, status=Mentorship.Status.REQUESTED
        ).count()
    if mine is None and not asking:
        return None
    return {"mine": mine, "asking": asking}
