"""Rate limits on every way a member writes to others in the groups: starting threads, replying,
private messages and reports. Past the limit the page shows the form again, with what the
person wrote and a clear message (429); the API answers 429 with the same message. Nothing is
stored, and nobody is told."""

import json

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from lantern.community import services
from lantern.community.models import Message, Post, Report, Thread
from lantern.core.errors import RateLimited
from lantern.core.models import Notification

TOO_MUCH = "That is a lot in a short time"
SMALL = {**settings.LANTERN_RATE_LIMITS, "thread": "2/h", "reply": "2/h", "message": "2/h"}
SMALL["report"] = "2/h"
API = "/api/v1/community"


@pytest.fixture
def small_limits():
    with override_settings(LANTERN_RATE_LIMITS=SMALL):
        yield


def test_starting_threads_is_limited_and_the_form_keeps_the_words(early, people, signed_in):
    river = signed_in(people.river)
    url = reverse("community-thread-new", args=[early.slug])
    with override_settings(LANTERN_RATE_LIMITS=SMALL):
        for n in (1, 2):
            assert river.post(url, {"title": f"Day {n}", "body": "Still here."}).status_code == 302
        response = river.post(url, {"title": "Day 3 title", "body": "Words I do not want to lose"})
    assert response.status_code == 429
    page = response.content.decode()
    assert TOO_MUCH in page
    assert 'value="Day 3 title"' in page and "Words I do not want to lose</textarea>" in page
    assert Thread.objects.count() == 2


def test_starting_threads_through_the_api_answers_429(early, people, signed_in, small_limits):
    river = signed_in(people.river)
    url = f"{API}/spaces/{early.slug}/threads"
    for n in (1, 2):
        body = json.dumps({"title": f"Day {n}", "body": "Still here."})
        assert river.post(url, body, content_type="application/json").status_code == 201
    body = json.dumps({"title": "Day 3", "body": "Again"})
    response = river.post(url, body, content_type="application/json")
    assert response.status_code == 429
    assert TOO_MUCH in response.json()["detail"]
    assert Thread.objects.count() == 2


def test_replies_are_limited_per_person_and_the_form_keeps_the_words(
    early, people, signed_in, small_limits
):
    thread = services.start_thread(people.sam, early, "Evenings", "Long ones.").obj.thread
    river = signed_in(people.river)
    url = reverse("community-reply", args=[early.slug, thread.pk])
    for n in (1, 2):
        assert river.post(url, {"body": f"Reply {n}"}).status_code == 302
    response = river.post(url, {"body": "A third reply, kept for me"})
    assert response.status_code == 429
    page = response.content.decode()
    assert TOO_MUCH in page and "A third reply, kept for me</textarea>" in page
    assert thread.posts.count() == 3  # the opening post and two replies
    # Only sam's two notifications: the refused reply told nobody.
    assert Notification.objects.filter(recipient=people.sam, kind="community.reply").count() == 2
    # Someone else still may.
    assert signed_in(people.jo).post(url, {"body": "Welcome"}).status_code == 302


def test_replies_through_the_api_answer_429(early, people, signed_in, small_limits):
    thread = services.start_thread(people.sam, early, "Evenings", "Long ones.").obj.thread
    river = signed_in(people.river)
    url = f"{API}/threads/{thread.pk}/posts"
    for n in (1, 2):
        body = json.dumps({"body": f"Reply {n}"})
        assert river.post(url, body, content_type="application/json").status_code == 201
    response = river.post(url, json.dumps({"body": "Again"}), content_type="application/json")
    assert response.status_code == 429
    assert TOO_MUCH in response.json()["detail"]
    assert Post.objects.filter(author=people.river).count() == 2


def test_private_messages_are_limited_on_both_pages(people, signed_in, small_limits):
    river = signed_in(people.river)
    new = reverse("community-message-new")
    assert river.post(new, {"to": "jo", "body": "Hi jo"}).status_code == 302
    conversation = services.conversation_between(people.river, people.jo)
    url = reverse("community-conversation", args=[conversation.pk])
    assert river.post(url, {"body": "Are you around?"}).status_code == 302
    response = river.post(url, {"body": "Third message, still mine"})
    assert response.status_code == 429
    page = response.content.decode()
    assert TOO_MUCH in page and "Third message, still mine</textarea>" in page
    response = river.post(new, {"to": "casey", "body": "Hello casey"})
    assert response.status_code == 429
    page = response.content.decode()
    assert TOO_MUCH in page and 'value="casey"' in page and "Hello casey</textarea>" in page
    assert Message.objects.count() == 2
    # No empty conversation with casey was left behind.
    assert services.conversation_between(people.river, people.casey) is None
    with pytest.raises(RateLimited):
        services.message_person(people.river, people.jo, "and through the service")


def test_reports_are_limited(early, people, signed_in, small_limits):
    posts = [services.start_thread(people.sam, early, f"T{n}", "Words").obj for n in range(2)]
    posts.append(services.reply(people.jo, posts[0].thread, "A reply").obj)
    river = signed_in(people.river)
    for post in posts[:2]:
        url = reverse("community-post-report", args=[post.pk])
        assert river.post(url, {"reason": "spam"}).status_code == 302
    url = reverse("community-post-report", args=[posts[2].pk])
    response = river.post(url, {"reason": "harassment", "note": "the note I wrote"})
    assert response.status_code == 429
    page = response.content.decode()
    assert TOO_MUCH in page and "the note I wrote</textarea>" in page
    assert 'value="harassment" id="id_reason_0" required checked' in page  # the choice kept
    message = services.message_person(people.jo, people.river, "hello").obj
    url = reverse("community-message-report", args=[message.pk])
    response = river.post(url, {"reason": "harassment"})
    assert response.status_code == 429 and TOO_MUCH in response.content.decode()
    assert Report.objects.count() == 2
    assert Notification.objects.filter(kind="community.report").count() == 2 * 2  # jo, morgan
