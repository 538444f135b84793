"""The demo shows training: the starter course, required for supporters; jo has completed it,
river is two parts in. Running it again changes nothing."""

from lantern.core.models import Notification
from lantern.core.roles import Role
from lantern.training import demo, services
from lantern.training.models import Completion, Course, PartDone, Requirement


def test_the_demo_seed_is_safe_to_run_again(people):
    demo.seed()
    demo.seed()
    course = Course.objects.get(slug=demo.STARTER)
    assert Requirement.objects.get(role=Role.SUPPORTER).course == course
    assert Completion.objects.get(person=people.jo).version == course.version
    assert PartDone.objects.filter(person=people.river).count() == 2
    assert not Completion.objects.filter(person=people.river).exists()
    assert Notification.objects.filter(recipient=people.jo, kind="training.completed").count() == 1
    (progress,) = services.progress_list(people.river)
    assert (progress.done, progress.total) == (2, 10)


def test_without_the_demo_people_the_seed_only_loads_the_courses(db):
    demo.seed()
    assert Course.objects.filter(slug=demo.STARTER).exists()
    assert not Requirement.objects.exists()
