"""Invite codes: casey makes a code for a cohort, sees it once as a code and a link; a graduate
who enters it joins the program, the cohort's group and the follow-up schedule, and the use is
recorded. Wrong, expired, used-up and withdrawn codes say so and change nothing; guessing is
rate limited."""

from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.conf import settings as site_settings
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import User
from lantern.community import services as community
from lantern.community.models import Membership
from lantern.conftest import PASSWORD
from lantern.core.errors import RateLimited, Refused
from lantern.core.models import AuditEvent
from lantern.programs import services as programs_services
from lantern.programs.alumni import services
from lantern.programs.alumni.models import CheckIn, CodeUse, InviteCode

pytestmark = pytest.mark.django_db

JOIN = reverse("alumni-join")


def _member_of(person, space) -> bool:
    return Membership.objects.filter(person=person, space=space, status="active").exists()


def _nothing_changed(person, cohort):
    assert not _member_of(person, cohort.program.space)
    assert not _member_of(person, cohort.space)
    assert not CheckIn.objects.filter(person=person).exists()
    assert not CodeUse.objects.filter(person=person).exists()


def test_casey_makes_a_code_and_sees_it_once_as_a_code_and_a_printable_link(
    people, cohort, signed_in
):
    casey = signed_in(people.casey)
    url = reverse("alumni-code-new", args=[cohort.program.slug, cohort.pk])
    page = casey.get(url)
    assert page.status_code == 200
    assert "Only a fingerprint of it is kept." in page.content.decode()

    shown = casey.post(url, {"uses": "20", "days": "14"})
    assert shown.status_code == 200
    html = shown.content.decode()
    code = InviteCode.objects.get(cohort=cohort)
    assert code.uses_allowed == 20 and code.created_by == people.casey
    assert timedelta(days=13) < code.expires_at - timezone.now() <= timedelta(days=14)
    # The code itself, shown as XXXXX-XXXXX, and the link that fills it in.
    secret = shown.context["new"].secret
    assert f"{secret[:5]}-{secret[5:]}" in html
    assert f"http://testserver{JOIN}?code={secret[:5]}-{secret[5:]}" in html
    assert "This is the only time the code is shown." in html
    assert "alumni/alumni.css" in html  # laid out to print
    # Only a digest is kept; the list shows how it ends.
    assert secret not in code.digest and code.digest == services.digest_of(secret)
    assert code.ending == secret[-3:]
    cohort_page = casey.get(cohort.get_absolute_url()).content.decode()
    assert f"Code ending in {code.ending}" in cohort_page
    assert secret not in cohort_page
    assert AuditEvent.objects.filter(action="alumni.code_create", actor=people.casey).exists()


@pytest.mark.parametrize(
    ("uses", "days", "field"),
    [("0", "30", "uses"), ("501", "30", "uses"), ("5", "0", "days"), ("5", "181", "days")],
)
def test_a_code_needs_sensible_uses_and_days(people, cohort, signed_in, uses, days, field):
    url = reverse("alumni-code-new", args=[cohort.program.slug, cohort.pk])
    page = signed_in(people.casey).post(url, {"uses": uses, "days": days})
    assert page.status_code == 400
    assert page.context["form"].errors[field]
    assert not InviteCode.objects.exists()


def test_the_service_checks_the_numbers_too(people, cohort):
    with pytest.raises(Refused) as refused:
        services.create_code(people.casey, cohort, uses=True, days=30)
    assert refused.value.field == "uses"
    with pytest.raises(Refused):
        services.create_code(people.casey, cohort, uses=5, days=1000)


def test_only_the_programs_staff_make_codes(people, cohort):
    for person in (people.sam, people.jo, people.morgan):
        with pytest.raises(Refused):
            services.create_code(person, cohort, uses=5, days=30)
    # An administrator keeps every program.
    assert services.create_code(people.alex, cohort, uses=5, days=30).code.cohort == cohort


