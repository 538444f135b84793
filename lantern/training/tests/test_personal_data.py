"""My data: the export holds what training keeps about a person (answers decrypted); erasure
leaves nothing of it."""

from lantern.accounts.services import erase_account, export_data, grant_role
from lantern.core.models import Notification
from lantern.core.roles import Role
from lantern.training import services
from lantern.training.models import Completion, PartDone, PracticeAnswer, Requirement

from .conftest import finish


def _scenario(course):
    part = course.parts.get(key="late-night-message")
    part.course = course
    return part


def test_the_export_holds_progress_completions_and_answers(people, course):
    services.save_answer(people.river, _scenario(course), "I'm here with you.")
    finish(people.river, course)
    section = export_data(people.river)["training"]
    assert len(section["parts_done"]) == 10
    assert section["parts_done"][0]["course"] == "crisis-response"
    (completion,) = section["completions"]
    assert completion["version"] == 1 and completion["completed_at"]
    (answer,) = section["practice_answers"]
    assert answer == {
        "course": "crisis-response",
        "scenario": "late-night-message",
        "text": "I'm here with you.",
        "updated_at": answer["updated_at"],
    }
    assert export_data(people.sam)["training"] == {
        "parts_done": [],
        "completions": [],
        "practice_answers": [],
    }


def test_erasure_leaves_nothing_of_a_persons_training(people, course):
    services.save_answer(people.river, _scenario(course), "I'm here with you.")
    finish(people.river, course)
    services.save_answer(people.sam, _scenario(course), "Sam's own.")
    erase_account(people.river)
    assert not PracticeAnswer.objects.exclude(person=people.sam).exists()
    assert not PartDone.objects.exists()
    assert not Completion.objects.exists()
    assert not Notification.objects.filter(kind__startswith="training.").exists()
    assert PracticeAnswer.objects.get(person=people.sam).text == "Sam's own."


def test_a_requirement_outlives_the_administrator_who_set_it(people, course):
    grant_role(people.casey, Role.ADMIN, by=people.alex)
    services.require_course(people.casey, Role.SUPPORTER, course)
    erase_account(people.casey)
    requirement = Requirement.objects.get(role=Role.SUPPORTER)
    assert requirement.set_by is None and requirement.course == course
