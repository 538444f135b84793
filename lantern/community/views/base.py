"""What the community's views share: telling the writer what happened after a save."""

from django.contrib import messages
from django.utils.translation import gettext as _

from lantern.core.errors import RateLimited, Refused
from lantern.safety import crisis


def after_save(request, saved, what: str) -> None:
    """Crisis lines on the next page if the words need care (safety's one way), and a word
    when the text waits for a moderator."""
    crisis.offer_after_save(request, saved)
    if saved.held:
        messages.info(
            request,
            _(
                "Thank you for sharing. A moderator will look at your %(what)s before others "
                "see it. If you are in danger now, the crisis lines below are there for you."
            )
            % {"what": what},
        )


def refused_status(error: Refused, otherwise: int = 200) -> int:
    """The status of a page that shows a form again after a refusal: 429 for too much, too
    fast (the form keeps what the person wrote), else `otherwise`."""
    return error.status if isinstance(error, RateLimited) else otherwise
