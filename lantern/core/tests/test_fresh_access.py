"""Nothing about a person's access is kept beyond one request: a ban or a role taken away counts
from the very next request of a session that was already signed in, with no cache to clear.
(A live room's WebSocket, which outlives many events, calls `core.access.forget(user)` before
each one; the last test shows what that clears.)"""

from lantern.accounts import services as accounts
from lantern.accounts.models import Role
from lantern.community import services as community
from lantern.community.models import Space
from lantern.core import access


def test_a_banned_member_cannot_post_on_the_next_request(people, signed_in):
    space = Space.objects.create(slug="evenings", name="Evenings", description="Open")
    community.join_space(people.sam, space)
    thread = community.start_thread(people.sam, space, "Tonight", "Checking in.").obj.thread
    sam = signed_in(people.sam)
    reply_url = f"/groups/{space.slug}/t/{thread.pk}/reply/"
    assert sam.post(reply_url, {"body": "Still here."}).status_code == 302

    community.ban(people.morgan, people.sam, "Harassing a newcomer", days=7)

    refused = sam.post(reply_url, {"body": "Still here, again."})
    assert refused.status_code in (400, 403, 404)
    assert thread.posts.filter(body="Still here, again.").count() == 0
    assert sam.get(f"/groups/{space.slug}/new/").status_code == 404


def test_a_moderator_whose_role_is_taken_away_loses_the_queue_on_the_next_request(
    people, signed_in
):
    morgan = signed_in(people.morgan)
    assert morgan.get("/groups/moderation/").status_code == 200

    accounts.revoke_role(people.morgan, Role.MODERATOR, by=people.alex)

    assert morgan.get("/groups/moderation/").status_code == 404
    assert morgan.get("/safety/alerts/").status_code == 404


def test_a_supporter_given_a_role_gets_its_pages_on_the_next_request(people, signed_in):
    river = signed_in(people.river)
    assert river.get("/safety/reach-outs/").status_code == 404
    accounts.grant_role(people.river, Role.SUPPORTER, by=people.alex)
    assert river.get("/safety/reach-outs/").status_code == 200


def test_forget_drops_what_a_long_lived_connection_kept(people):
    """One user object held for an hour (as a WebSocket consumer holds scope["user"]): its
    roles are asked once, then kept, until `forget` makes the next question ask again."""
    morgan = people.morgan
    assert Role.MODERATOR in morgan.roles
    morgan.role_grants.filter(role=Role.MODERATOR).delete()  # behind this object's back
    assert Role.MODERATOR in morgan.roles  # still what it was asked within this "request"
    access.forget(morgan)
    assert Role.MODERATOR not in morgan.roles
