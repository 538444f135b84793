"""The recovery and relapse-prevention plan: goals with steps, triggers with coping, warning
signs, people to call, reasons. Printable and downloadable; encrypted at rest."""

from django.db import connection

from lantern.recovery import services
from lantern.recovery.models import Goal, PlanItem


def test_a_member_builds_a_plan_and_downloads_it(people, signed_in):
    river = signed_in(people.river)
    river.post(
        "/recovery/plan/items/new/",
        {"kind": "trigger", "text": "Payday Fridays", "detail": "Go straight to the meeting"},
    )
    river.post("/recovery/plan/items/new/", {"kind": "warning_sign", "text": "Skipping meals"})
    river.post("/recovery/plan/items/new/", {"kind": "person", "text": "Jo", "detail": "555-0100"})
    river.post("/recovery/plan/items/new/", {"kind": "reason", "text": "My daughter"})
    response = river.post(
        "/recovery/plan/goals/new/", {"title": "Walk daily", "status": "not_started"}
    )
    goal = Goal.objects.get()
    assert response["Location"] == f"/recovery/plan/goals/{goal.pk}/"
    river.post(f"/recovery/plan/goals/{goal.pk}/steps/", {"step-text": "Buy shoes"})
    river.post(f"/recovery/plan/goals/{goal.pk}/steps/", {"step-text": "Walk to the park"})
    river.post(f"/recovery/plan/goals/{goal.pk}/notes/", {"note-text": "Did 3 days this week"})
    step = goal.steps.first()
    river.post(f"/recovery/plan/steps/{step.pk}/toggle/")
    goal.refresh_from_db()
    assert goal.status == "in_progress" and goal.progress == 50

    page = river.get("/recovery/plan/").content.decode()
    for text in (
        "Payday Fridays",
        "Go straight to the meeting",
        "Skipping meals",
        'href="tel:555-0100"',
        "My daughter",
        "Walk daily",
        "50% of steps done",
    ):
        assert text in page, text
    export = river.get("/recovery/plan/export/")
    assert export["Content-Disposition"] == 'attachment; filename="recovery-plan.txt"'
    text = export.content.decode()
    assert "- Payday Fridays: Go straight to the meeting" in text
    assert "[x] Buy shoes" in text and "[ ] Walk to the park" in text
    assert "Did 3 days this week" in text
    # The print stylesheet hides the site's chrome and the plan's edit links.
    css = b"".join(river.get("/static/css/lantern.css").streaming_content).decode()
    assert "@media print" in css and ".no-print" in css
    assert 'class="actions no-print"' in page


def test_plan_text_is_stored_encrypted(people):
    item = services.save_plan_item(
        people.river, kind="trigger", text="The bar on 5th", detail="Walk the other way"
    ).obj
    goal = services.save_goal(people.river, title="Finish my GED").obj
    with connection.cursor() as cursor:
        cursor.execute("SELECT text, detail FROM recovery_planitem WHERE id = %s", [item.pk])
        stored = cursor.fetchone()
        cursor.execute("SELECT title FROM recovery_goal WHERE id = %s", [goal.pk])
        stored += cursor.fetchone()
    assert all(s.startswith("gAAAA") for s in stored)
    assert not any("5th" in s or "GED" in s or "other way" in s for s in stored)


def test_bad_plan_input_is_refused_and_kept(people, signed_in):
    river = signed_in(people.river)
    page = river.post(
        "/recovery/plan/goals/new/",
        {"title": "Run a 5k", "target_date": "2001-01-01", "status": "not_started"},
    ).content.decode()
    assert "The target date has already passed." in page and "Run a 5k" in page
    goal = services.save_goal(people.river, title="Walk").obj
    response = river.post(f"/recovery/plan/goals/{goal.pk}/steps/", {"step-text": ""})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    assert Goal.objects.count() == 1  # only "Walk"; the refused goal was not saved
    assert not goal.steps.exists()


def test_the_plan_is_private_unless_shared(people, signed_in):
    item = services.save_plan_item(people.river, kind="reason", text="My kids").obj
    sam = signed_in(people.sam)
    assert "My kids" not in sam.get("/recovery/plan/").content.decode()
    assert sam.get(f"/recovery/plan/items/{item.pk}/").status_code == 404
    assert sam.post(f"/recovery/plan/items/{item.pk}/delete/").status_code == 404
    assert sam.get("/recovery/shared/river/plan/").status_code == 404
    services.grant_access(people.river, "sam", ["plan"])
    page = sam.get("/recovery/shared/river/plan/").content.decode()
    assert "My kids" in page
    assert f"/recovery/plan/items/{item.pk}/" not in page  # no edit links for others
    assert PlanItem.objects.count() == 1
