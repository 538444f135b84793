"""/api/v1/directory: the public resource directory, with the same search as the page."""

from datetime import date

from ninja import Router, Schema
from ninja.pagination import paginate

from lantern.core.api import PUBLIC_ERRORS, SIGNED_IN_ERRORS, Pages, one_of

from . import access
from .models import Kind, Resource

router = Router(tags=["directory"])


class ResourceOut(Schema):
    id: int
    name: str
    kind: str
    description: str
    address: str
    phone: str
    website: str
    hours: str
    eligibility: str
    cost: str
    languages: str
    last_verified: date | None
    demo: bool


@router.get(
    "/resources",
    auth=None,
    response={200: list[ResourceOut], **PUBLIC_ERRORS},
    url_name="directory-resources-api",
)
@paginate(Pages, page_size=25)
def list_resources(request, q: str = "", kind: one_of(["", *Kind.values]) = "", language: str = ""):
    """Active resources matching every word of `q`, in a category and language if given."""
    if kind and kind not in Kind.values:
        kind = "__none__"
    return Resource.objects.active().search(q[:100], kind, language[:40])


@router.get(
    "/resources/{resource_id}",
    auth=None,
    response={200: ResourceOut, **SIGNED_IN_ERRORS},
    url_name="directory-resource-api",
)
def get_resource(request, resource_id: int):
    return access.get_resource_for(request.user, resource_id)
