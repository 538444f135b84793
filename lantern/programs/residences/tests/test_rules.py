"""House rules are versioned (issue 18, acceptance 2): a resident accepts the current version
(the version and the time are kept); a new version asks again, on the house page first; the
old acceptances stay; staff see who accepted which version."""

from django.urls import reverse

from lantern.core.errors import Refused
from lantern.programs import services as programs
from lantern.programs.residences.models import RulesAcknowledgement
from lantern.programs.residences.services import rules

from .helpers import move_in

V1 = "No alcohol or drugs in the house."
V2 = V1 + "\nQuiet hours from 11 PM."


def _house_page(client, house):
    return client.get(reverse("residences-house", args=[house.program.slug, house.pk]))


def test_a_resident_sees_the_rules_first_and_accepts_them(people, house, signed_in):
    rules.publish_rules(people.jo, house.program, V1)
    river = signed_in(people.river)
    text = _house_page(river, house).content.decode()
    assert text.index("House rules, version 1") < text.index("Your bed")
    assert "I have read and accept the house rules" in text
    response = river.post(reverse("residences-rules-accept", args=[house.program.slug, 1]))
    assert response.status_code == 302
    ack = RulesAcknowledgement.objects.get(person=people.river)
    assert ack.version.number == 1 and ack.acknowledged_at is not None
    text = _house_page(river, house).content.decode()
    assert "I have read and accept the house rules" not in text
    assert "House rules (version 1, accepted)" in text


def test_a_new_version_asks_again_and_keeps_the_old_acceptance(people, house, signed_in):
    first = rules.publish_rules(people.jo, house.program, V1).obj
    rules.accept_rules(people.river, first)
    assert rules.rules_to_accept(people.river, house.program) is None
    second = rules.publish_rules(people.jo, house.program, V2).obj
    assert second.number == 2
    assert rules.rules_to_accept(people.river, house.program) == second
    river = signed_in(people.river)
    assert "House rules, version 2" in _house_page(river, house).content.decode()
    river.post(reverse("residences-rules-accept", args=[house.program.slug, 2]))
    versions = [a.version.number for a in rules.my_acknowledgements(people.river, house.program)]
    assert versions == [2, 1]  # the acceptance of version 1 is kept


def test_accepting_an_old_version_is_refused_with_the_reason(people, house, signed_in):
    rules.publish_rules(people.jo, house.program, V1)
    rules.publish_rules(people.jo, house.program, V2)
    river = signed_in(people.river)
    response = river.post(
        reverse("residences-rules-accept", args=[house.program.slug, 1]), follow=True
    )
    assert "The house rules changed since you opened the page" in response.content.decode()
    assert not RulesAcknowledgement.objects.exists()


def test_accepting_twice_keeps_one_acceptance(people, house):
    version = rules.publish_rules(people.jo, house.program, V1).obj
    first = rules.accept_rules(people.river, version)
    assert rules.accept_rules(people.river, version) == first
    assert RulesAcknowledgement.objects.count() == 1


def test_only_residents_accept_and_only_staff_publish(people, house):
    version = rules.publish_rules(people.jo, house.program, V1).obj
    try:
        rules.accept_rules(people.jo, version)
    except Refused as error:
        assert "Only residents" in error.message
    else:
        raise AssertionError("staff who do not live there accept nothing")
    try:
        rules.publish_rules(people.river, house.program, V2)
    except Refused:
        pass
    else:
        raise AssertionError("a resident cannot publish rules")


def test_staff_see_who_accepted_which_version(people, house, signed_in):

    house.program
    rules.publish_rules(people.jo, house.program, V1)

    programs.enrol(people.jo, house.program, "sam")
    move_in(people.jo, house, people.sam, "Room 2", "A")
    rules.accept_rules(people.river, rules.current_rules(house.program))
    rules.publish_rules(people.jo, house.program, V2)
    page = signed_in(people.jo).get(reverse("residences-rules", args=[house.program.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "v1 on" in text and "not version 2 yet" in text
    assert "Version 1" in text and "accepted by 1 person" in text
    assert "Version 2" in text and "accepted by 0 people" in text


def test_publishing_the_same_words_again_is_refused_on_the_form(people, house, signed_in):
    rules.publish_rules(people.jo, house.program, V1)
    jo = signed_in(people.jo)
    response = jo.post(reverse("residences-rules", args=[house.program.slug]), {"text": V1})
    assert response.status_code == 400
    assert "These are the rules already in force." in response.content.decode()
    response = jo.post(reverse("residences-rules", args=[house.program.slug]), {"text": "  "})
    assert response.status_code == 400
