"""/api/v1/directory: the public resource directory, with the same search as the page."""

from datetime import date

from ninja import Router, Schema
from ninja.pagination import paginate

from lantern.core.api import PUBLIC_ERRORS, ErrorOut, Pages, most, one_of
from lantern.core.errors import Refused

from . import access
from .forms import SearchForm
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
def list_resources(
    request,
    q: most(100) = "",
    kind: one_of(["", *Kind.values]) = "",
    language: most(40) = "",
):
    """Active resources matching every word of `q`, in a category and language if given: the
    search page's form reads them, so the answer is the page's. A value the document does not
    allow answers 400 with the reason and the field."""
    form = SearchForm({"q": q, "kind": kind, "language": language})
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        raise Refused(" ".join(errors), field=name)
    data = form.cleaned_data
    return Resource.objects.active().search(data["q"], data["kind"], data["language"])


@router.get(
    "/resources/{resource_id}",
    auth=None,
    response={200: ResourceOut, **PUBLIC_ERRORS, 404: ErrorOut},
    url_name="directory-resource-api",
)
def get_resource(request, resource_id: int):
    return access.get_resource_for(request.user, resource_id)
