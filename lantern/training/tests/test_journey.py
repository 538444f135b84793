"""A supporter-to-be works through the starter course on its pages: lessons, then scenarios
(write what you would say → see the examples → mark as done). The supporter role their
invitation carried arrives the moment the course is complete, and they are told."""

from django.urls import reverse

from lantern.accounts import invitations
from lantern.accounts.models import User
from lantern.core.models import AuditEvent, Notification
from lantern.core.roles import Role
from lantern.training import services
from lantern.training.models import Completion, PartDone, PracticeAnswer

from .conftest import finish, parts_of


def _invited_supporter(people, course):
    services.require_course(people.alex, Role.SUPPORTER, course)
    (invitation,) = invitations.create(people.alex, count=1, role=Role.SUPPORTER)
    newcomer = User.objects.create_user("lee", "a long pass phrase 42")
    invitations.use(newcomer, invitation.code)
    return User.objects.get(pk=newcomer.pk)


def test_an_invited_supporter_works_through_the_course_and_the_role_arrives(
    people, signed_in, course
):
    lee = _invited_supporter(people, course)
    assert Role.SUPPORTER not in lee.roles
    assert invitations.waiting_roles(lee) == [Role.SUPPORTER]
    client = signed_in(lee)

    # Home says what is waiting, and where to go.
    home = client.get(reverse("core-home")).content.decode()
    assert "Your new role is waiting for you" in home
    assert course.get_absolute_url() in home

    page = client.get(reverse("training-courses")).content.decode()
    assert "Responding to a peer in crisis, and when to escalate" in page
    assert "0 of 10 done" in page

    parts = parts_of(course)
    lessons = [p for p in parts if not p.is_scenario]
    scenarios = [p for p in parts if p.is_scenario]
    assert (len(lessons), len(scenarios)) == (6, 4)

    course_page = client.get(course.get_absolute_url()).content.decode()
    assert "Start" in course_page and lessons[0].get_absolute_url() in course_page

    for lesson in lessons:
        page = client.get(lesson.get_absolute_url()).content.decode()
        assert lesson.title in page and "Mark as done" in page
        response = client.post(reverse("training-done", args=[course.slug, lesson.key]))
        assert response.status_code == 302
    assert Role.SUPPORTER not in User.objects.get(pk=lee.pk).roles  # lessons are not enough

    for number, scenario in enumerate(scenarios):
        first = client.get(scenario.get_absolute_url()).content.decode()
        assert "The situation" in first and "What would you say?" in first
        assert "Example responses" not in first  # only after writing, or choosing to skip
        assert "Mark as done" not in first
        if number % 2 == 0:
            response = client.post(
                reverse("training-answer", args=[course.slug, scenario.key]),
                {"text": "I'm glad you told me. I'm here and I'm staying."},
            )
            assert response.status_code == 302
            assert response["Location"].endswith("?step=examples")
            revealed = client.get(response["Location"]).content.decode()
            assert "I&#x27;m glad you told me." in revealed
            assert "Only you can read this." in revealed
        else:
            revealed = client.get(scenario.get_absolute_url() + "?step=examples").content.decode()
        for heading in ("Example responses", "What to avoid", "When to hand off", "Mark as done"):
            assert heading in revealed
        client.post(reverse("training-done", args=[course.slug, scenario.key]))

    lee = User.objects.get(pk=lee.pk)
    assert Role.SUPPORTER in lee.roles
    assert invitations.waiting_roles(lee) == []
    completion = Completion.objects.get(person=lee, course=course)
    assert completion.version == course.version
    note = Notification.objects.get(recipient=lee, kind="training.role_granted")
    assert note.params["roles"] == "Supporter"
    assert PracticeAnswer.objects.filter(person=lee).count() == 2

    page = client.get(reverse("training-courses")).content.decode()
    assert "Completed" in page
    assert "Your new role is waiting" not in client.get(reverse("core-home")).content.decode()


def test_marking_the_last_part_done_says_the_course_is_complete(people, signed_in, course):
    client = signed_in(people.river)
    finish(people.river, course, leave=1)
    last = parts_of(course)[-1]
    response = client.post(reverse("training-done", args=[course.slug, last.key]), follow=True)
    assert "You completed “Responding to a peer in crisis, and when to escalate”" in (
        response.content.decode()
    )
    assert response.redirect_chain[-1][0] == course.get_absolute_url()
    note = Notification.objects.get(recipient=people.river)
    assert note.kind == "training.completed"


def test_mark_as_done_moves_to_the_next_part(people, signed_in, course):
    client = signed_in(people.river)
    first, second = parts_of(course)[:2]
    response = client.post(reverse("training-done", args=[course.slug, first.key]))
    assert response["Location"] == second.get_absolute_url()
    # Done twice is done once.
    client.post(reverse("training-done", args=[course.slug, first.key]))
    assert PartDone.objects.filter(person=people.river).count() == 1
    page = client.get(first.get_absolute_url()).content.decode()
    assert "You have done this part." in page and "Next part" in page


def test_the_course_page_shows_progress_and_where_to_carry_on(people, signed_in, course):
    finish(people.river, course, leave=8)
    page = signed_in(people.river).get(course.get_absolute_url()).content.decode()
    assert "2 of 10 done" in page
    third = parts_of(course)[2]
    assert f'href="{third.get_absolute_url()}">Carry on: {third.title}' in page
    assert page.count("<strong>done</strong>") == 2


def test_completing_again_tells_nobody_twice(people, course):
    assert finish(people.river, course) is not None
    assert finish(people.river, course) is None
    assert Notification.objects.filter(recipient=people.river).count() == 1


def test_a_role_waits_for_the_course_even_after_one_refusal(people, course):
    lee = _invited_supporter(people, course)
    finish(lee, course, leave=1)
    assert invitations.grant_waiting_roles(lee) == []
    finish(lee, course)
    assert Role.SUPPORTER in User.objects.get(pk=lee.pk).roles


def test_a_role_granted_by_completion_is_in_the_audit_log(people, course):
    lee = _invited_supporter(people, course)
    finish(lee, course)
    actions = set(AuditEvent.objects.filter(subject=lee).values_list("action", flat=True))
    assert {"training.complete", "role.grant"} <= actions
