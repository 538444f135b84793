"""Every recovery page on a 360 px phone, with river's demo records: no accessibility
violations, nothing wider than the screen, and the plan prints without the site's chrome."""

import pytest

from lantern.conftest import Page, assert_accessible
from lantern.recovery import demo, services
from lantern.recovery.models import CheckIn, Counter, Goal, Grant, JournalEntry, PlanItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_recovery_page_is_accessible_on_a_phone(people, phone):
    demo.seed()
    counter, goal = Counter.objects.get(), Goal.objects.get()
    entry, item = JournalEntry.objects.get(), PlanItem.objects.first()
    services.share_entry(people.river, entry, "jo")  # listed on the sharing page
    phone.sign_in("river")
    pages = [
        "/",
        "/recovery/",
        f"/recovery/counters/{counter.pk}/",
        f"/recovery/counters/{counter.pk}/edit/",
        f"/recovery/counters/{counter.pk}/new-start/",
        f"/recovery/counters/{counter.pk}/milestones/90d/",
        "/recovery/counters/new/",
        "/recovery/checkins/",
        "/recovery/trends/?days=90",
        "/recovery/reminders/",
        "/recovery/journal/",
        "/recovery/journal/new/",
        f"/recovery/journal/{entry.pk}/",
        "/recovery/plan/",
        f"/recovery/plan/items/{item.pk}/",
        "/recovery/plan/items/new/?kind=person",
        f"/recovery/plan/goals/{goal.pk}/",
        "/recovery/sharing/",
        "/recovery/sharing/?with=jo",  # the form starting from what jo sees
    ]
    for path in pages:
        response = phone.visit(path)
        assert response.status == 200, path
        assert_accessible(phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path

    phone.visit("/recovery/plan/")
    phone.page.emulate_media(media="print")
    assert not phone.get_by_role("navigation", name="Main").is_visible()
    assert not phone.get_by_role("link", name="Download as text").is_visible()
    assert phone.get_by_role("heading", name="Triggers and how I cope").is_visible()


def test_the_pages_a_supporter_sees_are_accessible(people, phone):
    demo.seed()
    phone.sign_in("jo")
    services.share_entry(people.river, JournalEntry.objects.get(), "jo")
    for path in (
        "/recovery/shared/",
        f"/recovery/shared/journal/{JournalEntry.objects.get().pk}/",
        "/recovery/shared/river/",
        "/recovery/shared/river/milestones/",
        "/recovery/shared/river/checkins/",
    ):
        response = phone.visit(path)
        assert response.status == 200, path
        assert_accessible(phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path


@pytest.fixture
def phone_without_js(browser, live_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="en-US", java_script_enabled=False
    )
    page = Page(context, live_server.url)
    yield page
    assert page.foreign_requests() == []
    context.close()


def test_the_check_in_and_sharing_work_without_javascript(people, phone_without_js):
    page = phone_without_js
    page.sign_in("river")
    page.visit("/recovery/checkin/")
    page.locator("#id_mood").fill("2")
    page.locator("#id_craving").fill("7")
    # Issue 13: no number beside the label that could disagree with where the slider sits.
    assert not page.locator("#id_mood_value").is_visible()
    assert page.locator("label[for=id_mood]").inner_text().strip() == "Mood"
    page.get_by_label("Loneliness").check()
    page.get_by_text("More (optional)").click()  # <details> opens without JavaScript
    page.get_by_label("Private note").fill("quiet house tonight")
    page.get_by_role("button", name="Save check-in").last.click()
    page.wait_for_url("**/recovery/trends/")
    checkin = CheckIn.objects.get()
    assert (checkin.mood, checkin.craving, checkin.triggers) == (2, 7, ["loneliness"])
    assert checkin.note == "quiet house tonight"
    page.visit("/recovery/sharing/")
    page.get_by_label("Their handle").fill("jo")
    page.get_by_label("Recovery plan").check()
    page.get_by_role("button", name="Share", exact=True).click()
    page.get_by_text("jo can now see: recovery plan.").wait_for()
    assert Grant.objects.get().scopes() == ["plan"]
