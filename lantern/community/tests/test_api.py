"""/api/v1/community: the same rules as the pages, and clear errors for bad input."""

import json

from django.test import Client

from lantern.community import services
from lantern.community.models import Membership, Post
from lantern.conftest import sign_in

API = "/api/v1/community"


def test_members_read_spaces_threads_and_posts(spaces, early, people, signed_in):
    saved = services.start_thread(people.river, early, "Hello", "**Hi** all", anonymous=True)
    sam = signed_in(people.sam)
    listed = sam.get(f"{API}/spaces").json()["items"]
    assert [s["slug"] for s in listed] == ["early-days", "women"]  # not the private one
    threads = sam.get(f"{API}/spaces/early-days/threads").json()["items"]
    assert threads[0]["title"] == "Hello"
    posts = sam.get(f"{API}/threads/{saved.obj.thread_id}/posts").json()["items"]
    assert posts[0]["html"] == "<p><strong>Hi</strong> all</p>\n"
    assert posts[0]["author"] is None  # anonymous to members
    moderator = signed_in(people.morgan).get(f"{API}/threads/{saved.obj.thread_id}/posts")
    assert moderator.json()["items"][0]["author"] == "river"
    assert sam.get(f"{API}/spaces/family-circle/threads").status_code == 404
    assert Client().get(f"{API}/spaces").status_code == 401


def test_writing_needs_the_csrf_token_with_a_session(early, people):
    client = sign_in(Client(), people.river)
    client.handler.enforce_csrf_checks = True
    client.get("/groups/")  # a page sets the CSRF cookie
    body = json.dumps({"title": "From the app", "body": "Hello"})
    response = client.post(
        f"{API}/spaces/early-days/threads", body, content_type="application/json"
    )
    assert response.status_code == 403
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"{API}/spaces/early-days/threads",
        body,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201, response.content
    assert response.json()["post"]["status"] == "published"


def test_bad_input_gets_a_clear_error_and_stores_nothing(early, people, signed_in):
    river = signed_in(people.river)
    url = f"{API}/spaces/early-days/threads"
    cases = [
        (b'{"title": "x", "body": "   "}', "cannot be empty"),
        (json.dumps({"title": "x", "body": "y" * 10_001}).encode(), "10000"),
        (b'{"title": "x", "body": "\\u0000nul"}', "cannot store"),
        (b'{"title": "x", "body": "caf\xe9 invalid utf-8"}', ""),
        (b"not json", ""),
        (b'{"title": 5}', ""),
    ]
    for raw, words in cases:
        response = river.post(url, raw, content_type="application/json")
        assert response.status_code in (400, 422), (raw, response.status_code)
        assert words in response.content.decode(), (raw, response.content)
    assert Post.objects.count() == 0
    response = river.post(
        url,
        json.dumps({"title": "<b>x</b>", "body": "<script>alert(1)</script>"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert "<script" not in response.json()["post"]["html"]


def test_api_search_only_sees_what_the_reader_may(spaces, early, people, signed_in):
    Membership.objects.create(space=spaces["family"], person=people.sam)
    services.start_thread(people.sam, spaces["family"], "F", "lighthouse at home")
    services.start_thread(people.sam, early, "E", "lighthouse in early days")
    results = signed_in(people.river).get(f"{API}/search", {"q": "lighthouse"}).json()
    assert [r["space"] for r in results] == ["early-days"]
    assert "<mark>lighthouse</mark>" in results[0]["snippet"]


def test_the_community_api_is_in_the_openapi_document(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/community/spaces",
        "/api/v1/community/spaces/{slug}/threads",
        "/api/v1/community/threads/{pk}/posts",
        "/api/v1/community/search",
    } <= set(paths)
    assert "post" in paths["/api/v1/community/threads/{pk}/posts"]


def test_the_thread_list_leaves_out_hidden_threads(early, people, signed_in):
    services.start_thread(people.river, early, "Ordinary day", "Coffee and a meeting.")
    hidden = services.start_thread(people.sam, early, "Hidden title", "Selling, DM me").obj
    services.hide_post(people.jo, hidden, "selling")
    titles = [
        t["title"]
        for t in signed_in(people.river).get(f"{API}/spaces/early-days/threads").json()["items"]
    ]
    assert titles == ["Ordinary day"]
