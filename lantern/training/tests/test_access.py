"""Training's own rows of the access matrix, checked here too (the project-wide matrix test
needs every app's records at once): each URL, as each person of the cast, answers as
tests/matrix.py says. And the decisions behind it, as stories."""

import pytest
from django.test import Client
from django.urls import reverse

from lantern.conftest import log_in
from lantern.core.tests.matrix import WHO
from lantern.core.tests.test_access_matrix import _check, url_names
from lantern.training.tests import matrix


def test_every_training_url_is_in_the_matrix():
    mine = [name for name in url_names() if "training" in name]
    assert sorted(mine) == sorted(matrix.MATRIX)


@pytest.mark.django_db
def test_each_training_url_answers_each_person_as_the_matrix_says(people):
    made = matrix.records(people)
    clients = {"anon": Client(), **{p.handle: log_in(Client(), p) for p in people}}
    failures = []
    for name, (method, kwargs, answers) in matrix.MATRIX.items():
        url = reverse(name, kwargs={k: made.get(v, v) for k, v in (kwargs or {}).items()} or None)
        for who in WHO:
            ok, got = _check(clients[who], method, url, answers[who])
            if not ok:
                failures.append(f"{name} {url} as {who}: expected {answers[who]}, got {got}")
    assert failures == [], "\n".join(failures)


def test_a_course_that_does_not_exist_is_not_found(people, signed_in, course):
    river = signed_in(people.river)
    assert river.get(reverse("training-course", args=["no-such-course"])).status_code == 404
    missing_part = reverse("training-part", args=[course.slug, "no-such-part"])
    assert river.get(missing_part).status_code == 404


def test_a_course_no_longer_offered_is_not_found(people, signed_in, course):
    course.active = False
    course.save()
    river = signed_in(people.river)
    assert river.get(course.get_absolute_url()).status_code == 404
    assert river.post(reverse("training-done", args=[course.slug, "listening"])).status_code == 404
    assert course.title not in river.get(reverse("training-courses")).content.decode()


def test_a_part_gone_from_the_files_is_not_found(people, signed_in, course):
    course.parts.filter(key="listening").update(active=False)
    river = signed_in(people.river)
    assert river.get(reverse("training-part", args=[course.slug, "listening"])).status_code == 404


def test_a_lesson_has_no_answer_to_write(people, signed_in, course):
    river = signed_in(people.river)
    url = reverse("training-answer", args=[course.slug, "listening"])
    assert river.post(url, {"text": "Hello"}).status_code == 404


def test_settings_training_is_for_administrators_only(people, signed_in, course):
    for person in (people.river, people.jo, people.casey, people.morgan):
        assert signed_in(person).get(reverse("training-manage")).status_code == 404
        response = signed_in(person).post(reverse("training-manage"), {"supporter": course.slug})
        assert response.status_code == 404
    assert signed_in(people.alex).get(reverse("training-manage")).status_code == 200
