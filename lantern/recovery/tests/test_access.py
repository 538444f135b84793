"""recovery/access.py: one set of loaders for the pages and the API, and services that check
the same rule themselves, so a record that is not yours is "not found" however you ask."""

import datetime
import json

import pytest
from django.http import Http404

from lantern.core.errors import NotFound
from lantern.core.models import AuditEvent
from lantern.recovery import access, services
from lantern.recovery.models import CheckIn, Counter, Goal, Grant, JournalEntry, Nudge, PlanItem

D = datetime.date


@pytest.fixture
def records(people):
    river = people.river
    counter = services.start_counter(river, "alcohol", D(2026, 1, 1))
    entry = services.save_entry(river, title="", body="mine").obj
    item = services.save_plan_item(river, kind="reason", text="My kids").obj
    goal = services.save_goal(river, title="Walk").obj
    step = services.add_step(river, goal, "Shoes").obj
    grant = services.grant_access(river, "jo", ["milestones"])
    nudge = Nudge.objects.create(member=river, kind="cravings", day=services.today_for(river))
    checkin = services.save_checkin(river, mood=3, craving=2).obj
    return {
        "counter": counter,
        "entry": entry,
        "plan_item": item,
        "goal": goal,
        "step": step,
        "grant": grant,
        "nudge": nudge,
        "checkin": checkin,
    }


LOADERS = {
    "counter": access.get_counter_for,
    "entry": access.get_entry_for,
    "plan_item": access.get_plan_item_for,
    "goal": access.get_goal_for,
    "step": access.get_step_for,
    "grant": access.get_grant_for,
    "nudge": access.get_nudge_for,
}


def test_the_loaders_give_the_member_their_records_and_everyone_else_404(people, records):
    for name, load in LOADERS.items():
        assert load(people.river, records[name].pk) == records[name], name
        for person in (people.sam, people.jo, people.casey, people.morgan, people.alex):
            with pytest.raises(Http404):
                load(person, records[name].pk)
    day = records["checkin"].day
    assert access.get_checkin_for(people.river, day) == records["checkin"]
    with pytest.raises(Http404):
        access.get_checkin_for(people.sam, day)


def test_services_refuse_another_persons_record_as_not_found(people, records):
    sam = people.sam
    refused = [
        lambda: services.update_counter(
            sam,
            records["counter"],
            kind="alcohol",
            name="x",
            tell_on_reset=False,
            started_on=D(2026, 1, 1),
            started_at=None,
        ),
        lambda: services.new_start(sam, records["counter"], D(2026, 2, 1)),
        lambda: services.delete_counter(sam, records["counter"]),
        lambda: services.save_entry(sam, title="", body="x", entry=records["entry"]),
        lambda: services.share_entry(sam, records["entry"], "jo"),
        lambda: services.unshare_entry(sam, records["entry"], people.jo.pk),
        lambda: services.delete_entry(sam, records["entry"]),
        lambda: services.save_plan_item(sam, kind="reason", text="x", item=records["plan_item"]),
        lambda: services.delete_plan_item(sam, records["plan_item"]),
        lambda: services.save_goal(sam, title="x", goal=records["goal"]),
        lambda: services.add_step(sam, records["goal"], "x"),
        lambda: services.add_goal_note(sam, records["goal"], "x"),
        lambda: services.toggle_step(sam, records["step"]),
        lambda: services.delete_goal(sam, records["goal"]),
        lambda: services.dismiss_nudge(sam, records["nudge"]),
        lambda: services.revoke_grant(sam, records["grant"]),
        lambda: services.save_checkin(sam, mood=5, craving=0, checkin=records["checkin"]),
    ]
    for call in refused:
        with pytest.raises(NotFound):
            call()
    # Nothing changed.
    assert Counter.objects.get().runs.count() == 1 and JournalEntry.objects.get().body == "mine"
    assert PlanItem.objects.get().text == "My kids" and Goal.objects.get().title == "Walk"
    assert not Nudge.objects.get().dismissed and Grant.objects.get().revoked_at is None
    assert CheckIn.objects.get().mood == 3


def test_the_page_and_the_api_load_a_counter_the_same_way(people, signed_in, records):
    pk = records["counter"].pk
    for person, answer in ((people.river, 200), (people.sam, 404), (people.jo, 404)):
        client = signed_in(person)
        assert client.get(f"/recovery/counters/{pk}/").status_code == answer
        assert client.get(f"/api/v1/recovery/counters/{pk}").status_code == answer
    sam = signed_in(people.sam)
    put = sam.put(
        f"/api/v1/recovery/checkins/{records['checkin'].day.isoformat()}",
        json.dumps({"mood": 1, "craving": 9}),
        content_type="application/json",
    )
    assert put.status_code == 404 and CheckIn.objects.get().mood == 3


def test_a_read_by_someone_shared_with_is_refused_and_unlogged_without_a_grant(people, records):
    river, jo, sam = people.river, people.jo, people.sam
    assert services.read_shared_milestones(jo, river)[0].counter == records["counter"]
    for read in (services.read_shared_checkins, services.read_shared_plan):
        with pytest.raises(NotFound):
            read(jo, river)  # jo has milestones only
    with pytest.raises(NotFound):
        services.read_shared_milestones(sam, river)
    with pytest.raises(NotFound):
        services.read_shared_entry(jo, records["entry"])  # not shared with jo
    services.share_entry(river, records["entry"], "jo")
    assert services.read_shared_entry(jo, records["entry"]) == records["entry"]
    with pytest.raises(NotFound):
        services.read_shared_entry(river, records["entry"])  # her own: read on her own page
    looked = list(AuditEvent.objects.filter(action__startswith="recovery.view_"))
    assert sorted((e.actor.handle, e.action) for e in looked) == [
        ("jo", "recovery.view_journal"),
        ("jo", "recovery.view_milestones"),
    ]
    assert all(e.subject == river for e in looked)


def test_the_predicates_follow_the_grant(people, records):
    river, jo = people.river, people.jo
    assert access.can_view_shared_anything(jo, river)
    assert access.can_view_shared_recovery(jo, river, "milestones")
    assert not access.can_view_shared_recovery(jo, river, "checkins")
    assert not access.can_view_shared_anything(river, river)  # one's own is not "shared"
    services.revoke_grant(river, records["grant"])
    assert not access.can_view_shared_anything(jo, river)
    with pytest.raises(Http404):
        access.get_shared_member_for(jo, "river")
