"""/api/v1/training/courses: the courses and my progress, for a signed-in person only."""

from django.urls import reverse

from lantern.training import services

from .conftest import finish


def test_the_api_lists_courses_with_my_progress(people, signed_in, course):
    finish(people.river, course, leave=4)
    body = signed_in(people.river).get(reverse("api:training-courses-api")).json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["slug"] == "crisis-response"
    assert (item["parts"], item["done"], item["version"]) == (10, 6, 1)
    assert item["completed_at"] is None and item["completed_version"] is None
    assert item["url"] == course.get_absolute_url()


def test_a_completed_course_says_when_and_which_version(people, signed_in, course):
    finish(people.jo, course)
    (item,) = signed_in(people.jo).get(reverse("api:training-courses-api")).json()["items"]
    assert item["completed_version"] == 1 and item["completed_at"]


def test_visitors_are_told_to_sign_in(client, course):
    response = client.get(reverse("api:training-courses-api"))
    assert response.status_code == 401
    assert "detail" in response.json()


def test_the_api_never_carries_answers(people, signed_in, course):
    part = course.parts.get(key="late-night-message")
    part.course = course
    services.save_answer(people.river, part, "Words only river reads.")
    body = signed_in(people.river).get(reverse("api:training-courses-api")).content.decode()
    assert "Words only river reads." not in body
