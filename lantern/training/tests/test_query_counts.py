"""The course list, a course page and Settings → Training ask the database a fixed number of
times, however many courses, parts and completions there are."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import User
from lantern.conftest import PASSWORD
from lantern.training.models import Completion, Course

from .conftest import finish

ROWS = 25  # more rows than queries in any budget below: a query per row would break it
# Budgets include what every signed-in page costs (session, person, roles, site settings, the
# header); the training part is 3 queries for the list, 7 for a course page, 5 for Settings.


@pytest.fixture
def many_courses(course):
    """ROWS more courses, each with the starter's parts (copied rows)."""
    parts = list(course.parts.all())
    for n in range(ROWS):
        other = Course.objects.create(
            slug=f"course-{n:02}", content=course.content, content_hash=f"{n}", order=20 + n
        )
        for part in parts:
            part.pk, part.course = None, other
            part.save()
    return Course.objects.offered()


def _count(client, url, django_assert_num_queries, budget):
    with django_assert_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_the_course_list_costs_the_same_for_many_courses(
    people, signed_in, many_courses, django_assert_num_queries
):
    for course in many_courses[:5]:
        finish(people.river, course, leave=3)
    river = signed_in(people.river)
    page = _count(river, reverse("training-courses"), django_assert_num_queries, 9)
    assert page.content.decode().count("7 of 10 done") == 5
    assert page.content.decode().count('class="card"') >= ROWS + 1


def test_a_course_page_costs_the_same_however_far_along(
    people, signed_in, course, django_assert_num_queries
):
    finish(people.river, course, leave=1)
    river = signed_in(people.river)
    _count(river, course.get_absolute_url(), django_assert_num_queries, 12)


def test_the_settings_page_costs_the_same_for_many_completions(
    people, signed_in, many_courses, django_assert_num_queries
):
    people_ = [User.objects.create_user(f"peer{n:02}", PASSWORD) for n in range(ROWS)]
    Completion.objects.bulk_create(
        Completion(person=p, course=c, version=1, completed_at=timezone.now())
        for p in people_
        for c in many_courses[:2]
    )
    alex = signed_in(people.alex)
    page = _count(alex, reverse("training-manage"), django_assert_num_queries, 14)
    assert page.content.decode().count(">peer") == ROWS * 2


def test_the_api_costs_the_same_for_many_courses(
    people, signed_in, many_courses, django_assert_num_queries
):
    river = signed_in(people.river)
    response = _count(river, reverse("api:training-courses-api"), django_assert_num_queries, 7)
    assert response.json()["count"] == ROWS + 1


def test_the_settings_page_pages_through_completions(
    people, signed_in, course, django_assert_num_queries
):
    many = [User.objects.create_user(f"grad{n:03}", PASSWORD) for n in range(60)]
    Completion.objects.bulk_create(
        Completion(person=p, course=course, version=1, completed_at=timezone.now()) for p in many
    )
    alex = signed_in(people.alex)
    first = alex.get(reverse("training-manage")).content.decode()
    assert first.count(">grad") == 50 and "Page 1 of 2" in first
    # The site's settings are still cached from the first page: one query fewer.
    second = _count(alex, reverse("training-manage") + "?page=2", django_assert_num_queries, 13)
    assert second.content.decode().count(">grad") == 10
