"""The community's records for the access matrix (lantern/core/tests/test_access_matrix.py):
river's, in groups where jo is a peer moderator, so sam must never reach what is river's."""

from lantern.community import services
from lantern.community.models import Membership, Space
from lantern.core.tests.matrix import RESPONDERS, only, river_only, signed_in
from lantern.safety import services as safety
from lantern.safety.contexts import Context

MATRIX = {
    # Community: groups for everyone signed in (river's open group "space", where jo is a peer
    # moderator); "request_space" asks to join; river's conversation with jo is theirs alone;
    # moderation for jo (in his group), morgan and alex. POSTs without a form: refused, nothing
    # changes (a message and a redirect, or the form again with 400).
    "community-spaces": ("get", None, signed_in()),
    "community-welcome": ("get", None, only(200, *RESPONDERS)),
    "community-search": ("get", None, signed_in()),
    "community-space": ("get", {"slug": "space"}, signed_in()),
    # Starting a group: site moderators and admins; a group's settings: also its peer moderators
    "community-space-new": ("get", None, only(200, "morgan", "alex")),
    "community-space-settings": ("get", {"slug": "space"}, only(200, "jo", "morgan", "alex")),
    # Naming a group's peer moderators: site moderators only (jo moderates "space" but may not).
    # No handle: the settings page again with the error; removing nobody: a message and back.
    "community-space-moderator-add": ("post", {"slug": "space"}, only(200, "morgan", "alex")),
    "community-space-moderator-remove": ("post", {"slug": "space"}, only(302, "morgan", "alex")),
    # before anyone else joins "space" (the next entry): members and moderators only
    "community-thread-new": ("get", {"slug": "space"}, only(200, "river", "jo", "morgan", "alex")),
    "community-space-invite": (  # no handle: a message and back to the group
        "post",
        {"slug": "request_space"},
        only(302, "jo", "morgan", "alex"),
    ),
    "community-space-join": ("post", {"slug": "space"}, signed_in(302)),
    "community-space-leave": ("post", {"slug": "other_space"}, signed_in(302)),
    "community-space-admit": (
        "post",
        {"slug": "request_space", "pk": "request"},
        only(302, "jo", "morgan", "alex"),
    ),
    "community-thread": ("get", {"slug": "space", "pk": "thread"}, signed_in()),
    "community-reply": ("post", {"slug": "space", "pk": "thread"}, signed_in(400)),
    "community-post-edit": ("get", {"pk": "post"}, river_only(200)),
    "community-post-react": ("post", {"pk": "post"}, signed_in(302)),
    "community-post-report": ("get", {"pk": "post"}, signed_in()),
    "community-post-delete": ("post", {"pk": "reply"}, river_only(302)),
    "community-messages": ("get", None, signed_in()),
    "community-message-new": ("get", None, signed_in()),
    "community-blocks": ("get", None, signed_in()),
    "community-my-settings": ("get", None, signed_in()),
    "community-conversation": ("get", {"pk": "conversation"}, only(200, "river", "jo")),
    "community-message-report": ("get", {"pk": "message"}, only(200, "river", "jo")),
    "community-block": ("post", {"handle": "sam"}, signed_in(302)),
    "community-unblock": ("post", {"handle": "sam"}, signed_in(302)),
    "community-moderation": ("get", None, only(200, "jo", "morgan", "alex")),
    "community-moderation-log": ("get", None, only(200, "jo", "morgan", "alex")),
    "community-report": ("get", {"pk": "report"}, only(200, "jo", "morgan", "alex")),
    "community-report-resolve": ("post", {"pk": "report"}, only(302, "jo", "morgan", "alex")),
    "community-moderate-post": ("post", {"pk": "post"}, only(302, "jo", "morgan", "alex")),
    "community-moderate-message": ("post", {"pk": "message"}, only(302, "morgan", "alex")),
    "community-moderate-thread": ("post", {"pk": "thread"}, only(302, "jo", "morgan", "alex")),
    # Message the author of words that raised a safety alert: the people who work alerts
    "community-alert-message": ("post", {"pk": "post_alert"}, only(302, "casey", "morgan", "alex")),
    "community-moderate-person": (
        "get",
        {"handle": "river"},
        only(200, "jo", "morgan", "alex"),
    ),
    "api:community-api-spaces": ("get", None, signed_in(200, anon=401)),
    "api:community-api-threads": ("get", {"slug": "space"}, signed_in(200, anon=401)),
    "api:community-api-posts": ("get", {"pk": "thread"}, signed_in(200, anon=401)),
    "api:community-api-search": ("get", None, signed_in(422, anon=401)),  # no query
    "api:community-api-thread-new": ("post", {"slug": "space"}, signed_in(400, anon=401)),
    "api:community-api-reply": ("post", {"pk": "thread"}, signed_in(400, anon=401)),
}


def records(people) -> dict:
    space = Space.objects.create(slug="matrix-space", name="Matrix", description="Open")
    asking = Space.objects.create(
        slug="matrix-request", name="Ask", description="On request", kind=Space.Kind.REQUEST
    )
    other = Space.objects.create(slug="matrix-other", name="Other", description="To leave")
    for s in (space, asking):
        Membership.objects.create(space=s, person=people.jo, role=Membership.Role.MODERATOR)
    services.join_space(people.river, space)
    request = services.join_space(people.sam, asking)
    opening = services.start_thread(people.river, space, "River's thread", "Hello").obj
    reply = services.reply(people.river, opening.thread, "A reply to delete").obj
    services.reply(people.jo, opening.thread, "Welcome")
    message = services.message_person(people.jo, people.river, "Hi river").obj
    report = services.report_post(people.sam, opening, "spam").obj
    alert = safety.check_text(people.river, "i want to kill myself tonight", Context.POST).alert
    return {
        "space": space.slug,
        "request_space": asking.slug,
        "other_space": other.slug,
        "request": request.pk,
        "thread": opening.thread_id,
        "post": opening.pk,
        "reply": reply.pk,
        "conversation": message.conversation_id,
        "message": message.pk,
        "report": report.pk,
        "post_alert": alert.pk,
    }
