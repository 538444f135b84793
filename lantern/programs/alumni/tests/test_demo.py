"""The demo (`manage.py demo`): Northside Alumni gets two cohorts, sam in the older one with his
90-day check-in waiting and his 30-day one answered, his steps down from residential care, and
the demo's live code for the newer cohort. Running it again changes nothing."""

import pytest
from django.urls import reverse

from lantern.core.models import Notification
from lantern.programs import demo as programs_demo
from lantern.programs.alumni import demo, services
from lantern.programs.alumni.models import CareLevel, CheckIn, Cohort, InviteCode
from lantern.programs.models import Program

pytestmark = pytest.mark.django_db


def test_the_demo_gives_northside_alumni_its_cohorts_and_sam_his_aftercare(people, signed_in):
    programs_demo.seed()
    demo.seed()
    demo.seed()  # safe to run again
    program = Program.objects.get(name="Northside Alumni")
    older, newer = Cohort.objects.filter(program=program).order_by("graduated_on")
    assert older.name.startswith("Graduates, ") and newer.name.endswith("(evening group)")
    assert Cohort.objects.count() == 2

    checkins = {c.day: c for c in CheckIn.objects.filter(person=people.sam)}
    assert checkins[30].answer == "well"
    assert checkins[90].answered_at is None and checkins[90].notified_at is not None
    assert services.waiting_for(people.sam, program) == [checkins[90]]
    assert Notification.objects.filter(recipient=people.sam, kind="alumni.checkin_due").count() == 1
    levels = [c.level for c in CareLevel.objects.filter(person=people.sam)]
    assert levels == ["outpatient", "intensive", "residential"]

    # The demo's code is live and lets a graduate in.
    code = InviteCode.objects.get(cohort=newer)
    assert code.is_live
    assert services.join_with_code(people.river, "nsagr-ads26") == newer

    sam = signed_in(people.sam)
    page = sam.get(reverse("alumni-mine")).content.decode()
    assert checkins[90].get_absolute_url() in page
    assert (
        signed_in(people.casey).get(reverse("alumni-followups", args=[program.slug])).status_code
        == 200
    )


def test_without_northside_alumni_the_demo_does_nothing(people):
    demo.seed()
    assert not Cohort.objects.exists()
