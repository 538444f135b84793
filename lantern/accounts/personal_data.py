"""Where each app says how a person's data leaves with them (export) and goes (erasure).

Accounts cannot import the apps built on it, so each app registers its part from its
AppConfig.ready(): `register("attendance", export=..., erase=...)`. `services.export_data` puts
every section's export under its name; `services.erase_account` runs every erase step in the
same transaction, before the account's own rows are deleted (which cascades to the rest).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None


_sections: dict[str, Section] = {}


def register(
    name: str,
    *,
    export: Callable[[Any], Any],
    erase: Callable[[Any], None] | None = None,
) -> None:
    """Add an app's part. `export(user)` returns JSON-ready data; `erase(user)` removes or
    anonymises what a cascade from the user row would not."""
    _sections[name] = Section(name, export, erase)


def sections() -> list[Section]:
    return [_sections[name] for name in sorted(_sections)]
