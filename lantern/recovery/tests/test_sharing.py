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


def test_sharing_again_adds_and_never_silently_takes_away(people, signed_in):
    """Issue 13: river shared milestones and check-ins with jo, then the plan: milestones and
    check-ins were silently revoked."""
    river_with_records(people)
    river = signed_in(people.river)
    river.post("/recovery/sharing/", {"handle": "jo", "scopes": ["milestones", "checkins"]})
    response = river.post("/recovery/sharing/", {"handle": "jo", "scopes": ["plan"]}, follow=True)
    assert "jo can now see: milestones and counters, check-ins, recovery plan." in (
        response.content.decode()
    )
    jo = signed_in(people.jo)
    for part in ("milestones", "checkins", "plan"):
        assert jo.get(f"/recovery/shared/river/{part}/").status_code == 200, part
    active = Grant.objects.get(revoked_at__isnull=True)
    assert active.scopes() == ["milestones", "checkins", "plan"]
    assert Grant.objects.count() == 2  # the earlier grant stays in river's history
    # Sharing again what jo already sees changes nothing and tells jo nothing new.
    river.post("/recovery/sharing/", {"handle": "jo", "scopes": ["plan"]})
    assert Grant.objects.count() == 2


def test_the_form_starts_from_what_is_shared_and_changes_only_what_was_changed(people, signed_in):
    river_with_records(people)
    grant = services.grant_access(people.river, "jo", ["milestones", "checkins"])
    river = signed_in(people.river)
    sharing = river.get("/recovery/sharing/").content.decode()
    assert 'href="/recovery/sharing/?with=jo#grant-title"' in sharing  # "Change what jo sees"
    form = river.get("/recovery/sharing/?with=jo").content.decode()
    assert "Change what jo sees" in form
    assert 'value="jo"' in form and f'name="grant" value="{grant.pk}"' in form
    assert 'value="milestones" id="id_scopes_0" checked' in form
    assert 'value="checkins" id="id_scopes_1" checked' in form
    assert 'value="plan" id="id_scopes_2" checked' not in form
    # river ticks the plan too and saves: all three.
    river.post(
        "/recovery/sharing/",
        {"handle": "jo", "scopes": ["milestones", "checkins", "plan"], "grant": grant.pk},
    )
    assert Grant.objects.get(revoked_at__isnull=True).scopes() == ["milestones", "checkins", "plan"]
    # Then unticks check-ins on the form that shows all three: only check-ins go.
    current = Grant.objects.get(revoked_at__isnull=True)
    river.post(
        "/recovery/sharing/",
        {"handle": "jo", "scopes": ["milestones", "plan"], "grant": current.pk},
    )
    assert Grant.objects.get(revoked_at__isnull=True).scopes() == ["milestones", "plan"]
    assert signed_in(people.jo).get("/recovery/shared/river/checkins/").status_code == 404
    # Nobody changes another member's grant through the hidden field.
    sams = services.grant_access(people.sam, "jo", ["plan"])
    response = river.post(
        "/recovery/sharing/", {"handle": "jo", "scopes": ["milestones"], "grant": sams.pk}
    )
    assert response.status_code == 404
    assert Grant.objects.get(pk=sams.pk).revoked_at is None


def test_a_shared_journal_entry_is_listed_for_both_and_has_a_way_back(people, signed_in):
    """Issue 13: a shared entry had no back link and was listed on neither side's page."""
    entry = services.save_entry(people.river, title="Day 3", body="I told my brother.").obj
    services.share_entry(people.river, entry, "jo")
    jo = signed_in(people.jo)
    shared = jo.get("/recovery/shared/").content.decode()
    assert "Journal entries shared with you" in shared
    assert f'href="/recovery/shared/journal/{entry.pk}/">Day 3</a> · river' in shared
    page = jo.get(f"/recovery/shared/journal/{entry.pk}/").content.decode()
    assert 'href="/recovery/shared/">← Shared with me</a>' in page
    sharing = signed_in(people.river).get("/recovery/sharing/").content.decode()
    assert "Journal entries you share" in sharing
    assert f'href="/recovery/journal/{entry.pk}/">Day 3</a> · with jo' in sharing
    assert "Day 3" not in signed_in(people.sam).get("/recovery/shared/").content.decode()
