"""Courses are content in the repository: editing a course's files makes a new version when it
is loaded again. A new version keeps everyone's progress and completions, and says which
version each person completed."""

import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from lantern.core.models import Notification
from lantern.core.roles import Role
from lantern.training import content, loader, services
from lantern.training.models import Completion, Course, Part

from .conftest import STARTER, finish


@pytest.fixture
def courses_dir(tmp_path):
    """A copy of the repository's courses that a test may edit."""
    shutil.copytree(content.COURSES_DIR / STARTER, tmp_path / STARTER)
    return tmp_path


def _edit(folder, language, old, new):
    path = folder / STARTER / f"course.{language}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEW_LESSON = {
    "en": "\n## lesson after-a-crisis: After a crisis\n\nCheck in the next day.\n",
    "es": "\n## lesson after-a-crisis: Después de una crisis\n\nEscríbele al día siguiente.\n",
}


def test_loading_again_without_changes_keeps_the_version(db, courses_dir):
    (first,) = loader.load_all(courses_dir)
    (again,) = loader.load_all(courses_dir)
    assert (first.version, first.changed) == (1, True)
    assert (again.version, again.changed) == (1, False)


def test_an_edit_makes_a_new_version_and_keeps_who_completed_which(people, courses_dir):
    loader.load_all(courses_dir)
    course = Course.objects.get(slug=STARTER)
    finish(people.jo, course)
    finish(people.river, course, leave=2)

    _edit(courses_dir, "en", "Listening without fixing", "Listening, without fixing")
    (loaded,) = loader.load_all(courses_dir)
    assert (loaded.version, loaded.changed) == (2, True)
    course.refresh_from_db()
    assert course.version == 2
    assert Part.objects.get(course=course, key="listening").title == "Listening, without fixing"

    completion = Completion.objects.get(person=people.jo)
    assert completion.version == 1  # not erased, and says which version
    assert services.unmet(people.jo, Role.SUPPORTER) == []
    (jo_progress,) = services.progress_list(people.jo)
    assert jo_progress.complete and jo_progress.outdated
    (river_progress,) = services.progress_list(people.river)
    assert river_progress.done == 8 and not river_progress.complete


def test_the_course_page_says_which_version_was_completed(people, signed_in, courses_dir):
    loader.load_all(courses_dir)
    course = Course.objects.get(slug=STARTER)
    finish(people.jo, course)
    _edit(courses_dir, "es", "Escuchar sin querer arreglar", "Escuchar sin arreglar")
    loader.load_all(courses_dir)
    page = signed_in(people.jo).get(course.get_absolute_url()).content.decode()
    assert "you completed version 1; the course is now at version 2" in page
    first = course.parts.order_by("position").first()
    assert f'href="{first.get_absolute_url()}">Go through version 2</a>' in page
    page = signed_in(people.alex).get(reverse("training-manage")).content.decode()
    assert "(version 1)" in page


def test_a_new_part_keeps_the_completion_and_going_through_again_records_the_new_version(
    people, courses_dir
):
    loader.load_all(courses_dir)
    course = Course.objects.get(slug=STARTER)
    finish(people.jo, course)
    for language, lesson in NEW_LESSON.items():
        path = courses_dir / STARTER / f"course.{language}.md"
        text = path.read_text(encoding="utf-8")
        cut = text.index("## scenario")
        path.write_text(text[:cut] + lesson.lstrip("\n") + "\n" + text[cut:], encoding="utf-8")
    loader.load_all(courses_dir)
    course.refresh_from_db()
    (progress,) = services.progress_list(people.jo)
    assert (progress.done, progress.total, progress.complete) == (10, 11, True)

    new = Part.objects.get(course=course, key="after-a-crisis")
    assert new.position == 7 and new.title == "After a crisis"
    new.course = course
    assert services.mark_done(people.jo, new) is None
    assert Completion.objects.get(person=people.jo).version == 1  # one click is not a review

    completion = finish(people.jo, course)  # through the course again, at version 2
    assert completion.version == 2
    assert Completion.objects.get(person=people.jo).version == 2
    assert Notification.objects.filter(recipient=people.jo).count() == 2


def test_a_part_removed_from_the_files_stops_being_offered_but_progress_stays(people, courses_dir):
    loader.load_all(courses_dir)
    course = Course.objects.get(slug=STARTER)
    finish(people.river, course)
    for language in ("en", "es"):
        path = courses_dir / STARTER / f"course.{language}.md"
        text = path.read_text(encoding="utf-8")
        start = text.index("## scenario keep-it-secret")
        path.write_text(text[:start], encoding="utf-8")
    loader.load_all(courses_dir)
    part = Part.objects.get(course=course, key="keep-it-secret")
    assert not part.active
    assert part.done_by.filter(person=people.river).exists()
    (progress,) = services.progress_list(people.river)
    assert (progress.done, progress.total) == (9, 9)


def test_a_course_whose_folder_is_gone_is_no_longer_offered(people, courses_dir, tmp_path):
    loader.load_all(courses_dir)
    empty = tmp_path / "none"
    empty.mkdir()
    assert loader.load_all(empty) == []
    assert not Course.objects.get(slug=STARTER).active
    assert services.progress_list(people.river) == []
    # Back again: offered, same version (its files did not change).
    (loaded,) = loader.load_all(courses_dir)
    assert loaded.version == 1 and Course.objects.get(slug=STARTER).active


def test_the_management_command_loads_the_courses(db, capsys):
    call_command("load_courses")
    assert "crisis-response: version 1 (loaded)" in capsys.readouterr().out
    call_command("load_courses")
    assert "crisis-response: version 1 (unchanged)" in capsys.readouterr().out
    assert Course.objects.get(slug=STARTER).parts.count() == 10


def test_the_management_command_can_be_quiet(db, capsys):
    call_command("load_courses", verbosity=0)
    assert capsys.readouterr().out == ""
    assert Course.objects.filter(slug=STARTER).exists()


def test_someone_halfway_through_when_a_new_version_comes_completes_the_new_version(
    people, courses_dir
):
    loader.load_all(courses_dir)
    course = Course.objects.get(slug=STARTER)
    finish(people.river, course, leave=5)
    _edit(courses_dir, "en", "Listening without fixing", "Listening, without fixing")
    loader.load_all(courses_dir)
    course.refresh_from_db()
    completion = finish(people.river, course)
    assert completion.version == 2  # what they finished is the version offered now
