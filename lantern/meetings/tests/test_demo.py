"""`manage.py demo` runs the meetings seed (registered with core): a week of meetings around
Chicago and river's recent meetings, and running it again changes nothing."""

from lantern.core import registry
from lantern.meetings import demo
from lantern.meetings.models import Attendance, Meeting


def test_the_demo_seed_is_registered_and_safe_to_run_again(people):
    seed = next(s for s in registry.demo_seeds() if s.name == "meetings")
    assert (seed.seed, seed.order) == (demo.seed, 10)
    seed.seed()
    meetings, attended = Meeting.objects.count(), Attendance.objects.count()
    assert meetings == len(demo.MEETINGS) and attended > 0
    assert set(Attendance.objects.values_list("member__handle", flat=True)) == {"river"}
    seed.seed()
    assert (Meeting.objects.count(), Attendance.objects.count()) == (meetings, attended)
