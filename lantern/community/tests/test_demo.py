"""The demo groups: realistic, through the real services, and safe to seed twice."""

from lantern.community import demo
from lantern.community.models import Post, Space
from lantern.conftest import make_person


def test_demo_seed_makes_groups_with_threads_and_runs_twice(db):
    for handle, roles in [
        ("river", []),
        ("sam", []),
        ("jo", ["supporter"]),
        ("morgan", ["moderator"]),
    ]:
        make_person(handle, ["member", *roles])
    demo.seed()
    counts = (Space.objects.count(), Post.objects.count())
    assert counts[0] >= 10 and counts[1] >= 15
    assert Post.objects.filter(status=Post.Status.PUBLISHED).count() == counts[1]  # none held
    sam_first = Post.objects.get(thread__title__startswith="Day 4")
    assert sam_first.newcomer and sam_first.welcomed_at is None  # waits in the welcome list
    demo.seed()
    assert (Space.objects.count(), Post.objects.count()) == counts
