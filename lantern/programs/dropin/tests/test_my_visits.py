"""A member sees their own visits (and nobody else's), can take one they did not make off their
record, and finds them from the center's page; their data leaves with them (export) and goes with
them (erasure turns their visits into guest visits, so the center's counts stay)."""

from datetime import datetime, time, timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.services import erase_account, export_data
from lantern.programs.dropin import services
from lantern.programs.dropin.models import Visit


def test_a_member_sees_their_own_visits_and_no_one_else_s(new_kiosk, people, signed_in):
    services.sign_in(new_kiosk.kiosk, handle="river", purpose="meeting")
    services.sign_in(new_kiosk.kiosk, handle="sam", purpose="computer")
    services.sign_in(new_kiosk.kiosk, as_guest=True, purpose="coffee")
    page = signed_in(people.river).get(reverse("dropin-my-visits"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "The Lighthouse" in html and "A meeting" in html
    assert "The computer" not in html and "Coffee" not in html
    assert html.count("That wasn&#x27;t me") + html.count("That wasn't me") >= 1
    empty = signed_in(people.jo).get(reverse("dropin-my-visits")).content.decode()
    assert "No visits yet." in empty and "The Lighthouse" not in empty


def test_that_wasn_t_me_takes_a_visit_off_the_record_and_keeps_the_count(
    new_kiosk, people, signed_in
):
    mine = services.sign_in(new_kiosk.kiosk, handle="river")
    sams = services.sign_in(new_kiosk.kiosk, handle="sam")
    river = signed_in(people.river)
    response = river.post(reverse("dropin-visit-disown", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("dropin-my-visits")
    mine.refresh_from_db()
    assert mine.person is None and Visit.objects.count() == 2
    # Nobody can take someone else's visit off their record, or find out it exists.
    assert river.post(reverse("dropin-visit-disown", args=[sams.pk])).status_code == 404
    assert river.post(reverse("dropin-visit-disown", args=[mine.pk])).status_code == 404
    sams.refresh_from_db()
    assert sams.person == people.sam


def test_members_find_their_visits_from_the_center_s_page(center, people, signed_in):
    page = signed_in(people.river).get(center.get_absolute_url()).content.decode()
    assert reverse("dropin-my-visits") in page


def test_the_list_pages_through_many_visits(new_kiosk, people, signed_in):
    start = timezone.now() - timedelta(days=200)
    Visit.objects.bulk_create(
        Visit(
            program=new_kiosk.kiosk.program,
            person=people.river,
            signed_in_at=start + timedelta(days=n),
        )
        for n in range(120)
    )
    river = signed_in(people.river)
    first = river.get(reverse("dropin-my-visits")).content.decode()
    assert "Page 1 of 3" in first
    assert river.get(reverse("dropin-my-visits"), {"page": 3}).status_code == 200


def test_the_export_holds_the_person_s_visits(new_kiosk, people):
    with time_machine.travel(datetime.fromisoformat("2025-12-03T16:00:00+00:00"), tick=False):
        services.sign_in(new_kiosk.kiosk, handle="river", purpose="peer", first_visit=True)
    services.sign_in(new_kiosk.kiosk, handle="sam")
    services.sign_in(new_kiosk.kiosk, as_guest=True)
    assert export_data(people.river)["dropin_visits"] == [
        {
            "center": "The Lighthouse",
            "signed_in_at": "2025-12-03T16:00:00+00:00",
            "purpose": "peer",
            "first_visit": True,
        }
    ]
    assert export_data(people.jo)["dropin_visits"] == []


def test_erasure_turns_the_person_s_visits_into_guest_visits(new_kiosk, people):
    services.sign_in(new_kiosk.kiosk, handle="river", first_visit=True)
    services.sign_in(new_kiosk.kiosk, handle="river")
    services.sign_in(new_kiosk.kiosk, handle="sam")
    erase_account(people.river)
    assert Visit.objects.count() == 3
    assert Visit.objects.filter(person__isnull=True).count() == 2
    assert Visit.objects.filter(first_visit=True, person__isnull=True).count() == 1
    assert Visit.objects.filter(person=people.sam).count() == 1


def test_erasing_a_staff_member_keeps_the_center_s_kiosks_and_activities(center, people):
    kiosk = services.create_kiosk(people.morgan, center, "Front desk").kiosk
    services.add_activity(people.morgan, center, title="Coffee", starts=time(10), weekday=1)
    erase_account(people.morgan)
    kiosk.refresh_from_db()
    assert kiosk.created_by is None and kiosk.live
    assert center.dropin_activities.get().created_by is None
