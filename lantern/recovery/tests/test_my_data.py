"""My data: the export holds every recovery record (journal decrypted for the owner); erasure
leaves nothing of the member's private data in the database."""

import datetime
import json

from django.apps import apps
from django.db import connection

from lantern.accounts import services as accounts
from lantern.core.models import AuditEvent, Notification
from lantern.recovery import services
from lantern.recovery.models import CheckIn

D = datetime.date


def everything(river, jo):
    counter = services.start_counter(river, "alcohol", D(2025, 1, 1), name="Beer")
    services.new_start(river, counter, D(2025, 6, 1))
    services.save_checkin(
        river,
        mood=4,
        craving=3,
        triggers=["stress"],
        sleep="ok",
        medication_taken=True,
        gratitude="sunlight",
        note="rough morning",
    )
    entry = services.save_entry(river, title="Letter", body="Dear past me").obj
    services.share_entry(river, entry, "jo")
    goal = services.save_goal(river, title="Get my licence back").obj
    services.add_step(river, goal, "Call the DMV")
    services.add_goal_note(river, goal, "Booked the test")
    services.save_plan_item(river, kind="person", text="Aunt May", detail="555-0199")
    services.grant_access(river, "jo", ["milestones", "plan"])
    services.set_reminder(river, datetime.time(21, 0))
    services.read_shared_plan(jo, river)


def test_the_export_holds_every_recovery_record_decrypted(people, signed_in):
    everything(people.river, people.jo)
    response = signed_in(people.river).get("/accounts/export/")
    data = json.loads(b"".join(getattr(response, "streaming_content", [response.content])))
    r = data["recovery"]
    assert [run["started_on"] for run in r["counters"][0]["runs"]] == ["2025-06-01", "2025-01-01"]
    assert r["counters"][0]["name"] == "Beer"
    c = r["checkins"][0]
    assert (c["mood"], c["craving"], c["triggers"], c["sleep"], c["medication_taken"]) == (
        4,
        3,
        ["stress"],
        "ok",
        True,
    )
    assert (c["gratitude"], c["note"]) == ("sunlight", "rough morning")
    assert r["journal"][0] | {"created_at": None, "updated_at": None} == {
        "title": "Letter",
        "body": "Dear past me",
        "shared_with": ["jo"],
        "created_at": None,
        "updated_at": None,
    }
    goal = r["plan"]["goals"][0]
    assert goal["title"] == "Get my licence back" and goal["steps"][0]["text"] == "Call the DMV"
    assert goal["notes"][0]["text"] == "Booked the test"
    assert r["plan"]["items"] == [{"kind": "person", "text": "Aunt May", "detail": "555-0199"}]
    assert r["sharing"][0]["person"] == "jo" and r["sharing"][0]["scopes"] == ["milestones", "plan"]
    assert r["reminder_time"] == "21:00:00"
    assert "recovery.view_plan" in [e["action"] for e in data["audit_events_about_me"]]


def test_erasure_leaves_nothing_of_the_members_private_data(people):
    everything(people.river, people.jo)
    services.save_checkin(people.sam, mood=2, craving=2, note="sam's own")  # must survive
    river_id = people.river.pk
    accounts.erase_account(people.river)
    tables = list(apps.get_app_config("recovery").get_models())
    with connection.cursor() as cursor:
        for model in tables:
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model._meta.label == "accounts.User":
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {model._meta.db_table} WHERE {field.column} = %s",
                        [river_id],
                    )
                    assert cursor.fetchone()[0] == 0, (model, field.name)
        for table in (
            "recovery_run",
            "recovery_journalentry",
            "recovery_journalshare",
            "recovery_goalstep",
            "recovery_goalnote",
            "recovery_checkin_meetings",
        ):
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            assert cursor.fetchone()[0] == 0, table
    assert CheckIn.objects.get().note == "sam's own"
    assert not AuditEvent.objects.filter(subject_id=river_id).exists()
    # jo's notifications that pointed at river's shared records are gone too.
    assert not Notification.objects.filter(url__contains="/recovery/shared/").exists()
