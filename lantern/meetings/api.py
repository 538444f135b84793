"""/api/v1/meetings: the finder, for programs. Public, like the finder page."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import WithJsonSchema

from lantern.core.api import PUBLIC_ERRORS, Pages, between, one_of

from . import finder


def _accepted(name: str, kind: type = str):
    """The values the finder's form accepts for a choice field, as the schema says them."""
    choices = finder.FinderForm.base_fields[name].choices
    return one_of([value for value, _label in choices if value != ""], kind)


router = Router(tags=["meetings"])


class MeetingFilters(Schema):
    """The finder's filters, as the finder page takes them. The form checks them: a value the
    document does not list answers 400 with the reason."""

    zip: Annotated[str, WithJsonSchema({"type": "string", "pattern": r"^\d{5}$"})] | None = Field(
        None, description="a 5-digit US ZIP code"
    )
    lat: between(-90, 90, float) | None = Field(None, description="with lon: search near here")
    lon: between(-180, 180, float) | None = None
    km: _accepted("km", int) | None = Field(
        None, description="within this many km of the ZIP code or lat/lon (10 if not given)"
    )
    day: list[_accepted("day", int)] = Field([], description="0 is Sunday, 6 Saturday")
    time: _accepted("time") | None = None
    mode: _accepted("mode") | None = None
    fellowship: _accepted("fellowship") | None = None
    type: str | None = Field(None, description="a Meeting Guide type code (at most 16 letters)")
    language: _accepted("language") | None = None


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


@router.get(
    "",
    response={200: list[MeetingOut], **PUBLIC_ERRORS},
    auth=None,
    url_name="meetings-api",
)
@paginate(Pages, page_size=25)
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
