"""The safety net, ready to try: jo and casey are on duty, and jo is in river's circle."""

from lantern.accounts.models import User
from lantern.core.roles import Role

from . import services


def seed() -> None:
    people = {u.handle: u for u in User.objects.filter(handle__in=["river", "jo", "casey"])}
    services.start_shift(people["jo"], Role.SUPPORTER, 12)
    services.start_shift(people["casey"], Role.SPECIALIST, 12)
    if not people["river"].circle.filter(person=people["jo"]).exists():
        services.add_to_circle(people["river"], "jo")
