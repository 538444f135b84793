"""The other community pages on a phone, each checked by axe: search, private messages and
their settings, a report, and a peer moderator's queue, report and log."""

from datetime import timedelta

import pytest

from lantern.community import services
from lantern.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_messages_reports_and_moderation_pages_are_accessible(early, people, phone):
    people.sam.date_joined -= timedelta(days=200)  # sam has been here a while
    people.sam.save()
    saved = services.start_thread(people.river, early, "Evenings", "The evenings are long.")
    rude = services.reply(people.sam, saved.obj.thread, "Stop whining about evenings.").obj
    services.message_person(people.jo, people.river, "Hi river, welcome. How are the evenings?")

    phone.sign_in("river")
    phone.visit("/groups/")
    phone.get_by_label("Search the groups").fill("evenings")
    phone.get_by_role("button", name="Search").click()
    phone.wait_for_url("**/groups/search/?q=evenings")
    assert phone.locator("mark").first.inner_text().lower() == "evenings"
    assert_accessible(phone)

    phone.visit(saved.obj.thread.get_absolute_url())
    phone.locator(f"#post-{rude.pk}").get_by_role("link", name="Report").click()
    phone.get_by_label("Harassment or bullying").check()
    assert_accessible(phone)
    phone.get_by_role("button", name="Send report").click()
    phone.get_by_text("Thank you. A moderator will look at it.").wait_for()

    phone.visit("/messages/")
    assert_accessible(phone)
    phone.get_by_role("link", name="jo").click()
    phone.get_by_label("Message").fill("Long, but better with a walk. Thank you.")
    phone.get_by_role("button", name="Send").click()
    phone.get_by_text("Long, but better with a walk.").wait_for()
    assert_accessible(phone)
    phone.visit("/messages/new/?to=sam")
    phone.get_by_label("Message").fill("hi")
    phone.get_by_role("button", name="Send").click()
    phone.get_by_text("In your first 30 days you can message supporters").wait_for()
    assert_accessible(phone)
    # river chooses to open their messages to any member, and then can write to sam.
    phone.get_by_role("link", name="Message settings").click()
    phone.get_by_label("Any member", exact=True).check()
    assert_accessible(phone)
    phone.get_by_role("button", name="Save").click()
    phone.get_by_text("Your settings are saved.").wait_for()
    phone.visit("/messages/new/?to=sam")
    phone.get_by_label("Message").fill("Thanks for the tip about walks.")
    phone.get_by_role("button", name="Send").click()
    phone.get_by_role("heading", name="Messages with sam").wait_for()

    phone.context.clear_cookies()
    phone.sign_in("jo")  # peer moderator of Early days
    phone.visit("/groups/moderation/")
    assert_accessible(phone)
    phone.get_by_role("link", name="Harassment or bullying").click()
    assert_accessible(phone)
    phone.get_by_label("Reason (other moderators see it)").first.fill("insult to a newcomer")
    phone.get_by_role("button", name="Hide").click()
    phone.get_by_text("Done, and recorded.").wait_for()
    phone.visit("/groups/moderation/log/")
    # Hiding it closed the report with the same reason: two lines, one reason typed once.
    assert phone.get_by_text("insult to a newcomer").count() == 2
    assert_accessible(phone)
    assert {a.kind for a in services.moderation_log(people.jo)[:2]} == {"hide", "dismiss"}
