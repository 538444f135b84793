"""Mentors for tests: jo (the cast's supporter) and more supporters made on the spot."""

from datetime import date, timedelta

from lantern.conftest import make_person
from lantern.core.roles import Role
from lantern.mentorship import services


def years_ago(years: int) -> date:
    return date.today() - timedelta(days=365 * years + 5)


def profile_for(person, **overrides):
    fields = {
        "languages": ("en",),
        "pathways": ("12-step",),
        "experience": ("parenting",),
        "availability": ("weekday-evenings",),
        "capacity": 2,
        "online_only": True,
        "recovery_since": years_ago(3),
    }
    fields.update(overrides)
    return services.save_profile(person, services.ProfileFields(**fields)).obj


def supporter(handle: str, **overrides):
    person = make_person(handle, [Role.MEMBER, Role.SUPPORTER])
    profile_for(person, **overrides)
    return person


def ask_for(person, **overrides):
    fields = {"languages": ("en",), "pathways": ("12-step",), "online_only": True}
    fields.update(overrides)
    return services.save_ask(person, services.AskFields(**fields))
