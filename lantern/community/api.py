"""/api/v1/community: spaces, threads and posts. Reading needs a session (or whatever the API's
authentication accepts); writing with a session needs the CSRF token, as in the pages. The same
access loaders, services and "what may this person see" rules as the pages; a service's refusal
answers 400 (429 when it is too much, too fast) with its message (lantern/api.py)."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from lantern.core.api import BODY_ERRORS, SIGNED_IN_ERRORS, Pages, most
from lantern.core.results import Saved

from . import access, services
from .models import Post, opening_visible_to
from .search import search as run_search

router = Router(tags=["community"])


class SpaceOut(Schema):
    slug: str
    name: str
    description: str
    guidelines: str
    topics: list[str]
    kind: str
    membership: str | None
    unread: int


class ThreadOut(Schema):
    id: int
    space: str
    title: str
    created_at: datetime
    last_post_at: datetime
    reply_count: int
    locked: bool


class PostOut(Schema):
    id: int
    thread: int
    author: str | None = Field(description="null when posted anonymously (or by a former member)")
    anonymous: bool
    content_warning: bool
    newcomer: bool
    status: str
    html: str = Field(description="sanitised HTML rendering; empty when deleted")
    created_at: datetime
    edited_at: datetime | None


class SavedOut(Schema):
    post: PostOut
    held: bool = Field(description="held for a moderator's review before others see it")
    show_crisis_resources: bool = Field(
        description="show the author the crisis lines now (/api/v1/safety/crisis-resources)"
    )


class ThreadIn(Schema):
    title: str = Field(max_length=services.TITLE_MAX)
    body: str = Field(max_length=services.POST_MAX)
    anonymous: bool = False
    content_warning: bool = False


class PostIn(Schema):
    body: str = Field(max_length=services.POST_MAX)
    anonymous: bool = False
    content_warning: bool = False


class SearchOut(Schema):
    post: PostOut
    thread_title: str
    space: str
    snippet: str = Field(description="HTML: escaped text with <mark> around the matches")


def _post_out(post: Post, user) -> dict:
    deleted = post.status == Post.Status.DELETED
    return {
        "id": post.pk,
        "thread": post.thread_id,
        "author": access.shown_author(user, post),
        "anonymous": post.anonymous,
        "content_warning": post.content_warning,
        "newcomer": post.newcomer,
        "status": post.status,
        "html": "" if deleted else post.html,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
    }


@router.get(
    "/spaces",
    response={200: list[SpaceOut], **SIGNED_IN_ERRORS},
    url_name="community-api-spaces",
)
@paginate(Pages, page_size=50)
def list_spaces(request):
    """The groups the signed-in person may see, with posts new since their last visit."""
    return [
        {
            "slug": s.slug,
            "name": s.name,
            "description": s.description,
            "guidelines": s.guidelines,
            "topics": s.topics,
            "kind": s.kind,
            "membership": s.my_status,
            "unread": s.unread,
        }
        for s in services.spaces_with_counts(request.auth)
    ]


@router.get(
    "/spaces/{slug}/threads",
    response={200: list[ThreadOut], **SIGNED_IN_ERRORS},
    url_name="community-api-threads",
)
@paginate(Pages, page_size=30)
def list_threads(request, slug: str):
    """A group's threads, most recently active first (members of the group only)."""
    space = access.get_readable_space_for(request.auth, slug)
    return [
        {**t, "space": slug}
        for t in space.threads.filter(opening_visible_to(request.auth))
        .order_by("-last_post_at")
        .values("id", "title", "created_at", "last_post_at", "reply_count", "locked")
    ]


def _created(saved: Saved, person) -> Status:
    """201 with the new post, and whether it was held or the author should see crisis lines."""
    return Status(
        201,
        {
            "post": _post_out(saved.obj, person),
            "held": saved.held,
            "show_crisis_resources": saved.show_crisis_resources,
        },
    )


@router.post(
    "/spaces/{slug}/threads",
    response={201: SavedOut, **SIGNED_IN_ERRORS, **BODY_ERRORS},
    url_name="community-api-thread-new",
)
def start_thread(request, slug: str, data: ThreadIn):
    """Start a thread. Every post goes through the safety net: it may be held for review."""
    space = access.get_readable_space_for(request.auth, slug)
    saved = services.start_thread(
        request.auth,
        space,
        data.title,
        data.body,
        anonymous=data.anonymous,
        content_warning=data.content_warning,
    )
    return _created(saved, request.auth)


@router.get(
    "/threads/{pk}/posts",
    response={200: list[PostOut], **SIGNED_IN_ERRORS},
    url_name="community-api-posts",
)
@paginate(Pages, page_size=25)
def list_posts(request, pk: int):
    """A thread's posts, oldest first, as the person may see them."""
    thread = access.get_thread_for(request.auth, pk)
    return [_post_out(p, request.auth) for p in services.posts_in(request.auth, thread)]


@router.post(
    "/threads/{pk}/posts",
    response={201: SavedOut, **SIGNED_IN_ERRORS, **BODY_ERRORS},
    url_name="community-api-reply",
)
def reply(request, pk: int, data: PostIn):
    """Reply to a thread."""
    thread = access.get_thread_for(request.auth, pk)
    saved = services.reply(
        request.auth,
        thread,
        data.body,
        anonymous=data.anonymous,
        content_warning=data.content_warning,
    )
    return _created(saved, request.auth)


@router.get(
    "/search",
    response={200: list[SearchOut], **SIGNED_IN_ERRORS},
    url_name="community-api-search",
)
def search(request, q: most(200), page: int = 1):
    """Published posts the person may read that contain every word; 20 a page."""
    if len(q) > 200:
        raise HttpError(400, _("The search is too long: at most 200 characters."))
    page = max(1, min(page, 50))
    found, _more = run_search(request.auth, q, limit=20, offset=(page - 1) * 20)
    access.preload_memberships(request.auth, [p.space_id for p in found])
    return [
        {
            "post": _post_out(p, request.auth),
            "thread_title": p.thread.title,
            "space": p.space.slug,
            "snippet": str(p.snippet),
        }
        for p in found
    ]
