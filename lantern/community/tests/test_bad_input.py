"""Input the fuzzer of issue 12 sent to the groups: NUL characters in path segments, forms and
API bodies (PostgreSQL refuses them in text: each was a 500 there), and page numbers no database
holds. Each is answered 400 (or an empty page) with a reason, and nothing is stored."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from lantern.accounts.services import create_api_token
from lantern.community import services
from lantern.community.models import Block, Post, Thread


@pytest.fixture
def script(people):
    """river's script, with a read-and-write personal token: `script("post", url, data)`."""
    secret = create_api_token(people.river, name="script", scope="write", days=30)[1]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    def send(method, url, data=None):
        if method == "get":
            return client.get(url)
        return client.post(url, json.dumps(data), content_type="application/json")

    return send


def test_a_nul_in_a_path_segment_gets_400(people, signed_in):
    river = signed_in(people.river)
    for url in (
        reverse("community-block", args=["sam"]).replace("sam", "s%00am"),
        reverse("community-space", args=["early-days"]).replace("early-days", "a%00b"),
    ):
        response = river.post(url)
        assert response.status_code == 400, url
        assert "a character Lantern cannot store" in response.content.decode()
    assert not Block.objects.exists()


def test_a_reply_with_a_nul_is_refused_and_nothing_is_stored(early, people, signed_in):
    thread = services.start_thread(people.sam, early, "Mornings", "The first hour.").obj.thread
    river = signed_in(people.river)
    response = river.post(
        reverse("community-reply", args=[early.slug, thread.pk]), {"body": "Me\x00 too"}
    )
    assert response.status_code == 400
    assert Post.objects.count() == 1


def test_an_api_thread_with_a_nul_in_its_title_is_refused(early, script):
    response = script(
        "post",
        reverse("api:community-api-thread-new", args=[early.slug]),
        {"title": "Mor\u0000nings", "body": "The first hour."},
    )
    assert response.status_code == 400 and "cannot store" in response.json()["detail"]
    assert not Thread.objects.exists()


def test_a_search_with_a_nul_is_refused(early, script):
    response = script("get", reverse("api:community-api-search") + "?q=a%00b")
    assert response.status_code == 400


@pytest.mark.parametrize("name", ["spaces", "threads", "posts"])
def test_a_page_far_past_the_end_is_an_empty_page(early, people, script, name):
    thread = services.start_thread(people.sam, early, "Mornings", "The first hour.").obj.thread
    url = {
        "spaces": reverse("api:community-api-spaces"),
        "threads": reverse("api:community-api-threads", args=[early.slug]),
        "posts": reverse("api:community-api-posts", args=[thread.pk]),
    }[name]
    response = script("get", url + "?page=922337203685477580")
    assert response.status_code == 200
    body = response.json()
    assert body["items"] == [] and body["count"] >= 1
