"""Who may keep a drop-in center, and what the loaders answer: staff of this center (and
administrators) keep it; members, staff of other programs and site moderators do not; ending
someone's place on the staff counts at the next request, while the kiosks they started go on
working (a kiosk belongs to the center, not to a person)."""

from datetime import time

import pytest
from django.urls import reverse

from lantern.core.errors import NotFound
from lantern.programs import services as programs
from lantern.programs.dropin import access, services
from lantern.programs.dropin.models import Kiosk, Visit
from lantern.programs.models import Program

from .conftest import kiosk_url


def test_the_center_s_staff_and_administrators_keep_it(center, people):
    keepers = {p.handle for p in people if access.can_keep_center(p, center)}
    assert keepers == {"morgan", "alex"}


def test_a_residence_is_not_a_center_even_for_its_staff(residence, people):
    assert not access.can_keep_center(people.jo, residence)
    assert not access.can_keep_center(people.alex, residence)
    with pytest.raises(NotFound):
        access.get_center_for(people.jo, residence.slug)


def test_site_moderators_do_not_keep_a_center_they_are_not_staff_of(
    make_program, people, signed_in
):
    harbor = make_program(Program.Kind.DROP_IN, name="Harbor Clubhouse", staff=("jo",))
    assert not access.can_keep_center(people.morgan, harbor)
    assert (
        signed_in(people.morgan).get(reverse("dropin-visits", args=[harbor.slug])).status_code
        == 404
    )


def test_a_leader_taken_off_the_staff_loses_the_pages_at_once_but_the_kiosk_stays(
    center, new_kiosk, people, signed_in, tablet
):
    morgan = signed_in(people.morgan)
    url = reverse("dropin-kiosks", args=[center.slug])
    assert morgan.get(url).status_code == 200
    programs.remove_staff(people.alex, center, "morgan")
    assert morgan.get(url).status_code == 404
    assert morgan.get(reverse("dropin-visits", args=[center.slug])).status_code == 404
    # The front desk goes on signing people in.
    assert tablet.post(kiosk_url(new_kiosk.secret), {"as": "guest"}).status_code == 302
    assert Visit.objects.count() == 1


def test_a_kiosk_of_a_program_that_is_not_a_center_is_never_found(residence, people):
    kiosk = Kiosk.objects.create(program=residence, name="Odd", digest=access.digest_of("s" * 43))
    with pytest.raises(NotFound):
        access.get_kiosk_by_secret("s" * 43)
    assert kiosk.pk


def test_the_loader_finds_a_live_kiosk_by_its_secret_only(new_kiosk):
    assert access.get_kiosk_by_secret(new_kiosk.secret) == new_kiosk.kiosk
    for wrong in ("", new_kiosk.kiosk.digest, str(new_kiosk.kiosk.pk), new_kiosk.secret + "x"):
        with pytest.raises(NotFound):
            access.get_kiosk_by_secret(wrong)


def test_a_kiosk_is_loaded_for_revoking_only_by_its_own_center_s_staff(
    center, new_kiosk, make_program, people
):
    assert access.get_kiosk_for(people.morgan, center.slug, new_kiosk.kiosk.pk) == new_kiosk.kiosk
    other = make_program(Program.Kind.DROP_IN, name="Harbor Clubhouse", staff=("jo",))
    for who, slug in (
        (people.jo, other.slug),
        (people.jo, center.slug),
        (people.river, center.slug),
    ):
        with pytest.raises(NotFound):
            access.get_kiosk_for(who, slug, new_kiosk.kiosk.pk)


def test_a_visit_is_loaded_only_for_the_person_who_made_it(new_kiosk, people):
    visit = services.sign_in(new_kiosk.kiosk, handle="river")
    assert access.get_own_visit_for(people.river, visit.pk) == visit
    for who in (people.sam, people.morgan, people.alex):
        with pytest.raises(NotFound):
            access.get_own_visit_for(who, visit.pk)
    with pytest.raises(services.Refused):
        services.disown_visit(people.sam, visit)


def test_an_activity_is_found_only_in_its_own_center(center, make_program, people):
    mine = services.add_activity(people.morgan, center, title="Art", starts=time(10), weekday=1)
    other = make_program(Program.Kind.DROP_IN, name="Harbor Clubhouse", staff=("jo",))
    assert access.find_activity(center, mine.obj.pk) == mine.obj
    assert access.find_activity(other, mine.obj.pk) is None


def test_a_closed_center_s_pages_are_gone_for_its_staff_too(center, people, signed_in):
    programs.close_program(people.alex, center)
    assert (
        signed_in(people.morgan).get(reverse("dropin-hours", args=[center.slug])).status_code == 404
    )
