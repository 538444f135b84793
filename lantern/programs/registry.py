"""What the kinds' apps add to a program, registered in their `AppConfig.ready()` (programs never
imports them):

- `panel(kind, template, context)`: a section on the program's page, for that kind of program.
  `context(request, program)` returns the template's context, or None to leave it out.
- `on_discharge(name, kinds, ended)`: `ended(actor, program, person)` runs in the same
  transaction when the program's staff end someone's place (an alumni cohort's group, too).
- `report(kind, build)`: a section of the program's report. `build(program, start, end)`
  returns `ReportSection`s; counts in them are shown with small cells suppressed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Panel:
    name: str
    kinds: tuple[str, ...]
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int


@dataclass
class ReportSection:
    """One table of a program's report, and optionally a bar chart of one of its columns.

    `rows` hold raw counts (ints) or words; the page and the CSV show counts with `cell()`, so
    1 to SMALL_CELL - 1 appear as "<11". Percentages go in as strings computed with
    `charts.rate` (which hides a rate built on a small cell), and are shown as they are."""

    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart_column: int | None = None  # the column drawn as bars (a count column)
    note: str = ""


@dataclass(frozen=True)
class ReportBuilder:
    name: str
    kinds: tuple[str, ...]
    build: Callable[..., list[ReportSection]]
    order: int


@dataclass(frozen=True)
class DischargeHook:
    name: str
    kinds: tuple[str, ...]
    ended: Callable[[Any, Any, Any], None]


_panels: dict[str, Panel] = {}
_discharge: dict[str, DischargeHook] = {}
_reports: dict[str, ReportBuilder] = {}


def panel(name: str, kinds, template: str, context, *, order: int = 50) -> None:
    _panels[name] = Panel(name, tuple(kinds), template, context, order)


def panels_for(kind: str) -> list[Panel]:
    return sorted((p for p in _panels.values() if kind in p.kinds), key=lambda p: (p.order, p.name))


def report(name: str, kinds, build, *, order: int = 50) -> None:
    _reports[name] = ReportBuilder(name, tuple(kinds), build, order)


def reports_for(kind: str) -> list[ReportBuilder]:
    return sorted(
        (r for r in _reports.values() if kind in r.kinds), key=lambda r: (r.order, r.name)
    )


def on_discharge(name: str, kinds, ended) -> None:
    _discharge[name] = DischargeHook(name, tuple(kinds), ended)


def discharge_hooks(kind: str) -> list[DischargeHook]:
    return [h for h in _discharge.values() if kind in h.kinds]
