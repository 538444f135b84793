"""Every list page of a drop-in center asks the database a fixed number of times, however many
kiosks, activities and visits there are: the budgets below are exact, and each test fills the
page with more rows than its budget (a query per row would break it)."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.programs.dropin import services
from lantern.programs.dropin.models import Visit

from .conftest import kiosk_url

ROWS = 30
# What any page costs morgan, a staff member with two-factor (session, person, roles, the
# authenticator, the header's counts, the idle-session stamp in three), plus the program and
# morgan's membership of it.
STAFF_PAGE = 11


@pytest.fixture
def busy(center, new_kiosk, people):
    """The Lighthouse with ROWS more kiosks (half of them revoked: a center keeps at most 20
    live), 2 × ROWS activities and ROWS × 10 visits over the last two weeks (members and
    guests)."""
    for n in range(ROWS):
        kiosk = services.create_kiosk(people.morgan, center, f"Tablet {n}").kiosk
        if n % 2:
            services.revoke_kiosk(people.morgan, kiosk)
        services.add_activity(
            people.morgan, center, title=f"Weekly {n}", starts=time(9 + n % 10), weekday=n % 7
        )
        services.add_activity(
            people.morgan,
            center,
            title=f"Once {n}",
            starts=time(10),
            on_date=services.local_now(services.zone_of(center)).date() + timedelta(days=n % 5),
        )
    now = timezone.now()
    Visit.objects.bulk_create(
        Visit(
            program=center,
            person=people.river if n % 3 == 0 else None,
            signed_in_at=now - timedelta(hours=n),
            kiosk=new_kiosk.kiosk,
        )
        for n in range(ROWS * 10)
    )
    return center


def _get(client, url, django_assert_num_queries, budget, **query):
    client.get(url, query)  # warm: session, roles, the site's settings
    with django_assert_num_queries(budget):
        response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_kiosk_list(busy, people, signed_in, django_assert_num_queries):
    html = _get(
        signed_in(people.morgan),
        reverse("dropin-kiosks", args=[busy.slug]),
        django_assert_num_queries,
        STAFF_PAGE + 1,
    )
    assert html.count("Revoke “") == ROWS // 2 + 1
    assert html.count("revoked</span>") == ROWS // 2


def test_the_activity_list(busy, people, signed_in, django_assert_num_queries):
    html = _get(
        signed_in(people.morgan),
        reverse("dropin-activities", args=[busy.slug]),
        django_assert_num_queries,
        STAFF_PAGE + 3,  # the center's zone, the weekly ones, the coming ones
    )
    assert html.count("Remove “") == 2 * ROWS


def test_the_visits_by_day_and_hour(busy, people, signed_in, django_assert_num_queries):
    html = _get(
        signed_in(people.morgan),
        reverse("dropin-visits", args=[busy.slug]),
        django_assert_num_queries,
        STAFF_PAGE + 4,  # the zone, today's count, the counts, the opening hours
    )
    assert "Day by hour" in html and html.count('<rect class="bar"') >= 14


def test_a_member_s_own_visits(busy, people, signed_in, django_assert_num_queries):
    html = _get(signed_in(people.river), reverse("dropin-my-visits"), django_assert_num_queries, 6)
    assert html.count("The Lighthouse") >= 50  # a full page


def test_the_program_page_with_today(busy, people, signed_in, django_assert_num_queries):
    html = _get(signed_in(people.morgan), busy.get_absolute_url(), django_assert_num_queries, 15)
    assert "Today at the center" in html and "Keeping the center" in html


def test_the_kiosk(busy, new_kiosk, client, django_assert_num_queries):
    """Nobody signed in: the kiosk, the center's zone, its hours and today's activities."""
    html = _get(client, kiosk_url(new_kiosk.secret), django_assert_num_queries, 4)
    assert "Welcome to The Lighthouse" in html
