"""/api/v1/safety: the crisis lines, for anyone, in the language asked for (the same lines the
crisis page shows; an app keeps them for when the phone is offline). Saves of words elsewhere in
the API answer `show_crisis_resources: true` when the writer should see these now.

`/review`: the "Needs a look" queue for the people who work it (moderators, specialists and
admins, and supporters on duty), with its three actions, through the same loaders and services
as the page (`review.py`)."""

from datetime import datetime

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from lantern.core.api import BODY_ERRORS, PUBLIC_ERRORS, SIGNED_IN_ERRORS, Pages, most
from lantern.core.errors import NotFound

from . import access, extensions, review, services

router = Router(tags=["safety"])


class CrisisResourceOut(Schema):
    kind: str
    name: str
    description: str
    phone: str
    phone_label: str
    tel_href: str
    sms: str
    sms_label: str
    sms_href: str
    url: str


@router.get(
    "/crisis-resources",
    response={200: list[CrisisResourceOut], **PUBLIC_ERRORS},
    auth=None,
    url_name="safety-crisis-resources-api",
)
def crisis_resources(request, language: str | None = None):
    """Crisis lines for `language` (en, es), else the request's language; never empty."""
    languages = dict(settings.LANGUAGES)
    chosen = language if language in languages else (get_language() or "en")
    return services.crisis_resources(chosen)


class ReviewItemOut(Schema):
    id: int
    context: str = Field(description="where it was written: post, reply, message…")
    context_label: str
    where: str = Field(description="the group and thread, or the conversation, if known")
    url: str = Field(
        description="a link to the words where they were written, if you may read them"
    )
    author: str = Field(description="the writer's handle")
    excerpt: str
    reasons: list[str]
    score: float = Field(description="the safety net's probability that the words are urgent")
    status: str
    tier: int = Field(description="0 in the queue; 1 on-duty staff told; 2 administrators told")
    created_at: datetime
    respond_by: datetime
    handled_by: str | None
    handled_at: datetime | None


class ReachOutIn(Schema):
    body: most(4000) = ""


class ReachedOut(Schema):
    conversation_url: str


class AlertRaised(Schema):
    alert: int


def _item_out(item, where) -> dict:
    return {
        "id": item.pk,
        "context": item.context,
        "context_label": item.context_label,
        "where": where.where if where else "",
        "url": where.url if where else "",
        "author": item.author.handle,
        "excerpt": item.excerpt,
        "reasons": item.reasons,
        "score": item.score,
        "status": item.status,
        "tier": item.tier,
        "created_at": item.created_at,
        "respond_by": item.respond_by,
        "handled_by": item.handled_by.handle if item.handled_by else None,
        "handled_at": item.handled_at,
    }


@router.get(
    "/review",
    response={200: list[ReviewItemOut], **SIGNED_IN_ERRORS},
    url_name="safety-review-api",
)
@paginate(Pages, page_size=50)
def review_queue(request, handled: bool = False):
    """What waits in "Needs a look", soonest deadline first (`handled=true`: what was looked
    at, latest first). 404 for anyone who does not work the queue now."""
    if not access.can_work_review_queue(request.auth):
        raise NotFound(_("The queue is for peers on duty, moderators and specialists."))
    items = review.queue_page(request.auth, handled=handled, limit=500)
    return [_item_out(item, item.where) for item in items]


@router.post(
    "/review/{pk}/fine",
    response={200: ReviewItemOut, **SIGNED_IN_ERRORS},
    url_name="safety-review-fine-api",
)
def review_fine(request, pk: int):
    """ "Looks fine": it leaves the queue (400 if someone already looked)."""
    item = review.looks_fine(request.auth, access.get_review_item_for(request.auth, pk))
    where = extensions.describe_review_sources(request.auth, [item.source]).get(item.source)
    return _item_out(item, where)


@router.post(
    "/review/{pk}/reach-out",
    response={200: ReachedOut, **SIGNED_IN_ERRORS, **BODY_ERRORS},
    url_name="safety-review-reach-out-api",
)
def review_reach_out(request, pk: int, data: ReachOutIn):
    """Open a private conversation with the writer (with `body` as its first message if given);
    answers where it is."""
    item = access.get_review_item_for(request.auth, pk)
    return {"conversation_url": review.reach_out(request.auth, item, data.body)}


@router.post(
    "/review/{pk}/raise",
    response={200: AlertRaised, **SIGNED_IN_ERRORS},
    url_name="safety-review-raise-api",
)
def review_raise(request, pk: int):
    """ "Raise to urgent": an urgent alert for the moderators and specialists on duty."""
    alert = review.raise_to_urgent(request.auth, access.get_review_item_for(request.auth, pk))
    return {"alert": alert.pk}
