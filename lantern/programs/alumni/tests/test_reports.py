"""The alumni sections of Northside Alumni's report: retention at 30, 90 and 180 days per cohort
and overall, as the module docstring of services/reports.py defines it, with small cells
suppressed on the page and in the CSV; the cohorts, check-ins, levels of care and volunteers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import User
from lantern.community.models import Membership
from lantern.conftest import PASSWORD
from lantern.programs import services as programs
from lantern.programs.alumni import services
from lantern.programs.alumni.models import CheckIn

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _graduates(program, cohort, casey, prefix, n):
    people = []
    for i in range(n):
        person = User.objects.create_user(f"{prefix}{i:02}", PASSWORD)
        services.add_graduate(casey, cohort, person.handle)
        people.append(person)
    long_ago = timezone.now() - timedelta(days=60)
    Membership.objects.filter(person__in=people).update(last_visit_at=long_ago)
    CheckIn.objects.filter(person__in=people, day=30).update(due_on=TODAY() - timedelta(days=40))
    return people


def _answer(person, day=30):
    checkin = CheckIn.objects.get(person=person, day=day)
    services.answer_checkin(person, checkin, answer="well")


@pytest.fixture
def northside(people, alumni):
    """Spring: 14 graduates reached day 30; 11 answered, one signed in since, one opened the
    cohort's group since, one left the program (after answering). Fall: 3 reached day 30, 2
    answered."""
    spring = services.create_cohort(people.casey, alumni, name="Spring", graduated_on=None).obj
    fall = services.create_cohort(people.casey, alumni, name="Fall", graduated_on=None).obj
    s = _graduates(alumni, spring, people.casey, "spring", 14)
    f = _graduates(alumni, fall, people.casey, "fall", 3)
    for person in s[:11] + s[13:] + f[:2]:
        _answer(person)
    User.objects.filter(pk=s[11].pk).update(last_login=timezone.now())
    Membership.objects.filter(person=s[12], space=spring.space).update(last_visit_at=timezone.now())
    programs.discharge(people.casey, alumni, s[13])
    return {"spring": spring, "fall": fall, "spring_people": s, "fall_people": f}


def test_retention_counts_who_reached_each_day_and_who_is_still_engaged(alumni, northside):
    spring, fall = northside["spring"], northside["fall"]
    counts = services.retention(alumni, TODAY())
    assert counts[30] == {spring.pk: (14, 13), fall.pk: (3, 2), None: (17, 15)}
    assert counts[90] == {} and counts[180] == {}
    # Only days reached by the period's end count.
    assert services.retention(alumni, TODAY() - timedelta(days=41))[30] == {}


def test_not_answering_nor_coming_back_is_not_engaged(people, alumni, northside):
    spring = northside["spring"]
    quiet = _graduates(alumni, spring, people.casey, "quiet", 1)[0]
    counts = services.retention(alumni, TODAY())
    assert counts[30][spring.pk] == (15, 13)
    # Signing in before day 30 does not count; after it does.
    User.objects.filter(pk=quiet.pk).update(last_login=timezone.now() - timedelta(days=50))
    assert services.retention(alumni, TODAY())[30][spring.pk] == (15, 13)
    User.objects.filter(pk=quiet.pk).update(last_login=timezone.now() - timedelta(days=39))
    assert services.retention(alumni, TODAY())[30][spring.pk] == (15, 14)


def test_the_report_page_shows_retention_with_small_cells_suppressed(
    people, alumni, northside, signed_in
):
    page = signed_in(people.casey).get(reverse("programs-report", args=[alumni.slug]))
    assert page.status_code == 200
    sections = {section.key: rows for section, rows, _bars in page.context["sections"]}
    assert sections["alumni-retention-30"] == [
        ["Spring", "14", "13", "93%"],
        ["Fall", "<11", "<11", "—"],
        ["All cohorts", "17", "15", "88%"],
    ]
    assert sections["alumni-retention-90"][-1] == ["All cohorts", "0", "0", "—"]
    html = page.content.decode()
    for title in ("Retention at 30 days", "Retention at 90 days", "Retention at 180 days"):
        assert title in html
    assert "still enrolled, and answered that check-in or visited Lantern since" in html


def test_the_csv_suppresses_the_same_cells(people, alumni, northside, signed_in):
    csv = signed_in(people.casey).get(reverse("programs-report-csv", args=[alumni.slug]))
    assert csv.status_code == 200
    text = csv.content.decode()
    assert "Retention at 30 days" in text
    assert "Spring,14,13,93%" in text
    assert "Fall,<11,<11,—" in text
    assert "All cohorts,17,15,88%" in text
    # No handles in a report.
    assert "spring00" not in text and "fall00" not in text


def test_the_other_sections(people, alumni, northside):
    spring_people = northside["spring_people"]
    services.record_care_level(
        people.casey, alumni, spring_people[0], level="outpatient", since=TODAY()
    )
    services.volunteer(spring_people[1], alumni)
    CheckIn.objects.filter(person=spring_people[2], day=90).update(due_on=TODAY())
    services.answer_checkin(
        spring_people[2], CheckIn.objects.get(person=spring_people[2], day=90), answer="call"
    )
    result = programs.report(people.casey, alumni, TODAY() - timedelta(days=90), TODAY())
    sections = {s.key: s for s in result.sections}
    # The one who left the program is not counted as a graduate now.
    # (Their place in the cohort ended with their place in the program.)
    assert sections["alumni-cohorts"].rows == [["Spring", 13, 13], ["Fall", 3, 3]]
    checkins = {str(r[0]): r[1] for r in sections["alumni-checkins"].rows}
    assert checkins["Due"] == 18 and checkins["Answered"] == 15
    assert checkins["I'd like someone to call me"] == 1
    assert checkins["Answer rate"] == "83%"
    care = {str(r[0]): r[1] for r in sections["alumni-care"].rows}
    assert care["Outpatient"] == 1 and care["Not recorded"] == 15
    volunteers = {str(r[0]): r[1] for r in sections["alumni-volunteers"].rows}
    assert volunteers == {"In the period": 1, "All told": 1, "Of them, still enrolled": 1}


def test_a_report_before_anyone_joined_is_all_zeros(people, alumni):
    result = programs.report(people.casey, alumni, TODAY() - timedelta(days=30), TODAY())
    retention = next(s for s in result.sections if s.key == "alumni-retention-30")
    assert retention.rows == [["All cohorts", 0, 0, "—"]]


def test_other_kinds_of_program_have_no_alumni_sections(people, residence):
    result = programs.report(people.jo, residence, TODAY() - timedelta(days=30), TODAY())
    assert not [s for s in result.sections if s.key.startswith("alumni-")]
