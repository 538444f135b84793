"""The moderator's journey on two phones at 360 px (issue 13): sam posts "I have enough pills saved
up. Tonight is the night"; the post is held, and sam sees the crisis offer first thing. A peer
moderator reports it. morgan finds it in the queue with a link to its safety alert, messages sam
from there (a private conversation about the alert), and hides the post with one reason, which
also closes the report. Axe finds nothing on any page."""

import re

import pytest

from lantern.community import services
from lantern.community.models import ModerationAction, Post, Report
from lantern.conftest import assert_accessible
from lantern.safety.models import Alert

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PILLS = "I have enough pills saved up. Tonight is the night."


def test_a_moderator_reaches_the_author_of_a_held_post_and_hides_it_once(
    early, people, phone, second_phone
):
    sam, morgan = phone, second_phone

    sam.sign_in("sam")
    sam.visit("/groups/early-days/")
    sam.get_by_role("link", name="Start a thread").click()
    sam.get_by_label("Title").fill("Tonight")
    sam.get_by_label("What would you like to share?").fill(PILLS)
    sam.get_by_role("button", name="Post").click()
    sam.wait_for_url(re.compile(r".*/groups/early-days/t/\d+/"))
    # The crisis offer, the same after every save: first on the page, one tap to a person.
    offer = sam.get_by_role("region", name="You don't have to carry this alone")
    reach_out = offer.get_by_role("button", name="Reach out to someone on Lantern")
    assert reach_out.bounding_box()["y"] < 740  # on the first screen
    assert offer.get_by_role("link", name="Call 988").is_visible()
    assert_accessible(sam)
    post = Post.objects.get(author=people.sam)
    assert post.status == Post.Status.HELD
    alert = Alert.objects.get(author=people.sam)
    report = services.report_post(people.jo, post, "crisis", "Please look now").obj

    morgan.sign_in("morgan")
    morgan.visit("/groups/moderation/")
    held = morgan.locator(f"#post-{post.pk}")
    assert PILLS in held.inner_text()
    reason = held.get_by_label("Reason (other moderators see it)")
    box = reason.bounding_box()
    assert box["width"] > 280 and box["height"] > 60  # not a 177 × 21 px box
    assert_accessible(morgan)
    morgan.screenshot_to_docs("moderation-held-360")
    assert morgan.evaluate("document.documentElement.scrollWidth") <= 360

    held.get_by_role("link", name=re.compile("Its safety alert")).click()
    morgan.wait_for_url(f"**/safety/alerts/{alert.pk}/")
    assert_accessible(morgan)
    morgan.get_by_role("button", name="Message sam").click()
    morgan.wait_for_url(re.compile(r".*/messages/\d+/$"))
    morgan.get_by_label("Message").fill("sam, I read your post. I'm here. Can we talk now?")
    morgan.get_by_role("button", name="Send").click()
    morgan.get_by_text("Can we talk now?").wait_for()
    assert_accessible(morgan)

    sam.visit("/messages/")
    sam.get_by_role("link", name="morgan").click()
    assert sam.get_by_text("sam, I read your post.").is_visible()

    morgan.visit("/groups/moderation/")
    held = morgan.locator(f"#post-{post.pk}")
    held.get_by_label("Reason (other moderators see it)").fill(
        "Crisis: sam contacted privately, alert worked"
    )
    held.get_by_role("button", name="Hide").click()
    morgan.get_by_text("Done, and recorded.").wait_for()
    assert morgan.get_by_text("No open reports.").is_visible()
    assert morgan.get_by_text("Nothing is waiting.").is_visible()
    assert_accessible(morgan)

    report.refresh_from_db()
    assert report.status == Report.Status.RESOLVED and report.resolved_by == people.morgan
    reasons = set(
        ModerationAction.objects.filter(post=post).values_list("kind", "reason").distinct()
    )
    assert reasons == {
        (ModerationAction.Kind.HIDE, "Crisis: sam contacted privately, alert worked"),
        (ModerationAction.Kind.DISMISS, "Crisis: sam contacted privately, alert worked"),
    }
