"""Alumni fixtures on top of the cast (lantern/conftest.py) and programs' `alumni` fixture
(Northside Alumni, kept by casey): a cohort, a code for it, and a graduate in it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lantern.programs.alumni import services
from lantern.programs.alumni.models import CheckIn


@pytest.fixture
def cohort(alumni, people):
    """ "Graduates, March 2026" of Northside Alumni, started by casey (no graduation date, so
    check-ins count from the day someone joins)."""
    return services.create_cohort(
        people.casey, alumni, name="Graduates, March 2026", graduated_on=None
    ).obj


@pytest.fixture
def new_code(cohort, people):
    """A live code for the cohort, good for three people for 30 days."""
    return services.create_code(people.casey, cohort, uses=3, days=30)


@pytest.fixture
def graduate(cohort, people):
    """river, added to the cohort by casey: enrolled and on the schedule."""
    services.add_graduate(people.casey, cohort, "river")
    return people.river


def make_due(person, day: int = 30, days_ago: int = 0) -> CheckIn:
    """Move `person`'s check-in for `day` to `days_ago` days ago (due now) and return it."""
    checkin = CheckIn.objects.get(person=person, day=day)
    checkin.due_on = timezone.localdate() - timedelta(days=days_ago)
    checkin.save(update_fields=["due_on"])
    return checkin
