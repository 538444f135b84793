"""Cohorts: casey (a peer specialist, not a site moderator) keeps Northside Alumni and starts its
cohorts; each comes with a private group in the community that the program's staff moderate.
Staff add a graduate by handle too. Other people cannot."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.community import access as community_access
from lantern.community.models import Membership, Space
from lantern.core.errors import Refused
from lantern.core.models import AuditEvent
from lantern.programs import services as programs
from lantern.programs.alumni import services
from lantern.programs.alumni.models import CheckIn, Cohort
from lantern.programs.models import Program
from lantern.safety.models import Alert

pytestmark = pytest.mark.django_db

URGENT_TEXT = "i have the pills counted out, tonight is the night"


def _cohorts_url(program):
    return reverse("alumni-cohorts", args=[program.slug])


def test_casey_starts_a_cohort_and_its_group_comes_with_it(people, alumni, signed_in):
    assert not community_access.can_create_space(people.casey)  # the premise
    casey = signed_in(people.casey)
    assert casey.get(_cohorts_url(alumni)).status_code == 200
    response = casey.post(
        _cohorts_url(alumni), {"name": "Graduates, March 2026", "graduated_on": "2026-03-20"}
    )
    cohort = Cohort.objects.get()
    assert response.status_code == 302
    assert response["Location"] == cohort.get_absolute_url()
    assert cohort.program == alumni and cohort.created_by == people.casey
    assert str(cohort.graduated_on) == "2026-03-20"
    space = cohort.space
    assert space.name == "Northside Alumni: Graduates, March 2026"
    assert space.kind == Space.Kind.PRIVATE
    assert space.slug.startswith("northside-alumni-graduates-march-2026")
    # The program's staff are its peer moderators; nobody else is in it yet.
    assert list(space.memberships.values_list("person__handle", "role", "status")) == [
        ("casey", "moderator", "active")
    ]
    assert community_access.can_moderate_space(people.casey, space)
    assert AuditEvent.objects.filter(action="alumni.cohort_create", actor=people.casey).exists()
    page = casey.get(response["Location"]).content.decode()
    assert "The cohort is started. Now make a code for it." in page
    listing = casey.get(_cohorts_url(alumni)).content.decode()
    assert "Graduates, March 2026" in listing


def test_a_cohorts_group_is_private(people, cohort, signed_in):
    sam = signed_in(people.sam)
    assert sam.get(cohort.space.get_absolute_url()).status_code == 404
    assert not community_access.can_join_space(people.sam, cohort.space)


def test_a_cohort_name_is_needed_short_and_unique(people, alumni, cohort, signed_in):
    casey = signed_in(people.casey)
    for data, field in (
        ({"name": ""}, "name"),
        ({"name": "x" * 61}, "name"),
        ({"name": "graduates, march 2026"}, "name"),
        ({"name": "Later", "graduated_on": "not a date"}, "graduated_on"),
        ({"name": "Far off", "graduated_on": "2099-01-01"}, "graduated_on"),
        ({"name": "Long ago", "graduated_on": "1950-01-01"}, "graduated_on"),
    ):
        response = casey.post(_cohorts_url(alumni), data)
        assert response.status_code == 400, data
        assert response.context["form"].errors[field], data
    assert Cohort.objects.count() == 1


def test_a_name_another_group_has_is_refused(people, alumni):
    other = Space.objects.create(slug="taken", name="Northside Alumni: Spring", description="x")
    with pytest.raises(Refused) as refused:
        services.create_cohort(people.casey, alumni, name="Spring", graduated_on=None)
    assert refused.value.field == "name"
    assert Space.objects.filter(name__iexact="Northside Alumni: Spring").get() == other
    # Two cohorts whose names make the same address get different addresses.
    one = services.create_cohort(people.casey, alumni, name="Fall!", graduated_on=None).obj
    two = services.create_cohort(people.casey, alumni, name="Fall?", graduated_on=None).obj
    assert one.space.slug != two.space.slug


def test_the_name_goes_through_the_safety_net(people, alumni, signed_in):
    response = signed_in(people.casey).post(_cohorts_url(alumni), {"name": URGENT_TEXT[:60]})
    assert response.status_code == 302
    alert = Alert.objects.get()
    assert alert.context == "program"
    assert alert.source == f"alumni.cohort:{Cohort.objects.get().pk}"


def test_only_the_programs_staff_start_cohorts(people, alumni, signed_in):
    for person in (people.river, people.sam, people.jo, people.morgan):
        assert signed_in(person).post(_cohorts_url(alumni), {"name": "Mine"}).status_code == 404
        with pytest.raises(Refused):
            services.create_cohort(person, alumni, name="Mine", graduated_on=None)
    assert not Cohort.objects.exists()
    # An administrator keeps every program.
    assert services.create_cohort(people.alex, alumni, name="Alex's", graduated_on=None).obj


def test_other_kinds_of_program_have_no_cohorts(people, residence, signed_in):
    assert signed_in(people.jo).get(_cohorts_url(residence)).status_code == 404
    with pytest.raises(Refused):
        services.create_cohort(people.jo, residence, name="Housemates", graduated_on=None)


def test_a_closed_program_takes_no_new_cohorts(people, alumni):
    programs.close_program(people.alex, alumni)
    alumni.refresh_from_db()
    with pytest.raises(Refused):
        services.create_cohort(people.alex, alumni, name="After", graduated_on=None)


def test_staff_named_later_moderate_the_cohorts_group_when_they_act_on_it(people, cohort):
    programs.add_staff(people.alex, cohort.program, "jo")
    assert not community_access.can_moderate_space(people.jo, cohort.space)
    services.add_graduate(people.jo, cohort, "sam")
    membership = Membership.objects.get(space=cohort.space, person=people.jo)
    assert (membership.role, membership.status) == ("moderator", "active")
    assert Membership.objects.get(space=cohort.space, person=people.sam).role == "member"


def test_staff_add_a_graduate_by_handle(people, cohort, signed_in):
    casey = signed_in(people.casey)
    url = reverse("alumni-cohort-add", args=[cohort.program.slug, cohort.pk])
    response = casey.post(url, {"handle": "@Sam"})
    assert response.status_code == 302
    assert Membership.objects.get(space=cohort.space, person=people.sam).status == "active"
    assert Membership.objects.get(space=cohort.program.space, person=people.sam).role == "member"
    assert CheckIn.objects.filter(person=people.sam, cohort=cohort).count() == 3
    page = casey.get(cohort.get_absolute_url()).content.decode()
    assert "sam is in the cohort and on the follow-up schedule." in page
    assert AuditEvent.objects.filter(action="alumni.add", subject=people.sam).exists()


def test_adding_a_graduate_needs_a_real_handle_once(people, cohort, signed_in):
    casey = signed_in(people.casey)
    url = reverse("alumni-cohort-add", args=[cohort.program.slug, cohort.pk])
    for handle, words in (
        ("", "This field is required."),
        ("nobody_here", "Nobody on Lantern has that handle."),
        ("casey", "casey keeps this program."),
    ):
        response = casey.post(url, {"handle": handle})
        assert response.status_code == 400
        assert words in response.content.decode()
    casey.post(url, {"handle": "sam"})
    again = casey.post(url, {"handle": "sam"})
    assert again.status_code == 400
    assert "sam is already in this cohort." in again.content.decode()


def test_the_cohort_page_is_for_its_graduates_and_the_programs_staff(
    people, cohort, graduate, signed_in
):
    url = cohort.get_absolute_url()
    river = signed_in(people.river).get(url)
    assert river.status_code == 200
    html = river.content.decode()
    assert "Your check-ins" in html and "Invite codes" not in html
    assert "The cohort&#x27;s group" in html or "The cohort's group" in html
    staff = signed_in(people.casey).get(url).content.decode()
    assert "Invite codes" in staff and "river" in staff
    for person in (people.sam, people.jo, people.morgan):
        assert signed_in(person).get(url).status_code == 404
    # A graduate of the program who is not in this cohort does not see it.
    other = services.create_cohort(people.casey, cohort.program, name="Other", graduated_on=None)
    assert signed_in(people.river).get(other.obj.get_absolute_url()).status_code == 404


def test_a_graduate_discharged_from_the_program_no_longer_sees_the_cohort(
    people, cohort, graduate, signed_in
):
    river = signed_in(people.river)
    assert river.get(f"/groups/{cohort.space.slug}/").status_code == 200
    programs.discharge(people.casey, cohort.program, people.river)
    assert river.get(cohort.get_absolute_url()).status_code == 404
    # Her place in the cohort's group ends with her place in the program.
    assert river.get(f"/groups/{cohort.space.slug}/").status_code == 404
    assert not Membership.objects.filter(space=cohort.space, person=people.river).exists()
    # Staff named to the program after the cohort began can discharge too.
    programs.add_staff(people.alex, cohort.program, "jo")
    services.add_graduate(people.casey, cohort, "sam")
    programs.discharge(people.jo, cohort.program, people.sam)
    assert not Membership.objects.filter(space=cohort.space, person=people.sam).exists()


def test_the_cohort_page_shows_staff_where_each_graduate_is(people, cohort, graduate, signed_in):
    checkin = CheckIn.objects.get(person=people.river, day=30)
    checkin.due_on = timezone.localdate() - timedelta(days=20)
    checkin.save()
    page = signed_in(people.casey).get(cohort.get_absolute_url()).content.decode()
    assert "overdue" in page


def test_the_programs_page_shows_each_side_its_part(people, cohort, graduate, signed_in):
    staff = signed_in(people.casey).get(cohort.program.get_absolute_url()).content.decode()
    assert "Cohorts and invite codes" in staff
    assert reverse("alumni-followups", args=[cohort.program.slug]) in staff
    member = signed_in(people.river).get(cohort.program.get_absolute_url()).content.decode()
    assert "Your aftercare" in member
    assert cohort.name in member
    assert reverse("alumni-give-back", args=[cohort.program.slug]) in member


def test_other_kinds_of_program_get_no_alumni_panel(people, residence, signed_in):
    page = signed_in(people.jo).get(residence.get_absolute_url()).content.decode()
    assert "Cohorts and invite codes" not in page
    assert Program.objects.get(pk=residence.pk).kind == Program.Kind.RESIDENCE


def test_the_cohort_list_counts_graduates_and_live_codes(people, alumni, cohort, signed_in):
    for handle in ("river", "sam"):
        services.add_graduate(people.casey, cohort, handle)
    codes = [services.create_code(people.casey, cohort, uses=5, days=30) for _ in range(3)]
    services.revoke_code(people.casey, codes[0].code)
    empty = services.create_cohort(people.casey, alumni, name="Empty", graduated_on=None).obj
    listed = {
        c.name: (c.graduates, c.live_codes) for c in services.cohorts_of(people.casey, alumni)
    }
    assert listed == {cohort.name: (2, 2), empty.name: (0, 0)}
    with pytest.raises(Refused):
        services.cohorts_of(people.river, alumni)
