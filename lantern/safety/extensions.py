"""What other apps add to the safety net's pages, registered from their `AppConfig.ready()`:
safety imports no other app (they call safety; it never calls back), so what it shows of theirs
is registered here, like core's home cards.

    extensions.shared_with_responder("recovery", links_for_responder)
    extensions.alert_author_contact("community", message_author_link)

- `shared_with_responder`: `links(responder, member) -> list[Link]`, what the member shares with
  the person who answered their reach-out (a plan, milestones), as links to the pages that read
  it (each read audited by the app that keeps it). Nothing is read to make the links.
- `alert_author_contact`: `link(viewer, alert) -> Link | None`, a way for the person working an
  alert to reach its author (a form that POSTs to `url`).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    label: str
    url: str


_shared: dict[str, Callable] = {}
_contacts: dict[str, Callable] = {}


def shared_with_responder(name: str, links: Callable) -> None:
    _shared[name] = links


def alert_author_contact(name: str, link: Callable) -> None:
    _contacts[name] = link


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
