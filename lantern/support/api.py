"""/api/v1/support: a person's engagements (as the member, or as the specialist), and the
member's immediate withdrawal of consent. Records load through `access` as on the pages."""

from datetime import date, datetime

from django.db.models import Q
from ninja import Router, Schema
from ninja.pagination import paginate

from lantern.core.api import BODY_ERRORS, SIGNED_IN_ERRORS, Pages
from lantern.core.errors import NotFound

from . import access, services
from .models import Engagement

router = Router(tags=["support"])


class EngagementOut(Schema):
    id: int
    status: str
    member: str | None
    specialist: str | None
    opened_at: datetime | None
    closed_at: datetime | None
    consent_scopes: list[str]
    consent_until: date | None
    consent_in_force: bool


def _out(e: Engagement) -> dict:
    consent = getattr(e, "consent", None)
    return {
        "id": e.pk,
        "status": e.status,
        "member": e.member.handle if e.member else None,
        "specialist": e.specialist.handle if e.specialist else None,
        "opened_at": e.opened_at,
        "closed_at": e.closed_at,
        "consent_scopes": consent.scopes if consent else [],
        "consent_until": consent.ends_on if consent else None,
        "consent_in_force": bool(consent and consent.in_force()),
    }


@router.get(
    "/engagements",
    response={200: list[EngagementOut], **SIGNED_IN_ERRORS},
    url_name="support-engagements-api",
)
@paginate(Pages, page_size=25)
def list_engagements(request):
    """Engagements where the person is the member, or (session, two-factor) the specialist."""
    user = request.auth
    mine = Q(member=user)
    if access.is_specialist(user):
        mine |= Q(specialist=user)
    found = Engagement.objects.filter(mine).select_related("member", "specialist", "consent")
    return [_out(e) for e in found]


@router.post(
    "/engagements/{engagement_id}/revoke",
    response={200: EngagementOut, **SIGNED_IN_ERRORS, **BODY_ERRORS},
    url_name="support-engagement-revoke-api",
)
def revoke(request, engagement_id: int):
    """The member withdraws consent: from the next request their specialist sees nothing."""
    engagement = access.get_engagement_for(request.auth, engagement_id)
    if not access.is_member_of(request.auth, engagement):
        raise NotFound()
    services.revoke_consent(request.auth, engagement)
    return _out(access.get_engagement_for(request.auth, engagement_id))
