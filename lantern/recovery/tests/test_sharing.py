"""Sharing grants: a member lets a named person see chosen parts, until a date or until they
stop it; every look is logged where the member can see it."""

import datetime

import time_machine

from lantern.core.models import AuditEvent
from lantern.recovery import services
from lantern.recovery.models import Grant

D = datetime.date


def river_with_records(people):
    services.start_counter(people.river, "alcohol", D(2026, 1, 1))
    services.save_checkin(people.river, mood=4, craving=2, note="my secret note")
    services.save_plan_item(people.river, kind="reason", text="My kids")


def test_a_supporter_sees_only_what_was_shared_and_each_look_is_logged(people, signed_in):
    river_with_records(people)
    river = signed_in(people.river)
    response = river.post("/recovery/sharing/", {"handle": "JO", "scopes": ["checkins"]})
    assert response.status_code == 302
    jo = signed_in(people.jo)
    assert "river" in jo.get("/recovery/shared/").content.decode()
    page = jo.get("/recovery/shared/river/checkins/").content.decode()
    assert "Mood 4 of 5" in page
    assert "my secret note" not in page  # the private note stays private
    assert jo.get("/recovery/shared/river/plan/").status_code == 404  # not shared
    assert jo.get("/recovery/shared/river/milestones/").status_code == 404
    assert signed_in(people.sam).get("/recovery/shared/river/checkins/").status_code == 404
    looked = AuditEvent.objects.get(action="recovery.view_checkins")
    assert (looked.actor, looked.subject) == (people.jo, people.river)
    sharing = river.get("/recovery/sharing/").content.decode()
    assert "Who looked" in sharing and "jo · check-ins" in sharing


def test_revoking_takes_effect_at_once(people, signed_in):
    river_with_records(people)
    grant = services.grant_access(people.river, "jo", ["checkins", "plan", "milestones"])
    jo = signed_in(people.jo)
    assert jo.get("/recovery/shared/river/plan/").status_code == 200
    signed_in(people.river).post(f"/recovery/sharing/{grant.pk}/revoke/")
    for path in ("", "checkins/", "plan/", "milestones/"):
        assert jo.get(f"/recovery/shared/river/{path}").status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is not None  # kept in the member's history


def test_a_grant_ends_on_its_end_date(people, signed_in):
    river_with_records(people)
    with time_machine.travel(datetime.datetime(2026, 11, 20, 18, tzinfo=datetime.UTC)):
        services.grant_access(people.river, "jo", ["milestones"], ends_on=D(2026, 11, 22))
    with time_machine.travel(datetime.datetime(2026, 11, 22, 18, tzinfo=datetime.UTC)):
        page = signed_in(people.jo).get("/recovery/shared/river/milestones/").content.decode()
        assert "Alcohol" in page
    with time_machine.travel(datetime.datetime(2026, 11, 23, 18, tzinfo=datetime.UTC)):
        assert signed_in(people.jo).get("/recovery/shared/river/milestones/").status_code == 404


def test_bad_grants_get_a_clear_message_and_keep_the_form(people, signed_in):
    river = signed_in(people.river)
    cases = [
        ({"handle": "nobody-here", "scopes": ["plan"]}, "Nobody on Lantern has the handle"),
        ({"handle": "river", "scopes": ["plan"]}, "That is you."),
        ({"handle": "jo"}, "This field is required."),
        ({"handle": "jo", "scopes": ["plan"], "ends_on": "2020-01-01"}, "already passed"),
    ]
    for data, message in cases:
        response = river.post("/recovery/sharing/", data)
        page = response.content.decode()
        assert response.status_code == 400 and message in page, data
        assert f'value="{data["handle"]}"' in page
    assert not Grant.objects.exists()


def test_the_journal_is_never_part_of_a_grant_but_one_entry_can_be_shared(people, signed_in):
    entry = services.save_entry(people.river, title="Day 3", body="I told my brother.").obj
    other = services.save_entry(people.river, title="Private", body="not for anyone").obj
    services.grant_access(people.river, "jo", ["checkins", "plan", "milestones"])
    jo = signed_in(people.jo)
    assert jo.get(f"/recovery/shared/journal/{entry.pk}/").status_code == 404
    signed_in(people.river).post(f"/recovery/journal/{entry.pk}/share/", {"handle": "jo"})
    page = jo.get(f"/recovery/shared/journal/{entry.pk}/").content.decode()
    assert "I told my brother." in page
    assert jo.get(f"/recovery/shared/journal/{other.pk}/").status_code == 404
    assert signed_in(people.sam).get(f"/recovery/shared/journal/{entry.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="recovery.view_journal", actor=people.jo).count() == 1
    signed_in(people.river).post(
        f"/recovery/journal/{entry.pk}/unshare/", {"person_id": people.jo.pk}
    )
    assert jo.get(f"/recovery/shared/journal/{entry.pk}/").status_code == 404
