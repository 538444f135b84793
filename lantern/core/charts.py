"""Geometry for the small charts Lantern draws on the server as SVG: bars for a series, points
and polylines for a line, and the y positions of grid lines. Pure functions of numbers.

Every coordinate comes back as a string written with `fmt` (a dot decimal, one place), never
as a float: Django's templates localize floats, so a Spanish page would write `y1="92,0"` and
the browser would drop the shape. A template puts these strings straight into attributes.

    scale = charts.Scale(low=0, high=10, top=8, bottom=92)
    points = charts.line(values, scale, width=300)       # None where a value is missing
    lines = charts.polylines(points)                      # "0.0,92.0 10.3,50.0", broken at gaps
    grid = charts.grid([0, 5, 10], scale)                 # ["92.0", "50.0", "8.0"]
    bars = charts.bars(counts, width=300, top=10, bottom=90)

`cell` and `rate` show counts in reports for funders with small cells suppressed.

Users: `recovery.services.trends` (mood, craving, meetings per week) and
`meetings.services.attendance_summary` (meetings per week).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


def fmt(value: float) -> str:
    """A number for an SVG attribute: a dot decimal with one place, whatever the language."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class Scale:
    """Maps values from `low`..`high` onto SVG y from `bottom` (low) up to `top` (high): SVG's
    y grows downwards."""

    low: float
    high: float
    top: float
    bottom: float

    def y(self, value: float) -> float:
        span = self.high - self.low
        share = (value - self.low) / span if span else 0.0
        return round(self.bottom - share * (self.bottom - self.top), 1)


@dataclass(frozen=True)
class Point:
    """One value on a line: its position (as attribute strings) and the value itself."""

    x: str
    y: str
    value: float

    def marker(self, size: float) -> tuple[str, str]:
        """The top-left corner of a `size`-wide square centred on the point."""
        half = size / 2
        return fmt(float(self.x) - half), fmt(float(self.y) - half)


def x_positions(count: int, width: float) -> list[float]:
    """`count` evenly spaced x positions from 0 to `width` (one point sits at 0)."""
    step = width / max(count - 1, 1)
    return [round(n * step, 1) for n in range(count)]


def line(values: Sequence[float | None], scale: Scale, width: float) -> list[Point | None]:
    """Points for a series drawn across `width`; None stays None (a day with no value)."""
    xs = x_positions(len(values), width)
    return [
        None if value is None else Point(fmt(x), fmt(scale.y(value)), value)
        for x, value in zip(xs, values, strict=True)
    ]


def polylines(points: Sequence[Point | None]) -> list[str]:
    """`points` attributes for <polyline>, one per unbroken stretch: a gap breaks the line
    rather than inventing values across it."""
    lines, current = [], []
    for point in points:
        if point is None:
            if current:
                lines.append(current)
            current = []
        else:
            current.append(f"{point.x},{point.y}")
    if current:
        lines.append(current)
    return [" ".join(stretch) for stretch in lines]


def grid(ticks: Sequence[float], scale: Scale) -> list[str]:
    """The y of a horizontal grid line at each tick value."""
    return [fmt(scale.y(tick)) for tick in ticks]


@dataclass(frozen=True)
class Bar:
    """One bar: its rectangle (attribute strings), the value and whatever labels it."""

    x: str
    y: str
    width: str
    height: str
    value: float
    label: Any = None


def bars(
    values: Sequence[float],
    *,
    width: float,
    top: float,
    bottom: float,
    gap: float = 2,
    labels: Sequence[Any] | None = None,
) -> list[Bar]:
    """One bar per value, side by side across `width`, standing on `bottom`; the largest value
    reaches `top` (an all-zero series draws no height). `gap` is the space between bars."""
    if not values:
        return []
    labels = list(labels) if labels is not None else [None] * len(values)
    slot = width / len(values)
    most = max(max(values), 1)
    out = []
    for n, (value, label) in enumerate(zip(values, labels, strict=True)):
        height = round((bottom - top) * value / most, 1)
        out.append(
            Bar(
                x=fmt(n * slot + gap / 2),
                y=fmt(bottom - height),
                width=fmt(max(slot - gap, 0)),
                height=fmt(height),
                value=value,
                label=label,
            )
        )
    return out


# Reports that leave Lantern (for funders, boards) show no count from 1 to SMALL_CELL - 1: such a
# group is small enough to single someone out. 11 is the CMS cell-size rule.
SMALL_CELL = 11


def cell(count: int, small: int = SMALL_CELL) -> str:
    """A count as shown: "<11" for 1 to 10 (with the default), else the number."""
    return f"<{small}" if 0 < count < small else str(count)


def rate(part: int, whole: int, small: int = SMALL_CELL) -> str:
    """A percentage, hidden ("—") when either count is a small cell."""
    if whole == 0 or 0 < part < small or whole < small:
        return "—"
    return f"{round(100 * part / whole)}%"
