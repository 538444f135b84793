"""Trends: what the trends page draws and tabulates. The geometry is `core.charts`'s, so every
coordinate is a dot-decimal string whatever the page's language."""

from datetime import timedelta

from lantern.core import charts
from lantern.meetings.models import Attendance

from ..models import CheckIn
from .base import today_for
from .checkins import streak

# --- Trends -------------------------------------------------------------------------------------

CHART_W, CHART_H = 300, 100  # SVG user units; the plot sits inside with a small margin
MOOD = charts.Scale(low=1, high=5, top=8, bottom=CHART_H - 8)
CRAVING = charts.Scale(low=0, high=10, top=8, bottom=CHART_H - 8)
BARS_TOP, BARS_BOTTOM = 10, 90  # the meetings chart's bars stand on its axis at 90.5


def trends(member, days: int = 30) -> dict:
    """Mood and craving day by day over the last `days` days, the check-in streak and meetings
    per week: everything the trends page draws (as SVG) and lists (as a table)."""
    today = today_for(member)
    first = today - timedelta(days=days - 1)
    checkins = {
        c.day: c
        for c in CheckIn.objects.filter(member=member, day__gte=first).defer("note", "gratitude")
    }
    day_list = [first + timedelta(days=n) for n in range(days)]
    found = [checkins.get(day) for day in day_list]
    mood_points = charts.line([c.mood if c else None for c in found], MOOD, CHART_W)
    craving_points = charts.line([c.craving if c else None for c in found], CRAVING, CHART_W)
    rows = []
    for day, c, mood, craving in zip(day_list, found, mood_points, craving_points, strict=True):
        box_x, box_y = craving.marker(4) if craving else (None, None)
        rows.append(
            {
                "day": day,
                "x": mood.x if mood else None,
                "mood": c.mood if c else None,
                "craving": c.craving if c else None,
                "mood_y": mood.y if mood else None,
                "craving_y": craving.y if craving else None,
                "box_x": box_x,
                "box_y": box_y,
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
    bars = charts.bars(
        [c for _s, c in per_week],
        width=CHART_W,
        top=BARS_TOP,
        bottom=BARS_BOTTOM,
        labels=[s for s, _c in per_week],
    )
    return {
        "days": days,
        "rows": rows,
        "mood_lines": charts.polylines(mood_points),
        "craving_lines": charts.polylines(craving_points),
        "mood_average": round(sum(moods) / len(moods), 1) if moods else None,
        "craving_average": round(sum(cravings) / len(cravings), 1) if cravings else None,
        "checkin_days": len(moods),
        "streak": streak(member, today),
        "per_week": per_week,
        "meetings_total": sum(c for _s, c in per_week),
        "bars": bars,
        "width": CHART_W,
        "height": CHART_H,
        "grid": charts.grid([0, 5, 10], CRAVING),
    }
