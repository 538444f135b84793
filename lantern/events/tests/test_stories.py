"""Recovery stories: read by a moderator (and the safety net) before anyone else sees them,
shown as "a member" or by handle, found by tags, reported, taken down."""

import pytest
from django.urls import reverse

from lantern.accounts import services as accounts
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.events import stories
from lantern.events.models import Story
from lantern.safety.models import Alert

pytestmark = pytest.mark.django_db


def write(person, **overrides):
    values = {
        "pathways": ["medication"],
        "substances": ["opioids"],
        "background": ["parent"],
        "anonymous": True,
    }
    values.update(overrides)
    return stories.write_story(
        person, "How I got my life back", "Day one was the hardest.", **values
    ).obj


def test_a_story_waits_for_a_moderator_before_anyone_sees_it(people, signed_in):
    response = signed_in(people.river).post(
        reverse("events-story-new"),
        {
            "title": "Two years",
            "body": "It started with pills.",
            "pathways": ["medication"],
            "substances": ["opioids"],
            "anonymous": "on",
        },
    )
    story = Story.objects.get()
    assert response["Location"] == story.get_absolute_url()
    assert story.status == "waiting"
    assert signed_in(people.sam).get(story.get_absolute_url()).status_code == 404
    assert "Two years" not in signed_in(people.sam).get(reverse("events-stories")).content.decode()
    waiting = Notification.objects.filter(kind="events.story_waiting")
    assert {n.recipient.handle for n in waiting} == {"morgan", "alex"}
    morgan = signed_in(people.morgan)
    assert "Two years" in morgan.get(reverse("events-story-review")).content.decode()
    morgan.post(reverse("events-story-publish", args=[story.pk]))
    story.refresh_from_db()
    assert story.status == "published"
    assert Notification.objects.filter(
        recipient=people.river, kind="events.story_published"
    ).exists()
    page = signed_in(people.sam).get(story.get_absolute_url()).content.decode()
    assert "It started with pills." in page and "a member" in page and "river" not in page


def test_a_story_by_handle(people, signed_in):
    story = write(people.river, anonymous=False)
    stories.publish_story(people.morgan, story)
    assert "river" in signed_in(people.sam).get(story.get_absolute_url()).content.decode()


def test_newcomers_find_someone_like_them(people, signed_in):
    stories.publish_story(people.morgan, write(people.river))
    other = stories.write_story(
        people.sam, "Sober and gambling-free", "Cards.", substances=["gambling"]
    ).obj
    stories.publish_story(people.morgan, other)
    page = (
        signed_in(people.jo).get(reverse("events-stories") + "?substance=opioids").content.decode()
    )
    assert "How I got my life back" in page and "Sober and gambling-free" not in page
    assert len(stories.published(background="parent")) == 1


def test_a_moderator_declines_with_a_note_the_author_reads(people, signed_in):
    story = write(people.river)
    signed_in(people.morgan).post(
        reverse("events-story-decline", args=[story.pk]),
        {"note": "Please take out your sponsor's full name."},
    )
    story.refresh_from_db()
    assert story.status == "declined"
    assert (
        "sponsor&#x27;s full name"
        in signed_in(people.river).get(story.get_absolute_url()).content.decode()
    )
    told = Notification.objects.get(recipient=people.river, kind="events.story_declined")
    assert told.body == "Please take out your sponsor's full name."


def test_reports_bring_a_story_back_to_the_moderators(people, signed_in):
    story = write(people.river)
    stories.publish_story(people.morgan, story)
    signed_in(people.sam).post(
        reverse("events-story-report", args=[story.pk]), {"reason": "privacy"}
    )
    signed_in(people.sam).post(
        reverse("events-story-report", args=[story.pk]), {"reason": "privacy"}
    )
    assert story.reports.count() == 1
    assert Notification.objects.filter(kind="events.story_reported").exists()
    _waiting, reported = stories.review_queue()
    assert reported == [story]
    stories.decline_story(people.alex, story, "Taken down: it named another member.")
    assert stories.review_queue() == ([], [])
    assert signed_in(people.sam).get(story.get_absolute_url()).status_code == 404


def test_the_author_takes_it_down_and_cannot_review_their_own(people, signed_in):
    story = write(people.morgan)
    with pytest.raises(Refused):
        stories.publish_story(people.morgan, story)
    with pytest.raises(NotFound):
        stories.publish_story(people.jo, story)  # supporters do not review stories
    signed_in(people.morgan).post(reverse("events-story-withdraw", args=[story.pk]))
    story.refresh_from_db()
    assert story.status == "withdrawn"


def test_urgent_words_raise_an_alert(people):
    write(people.river)
    stories.write_story(people.river, "Tonight", "i want to kill myself tonight")
    assert Alert.objects.filter(author=people.river).exists()


def test_visitors_do_not_read_stories(people, client):
    story = write(people.river)
    stories.publish_story(people.morgan, story)
    assert client.get(story.get_absolute_url()).status_code == 302


def test_export_and_erasure(people):
    story = write(people.river)
    assert accounts.export_data(people.river)["stories"][0]["title"] == story.title
    accounts.erase_account(people.river)
    assert not Story.objects.exists()
    assert not Notification.objects.filter(kind="events.story_waiting").exists()