def test_a_graduate_joins_with_a_code(people, cohort, new_code, signed_in):
    sam = signed_in(people.sam)
    page = sam.get(JOIN)
    assert page.status_code == 200
    joined = sam.post(JOIN, {"code": new_code.shown})
    assert joined.status_code == 302
    assert joined["Location"] == cohort.get_absolute_url()
    landing = sam.get(joined["Location"])
    assert landing.status_code == 200
    html = landing.content.decode()
    assert "Welcome to Graduates, March 2026, Northside Alumni." in html
    assert "Your check-ins" in html

    # In the program, in the cohort's group, on the schedule; the use is recorded.
    assert _member_of(people.sam, cohort.program.space)
    assert _member_of(people.sam, cohort.space)
    days = sorted(CheckIn.objects.filter(person=people.sam).values_list("day", flat=True))
    assert days == [30, 90, 180]
    use = CodeUse.objects.get(person=people.sam)
    assert use.code == new_code.code
    new_code.code.refresh_from_db()
    assert new_code.code.uses == 1
    event = AuditEvent.objects.get(action="alumni.join")
    assert event.actor == people.sam and event.details == {"code": new_code.code.pk}
    # Nobody on the staff is named as having added sam.
    assert not AuditEvent.objects.filter(action="programs.enrol").exists()


def test_a_code_is_typed_any_way_from_paper(people, cohort, new_code):
    sloppy = " " + new_code.secret.lower()[:4] + " - " + new_code.secret.lower()[4:] + " "
    assert services.join_with_code(people.sam, sloppy) == cohort


def test_the_printed_link_fills_in_the_code(people, new_code, signed_in):
    page = signed_in(people.sam).get(new_code.link)
    assert page.status_code == 200
    assert page.context["form"]["code"].value() == new_code.shown
    assert not CodeUse.objects.exists()  # a GET never writes


def test_a_visitor_is_sent_to_sign_in_and_comes_back_to_the_code(client, new_code):
    response = client.get(new_code.link)
    assert response.status_code == 302
    login = response["Location"]
    assert login.startswith(reverse("account_login"))
    assert quote(new_code.link, safe="") in login or "next=" in login
    # Joining Lantern from the sign-in page keeps where to come back to.
    signin_page = client.get(login).content.decode()
    assert "next=" in signin_page
    signup = client.post(
        reverse("account_signup") + "?next=" + quote(new_code.link, safe=""),
        {
            "username": "spring_grad",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_guidelines": "on",
            "accept_privacy": "on",
            "next": new_code.link,
        },
    )
    assert signup.status_code == 302, signup.content[:2000]
    assert signup["Location"] == new_code.link
    page = client.get(signup["Location"])
    assert page.context["form"]["code"].value() == new_code.shown
    client.post(JOIN, {"code": new_code.shown})
    assert CodeUse.objects.filter(person=User.objects.get(handle="spring_grad")).exists()


def _refused(person, code, message):
    with pytest.raises(Refused) as refused:
        services.join_with_code(person, code)
    assert message in refused.value.message
    assert refused.value.field == "code"


def test_a_wrong_code_says_so_and_changes_nothing(people, cohort, new_code, signed_in):
    page = signed_in(people.sam).post(JOIN, {"code": "ABCDE-FGHJK"})
    assert page.status_code == 400
    assert "That code is not right. Check it and try again." in page.content.decode()
    _nothing_changed(people.sam, cohort)
    new_code.code.refresh_from_db()
    assert new_code.code.uses == 0


def test_an_empty_code_is_asked_for(people, signed_in):
    page = signed_in(people.sam).post(JOIN, {"code": " - "})
    assert page.status_code == 400
    assert "Enter the code you were given." in page.content.decode()


def test_an_expired_code_says_so_and_changes_nothing(people, cohort, new_code):
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        _refused(people.sam, new_code.secret, "This code has expired.")
    _nothing_changed(people.sam, cohort)


def test_a_used_up_code_says_so_and_changes_nothing(people, cohort):
    one = services.create_code(people.casey, cohort, uses=1, days=30)
    services.join_with_code(people.river, one.secret)
    _refused(people.sam, one.secret, "used as many times as it allows")
    _nothing_changed(people.sam, cohort)
    one.code.refresh_from_db()
    assert one.code.uses == 1 and one.code.state() == InviteCode.State.USED_UP


