"""What each kind of notification says, registered by the app that sends it.

A notification row stores its kind, the person it names (`actor`) and its parameters, never its
words: the words are rendered from the kind when the notification is shown or sent, in the
reader's language, so a member who switches to Spanish reads every notification in Spanish, and
a member who erased their account is named "a former member".

Each app registers its kinds from its `AppConfig.ready()`:

    notification_kinds.register(
        "community.reply",
        title=_("%(actor)s replied to “%(thread)s”"),      # in-app: may quote what they can read
        neutral=_("You have a new reply on Lantern"),    # email subject, push title
    )

`title` and `neutral` are lazy translations with `%(name)s` placeholders filled from the
notification's `params`, plus `actor` (the named person's handle). `neutral` never carries a
member's words (thread titles, message text, anything a member wrote): mailboxes and lock
screens are shared. Without one, the generic "You have a new notification on Lantern" is used.
`body` is a standing explanation shown in-app under the title (never mailed), and `staff=True`
marks what reaches a person because of a staff role (alerts, reports, corrections): a personal
API token acts at member level, so the notifications API leaves those out for it.

A member may choose detailed subjects (`User.detailed_subjects`, on the preferences page): their
email subjects, push titles and digest lines then say what the in-app title says, for the kinds
registered with `detailed_if_chosen=True`. Only a kind whose title is the reader's own business
(a reply to their thread, a message to them) says so; a title that tells another person's news
(a new start, a shared journal, a circle asking for help) is never a reader's to put on a lock
screen, and staff kinds always stay neutral. `shows_details` and `outside_title` decide.
"""

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    neutral: str | None = None
    body: str | None = None
    staff: bool = False
    detailed_if_chosen: bool = False


_kinds: dict[str, Kind] = {}
GENERIC_NEUTRAL = _("You have a new notification on Lantern")


def register(
    name: str,
    *,
    title,
    neutral=None,
    body=None,
    staff: bool = False,
    detailed_if_chosen: bool = False,
) -> None:
    """Say what notifications of kind `name` say (see the module's docstring)."""
    _kinds[name] = Kind(name, title, neutral, body, staff, detailed_if_chosen)


def is_registered(name: str) -> bool:
    return name in _kinds


def registered() -> dict[str, Kind]:
    return dict(_kinds)


def staff_kinds() -> list[str]:
    """The kinds that reach people because of a staff role (registered with `staff=True`)."""
    return sorted(name for name, kind in _kinds.items() if kind.staff)


def _values(notification) -> dict:
    values = {str(k): v for k, v in (notification.params or {}).items()}
    actor = notification.actor
    values["actor"] = actor.handle if actor is not None else gettext("a former member")
    return values


def _fill(template, values: dict) -> str:
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        # A kind whose words changed after the row was written: say what can be said.
        return str(GENERIC_NEUTRAL)


def title(notification) -> str:
    kind = _kinds.get(notification.kind)
    if kind is None:
        return notification.fallback_title or str(GENERIC_NEUTRAL)
    return _fill(kind.title, _values(notification))


def neutral_title(notification) -> str:
    kind = _kinds.get(notification.kind)
    if kind is None or kind.neutral is None:
        return str(GENERIC_NEUTRAL)
    return _fill(kind.neutral, _values(notification))


def shows_details(notification, *, chosen: bool) -> bool:
    """Whether mail and pushes about `notification` may say what it is about: the reader
    `chosen` detailed subjects, and its kind is their own business (see the module's
    docstring)."""
    kind = _kinds.get(notification.kind)
    return chosen and kind is not None and kind.detailed_if_chosen and not kind.staff


def outside_title(notification, *, chosen: bool) -> str:
    """What an email subject, a push title or a digest line says: the neutral words, or the
    in-app title when `shows_details`."""
    if shows_details(notification, chosen=chosen):
        return title(notification)
    return neutral_title(notification)


def body(notification) -> str:
    """The kind's standing explanation, if it has one, followed by any stored body."""
    kind = _kinds.get(notification.kind)
    parts = []
    if kind is not None and kind.body is not None:
        parts.append(_fill(kind.body, _values(notification)))
    if notification.body:
        parts.append(notification.body)
    return "\n\n".join(parts)
