"""What the support pages share."""

from django.http import Http404

from .. import access


def _posted(request):
    """The submitted data of a POST (even an empty one, so it is validated), else None."""
    return request.POST if request.method == "POST" else None


def _specialist_only(user) -> None:
    if not access.is_specialist(user):
        raise Http404
