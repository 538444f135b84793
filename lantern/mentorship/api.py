"""/api/v1/mentorship: a person's ranked mentor suggestions (with reasons) and their
mentorships. The same services and rules as the pages."""

from datetime import datetime

from ninja import Router, Schema
from pydantic import Field

from lantern.core.api import SIGNED_IN_ERRORS

from . import matching, services

router = Router(tags=["mentorship"])


class SuggestionOut(Schema):
    mentor: str
    points: int = Field(description=f"out of {matching.MAX_POINTS}")
    reasons: list[str] = Field(description="why, in plain words, in the reader's language")
    recovery_days: int | None


class MentorshipOut(Schema):
    id: int
    mentor: str
    mentee: str
    status: str
    created_at: datetime


@router.get(
    "/suggestions",
    response={200: list[SuggestionOut], **SIGNED_IN_ERRORS},
    url_name="mentorship-api-suggestions",
)
def suggestions(request):
    """Mentors who meet every hard rule for you, best first."""
    return [
        {
            "mentor": s.profile.person.handle,
            "points": s.points,
            "reasons": s.reasons_text,
            "recovery_days": s.facts.recovery_days,
        }
        for s in services.suggestions(request.auth)
    ]


@router.get(
    "/mentorships",
    response={200: list[MentorshipOut], **SIGNED_IN_ERRORS},
    url_name="mentorship-api-mentorships",
)
def mentorships(request):
    """Your mentorships, as mentee or mentor, latest first."""
    return [
        {
            "id": m.pk,
            "mentor": m.mentor.handle,
            "mentee": m.mentee.handle,
            "status": m.status,
            "created_at": m.created_at,
        }
        for m in services.mentorships_of(request.auth)[:100]
    ]
