"""The directory asks the database the same number of times for 5 resources as for 200: the
search page (plain and searched, for a visitor and for staff), the API, and one resource with
many reports."""

import pytest
from django.urls import reverse

from lantern.directory import services
from lantern.directory.models import Resource

pytestmark = pytest.mark.django_db


def add(n: int, start: int = 0) -> None:
    Resource.objects.bulk_create(
        Resource(
            name=f"Pantry {i:03d}",
            kind="food",
            address=f"{i} Main St",
            phone="312-555-0100",
            languages="English; Spanish",
            demo=i % 2 == 0,
        )
        for i in range(start, start + n)
    )


def count(client, django_assert_max_num_queries, url, query=None) -> int:
    """Queries for the page once the site's settings are cached (the first request of a
    process reads them; every later one does not)."""
    client.get(url, query or {})
    with django_assert_max_num_queries(100) as captured:
        response = client.get(url, query or {})
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "query",
    [{}, {"q": "pantry main", "kind": "food", "language": "spanish"}, {"page": 2}],
    ids=["all", "searched", "second-page"],
)
def test_the_search_page_costs_the_same_for_5_or_200_resources(
    client, django_assert_max_num_queries, query
):
    add(30)  # a second page exists from the start
    few = count(client, django_assert_max_num_queries, reverse("directory-list"), query)
    add(170, start=30)
    many = count(client, django_assert_max_num_queries, reverse("directory-list"), query)
    assert many == few <= 4  # the count, the page, and the site's own


def test_a_staff_members_search_page_costs_the_same_too(
    people, signed_in, django_assert_max_num_queries
):
    casey = signed_in(people.casey)
    add(5)
    few = count(casey, django_assert_max_num_queries, reverse("directory-list"))
    add(195, start=5)
    assert count(casey, django_assert_max_num_queries, reverse("directory-list")) == few


def test_the_api_costs_the_same_for_5_or_200_resources(client, django_assert_max_num_queries):
    url = reverse("api:directory-resources-api")
    add(5)
    few = count(client, django_assert_max_num_queries, url, {"kind": "food"})
    add(195, start=5)
    assert count(client, django_assert_max_num_queries, url, {"kind": "food"}) == few


def test_one_resource_with_many_reports_costs_the_same(
    people, signed_in, django_assert_max_num_queries
):
    add(1)
    pantry = Resource.objects.get()
    casey = signed_in(people.casey)
    services.report_outdated(people.casey, pantry, "Moved")
    few = count(casey, django_assert_max_num_queries, pantry.get_absolute_url())
    for n in range(30):
        services.report_outdated(people.morgan, pantry, f"Report {n}")
    assert count(casey, django_assert_max_num_queries, pantry.get_absolute_url()) == few
