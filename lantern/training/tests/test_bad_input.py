"""Bad input shows the form again with what to fix, and loses nothing."""

from django.urls import reverse

from lantern.training.models import PracticeAnswer, Requirement
from lantern.training.services import ANSWER_LIMIT


def test_an_empty_answer_shows_the_form_again(people, signed_in, course):
    river = signed_in(people.river)
    response = river.post(
        reverse("training-answer", args=[course.slug, "late-night-message"]), {"text": "   "}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page or "Write what you would say" in page
    assert "The situation" in page and "Example responses" not in page
    assert not PracticeAnswer.objects.exists()


def test_a_long_answer_comes_back_with_what_was_written(people, signed_in, course):
    river = signed_in(people.river)
    text = "I hear you. " * (ANSWER_LIMIT // 10)
    response = river.post(
        reverse("training-answer", args=[course.slug, "late-night-message"]), {"text": text}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "I hear you. I hear you." in page  # nothing lost
    assert 'aria-describedby="' in page  # the error is linked to the field
    assert not PracticeAnswer.objects.exists()


def test_a_course_that_is_not_on_the_list_is_refused_on_the_settings_page(
    people, signed_in, course
):
    response = signed_in(people.alex).post(
        reverse("training-manage"), {"supporter": "no-such-course"}
    )
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not Requirement.objects.exists()


def test_pages_that_only_take_posts_refuse_a_get(people, signed_in, course):
    river = signed_in(people.river)
    for name in ("training-answer", "training-answer-delete", "training-done"):
        url = reverse(name, args=[course.slug, "late-night-message"])
        assert river.get(url).status_code == 405
