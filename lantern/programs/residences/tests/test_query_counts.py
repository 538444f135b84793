"""Every list page asks the database the same number of times for a few rows as for many:
houses, beds, residents, meetings, weeks of rota, log entries and people waiting each cost a
fixed number of queries, never one per row."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantern.accounts.models import User
from lantern.conftest import PASSWORD
from lantern.programs import services as programs
from lantern.programs.residences.services import chores, log, meetings, residents, rules
from lantern.programs.residences.services.common import monday_of, today_at

from .helpers import make_house, with_chores

PAGES = [
    # URL name, whether it names the house, the most it may cost
    ("residences-houses", False, 14),
    ("residences-house", True, 14),
    ("residences-residents", False, 12),
    ("residences-waiting", False, 14),
    ("residences-rules", False, 14),
    ("residences-meetings", True, 14),
    ("residences-rota", True, 14),
    ("residences-log", True, 14),
    ("residences-beds", True, 14),
    ("programs-program", False, 16),
]


class Growing:
    """Big House, which grows by `grow(n)`: n more residents (each in a new room of one bed),
    a meeting they all attended, a log entry about each, n more people waiting, n more
    acceptances of the rules, and one more week of rota."""

    def __init__(self, program, jo):
        self.program, self.jo = program, jo
        self.house = make_house(program, jo, name="Big House", rooms=())
        with_chores(jo, self.house, [(f"Chore {n}", 1 + n % 3) for n in range(6)])
        rules.publish_rules(jo, program, "Be kind.")
        self.people = []
        self.weeks = 0

    def grow(self, n):
        jo, house, program = self.jo, self.house, self.program
        today = today_at(house)
        for _ in range(n):
            k = len(self.people)
            person = User.objects.create_user(f"resident{k:02}", PASSWORD)
            programs.enrol(jo, program, person.handle)
            room = house.rooms.create(name=f"Room {k:02}")
            bed = room.beds.create(label="A")
            bed.room = room
            room.house = house
            residents.move_in(jo, program, person, bed, today - timedelta(days=400))
            rules.accept_rules(person, rules.current_rules(program))
            log.write_entry(jo, house, day=today, text=f"Entry {k}", resident=person)
            residents.add_to_waiting_list(jo, program, note=f"Person {k}", asked_on=today)
            self.people.append(person)
        day = meetings.last_scheduled_date(house) - timedelta(weeks=self.weeks)
        meeting = meetings.open_meeting(jo, house, day)
        meeting.house = house
        meetings.take_attendance(jo, meeting, {p.pk: "present" for p in self.people})
        self.weeks += 1
        chores.make_week(jo, house, monday_of(today) - timedelta(weeks=30 - self.weeks))


@pytest.fixture
def big(residence, people):
    return Growing(residence, people.jo)


def _count(client, url) -> int:
    client.get(url)  # the first request of a session also reads what later ones keep
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(("name", "names_house", "budget"), PAGES)
def test_list_pages_cost_the_same_for_a_few_rows_as_for_many(
    people, big, signed_in, name, names_house, budget
):
    args = [big.program.slug] + ([big.house.pk] if names_house else [])
    url = reverse(name, args=args)
    jo = signed_in(people.jo)
    big.grow(2)
    few = _count(jo, url)
    big.grow(10)
    many = _count(jo, url)
    assert many == few, f"{name}: {few} queries for a few rows, {many} for many"
    assert many <= budget


def test_the_residents_own_page_costs_the_same(people, big, signed_in):
    big.grow(2)
    client = signed_in(big.people[0])
    url = big.house.get_absolute_url()
    few = _count(client, url)
    big.grow(10)
    assert _count(client, url) == few <= 18
