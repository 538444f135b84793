"""What a trainee would say in a practice scenario is theirs alone: encrypted at rest, shown to
nobody else (another member, a specialist, a moderator or an administrator), never in the
API, and checked by the safety net as private writing."""

from django.db import connection
from django.urls import reverse

from lantern.core.models import AuditEvent
from lantern.safety import services as safety
from lantern.safety.models import Alert, CirclePreferences
from lantern.training import services
from lantern.training.models import PracticeAnswer

from .conftest import parts_of

SECRET = "I would tell them my own story about my brother Dale."
# A good answer in the overdose scenario: read by the safety net as a crisis (urgent).
URGENT = "Are you thinking about killing yourself? If he is not breathing, call 911 now."


def raw(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM training_practiceanswer WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def _scenario(course, key="late-night-message"):
    part = course.parts.get(key=key)
    part.course = course
    return part


def _answer(client, course, text, key="late-night-message"):
    return client.post(reverse("training-answer", args=[course.slug, key]), {"text": text})


def test_an_answer_is_stored_encrypted(people, signed_in, course):
    _answer(signed_in(people.river), course, SECRET)
    answer = PracticeAnswer.objects.get(person=people.river)
    stored = raw(answer.pk)
    assert stored.startswith("gAAAA") and "Dale" not in stored
    assert answer.text == SECRET


def test_nobody_else_reads_an_answer(people, signed_in, course):
    _answer(signed_in(people.river), course, SECRET)
    scenario = _scenario(course)
    for person in (people.sam, people.jo, people.casey, people.morgan, people.alex):
        client = signed_in(person)
        for url in (
            scenario.get_absolute_url(),
            scenario.get_absolute_url() + "?step=examples",
            course.get_absolute_url(),
            reverse("training-courses"),
            reverse("api:training-courses-api"),
        ):
            assert "Dale" not in client.get(url).content.decode(), (person.handle, url)
    assert "Dale" not in signed_in(people.alex).get(reverse("training-manage")).content.decode()
    # Nothing was read, so nothing for "Who looked".
    assert not AuditEvent.objects.filter(subject=people.river, actor__isnull=False).exclude(
        actor=people.river
    )


def test_another_persons_answer_is_not_theirs_to_change_or_delete(people, signed_in, course):
    _answer(signed_in(people.river), course, SECRET)
    sam = signed_in(people.sam)
    _answer(sam, course, "Mine.")
    sam.post(reverse("training-answer-delete", args=[course.slug, "late-night-message"]))
    assert PracticeAnswer.objects.get(person=people.river).text == SECRET
    assert not PracticeAnswer.objects.filter(person=people.sam).exists()


def test_the_writer_reads_changes_and_deletes_their_own(people, signed_in, course):
    river = signed_in(people.river)
    _answer(river, course, SECRET)
    scenario = _scenario(course)
    page = river.get(scenario.get_absolute_url()).content.decode()
    assert "Dale" in page  # the form starts from what they wrote
    _answer(river, course, "Second thoughts.")
    assert PracticeAnswer.objects.get(person=people.river).text == "Second thoughts."
    assert PracticeAnswer.objects.filter(person=people.river).count() == 1
    response = river.post(
        reverse("training-answer-delete", args=[course.slug, "late-night-message"]), follow=True
    )
    assert "Your answer is deleted." in response.content.decode()
    assert not PracticeAnswer.objects.filter(person=people.river).exists()


def test_rehearsed_crisis_words_tell_nobody_and_offer_the_trainee_no_crisis_lines(
    people, signed_in, course
):
    """A good practice answer talks about suicide, overdose and 911: the safety net reads it as
    a crisis. It is role-play of someone else's crisis (Context.PRACTICE), so the trainee is not
    offered the crisis lines after every answer, and a circle river asked to be told when she
    sounds in crisis hears nothing, at any hour."""
    assert safety.assess(URGENT).is_urgent  # the premise: these words read as a crisis
    CirclePreferences.objects.create(member=people.river, tell_circle_when_urgent=True)
    safety.add_to_circle(people.river, "sam")
    river = signed_in(people.river)
    response = _answer(river, course, URGENT)
    page = river.get(response["Location"]).content.decode()
    assert "crisis-offer" not in page
    assert not Alert.objects.exists()  # private writing raises no alert for staff
    told = people.sam.notifications.filter(kind__startswith="safety.").exclude(kind="safety.circle")
    assert not told.exists()  # only "river added you to her circle"


def test_a_calm_answer_offers_nothing(people, signed_in, course):
    saved = services.save_answer(people.river, _scenario(course), "Thank you for telling me.")
    assert saved.obj.person == people.river
    assert not Alert.objects.exists()


def test_every_scenario_has_its_own_answer(people, course):
    scenarios = [p for p in parts_of(course) if p.is_scenario]
    for number, scenario in enumerate(scenarios):
        services.save_answer(people.river, scenario, f"Answer {number}")
    assert [services.answer_of(people.river, s).text for s in scenarios] == [
        f"Answer {n}" for n in range(len(scenarios))
    ]
    assert services.answer_of(people.sam, scenarios[0]) is None
