"""Every list page of the groups asks the database a fixed number of times, however long the
list: each page below shows more rows than its query budget, so a query per row (an N+1) would
break the budget."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import User
from lantern.community import services
from lantern.community.models import (
    Block,
    Conversation,
    Membership,
    Message,
    ModerationAction,
    Post,
    Reaction,
    Report,
    Space,
    Thread,
)
from lantern.conftest import PASSWORD

ROWS = 25  # more rows on each page than queries in any budget below


@pytest.fixture
def crowd(db):
    """ROWS more members, here for a while."""
    joined = timezone.now() - timedelta(days=400)
    people = [User.objects.create_user(f"member{n:02}", PASSWORD) for n in range(ROWS)]
    User.objects.filter(pk__in=[p.pk for p in people]).update(date_joined=joined)
    return people


def _thread(space, author, title, body="Words", *, opening_status=Post.Status.PUBLISHED, **post):
    thread = Thread.objects.create(space=space, author=author, title=title)
    Post.objects.create(
        thread=thread,
        space=space,
        author=author,
        body=body,
        html=f"<p>{body}</p>",
        opening=True,
        status=opening_status,
        **post,
    )
    return thread


@pytest.fixture
def many_spaces(people, crowd):
    """ROWS groups; river is in the even ones, with a thread by a crowd member in each."""
    spaces = []
    for n in range(ROWS):
        space = Space.objects.create(
            slug=f"group-{n:02}",
            name=f"Group {n:02}",
            description="A group",
            topics=["newcomers", "grief"],
            kind=Space.Kind.OPEN if n % 3 else Space.Kind.REQUEST,
        )
        if n % 2 == 0:
            Membership.objects.create(space=space, person=people.river)
        Membership.objects.create(space=space, person=crowd[n], role=Membership.Role.MODERATOR)
        _thread(space, crowd[n], f"Lighthouse thread {n:02}", f"lighthouse words number {n}")
        spaces.append(space)
    return spaces


def test_the_list_of_groups(people, many_spaces, signed_in, django_assert_max_num_queries):
    river = signed_in(people.river)
    with django_assert_max_num_queries(8):
        page = river.get(reverse("community-spaces")).content.decode()
    assert page.count('href="/groups/group-') == ROWS


def test_a_groups_threads(early, people, crowd, signed_in, django_assert_max_num_queries):
    for n, member in enumerate(crowd):
        _thread(early, member, f"Thread {n:02}")
    river = signed_in(people.river)
    with django_assert_max_num_queries(14):
        page = river.get(reverse("community-space", args=[early.slug])).content.decode()
    assert page.count("/groups/early-days/t/") == ROWS


def test_a_threads_posts(early, people, crowd, signed_in, django_assert_max_num_queries):
    thread = _thread(early, people.sam, "Many voices")
    for n, member in enumerate(crowd[:19]):
        post = Post.objects.create(
            thread=thread,
            space=early,
            author=member,
            body=f"Reply {n}",
            html=f"<p>Reply {n}</p>",
            anonymous=n % 4 == 0,
            content_warning=n % 5 == 0,
        )
        Reaction.objects.create(post=post, person=people.river, kind=Reaction.Kind.RELATE)
        Reaction.objects.create(post=post, person=crowd[-1], kind=Reaction.Kind.STRENGTH)
    Block.objects.create(blocker=people.river, blocked=crowd[1])
    url = reverse("community-thread", args=[early.slug, thread.pk])
    for reader in (people.river, people.jo):  # a member, and the group's peer moderator
        client = signed_in(reader)
        with django_assert_max_num_queries(19):
            page = client.get(url).content.decode()
        assert page.count('<article class="post') == 20


def test_private_messages(people, crowd, signed_in, django_assert_max_num_queries):
    for member in crowd:
        first, second = sorted([people.river, member], key=lambda p: p.pk)
        conversation = Conversation.objects.create(first=first, second=second)
        Message.objects.create(
            conversation=conversation, sender=member, body="Hi", html="<p>Hi</p>"
        )
    river = signed_in(people.river)
    with django_assert_max_num_queries(7):
        page = river.get(reverse("community-messages")).content.decode()
    assert page.count('href="/messages/') >= ROWS


def test_the_moderation_queue(people, many_spaces, crowd, signed_in, django_assert_max_num_queries):
    for n, space in enumerate(many_spaces):
        post = Post.objects.filter(space=space, opening=True).get()
        Report.objects.create(reporter=people.river, post=post, reason=Report.Reason.SPAM)
        _thread(space, crowd[n], f"Held {n}", opening_status=Post.Status.HELD)
        first, second = sorted([people.sam, crowd[n]], key=lambda p: p.pk)
        conversation = Conversation.objects.create(first=first, second=second)
        message = Message.objects.create(
            conversation=conversation,
            sender=crowd[n],
            body="held",
            html="<p>held</p>",
            status=Message.Status.HELD,
        )
        Report.objects.create(reporter=people.sam, message=message, reason=Report.Reason.OTHER)
    morgan = signed_in(people.morgan)
    with django_assert_max_num_queries(15):  # + the reach-out banner, + the held posts' alerts
        page = morgan.get(reverse("community-moderation")).content.decode()
    assert page.count("/groups/moderation/reports/") == 2 * ROWS
    assert page.count('class="post held"') == 2 * ROWS


def test_the_moderation_log(people, many_spaces, crowd, signed_in, django_assert_max_num_queries):
    for n, space in enumerate(many_spaces):
        ModerationAction.objects.create(
            moderator=crowd[n],
            kind=ModerationAction.Kind.WARN,
            person=people.sam,
            space=space,
            reason=f"reason {n}",
        )
    for moderator in (people.morgan, people.alex):
        client = signed_in(moderator)
        with django_assert_max_num_queries(11):
            page = client.get(reverse("community-moderation-log")).content.decode()
        assert page.count("reason ") == ROWS


def test_the_welcome_list(people, many_spaces, signed_in, django_assert_max_num_queries):
    Post.objects.update(newcomer=True)
    Space.objects.update(kind=Space.Kind.OPEN)  # jo reads every group
    jo = signed_in(people.jo)
    with django_assert_max_num_queries(7):
        page = jo.get(reverse("community-welcome")).content.decode()
    assert page.count("Lighthouse thread") == ROWS


def test_search(people, many_spaces, signed_in, django_assert_max_num_queries):
    Post.objects.filter(space__in=many_spaces[::2]).update(anonymous=True)
    for reader in (people.river, people.morgan):
        client = signed_in(reader)
        with django_assert_max_num_queries(16):  # staff ask more; responders, the banner
            page = client.get(reverse("community-search"), {"q": "lighthouse"}).content.decode()
        assert page.count('<li class="card">') == 20  # a page of results, from 20 groups


def test_the_people_one_blocked(people, crowd, signed_in, django_assert_max_num_queries):
    for member in crowd:
        services.block(people.river, member)
    river = signed_in(people.river)
    with django_assert_max_num_queries(7):
        page = river.get(reverse("community-blocks")).content.decode()
    assert page.count("/unblock/") == ROWS
