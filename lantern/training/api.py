"""/api/v1/training: the courses and the signed-in person's progress (session or token).
Read-only; working through a course happens on the pages."""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from lantern.core.api import SIGNED_IN_ERRORS, Pages

from . import services

router = Router(tags=["training"])


class CourseOut(Schema):
    slug: str
    title: str
    summary: str
    version: int
    parts: int
    done: int
    completed_at: datetime | None
    completed_version: int | None
    url: str


@router.get(
    "/courses",
    response={200: list[CourseOut], **SIGNED_IN_ERRORS},
    url_name="training-courses-api",
)
@paginate(Pages, page_size=25)
def courses(request):
    """Every course offered, with how far you are (in your language, falling back to English)."""
    return [
        {
            "slug": p.course.slug,
            "title": p.course.title,
            "summary": p.course.words.get("summary", ""),
            "version": p.course.version,
            "parts": p.total,
            "done": p.done,
            "completed_at": p.completion.completed_at if p.completion else None,
            "completed_version": p.completion.version if p.completion else None,
            "url": p.course.get_absolute_url(),
        }
        for p in services.progress_list(request.auth)
    ]
