"""/api/v1/notifications, and what every app's API shares: the error answers each operation
documents, and the page numbers every list uses.

Every operation lists the answers it may give besides success, so a client (and schemathesis in
`core/tests/test_api_fuzz.py`) can rely on the OpenAPI document:

    @router.post("/things", response={201: ThingOut, **SIGNED_IN_ERRORS, **BODY_ERRORS})

- 400 `ErrorOut`: a service refused (`core.errors.Refused`, with the `field` it is about), or
  the input cannot be used (a NUL character, a body that is not JSON: `core.input`);
- 401, 403 `ErrorOut`: no valid token or session; a read-only token or a missing CSRF token on
  a write;
- 404 `ErrorOut`: the record does not exist, or the person may not know it does;
- 413 `ErrorOut`: a body over `DATA_UPLOAD_MAX_MEMORY_SIZE` (2.5 MB);
- 422 `InvalidOut`: the input does not have the document's shape (a missing field, a wrong
  type), one entry per problem;
- 429 `ErrorOut`: too much, too fast.

Which values are accepted is said in the document. Mostly (`one_of`, `between`, `most`) they are
checked by the form or service that takes them, which refuses with 400, a translated message and
the field, as the pages do: `?km=0` is documented as not one of the distances, and answers 400
with the reason.
"""

from datetime import datetime
from typing import Annotated, Any

from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import WithJsonSchema

from lantern.core import notification_kinds
from lantern.core.models import Notification


class ErrorOut(Schema):
    """Why the request was refused, in the reader's language."""

    detail: str
    field: str | None = Field(None, description="the input field the reason is about, if any")


class InvalidOut(Schema):
    """Input that does not fit the OpenAPI document: one entry per problem, each with where it
    is (`loc`) and what is wrong (`msg`)."""

    detail: list[dict[str, Any]]


PUBLIC_ERRORS = {400: ErrorOut, 422: InvalidOut}
SIGNED_IN_ERRORS = {
    **PUBLIC_ERRORS,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    429: ErrorOut,
}
BODY_ERRORS = {413: ErrorOut}


def one_of(values, kind: type = str):
    """A value from `values` (documented here; the form or service refuses the others)."""
    json_type = {str: "string", int: "integer"}[kind]
    return Annotated[kind, WithJsonSchema({"type": json_type, "enum": list(values)})]


def between(low, high, kind: type = int):
    """A number from `low` to `high` (documented here; the form or service refuses others)."""
    json_type = {int: "integer", float: "number"}[kind]
    schema = {"type": json_type, "minimum": low, "maximum": high}
    return Annotated[kind, WithJsonSchema(schema)]


def most(characters: int):
    """Text of at most `characters` (documented here; the service refuses longer text)."""
    return Annotated[str, WithJsonSchema({"type": "string", "maxLength": characters})]


class Pages(PageNumberPagination):
    """`?page=N` (and `page_size`, at most 100). A page past the end is an empty page with the
    true `count`, never an offset sent to the database: `?page=922337203685477580` would
    overflow its integers."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        size = self._get_page_size(pagination.page_size)
        count = self._items_count(queryset)
        offset = (pagination.page - 1) * size
        items = queryset[offset : offset + size] if offset < count else []
        return {self.items_attribute: items, "count": count}


router = Router(tags=["notifications"])


class NotificationOut(Schema):
    """A notification's words are rendered in the reader's language (the session's, or the
    token owner's), whenever it was made."""

    id: int
    kind: str
    title: str
    body: str
    url: str
    urgent: bool
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_body(notification) -> str:
        return notification.body_text


@router.get(
    "",
    response={200: list[NotificationOut], **SIGNED_IN_ERRORS},
    url_name="core-notifications-api",
)
@paginate(Pages, page_size=25)
def list_notifications(request):
    """The signed-in person's notifications, newest first. With a personal API token, a staff
    member's list leaves out what came to them as staff (kinds registered with `staff=True`:
    crisis alerts and reach-outs, reports, held posts, meeting corrections and imports), since a
    token acts at member level and staff work needs a two-factor session."""
    found = Notification.objects.for_user(request.auth).select_related("actor")
    if getattr(request.auth, "api_token_dropped_staff", False):
        found = found.exclude(kind__in=notification_kinds.staff_kinds())
    return found
