"""Engagements and consent: invitations by handle or code, a member's request, consent with
scope, purpose, audience and end date, immediate revocation, closing, and hand-over."""

from datetime import timedelta

import pytest
from django.urls import reverse

from lantern.community.models import Conversation
from lantern.conftest import make_person
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.core.roles import Role
from lantern.support import access, services
from lantern.support.models import Consent, Engagement, today

from .conftest import open_engagement

pytestmark = pytest.mark.django_db


def test_an_invitation_shares_nothing_until_the_member_consents(people, signed_in):
    engagement = services.invite(people.casey, "River")
    assert engagement.status == Engagement.Status.INVITED
    assert Notification.objects.filter(recipient=people.river, kind="support.invited").exists()
    casey = signed_in(people.casey)
    assert casey.get(reverse("support-intake", args=[engagement.pk])).status_code == 404
    river = signed_in(people.river)
    response = river.post(
        reverse("support-consent", args=[engagement.pk]),
        {
            "scopes": ["intake", "notes"],
            "purpose": "Help me find housing",
            "audience": "specialist",
            "ends_on": (today() + timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.OPEN
    assert engagement.consent.scopes == ["intake", "notes"]
    assert engagement.consent.purpose == "Help me find housing"
    assert casey.get(reverse("support-intake", args=[engagement.pk])).status_code == 200
    # outside the scope: still nothing
    assert casey.get(reverse("support-assessments", args=[engagement.pk])).status_code == 404


def test_consent_needs_a_scope_and_a_purpose_and_the_form_keeps_what_was_typed(people, signed_in):
    engagement = services.invite(people.casey, "river")
    river = signed_in(people.river)
    response = river.post(
        reverse("support-consent", args=[engagement.pk]),
        {"scopes": [], "purpose": "Because", "audience": "specialist"},
    )
    assert response.status_code == 400
    assert b"Choose at least one kind of record." in response.content
    assert b'value="Because"' in response.content
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.INVITED


def test_revoking_consent_locks_the_specialist_out_on_the_next_request(
    people, signed_in, engagement
):
    casey = signed_in(people.casey)
    notes = reverse("support-notes", args=[engagement.pk])
    assert casey.get(notes).status_code == 200
    river = signed_in(people.river)
    assert river.post(reverse("support-revoke", args=[engagement.pk])).status_code == 302
    for name in ("support-intake", "support-notes", "support-assessments", "support-plan"):
        assert casey.get(reverse(name, args=[engagement.pk])).status_code == 404, name
    assert casey.post(notes, {"body": "x"}).status_code == 404
    page = casey.get(reverse("support-engagement", args=[engagement.pk]))
    assert b"No consent in force" in page.content
    # The member still sees their own records and may consent again.
    assert river.get(notes).status_code == 200
    assert Notification.objects.filter(recipient=people.casey, kind="support.revoked").exists()


def test_consent_ends_on_its_end_date(people, engagement):
    consent = engagement.consent
    consent.ends_on = today() - timedelta(days=1)
    consent.save()
    with pytest.raises(NotFound):
        services.read_notes(people.casey, Engagement.objects.get(pk=engagement.pk))


def test_an_end_date_in_the_past_is_refused(people):
    engagement = services.invite(people.casey, "river")
    with pytest.raises(Refused) as error:
        services.give_consent(
            people.river,
            engagement,
            scopes=["notes"],
            purpose="Support",
            audience="specialist",
            ends_on=today() - timedelta(days=1),
        )
    assert error.value.field == "ends_on"


def test_a_specialist_invites_with_a_code_given_in_person(people, signed_in):
    code = services.create_invite_code(people.casey).invite_code
    assert len(code) == 8
    river = signed_in(people.river)
    response = river.post(reverse("support-join"), {"code": code.lower()})
    engagement = Engagement.objects.get(member=people.river)
    assert response["Location"] == reverse("support-consent", args=[engagement.pk])
    assert engagement.specialist == people.casey
    # a code works once
    response = signed_in(people.sam).post(reverse("support-join"), {"code": code})
    assert response.status_code == 400
    assert b"does not match" in response.content


def test_a_member_asks_and_a_specialist_takes_the_request(people, signed_in):
    river = signed_in(people.river)
    response = river.post(reverse("support-request"), {"note": "I need help with housing"})
    engagement = Engagement.objects.get(member=people.river)
    assert response["Location"] == reverse("support-engagement", args=[engagement.pk])
    assert Notification.objects.filter(recipient=people.casey, kind="support.request").exists()
    casey = signed_in(people.casey)
    assert people.river.handle.encode() in casey.get(reverse("support-caseload")).content
    # other members never see the request
    assert signed_in(people.sam).get(engagement.get_absolute_url()).status_code == 404
    casey.post(reverse("support-take", args=[engagement.pk]))
    engagement.refresh_from_db()
    assert engagement.specialist == people.casey
    assert engagement.status == Engagement.Status.INVITED
    # asking twice is refused
    with pytest.raises(Refused):
        services.request_specialist(people.river)


def test_only_specialists_invite(people):
    with pytest.raises(NotFound):
        services.invite(people.jo, "river")
    with pytest.raises(Refused):
        services.invite(people.casey, "nobody-here")


def test_a_member_declines_an_invitation(people, signed_in):
    engagement = services.invite(people.casey, "river")
    signed_in(people.river).post(reverse("support-decline", args=[engagement.pk]))
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.CLOSED
    assert engagement.close_reason == "declined"


def test_closing_needs_a_reason_and_ends_access(people, signed_in, engagement):
    casey = signed_in(people.casey)
    url = reverse("support-close", args=[engagement.pk])
    casey.post(url, {"reason": "nonsense"})
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.OPEN
    casey.post(url, {"reason": "goals_met"})
    engagement.refresh_from_db()
    assert engagement.status == Engagement.Status.CLOSED
    assert engagement.close_reason == "goals_met"
    assert Consent.objects.get(engagement=engagement).revoked_at is not None
    assert casey.get(reverse("support-notes", args=[engagement.pk])).status_code == 404
    assert engagement.followups.filter(kind="suprt_closeout").exists()


def test_a_hand_over_needs_the_members_agreement(people, signed_in, engagement):
    dana = make_person("dana", [Role.SPECIALIST])
    with pytest.raises(Refused):
        services.propose_handover(people.casey, engagement, "jo")  # not a specialist
    services.propose_handover(people.casey, engagement, "dana")
    engagement.refresh_from_db()
    assert engagement.specialist == people.casey  # nothing changes yet
    assert not access.can_read_records(dana, engagement, "notes")
    signed_in(people.river).post(
        reverse("support-handover-answer", args=[engagement.pk]), {"agree": "yes"}
    )
    engagement = Engagement.objects.select_related("consent").get(pk=engagement.pk)
    assert engagement.specialist == dana
    assert access.can_read_records(dana, engagement, "notes")
    assert not access.can_read_records(people.casey, engagement, "notes")


def test_a_declined_hand_over_changes_nothing(people, engagement):
    make_person("dana", [Role.SPECIALIST])
    services.propose_handover(people.casey, engagement, "dana")
    services.answer_handover(people.river, engagement, agree=False)
    engagement.refresh_from_db()
    assert engagement.specialist == people.casey
    assert engagement.handover_to is None


def test_messages_go_through_the_one_conversation_mechanism(people, signed_in, engagement):
    response = signed_in(people.casey).post(reverse("support-message", args=[engagement.pk]))
    conversation = Conversation.objects.get(about=f"support.engagement:{engagement.pk}")
    assert response["Location"] == reverse("community-conversation", args=[conversation.pk])
    assert (
        signed_in(people.sam).post(reverse("support-message", args=[engagement.pk])).status_code
        == 404
    )


def test_the_member_sees_who_opened_their_records(people, signed_in, engagement):
    casey = signed_in(people.casey)
    casey.get(reverse("support-notes", args=[engagement.pk]))
    page = signed_in(people.river).get(engagement.get_absolute_url())
    assert b"contact notes (peer specialist)" in page.content
    # and on recovery's "Who looked"
    sharing = signed_in(people.river).get(reverse("recovery-sharing"))
    assert b"contact notes (peer specialist)" in sharing.content


def test_open_engagement_helper(people):
    engagement = open_engagement(people.casey, people.sam, scopes=["notes"])
    assert engagement.consent.scopes == ["notes"]


def test_the_members_specialist_answering_a_reach_out_finds_the_engagement(people, engagement):
    links = services.links_for_responder(people.casey, people.river)
    assert [link.url for link in links] == [engagement.get_absolute_url()]
    assert services.links_for_responder(people.jo, people.river) == []
    services.revoke_consent(people.river, engagement)
    assert services.links_for_responder(people.casey, people.river) == []


def test_the_request_note_reaches_the_specialists_only(people, signed_in):
    engagement = services.request_specialist(people.river, "Mornings are best").obj
    assert (
        b"Mornings are best" in signed_in(people.casey).get(engagement.get_absolute_url()).content
    )
    assert signed_in(people.sam).get(engagement.get_absolute_url()).status_code == 404
