"""What core shows or runs on behalf of the apps built on it, registered by those apps.

Core imports no domain app. An app that has something for the home page, or demo data for
`manage.py demo`, registers it from its `AppConfig.ready()`:

    registry.home_card("recovery", "recovery/_home_card.html", context=home_card_context, order=20)
    registry.demo_seed("recovery", demo.seed, order=30)
    registry.menu_link("events", _("Events"), "events-list", order=50, visitors=True)
    registry.settings_section("crisis", _("Crisis lines"), "safety-manage-crisis-lines",
                              description=_("The numbers on every page"), order=20)

Export and erasure have their own registry in `accounts/personal_data.py`; notification kinds in
`core/notification_kinds.py`. Each app's access-matrix entries are in its `tests/matrix.py`,
found by the matrix test.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HomeCard:
    name: str
    template: str
    context: Callable[[Any], dict | None] | None
    order: int


@dataclass(frozen=True)
class DemoSeed:
    name: str
    seed: Callable[[], None]
    order: int


@dataclass(frozen=True)
class MenuLink:
    name: str
    label: Any
    url_name: str
    order: int
    visitors: bool
    show: Callable[[Any], bool] | None


_cards: dict[str, HomeCard] = {}
_seeds: dict[str, DemoSeed] = {}
_menu: dict[str, MenuLink] = {}
_sections: dict[str, "SettingsSection"] = {}


@dataclass(frozen=True)
class SettingsSection:
    name: str
    label: Any
    url_name: str
    description: Any
    order: int


def home_card(
    name: str,
    template: str,
    *,
    context: Callable[[Any], dict | None] | None = None,
    order: int = 50,
) -> None:
    """A card on a signed-in person's home page. `context(request)` returns the template's
    context, or None to leave the card out for this person; lower `order` comes first."""
    _cards[name] = HomeCard(name, template, context, order)


def home_cards() -> list[HomeCard]:
    return sorted(_cards.values(), key=lambda card: (card.order, card.name))


def demo_seed(name: str, seed: Callable[[], None], *, order: int = 50) -> None:
    """`seed()` puts the app's demo data in place; it must be safe to run again. Seeds run in
    `order` (accounts' demo people first), each in its own transaction."""
    _seeds[name] = DemoSeed(name, seed, order)


def demo_seeds() -> list[DemoSeed]:
    return sorted(_seeds.values(), key=lambda seed: (seed.order, seed.name))


def menu_link(
    name: str,
    label,
    url_name: str,
    *,
    order: int = 50,
    visitors: bool = False,
    show: Callable[[Any], bool] | None = None,
) -> None:
    """An entry in the header's menu, after core's own (Home, Meetings, My recovery, Groups).
    `label` is a lazy translation; `url_name` is reversed without arguments. Signed-in people see
    it when `show(user)` is true (or always without `show`); visitors only if `visitors`."""
    _menu[name] = MenuLink(name, label, url_name, order, visitors, show)


def menu_links(user) -> list[MenuLink]:
    """The registered menu entries `user` (possibly anonymous) sees, in order."""
    signed_in = user is not None and user.is_authenticated
    return [
        link
        for link in sorted(_menu.values(), key=lambda link: (link.order, link.name))
        if (link.visitors if not signed_in else (link.show is None or link.show(user)))
    ]


def settings_section(name: str, label, url_name: str, *, description="", order: int = 50):
    """A part of Settings (`/manage/`, administrators only): a link to the app's own page
    (`url_name`, reversed without arguments), with a line saying what is set there."""
    _sections[name] = SettingsSection(name, label, url_name, description, order)


def settings_sections() -> list[SettingsSection]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.name))
