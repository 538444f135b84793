"""Support reactions instead of likes: "I relate", "Sending strength", "Thank you"."""

from lantern.community import services
from lantern.community.models import Reaction
from lantern.core.models import Notification


def test_reacting_tells_the_author_who_sees_who_reacted(early, people, signed_in):
    post = services.start_thread(people.river, early, "Day 30", "30 days today.").obj
    sam = signed_in(people.sam)
    assert sam.post(f"/groups/posts/{post.pk}/react/", {"kind": "strength"}).status_code == 302
    told = Notification.objects.get(recipient=people.river, kind="community.reaction.strength")
    assert "Sending strength" in told.title
    river_page = signed_in(people.river).get(post.thread.get_absolute_url()).content.decode()
    assert "Who reacted" in river_page and "sam: Sending strength" in river_page
    # Other members see the count, not the names.
    jo_page = signed_in(people.jo).get(post.thread.get_absolute_url()).content.decode()
    assert "Sending strength · 1" in jo_page
    assert "sam: Sending strength" in jo_page  # jo moderates this group
    casey_page = signed_in(people.casey).get(post.thread.get_absolute_url()).content.decode()
    assert "Sending strength · 1" in casey_page and "Who reacted" not in casey_page


def test_a_second_tap_takes_the_reaction_back_and_htmx_swaps_in_place(early, people, signed_in):
    post = services.start_thread(people.river, early, "Day 30", "30 days today.").obj
    sam = signed_in(people.sam)
    response = sam.post(
        f"/groups/posts/{post.pk}/react/", {"kind": "relate"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.startswith("<form") and 'value="relate" aria-pressed="true"' in html
    sam.post(f"/groups/posts/{post.pk}/react/", {"kind": "relate"})
    assert Reaction.objects.count() == 0


def test_nobody_reacts_to_their_own_post_or_with_a_made_up_kind(early, people, signed_in):
    post = services.start_thread(people.river, early, "Day 30", "30 days today.").obj
    signed_in(people.river).post(f"/groups/posts/{post.pk}/react/", {"kind": "relate"})
    signed_in(people.sam).post(f"/groups/posts/{post.pk}/react/", {"kind": "like"})
    assert Reaction.objects.count() == 0
