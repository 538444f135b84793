"""A member shares a milestone's card in a group they belong to: the group sees the words the
member read and chose, never the counter's name unless they wrote it."""

import datetime

import time_machine

from lantern.community import services as community
from lantern.community.models import Post, Space
from lantern.recovery import services

NOW = datetime.datetime(2026, 11, 23, 18, tzinfo=datetime.UTC)


def _setup(people):
    space = Space.objects.create(slug="early-days", name="Early days", description="First weeks")
    private = Space.objects.create(
        slug="family", name="Family", description="By invitation", kind=Space.Kind.PRIVATE
    )
    community.join_space(people.river, space)
    counter = services.start_counter(
        people.river, "drug", datetime.date(2026, 8, 1), name="Fentanyl"
    )
    return space, private, counter


def test_a_member_shares_a_milestone_in_their_group(people, signed_in):
    with time_machine.travel(NOW, tick=False):
        space, _private, counter = _setup(people)
        # Another conversation first, so thread and post numbers differ.
        community.join_space(people.sam, space)
        other = community.start_thread(people.sam, space, "Hello", "Hi all").obj.thread
        community.reply(people.sam, other, "Still here")
        river = signed_in(people.river)
        url = f"/recovery/counters/{counter.pk}/milestones/90d/"
        card = river.get(url).content.decode()
        assert "Share it in a group" in card and "Today I reached 90 days." in card
        assert "<title>90 days · Fentanyl · Lantern</title>" in card  # the form is not in it
        assert "Family" not in card  # only groups she may post in
        response = river.post(url + "share/", {"space": "early-days", "body": "90 days today!"})
        post = Post.objects.get(author=people.river)
        assert response["Location"] == f"/groups/early-days/t/{post.thread_id}/"
        assert post.thread.title == "90 days" and post.body == "90 days today!"
        assert "Fentanyl" not in post.thread.title + post.body
        jo_sees = signed_in(people.jo).get(response["Location"]).content.decode()
        assert "90 days today!" in jo_sees


def test_a_group_she_is_not_in_or_an_unreached_milestone_is_refused(people, signed_in):
    with time_machine.travel(NOW, tick=False):
        _space, _private, counter = _setup(people)
        river = signed_in(people.river)
        base = f"/recovery/counters/{counter.pk}/milestones/"
        river.post(base + "90d/share/", {"space": "family", "body": "hi"})
        assert (
            river.post(base + "1y/share/", {"space": "early-days", "body": "x"}).status_code == 404
        )
        assert not Post.objects.exists()
        sam = signed_in(people.sam)
        assert (
            sam.post(base + "90d/share/", {"space": "early-days", "body": "x"}).status_code == 404
        )


def test_crisis_words_in_a_shared_milestone_show_the_crisis_lines_next(people, signed_in):
    with time_machine.travel(NOW, tick=False):
        _space, _private, counter = _setup(people)
        river = signed_in(people.river)
        response = river.post(
            f"/recovery/counters/{counter.pk}/milestones/90d/share/",
            {"space": "early-days", "body": "90 days and i want to kill myself tonight"},
            follow=True,
        )
        assert "988" in response.content.decode()
