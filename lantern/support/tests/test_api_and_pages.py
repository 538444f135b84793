"""The API answers with the same rules as the pages; pages render in Spanish; bad input shows
the form again with what to fix."""

import pytest
from django.urls import reverse

from lantern.support import services
from lantern.support.models import Engagement

pytestmark = pytest.mark.django_db


def test_the_api_lists_engagements_for_both_sides(people, signed_in, engagement):
    url = reverse("api:support-engagements-api")
    river = signed_in(people.river).get(url).json()["items"]
    assert [(e["specialist"], e["consent_in_force"]) for e in river] == [("casey", True)]
    casey = signed_in(people.casey).get(url).json()["items"]
    assert [e["member"] for e in casey] == ["river"]
    assert signed_in(people.sam).get(url).json()["items"] == []


def test_the_member_withdraws_consent_through_the_api(people, signed_in, engagement):
    url = reverse("api:support-engagement-revoke-api", args=[engagement.pk])
    assert signed_in(people.casey).post(url).status_code == 404
    assert signed_in(people.sam).post(url).status_code == 404
    response = signed_in(people.river).post(url)
    assert response.status_code == 200
    assert response.json()["consent_in_force"] is False


def test_pages_render_in_spanish(people, signed_in, engagement):
    river = signed_in(people.river)
    river.post(reverse("core-language"), {"language": "es", "next": "/"})
    page = river.get(engagement.get_absolute_url())
    assert page.status_code == 200 and b'lang="es"' in page.content


def test_an_empty_intake_shows_the_form_again(people, signed_in, engagement):
    response = signed_in(people.casey).post(reverse("support-intake", args=[engagement.pk]), {})
    assert response.status_code == 400
    assert b"Write at least the member" in response.content


def test_an_answer_off_the_scale_is_refused_with_the_form(people, signed_in, engagement):
    url = reverse("support-assessment-new", args=[engagement.pk, "lantern-wellbeing"])
    response = signed_in(people.casey).post(url, {"w1": "9", "w2": "2"})
    assert response.status_code == 400
    assert not engagement.assessments.exists()


def test_an_unknown_instrument_is_not_found(people, signed_in, engagement):
    url = reverse("support-assessment-new", args=[engagement.pk, "nope"])
    assert signed_in(people.casey).get(url).status_code == 404


def test_a_referral_needs_somewhere_to_go(people, signed_in, engagement):
    response = signed_in(people.casey).post(
        reverse("support-referrals", args=[engagement.pk]), {"professional": ""}
    )
    assert response.status_code == 400
    assert b"Choose a resource or name who you referred to." in response.content


def test_the_caseload_menu_link_is_for_specialists(people, signed_in):
    casey = signed_in(people.casey).get(reverse("support-caseload"))
    assert b'href="/support/caseload/"' in casey.content or b"Caseload" in casey.content
    river = signed_in(people.river).get(reverse("support-home"))
    assert b">Caseload<" not in river.content
    assert b"Peer specialist" in river.content


def test_a_specialist_cannot_ask_for_a_specialist(people):
    with pytest.raises(Exception, match="peer specialist"):
        services.request_specialist(people.casey)
    assert not Engagement.objects.exists()


def test_the_home_card_for_a_specialist_and_for_a_member(people, signed_in):
    engagement = services.invite(people.casey, "river")
    home = signed_in(people.casey).get(reverse("core-home"))
    assert b"My caseload" in home.content and b"1 waiting for consent" in home.content
    river = signed_in(people.river).get(reverse("core-home"))
    assert b"casey would like to work with you." in river.content
    assert engagement.get_absolute_url().encode() in river.content
    assert b"support-card-title" not in signed_in(people.sam).get(reverse("core-home")).content
