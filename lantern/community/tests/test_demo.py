"""The demo groups: realistic, through the real services, safe to seed twice; and the demo people
have histories, so the newcomers' rule protects the one newcomer (dawn) and nobody else (issue
13: every demo account "joined today", so river, 94 days sober, could message nobody but staff
and wore a "newcomer" badge)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import User
from lantern.community import access, demo, services
from lantern.community.models import Post, Space
from lantern.conftest import make_person
from lantern.core.errors import Refused
from lantern.recovery import services as recovery


def test_demo_seed_makes_groups_with_threads_and_runs_twice(db):
    for handle, roles, days in [
        ("river", [], 122),
        ("sam", [], 730),
        ("jo", ["supporter"], 1150),
        ("morgan", ["moderator"], 1500),
        ("nightowl", [], 160),
        ("dawn", [], 3),
    ]:
        person = make_person(handle, ["member", *roles])
        User.objects.filter(pk=person.pk).update(date_joined=timezone.now() - timedelta(days))
    demo.seed()
    counts = (Space.objects.count(), Post.objects.count())
    assert counts[0] >= 10 and counts[1] >= 15
    assert Post.objects.filter(status=Post.Status.PUBLISHED).count() == counts[1]  # none held
    dawn_first = Post.objects.get(thread__title__startswith="Day 4")
    assert dawn_first.author.handle == "dawn"
    assert dawn_first.newcomer and dawn_first.welcomed_at is None  # waits in the welcome list
    # Only the newcomer's first post wears the mark: the others' first posts are long past.
    assert list(Post.objects.filter(newcomer=True)) == [dawn_first]
    demo.seed()
    assert (Space.objects.count(), Post.objects.count()) == counts


@pytest.fixture
def the_demo(db):
    call_command("demo", stdout=StringIO())
    return {u.handle: u for u in User.objects.all()}


def test_make_runs_demo_lets_river_message_sam_and_nightowl_but_protects_dawn(the_demo):
    river, sam, nightowl, dawn = (the_demo[h] for h in ("river", "sam", "nightowl", "dawn"))
    # river is 94 days sober and joined about four months ago: no newcomer any more.
    assert recovery.summaries(river)[0].days == 94
    assert not access.is_newcomer(river)
    assert timezone.now() - river.date_joined > timedelta(days=90)
    for other in (sam, nightowl):
        saved = services.message_person(river, other, "Coffee after the Thursday meeting?")
        assert saved.obj.conversation.members() == sorted([river, other], key=lambda p: p.pk)
    # dawn joined three days ago: the newcomers' rule still stands between her and members.
    assert access.is_newcomer(dawn)
    assert access.why_cannot_message(river, dawn) == "newcomer-recipient"
    with pytest.raises(Refused):
        services.message_person(river, dawn, "Hi dawn")
    assert access.why_cannot_message(dawn, river) == "newcomer-sender"
    assert access.why_cannot_message(dawn, the_demo["jo"]) == ""  # helpers may, always


def test_river_wears_no_newcomer_badge_in_the_demo_and_dawn_waits_to_be_welcomed(
    the_demo, signed_in
):
    river = the_demo["river"]
    assert not Post.objects.filter(author=river, newcomer=True).exists()
    for post in Post.objects.filter(author=river).select_related("thread__space"):
        page = signed_in(river).get(post.thread.get_absolute_url()).content.decode()
        article = page[page.index(f'id="post-{post.pk}"') :]
        assert "newcomer" not in article[: article.index("</p>")]
    welcome = signed_in(the_demo["jo"]).get(reverse("community-welcome")).content.decode()
    assert "Day 4 and I don&#x27;t know what to do with my evenings" in welcome
    assert "by dawn" in welcome
