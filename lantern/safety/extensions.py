"""What other apps add to the safety net's pages, registered from their `AppConfig.ready()`:
safety imports no other app (they call safety; it never calls back), so what it shows of theirs
is registered here, like core's home cards.

    extensions.shared_with_responder("recovery", links_for_responder)
    extensions.alert_author_contact("community", message_author_link)
    extensions.review_source("community", describe)
    extensions.review_author_contact("community", reach_out)

- `shared_with_responder`: `links(responder, member) -> list[Link]`, what the member shares with
  the person who answered their reach-out (a plan, milestones), as links to the pages that read
  it (each read audited by the app that keeps it). Nothing is read to make the links.
- `alert_author_contact`: `link(viewer, alert) -> Link | None`, a way for the person working an
  alert to reach its author (a form that POSTs to `url`).
- `review_source`: `describe(viewer, sources) -> dict[str, Source]`, for the "Needs a look"
  queue: where each of `sources` ("app.model:pk" references, all of one page at once, so one or
  two queries for the lot) was written, and a link to it when `viewer` may read it there. Leave
  out the references that are not the app's own.
- `review_author_contact`: `reach_out(actor, item, body) -> str`, "reach out" from the queue:
  open a private conversation between `actor` and the writer of the review item `item` (about
  the item), write `body` in it if given, and return the conversation's address. Refuse with
  `core.errors.Refused` when the two may not talk (a block, a ban). The safety net has already
  checked that `actor` works the queue, counted the action and will audit it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Source:
    """Where words in the review queue were written ("Early days: Hard week"), and a link to
    them when the viewer may read them there (else ""). `staff_only`: who wrote them is not for
    every peer to know (an anonymous post): only staff see the item."""

    where: str
    url: str = ""
    staff_only: bool = False


_shared: dict[str, Callable] = {}
_contacts: dict[str, Callable] = {}
_review_sources: dict[str, Callable] = {}
_review_contacts: dict[str, Callable] = {}


def shared_with_responder(name: str, links: Callable) -> None:
    _shared[name] = links


def alert_author_contact(name: str, link: Callable) -> None:
    _contacts[name] = link


def review_source(name: str, describe: Callable) -> None:
    _review_sources[name] = describe


def review_author_contact(name: str, reach_out: Callable) -> None:
    _review_contacts[name] = reach_out


def links_for_responder(responder, member) -> list[Link]:
    """Every registered app's links to what `member` shares with `responder`."""
    found = []
    for name in sorted(_shared):
        found.extend(_shared[name](responder, member))
    return found


def author_contacts(viewer, alert) -> list[Link]:
    """The ways `viewer` may reach the author of `alert` (none for a former member)."""
    if alert.author_id is None:
        return []
    links = (_contacts[name](viewer, alert) for name in sorted(_contacts))
    return [link for link in links if link is not None]


def describe_review_sources(viewer, sources) -> dict[str, Source]:
    """Where each of `sources` was written, as the apps that keep them say (unknown ones are
    left out)."""
    wanted = sorted({source for source in sources if source})
    found: dict[str, Source] = {}
    if not wanted:
        return found
    for name in sorted(_review_sources):
        found.update(_review_sources[name](viewer, wanted))
    return found


def can_reach_review_authors() -> bool:
    return bool(_review_contacts)


def reach_review_author(actor, item, body: str) -> str | None:
    """Open a conversation with the writer of `item` through the first app that offers one;
    the address of the conversation, or None when no app offers private messages."""
    for name in sorted(_review_contacts):
        url = _review_contacts[name](actor, item, body)
        if url:
            return url
    return None