def test_a_withdrawn_code_says_so_and_changes_nothing(people, cohort, new_code, signed_in):
    casey = signed_in(people.casey)
    url = reverse("alumni-code-revoke", args=[cohort.program.slug, new_code.code.pk])
    response = casey.post(url)
    assert response.status_code == 302
    assert response["Location"] == cohort.get_absolute_url()
    page = casey.get(cohort.get_absolute_url()).content.decode()
    assert f"The code ending in {new_code.code.ending} is withdrawn." in page
    assert "Withdrawn" in page
    _refused(people.sam, new_code.secret, "This code was withdrawn.")
    _nothing_changed(people.sam, cohort)
    # Withdrawing again changes nothing.
    revoked_at = InviteCode.objects.get().revoked_at
    casey.post(url)
    assert InviteCode.objects.get().revoked_at == revoked_at


def test_only_the_programs_staff_withdraw_codes(people, cohort, new_code, signed_in):
    url = reverse("alumni-code-revoke", args=[cohort.program.slug, new_code.code.pk])
    for person in (people.sam, people.river, people.morgan):
        assert signed_in(person).post(url).status_code == 404
    with pytest.raises(Refused):
        services.revoke_code(people.sam, new_code.code)
    assert InviteCode.objects.get().revoked_at is None


def test_a_code_of_a_closed_program_is_not_right(people, cohort, new_code):
    cohort.program.active = False
    cohort.program.save()
    _refused(people.sam, new_code.secret, "That code is not right.")


def test_guessing_codes_is_rate_limited(people, cohort, new_code, settings, signed_in):
    settings.LANTERN_RATE_LIMITS = {**settings.LANTERN_RATE_LIMITS, "alumni_code": "3/h"}
    sam = signed_in(people.sam)
    for guess in ("AAAAA-AAAAA", "BBBBB-BBBBB", "CCCCC-CCCCC"):
        assert sam.post(JOIN, {"code": guess}).status_code == 400
    # Now even the right code waits: the limit counts tries, not luck.
    page = sam.post(JOIN, {"code": new_code.shown})
    assert page.status_code == 429
    assert "Please wait an hour and try again." in page.content.decode()
    _nothing_changed(people.sam, cohort)
    with pytest.raises(RateLimited):
        services.join_with_code(people.sam, new_code.secret)
    # Someone else is not held up by sam's guesses.
    assert services.join_with_code(people.river, new_code.secret) == cohort


def test_expired_used_up_and_withdrawn_codes_count_as_tries(people, cohort, settings):
    settings.LANTERN_RATE_LIMITS = {**settings.LANTERN_RATE_LIMITS, "alumni_code": "2/h"}
    gone = services.create_code(people.casey, cohort, uses=5, days=30)
    services.revoke_code(people.casey, gone.code)
    for _ in range(2):
        with pytest.raises(Refused):
            services.join_with_code(people.sam, gone.secret)
    live = services.create_code(people.casey, cohort, uses=5, days=30)
    with pytest.raises(RateLimited):
        services.join_with_code(people.sam, live.secret)


def test_the_default_limit_is_there_without_a_setting():
    assert site_settings.LANTERN_RATE_LIMITS["alumni_code"] == "10/h"


def test_joining_twice_is_refused_without_using_the_code_again(people, cohort, new_code):
    services.join_with_code(people.sam, new_code.secret)
    _refused(people.sam, new_code.secret, "You are already in this cohort.")
    new_code.code.refresh_from_db()
    assert new_code.code.uses == 1
    assert CheckIn.objects.filter(person=people.sam).count() == 3


def test_the_programs_staff_cannot_use_its_codes(people, cohort, new_code):
    _refused(people.casey, new_code.secret, "You keep this program")
    _refused(people.alex, new_code.secret, "You keep this program")


