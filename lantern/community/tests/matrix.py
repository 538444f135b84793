"""The community's records for the access matrix (lantern/core/tests/test_access_matrix.py):
river's, in groups where jo is a peer moderator, so sam must never reach what is river's."""

from lantern.community import moderation, services
from lantern.community.models import Membership, Space


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
    message = services.send_message(people.jo, people.river, "Hi river").obj
    report = moderation.report_post(people.sam, opening, "spam")
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
    }
