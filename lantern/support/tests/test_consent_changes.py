"""Consent over time: changing it replaces what the specialist sees at once, the member keeps
the whole history, and every change is in the audit log."""

from datetime import timedelta

import pytest
from django.urls import reverse

from lantern.core.errors import NotFound, Refused
from lantern.core.models import AuditEvent, Notification
from lantern.support import access, services
from lantern.support.models import Consent, ConsentHistory, Engagement, today

from .conftest import open_engagement

pytestmark = pytest.mark.django_db


def test_narrowing_consent_takes_effect_on_the_next_request(people, signed_in, engagement):
    casey = signed_in(people.casey)
    assert casey.get(reverse("support-referrals", args=[engagement.pk])).status_code == 200
    services.give_consent(
        people.river, engagement, scopes=["notes"], purpose="Only notes now", audience="specialist"
    )
    assert casey.get(reverse("support-referrals", args=[engagement.pk])).status_code == 404
    assert casey.get(reverse("support-notes", args=[engagement.pk])).status_code == 200
    events = list(
        ConsentHistory.objects.filter(engagement=engagement).values_list("event", "scopes")
    )
    assert events[0] == ("given", ["notes"])
    assert len(events) == 2


def test_consenting_again_after_withdrawing(people, signed_in, engagement):
    services.revoke_consent(people.river, engagement)
    engagement = Engagement.objects.select_related("consent").get(pk=engagement.pk)
    assert not access.can_read_records(people.casey, engagement, "notes")
    services.give_consent(
        people.river, engagement, scopes=["notes"], purpose="Back again", audience="specialist"
    )
    engagement = Engagement.objects.select_related("consent").get(pk=engagement.pk)
    assert access.can_read_records(people.casey, engagement, "notes")
    assert Consent.objects.filter(engagement=engagement).count() == 1
    assert list(
        ConsentHistory.objects.filter(engagement=engagement).values_list("event", flat=True)
    ) == ["given", "revoked", "given"]


def test_withdrawing_twice_is_harmless(people, engagement):
    services.revoke_consent(people.river, engagement)
    services.revoke_consent(people.river, engagement)
    assert ConsentHistory.objects.filter(event="revoked").count() == 1


def test_only_the_member_consents_or_withdraws(people, engagement):
    with pytest.raises(NotFound):
        services.revoke_consent(people.casey, engagement)
    with pytest.raises(NotFound):
        services.give_consent(
            people.sam, engagement, scopes=["notes"], purpose="x", audience="specialist"
        )


def test_a_closed_engagement_takes_no_consent(people, engagement):
    services.close(people.river, engagement, "member_ended")
    with pytest.raises(Refused):
        services.give_consent(
            people.river, engagement, scopes=["notes"], purpose="x", audience="specialist"
        )
    assert Notification.objects.filter(recipient=people.casey, kind="support.closed").exists()


def test_a_request_nobody_took_cannot_be_consented_to(people):
    engagement = services.request_specialist(people.river).obj
    with pytest.raises(Refused):
        services.give_consent(
            people.river, engagement, scopes=["notes"], purpose="x", audience="specialist"
        )


def test_an_end_date_today_still_counts_today(people):
    engagement = open_engagement(people.casey, people.river, ends_on=today())
    assert access.can_read_records(people.casey, engagement, "notes")
    assert not access.can_read_records(
        people.casey, engagement, "notes", on=today() + timedelta(days=1)
    )


def test_every_consent_step_is_audited(people, engagement):
    services.revoke_consent(people.river, engagement)
    actions = list(
        AuditEvent.objects.filter(subject=people.river, action__startswith="support.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["support.invite", "support.consent", "support.revoke"]


def test_the_consent_page_shows_the_current_choice(people, signed_in, engagement):
    page = signed_in(people.river).get(reverse("support-consent", args=[engagement.pk]))
    assert b'value="notes" checked' in page.content or b"checked" in page.content
    assert b"Peer recovery support" in page.content


def test_a_code_cannot_be_used_by_the_specialist_who_made_it(people):
    code = services.create_invite_code(people.casey).invite_code
    with pytest.raises(Refused):
        services.join_with_code(people.casey, code)


def test_a_member_cannot_decline_someone_elses_invitation(people, signed_in):
    engagement = services.invite(people.casey, "river")
    response = signed_in(people.sam).post(reverse("support-decline", args=[engagement.pk]))
    assert response.status_code == 404
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.INVITED


def test_inviting_the_same_member_twice_is_refused(people):
    services.invite(people.casey, "river")
    with pytest.raises(Refused):
        services.invite(people.casey, "river")


def test_inviting_by_bad_handle_shows_the_form_again(people, signed_in):
    response = signed_in(people.casey).post(reverse("support-invite"), {"handle": "nobody"})
    assert response.status_code == 400
    assert b"Nobody on Lantern has the handle nobody." in response.content
    assert b'value="nobody"' in response.content