def test_someone_banned_or_removed_is_refused(people, cohort, new_code):
    community.ban(people.morgan, people.sam, "Harassing members in private messages.")
    _refused(people.sam, new_code.secret, "banned from the community")
    community.remove_from_space(
        people.morgan, people.river, "Threats in the group.", space=cohort.program.space
    )
    _refused(people.river, new_code.secret, "You were removed from this program's group.")
    new_code.code.refresh_from_db()
    assert new_code.code.uses == 0


def test_a_second_cohort_of_the_program_keeps_the_first_schedule(people, alumni, cohort, new_code):
    services.join_with_code(people.sam, new_code.secret)
    first = dict(CheckIn.objects.filter(person=people.sam).values_list("day", "due_on"))
    later = services.create_cohort(
        people.casey, alumni, name="Evening group", graduated_on=None
    ).obj
    other = services.create_code(people.casey, later, uses=5, days=30)
    services.join_with_code(people.sam, other.secret)
    assert Membership.objects.filter(person=people.sam, space=later.space).exists()
    assert dict(CheckIn.objects.filter(person=people.sam).values_list("day", "due_on")) == first


def test_the_join_page_works_for_someone_in_no_program(people, signed_in):
    page = signed_in(people.jo).get(JOIN)
    assert page.status_code == 200
    assert page.context["form"]["code"].value() in ("", None)


def test_a_code_too_long_to_be_one_is_refused_by_the_form(people, signed_in):
    page = signed_in(people.sam).post(JOIN, {"code": "A" * 41})
    assert page.status_code == 400
    assert page.context["form"].errors["code"]


def test_someone_already_enrolled_keeps_their_place_and_joins_the_cohort(
    people, alumni, cohort, new_code
):
    services.add_graduate(people.casey, cohort, "river")
    other = services.create_cohort(people.casey, alumni, name="Evening", graduated_on=None).obj
    code = services.create_code(people.casey, other, uses=2, days=7)
    before = Membership.objects.get(space=alumni.space, person=people.river)
    assert services.join_with_code(people.river, code.secret) == other
    after = Membership.objects.get(space=alumni.space, person=people.river)
    assert (after.pk, after.role, after.joined_at) == (before.pk, "member", before.joined_at)


def test_the_cohort_page_says_what_became_of_each_code(people, cohort, signed_in):
    live = services.create_code(people.casey, cohort, uses=5, days=30)
    used = services.create_code(people.casey, cohort, uses=1, days=30)
    services.join_with_code(people.sam, used.secret)
    gone = services.create_code(people.casey, cohort, uses=5, days=30)
    services.revoke_code(people.casey, gone.code)
    old = services.create_code(people.casey, cohort, uses=5, days=1)
    InviteCode.objects.filter(pk=old.code.pk).update(expires_at=timezone.now())
    page = signed_in(people.casey).get(cohort.get_absolute_url())
    states = {c.ending: c.state() for c in page.context["codes"]}
    assert states == {
        live.code.ending: "live",
        used.code.ending: "used_up",
        gone.code.ending: "revoked",
        old.code.ending: "expired",
    }
    html = page.content.decode()
    for label in ("Live", "Used up", "Withdrawn", "Expired"):
        assert label in html
    # Only a live code can be withdrawn.
    assert html.count("Withdraw the code ending in") == 1
    assert "Used 1 of 1 times" in html


def test_the_cohort_page_marks_who_left_the_program(people, alumni, cohort, new_code, signed_in):
    services.join_with_code(people.sam, new_code.secret)
    services.join_with_code(people.river, new_code.secret)
    community.leave_space(people.sam, alumni.space)  # he left the program's group
    programs_services.discharge(people.casey, alumni, people.river)  # her place was ended
    page = signed_in(people.casey).get(cohort.get_absolute_url()).content.decode()
    assert "left the program" in page
    assert reverse("alumni-graduate", args=[alumni.slug, people.sam.pk]) not in page
    # Ending her place in the program ended her place in the cohort's group too.
    assert reverse("alumni-graduate", args=[alumni.slug, people.river.pk]) not in page
