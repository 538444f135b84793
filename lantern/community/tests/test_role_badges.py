"""Staff and helpers are shown by a badge beside their handle where they speak: on posts and
replies and in private messages ("Moderator", "Peer specialist", "Supporter",
"Administrator"), for the roles they hold now, never on an anonymous post. Nobody needs an
official-looking handle to be believed (accounts/handles.py reserves those)."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantern.accounts import services as accounts
from lantern.accounts.models import User
from lantern.community import services
from lantern.community.models import Post, Thread
from lantern.conftest import PASSWORD
from lantern.core.roles import Role

BADGE = re.compile(r'<span class="tag role[^"]*">([^<]+)</span>')


def badges_of(page: str, handle: str) -> list[str]:
    """The badges beside `handle` in each post or message of `page` where it is the author."""
    found = []
    for meta in re.findall(r'<p class="meta">(.*?)</p>', page, flags=re.S):
        if re.search(rf"<strong>{re.escape(handle)}</strong>", meta):
            found.append(BADGE.findall(meta))
    return found


def thread_page(client, thread) -> str:
    return client.get(
        reverse("community-thread", args=[thread.space.slug, thread.pk])
    ).content.decode()


def a_thread(early, people):
    return services.start_thread(people.river, early, "Week two", "Still here.").obj.thread


def test_morgans_reply_shows_that_he_is_a_moderator(early, people, signed_in):
    services.join_space(people.morgan, early)
    thread = a_thread(early, people)
    services.reply(people.morgan, thread, "Glad you are here, river.")
    services.reply(people.jo, thread, "Me too.")
    services.reply(people.sam, thread, "Same.")
    page = thread_page(signed_in(people.river), thread)
    assert badges_of(page, "morgan") == [["Moderator"]]
    assert badges_of(page, "jo") == [["Supporter"]]
    assert badges_of(page, "sam") == [[]]  # members have no badge
    assert badges_of(page, "river") == [[]]


def test_an_anonymous_post_by_morgan_shows_no_badge(early, people, signed_in):
    services.join_space(people.morgan, early)
    thread = a_thread(early, people)
    services.reply(people.morgan, thread, "I have been there too.", anonymous=True)
    page = thread_page(signed_in(people.river), thread)
    assert "I have been there too." in page
    assert "Moderator" not in page and "morgan" not in page
    # jo moderates the group and sees who wrote it, still without a badge that would single
    # the author out to anyone looking over her shoulder.
    page = thread_page(signed_in(people.jo), thread)
    assert badges_of(page, "morgan") == []  # the handle is followed by "anonymous to members"
    assert "Moderator" not in page


def test_a_badge_shows_the_role_held_now(early, people, signed_in):
    thread = a_thread(early, people)
    services.reply(people.jo, thread, "Welcome.")
    river = signed_in(people.river)
    assert badges_of(thread_page(river, thread), "jo") == [["Supporter"]]
    accounts.revoke_role(people.jo, Role.SUPPORTER, by=None)
    assert badges_of(thread_page(river, thread), "jo") == [[]]


def test_a_person_with_two_roles_shows_both_most_senior_first(early, people, signed_in):
    accounts.grant_role(people.morgan, Role.SPECIALIST, by=None)
    services.join_space(people.morgan, early)
    thread = a_thread(early, people)
    services.reply(people.morgan, thread, "Hello.")
    page = thread_page(signed_in(people.river), thread)
    assert badges_of(page, "morgan") == [["Moderator", "Peer specialist"]]


def test_the_thread_page_asks_no_more_queries_for_more_staff_authors(early, people, signed_in):
    def thread_by_helpers(count: int):
        thread = Thread.objects.create(space=early, author=people.river, title=f"{count} helpers")
        Post.objects.create(
            thread=thread,
            space=early,
            author=people.river,
            body="Hi",
            html="<p>Hi</p>",
            opening=True,
        )
        for n in range(count):
            helper = User.objects.create_user(f"helper{count}x{n}", PASSWORD)
            accounts.grant_role(helper, Role.SUPPORTER, by=None)
            Post.objects.create(
                thread=thread, space=early, author=helper, body="Hi", html="<p>Hi</p>"
            )
        return thread

    few, many = thread_by_helpers(2), thread_by_helpers(12)
    river = signed_in(people.river)
    counts = []
    for thread in (few, many):
        thread_page(river, thread)  # the first visit marks the thread read
        with CaptureQueriesContext(connection) as queries:
            page = thread_page(river, thread)
        counts.append(len(queries))
        assert page.count(">Supporter</span>") == int(thread.title.split()[0])
    assert counts[0] == counts[1]


def test_a_private_message_from_a_moderator_shows_the_badge(people, signed_in):
    services.message_person(people.morgan, people.river, "Checking in: how are you doing?")
    conversation = services.conversation_between(people.river, people.morgan)
    page = signed_in(people.river).get(conversation.get_absolute_url()).content.decode()
    assert badges_of(page, "morgan") == [["Moderator"]]
    assert re.search(r"Messages with morgan\s*<span class=\"tag role[^\"]*\">Moderator<", page)
    # morgan sees river without one: she is a member.
    page = signed_in(people.morgan).get(conversation.get_absolute_url()).content.decode()
    assert "Moderator</span>" not in page


def test_search_results_show_the_badge(early, people, signed_in):
    services.join_space(people.morgan, early)
    thread = a_thread(early, people)
    services.reply(people.morgan, thread, "Lighthouse words from a moderator.")
    page = signed_in(people.river).get(reverse("community-search"), {"q": "lighthouse"})
    assert ">Moderator</span>" in page.content.decode()
