"""/api/v1/meetings: the finder, for programs. Public, like the finder page."""

from datetime import datetime

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from . import finder

router = Router(tags=["meetings"])


class MeetingFilters(Schema):
    zip: str | None = None
    lat: float | None = None
    lon: float | None = None
    km: int | None = None
    day: list[int] = []
    time: str | None = None
    mode: str | None = None
    fellowship: str | None = None
    type: str | None = None
    language: str | None = None


class MeetingOut(Schema):
    slug: str
    name: str
    days: list[int]
    time: str
    end_time: str | None
    time_zone: str
    types: list[str]
    mode: str
    language: str
    next_start: datetime
    distance_km: float | None
    address: str
    city: str
    latitude: float | None
    longitude: float | None
    conference_url: str


def _out(result: finder.Result) -> dict:
    m, location = result.meeting, result.meeting.location
    return {
        "slug": m.slug,
        "name": m.name,
        "days": m.days,
        "time": m.start_time.strftime("%H:%M"),
        "end_time": m.end_time.strftime("%H:%M") if m.end_time else None,
        "time_zone": m.time_zone,
        "types": m.type_codes,
        "mode": m.mode,
        "language": m.language,
        "next_start": result.starts,
        "distance_km": round(result.km, 2) if result.km is not None else None,
        "address": location.one_line if location else "",
        "city": location.city if location else "",
        "latitude": m.latitude,
        "longitude": m.longitude,
        "conference_url": m.conference_url,
    }


@router.get("", response=list[MeetingOut], auth=None, url_name="meetings-api")
@paginate(PageNumberPagination, page_size=25)
def list_meetings(request, filters: Query[MeetingFilters]):
    """Active meetings matching the finder's filters, soonest first (in each meeting's zone)."""
    data = {k: v for k, v in filters.dict().items() if v not in (None, "", [])}
    form = finder.FinderForm(data={**data, "day": data.get("day", [])})
    if not form.is_valid():
        problems = "; ".join(
            f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
        )
        raise HttpError(400, problems)
    outcome = finder.search(form.cleaned_data, None, limit=500)
    if outcome.error:
        raise HttpError(400, outcome.error)
    return [_out(result) for result in outcome.results]
