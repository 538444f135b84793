"""Threads and replies: what members write, how it is shown, and who is told."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from lantern.community import services
from lantern.community.models import Membership, Post, Thread
from lantern.community.search import search
from lantern.core.models import Notification


def test_a_member_starts_a_thread_and_another_replies(early, people, signed_in):
    river = signed_in(people.river)
    response = river.post(
        "/groups/early-days/new/",
        {"title": "Day 3", "body": "Day three. The evenings are the **hardest**."},
    )
    thread = Thread.objects.get(title="Day 3")
    assert response.status_code == 302
    assert response["Location"] == f"/groups/early-days/t/{thread.pk}/"

    sam = signed_in(people.sam)
    response = sam.post(
        f"/groups/early-days/t/{thread.pk}/reply/", {"body": "Evenings were mine too. Walk?"}
    )
    assert response.status_code == 302
    page = river.get(f"/groups/early-days/t/{thread.pk}/").content.decode()
    assert "<strong>hardest</strong>" in page
    assert "Evenings were mine too. Walk?" in page
    thread.refresh_from_db()
    assert thread.reply_count == 1
    told = Notification.objects.get(recipient=people.river, kind="community.reply")
    assert "sam replied to “Day 3”" in told.title
    assert told.url.startswith(f"/groups/early-days/t/{thread.pk}/#post-")


def test_html_and_script_never_reach_the_page(early, people, signed_in):
    river = signed_in(people.river)
    body = (
        '<script>alert("x")</script> <img src=x onerror=alert(1)> '
        "[click](javascript:alert(1)) [site](https://example.org) <b>bold?</b>"
    )
    river.post("/groups/early-days/new/", {"title": "<i>Title</i>", "body": body})
    post = Post.objects.get()
    assert "<script" not in post.html and "<img" not in post.html and "<b>" not in post.html
    assert "javascript:" not in post.html.split("href=")[-1] or 'href="javascript' not in post.html
    assert '<a href="https://example.org" rel="nofollow ugc">site</a>' in post.html
    page = river.get(post.thread.get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page
    assert "&lt;i&gt;Title&lt;/i&gt;" in page  # the title is text, not markup


def test_empty_or_huge_posts_are_refused_with_a_clear_error(early, people, signed_in):
    river = signed_in(people.river)
    response = river.post("/groups/early-days/new/", {"title": "Hi", "body": "   "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    response = river.post("/groups/early-days/new/", {"title": "Hi", "body": "x" * 10_001})
    assert "at most 10000 characters" in response.content.decode()
    response = river.post("/groups/early-days/new/", {"title": "Hi", "body": "bad\x00byte"})
    assert response.status_code == 400 and "cannot store" in response.content.decode()
    assert Post.objects.count() == 0


def test_a_non_member_cannot_post_until_they_join(spaces, people, signed_in):
    river = signed_in(people.river)
    assert river.get("/groups/early-days/new/").status_code == 404
    river.post("/groups/early-days/join/")
    assert river.get("/groups/early-days/new/").status_code == 200


def test_first_post_is_marked_newcomer_and_waits_in_the_welcome_list(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Hello", "First time here. Day 2.")
    assert saved.obj.newcomer
    later = services.reply(people.river, saved.obj.thread, "Still here.")
    assert not later.obj.newcomer

    jo = signed_in(people.jo)
    page = jo.get("/groups/welcome/").content.decode()
    assert "Hello" in page and "waiting" in page
    assert signed_in(people.sam).get("/groups/welcome/").status_code == 404  # members: no list

    services.reply(people.jo, saved.obj.thread, "Welcome, river. Glad you're here.")
    assert "Hello" not in jo.get("/groups/welcome/").content.decode()


def test_the_author_can_edit_within_the_window_then_not(early, people, signed_in):
    saved = services.start_thread(people.river, early, "My first week", "Frist draft")
    river = signed_in(people.river)
    url = f"/groups/posts/{saved.obj.pk}/edit/"
    assert 'value="My first week"' in river.get(url).content.decode()  # the title, to change
    assert river.post(url, {"title": "Edited", "body": "First draft"}).status_code == 302
    saved.obj.refresh_from_db()
    assert saved.obj.body == "First draft" and saved.obj.edited_at
    assert Thread.objects.get(pk=saved.obj.thread_id).title == "Edited"
    assert [p.pk for p in search(people.sam, "edited")[0]] == [saved.obj.pk]
    empty = river.post(url, {"title": " ", "body": "First draft"})
    assert empty.status_code == 200 and "This field is required" in empty.content.decode()
    reply = services.reply(people.river, saved.obj.thread, "A reply").obj
    reply_form = river.get(f"/groups/posts/{reply.pk}/edit/").content.decode()
    assert 'name="title"' not in reply_form  # a reply has no title
    assert signed_in(people.sam).get(url).status_code == 404
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert river.get(url).status_code == 404


def test_deleting_keeps_the_thread_but_not_the_words(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Shape", "Opening words")
    reply = services.reply(people.river, saved.obj.thread, "Something I regret saying").obj
    river = signed_in(people.river)
    river.post(f"/groups/posts/{reply.pk}/delete/")
    page = signed_in(people.sam).get(saved.obj.thread.get_absolute_url()).content.decode()
    assert "Deleted by the author." in page
    assert "Something I regret saying" not in page
    assert Post.objects.get(pk=reply.pk).status == Post.Status.DELETED


def test_content_warning_folds_the_post(early, people, signed_in):
    services.start_thread(
        people.river, early, "Heavy", "About my brother's overdose.", content_warning=True
    )
    page = signed_in(people.sam).get(Thread.objects.get().get_absolute_url()).content.decode()
    assert '<details class="cw"><summary>Content warning' in page


def test_mentions_notify_people_who_can_see_the_post(early, spaces, people):
    services.start_thread(people.river, early, "Thanks", "Thank you @jo and @Sam and @alex!")
    assert Notification.objects.filter(recipient=people.jo, kind="community.mention").exists()
    assert Notification.objects.filter(recipient=people.sam, kind="community.mention").exists()
    assert Notification.objects.filter(recipient=people.alex, kind="community.mention").exists()
    # In a private group, someone outside it is never told (they could not read it).
    family = spaces["family"]
    Membership.objects.create(space=family, person=people.river)
    services.start_thread(people.river, family, "Family", "Hard week, @sam")
    assert Notification.objects.filter(recipient=people.sam, kind="community.mention").count() == 1
    # A post without a mention tells nobody about one.
    services.start_thread(people.sam, early, "No names", "Just checking in today.")
    assert (
        Notification.objects.filter(recipient=people.river, kind="community.mention").count() == 0
    )


def test_anonymous_posts_hide_the_author_from_members_not_moderators(early, people, signed_in):
    services.start_thread(
        people.river, early, "Something I can't say openly", "I relapsed.", anonymous=True
    )
    url = Thread.objects.get().get_absolute_url()
    sam_page = signed_in(people.sam).get(url).content.decode()
    assert "A member of this group" in sam_page and ">river<" not in sam_page
    for moderator in (people.jo, people.morgan):
        page = signed_in(moderator).get(url).content.decode()
        assert "river" in page and "anonymous to members" in page


def test_new_since_last_visit_markers(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Check-in", "Morning all")
    sam = signed_in(people.sam)
    sam.get("/groups/early-days/")  # sam visits the group
    sam.get(saved.obj.thread.get_absolute_url())  # and reads the thread
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        services.reply(people.river, saved.obj.thread, "Anyone around?")
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        groups = sam.get("/groups/").content.decode()
        assert "1 new" in groups
        space = sam.get("/groups/early-days/").content.decode()
        assert 'class="tag">new<' in space
        page = sam.get(saved.obj.thread.get_absolute_url()).content.decode()
        assert page.count('class="tag">new<') == 1  # only the reply is new
        assert "1 new" not in sam.get("/groups/").content.decode()
