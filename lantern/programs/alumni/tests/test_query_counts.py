"""Every list page of alumni asks the database a fixed number of times, however many cohorts,
graduates, codes, check-ins, levels of care and volunteers there are: ROWS of each is more than
any budget below, so a query per row would break it. Budgets include what every signed-in page
costs (session, person, roles, two-factor, site settings, the header's counts: about 8)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import User
from lantern.conftest import PASSWORD
from lantern.programs.alumni import services
from lantern.programs.alumni.models import CheckIn

pytestmark = pytest.mark.django_db

ROWS = 15
TODAY = timezone.localdate


@pytest.fixture
def busy(people, alumni, cohort):
    """ROWS cohorts; ROWS graduates in the first, each with a check-in due, an answered one
    asking for a call, a level of care and an offer to give back; ROWS codes; and river with
    ROWS levels of care."""
    for n in range(ROWS - 1):
        services.create_cohort(people.casey, alumni, name=f"Cohort {n}", graduated_on=None)
    for n in range(ROWS):
        person = User.objects.create_user(f"grad{n:02}", PASSWORD)
        services.add_graduate(people.casey, cohort, person.handle)
        CheckIn.objects.filter(person=person, day__in=(30, 90)).update(due_on=TODAY())
        services.answer_checkin(person, CheckIn.objects.get(person=person, day=90), answer="call")
        services.record_care_level(people.casey, alumni, person, level="outpatient", since=TODAY())
        services.volunteer(person, alumni)
        services.create_code(people.casey, cohort, uses=5, days=30)
    services.add_graduate(people.casey, cohort, "river")
    CheckIn.objects.filter(person=people.river).update(due_on=TODAY())
    for n in range(ROWS):
        services.record_care_level(
            people.casey, alumni, people.river, level="outpatient", since=TODAY() - timedelta(n)
        )
    return cohort


def _budget(client, url, django_assert_num_queries, budget):
    with django_assert_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_cohort_list(people, alumni, busy, signed_in, django_assert_num_queries):
    casey = signed_in(people.casey)
    html = _budget(
        casey, reverse("alumni-cohorts", args=[alumni.slug]), django_assert_num_queries, 13
    )
    assert html.count(f'href="/programs/{alumni.slug}/cohorts/') == ROWS


def test_the_cohort_page_for_staff(people, busy, signed_in, django_assert_num_queries):
    casey = signed_in(people.casey)
    html = _budget(casey, busy.get_absolute_url(), django_assert_num_queries, 16)
    assert html.count("Code ending in") == ROWS
    assert html.count("/graduates/") == ROWS + 1


def test_the_cohort_page_for_a_graduate(people, busy, signed_in, django_assert_num_queries):
    river = signed_in(people.river)
    html = _budget(river, busy.get_absolute_url(), django_assert_num_queries, 10)
    assert html.count("Answer now") == 3


def test_the_follow_ups(people, alumni, busy, signed_in, django_assert_num_queries):
    casey = signed_in(people.casey)
    url = reverse("alumni-followups", args=[alumni.slug])
    html = _budget(casey, url, django_assert_num_queries, 14)
    assert (
        html.count("I'd like someone to call me") + html.count("I&#x27;d like someone to call me")
        >= ROWS
    )


def test_the_volunteers(people, alumni, busy, signed_in, django_assert_num_queries):
    casey = signed_in(people.casey)
    url = reverse("alumni-volunteers", args=[alumni.slug])
    html = _budget(casey, url, django_assert_num_queries, 13)
    assert html.count("/graduates/") == ROWS


def test_a_graduates_page(people, alumni, busy, signed_in, django_assert_num_queries):
    casey = signed_in(people.casey)
    url = reverse("alumni-graduate", args=[alumni.slug, people.river.pk])
    html = _budget(casey, url, django_assert_num_queries, 16)
    assert html.count("Outpatient, since") == ROWS


def test_my_aftercare(people, busy, signed_in, django_assert_num_queries):
    river = signed_in(people.river)
    html = _budget(river, reverse("alumni-mine"), django_assert_num_queries, 12)
    assert html.count("Outpatient, since") == ROWS


def test_the_programs_page_for_staff_and_graduates(
    people, alumni, busy, signed_in, django_assert_num_queries
):
    _budget(signed_in(people.casey), alumni.get_absolute_url(), django_assert_num_queries, 15)
    _budget(signed_in(people.river), alumni.get_absolute_url(), django_assert_num_queries, 10)
