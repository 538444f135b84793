"""The demo: The Lighthouse Drop-in (started by programs' seed, kept by morgan) has its hours,
a week of activities, a kiosk and four weeks of visits, members and guests. Running the seed
again changes nothing."""

from datetime import timedelta

from lantern.accounts import demo as accounts_demo
from lantern.programs import demo as programs_demo
from lantern.programs.dropin import counts, demo, services
from lantern.programs.dropin.models import Activity, Kiosk, OpeningSpan, Visit
from lantern.programs.models import Program


def test_the_demo_center_has_hours_activities_a_kiosk_and_visits(db):
    accounts_demo.seed()
    programs_demo.seed()
    demo.seed()
    demo.seed()
    center = Program.objects.get(name=demo.CENTER)
    assert (
        OpeningSpan.objects.filter(program=center).count() == 12
    )  # two a weekday, one at weekends
    assert Activity.objects.filter(program=center, weekday__isnull=False).count() == 14
    assert Activity.objects.filter(program=center, date__isnull=False).count() == 1
    assert Kiosk.objects.filter(program=center).count() == 1
    visits = Visit.objects.filter(program=center)
    assert visits.count() > 300
    assert (
        visits.filter(person__isnull=False).exists() and visits.filter(person__isnull=True).exists()
    )
    assert visits.filter(first_visit=True).exists()
    # Every day of the last four weeks has visits, within the opening hours.
    zone = services.zone_of(center)
    today = services.local_now(zone).date()
    table = counts.visit_table(center, zone, today - timedelta(days=27), today)
    assert all(row.total > 0 for row in table.rows[1:])
    assert min(table.hours) >= 9 and max(table.hours) <= 19
    today_page = counts.today(center)
    assert today_page.activities  # something on every day


def test_without_the_demo_programs_the_seed_does_nothing(db):
    demo.seed()
    assert not Visit.objects.exists() and not Kiosk.objects.exists()
