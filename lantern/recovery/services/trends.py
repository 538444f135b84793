"""Trends: what the trends page draws and tabulates."""

from datetime import timedelta

from lantern.meetings.models import Attendance

from ..models import CheckIn
from .base import today_for
from .checkins import streak

# --- Trends -------------------------------------------------------------------------------------

CHART_W, CHART_H = 300, 100  # SVG user units; the plot sits inside with a small margin


def _y(value: float, low: float, high: float) -> float:
    return round(CHART_H - 8 - (value - low) / (high - low) * (CHART_H - 16), 1)


def _lines(points: list[tuple[float, float | None]]) -> list[str]:
    """Polyline point strings, broken where a day has no check-in."""
    lines, current = [], []
    for x, y in points:
        if y is None:
            if current:
                lines.append(current)
            current = []
        else:
            current.append(f"{x},{y}")
    if current:
        lines.append(current)
    return [" ".join(line) for line in lines]


def trends(member, days: int = 30) -> dict:
    """Mood and craving day by day over the last `days` days, the check-in streak and meetings
    per week: everything the trends page draws (as SVG) and lists (as a table)."""
    today = today_for(member)
    first = today - timedelta(days=days - 1)
    checkins = {
        c.day: c
        for c in CheckIn.objects.filter(member=member, day__gte=first).prefetch_related("meetings")
    }
    step = CHART_W / max(days - 1, 1)
    rows = []
    for n in range(days):
        day = first + timedelta(days=n)
        c = checkins.get(day)
        x = round(n * step, 1)
        rows.append(
            {
                "day": day,
                "x": x,
                "mood": c.mood if c else None,
                "craving": c.craving if c else None,
                "mood_y": _y(c.mood, 1, 5) if c else None,
                "craving_y": _y(c.craving, 0, 10) if c else None,
                "box_x": round(x - 2, 1),
                "box_y": round(_y(c.craving, 0, 10) - 2, 1) if c else None,
            }
        )
    moods = [r["mood"] for r in rows if r["mood"] is not None]
    cravings = [r["craving"] for r in rows if r["craving"] is not None]
    weeks = max(days // 7, 4)
    week_start = today - timedelta(days=today.weekday())
    attended = list(
        Attendance.objects.filter(
            member=member, date__gte=week_start - timedelta(weeks=weeks - 1)
        ).values_list("date", flat=True)
    )
    others = dict(
        CheckIn.objects.filter(
            member=member, day__gte=week_start - timedelta(weeks=weeks - 1), other_meetings__gt=0
        ).values_list("day", "other_meetings")
    )
    per_week = []
    for n in reversed(range(weeks)):
        start = week_start - timedelta(weeks=n)
        count = sum(start <= d < start + timedelta(days=7) for d in attended)
        count += sum(v for d, v in others.items() if start <= d < start + timedelta(days=7))
        per_week.append((start, count))
    most = max([c for _s, c in per_week] + [1])
    bar_w = CHART_W / weeks
    bars = [
        {
            "x": round(n * bar_w + 1, 1),
            "w": round(bar_w - 2, 1),
            "height": round(80 * c / most),
            "y": 90 - round(80 * c / most),
            "start": s,
            "count": c,
        }
        for n, (s, c) in enumerate(per_week)
    ]
    return {
        "days": days,
        "rows": rows,
        "mood_lines": _lines([(r["x"], r["mood_y"]) for r in rows]),
        "craving_lines": _lines([(r["x"], r["craving_y"]) for r in rows]),
        "mood_average": round(sum(moods) / len(moods), 1) if moods else None,
        "craving_average": round(sum(cravings) / len(cravings), 1) if cravings else None,
        "checkin_days": len(moods),
        "streak": streak(member, today),
        "per_week": per_week,
        "meetings_total": sum(c for _s, c in per_week),
        "bars": bars,
        "width": CHART_W,
        "height": CHART_H,
        "grid": [_y(v, 0, 10) for v in (0, 5, 10)],
    }
