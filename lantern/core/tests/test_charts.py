"""Chart geometry (core/charts.py): bars, lines and grids for server-drawn SVG, written with a
dot decimal whatever the page's language."""

import re

from django.template import Context, Template
from django.utils import translation

from lantern.core import charts

SVG = Template(
    "<svg>"
    '{% for y in grid %}<line x1="0" y1="{{ y }}" x2="300" y2="{{ y }}"/>{% endfor %}'
    '{% for line in lines %}<polyline points="{{ line }}"/>{% endfor %}'
    '{% for b in bars %}<rect x="{{ b.x }}" y="{{ b.y }}" width="{{ b.width }}" '
    'height="{{ b.height }}"/>{% endfor %}'
    "</svg>"
)


def coordinates(svg: str) -> list[str]:
    """Every number-valued attribute but `points` (whose pairs are "x,y")."""
    return re.findall(r' (?:x1|y1|x2|y2|x|y|width|height)="([^"]*)"', svg)


def test_numbers_are_written_with_a_dot_and_one_place():
    assert charts.fmt(92) == "92.0"
    assert charts.fmt(3.14159) == "3.1"
    assert (charts.fmt(7.04), charts.fmt(7.06)) == ("7.0", "7.1")
    assert charts.fmt(-2) == "-2.0"


def test_a_scale_puts_low_values_at_the_bottom_and_high_at_the_top():
    scale = charts.Scale(low=0, high=10, top=8, bottom=92)
    assert scale.y(0) == 92.0 and scale.y(10) == 8.0 and scale.y(5) == 50.0
    mood = charts.Scale(low=1, high=5, top=8, bottom=92)
    assert mood.y(1) == 92.0 and mood.y(5) == 8.0 and mood.y(3) == 50.0
    assert charts.Scale(low=2, high=2, top=0, bottom=10).y(2) == 10.0  # no span: no division


def test_a_line_spreads_its_points_across_the_width_and_keeps_gaps():
    scale = charts.Scale(low=0, high=10, top=0, bottom=100)
    points = charts.line([0, None, 10, 5], scale, width=300)
    assert points[1] is None
    assert [(p.x, p.y) for p in points if p] == [
        ("0.0", "100.0"),
        ("200.0", "0.0"),
        ("300.0", "50.0"),
    ]
    assert points[0].value == 0
    assert points[3].marker(4) == ("298.0", "48.0")


def test_a_gap_breaks_the_polyline_rather_than_inventing_values():
    scale = charts.Scale(low=0, high=10, top=0, bottom=100)
    lines = charts.polylines(charts.line([1, 2, None, None, 4, None, 6], scale, width=60))
    assert lines == ["0.0,90.0 10.0,80.0", "40.0,60.0", "60.0,40.0"]
    assert charts.polylines([None, None]) == []
    assert charts.polylines([]) == []


def test_a_single_point_sits_at_the_left_edge():
    scale = charts.Scale(low=0, high=10, top=0, bottom=100)
    assert charts.x_positions(1, 300) == [0.0]
    assert [p.x for p in charts.line([5], scale, width=300)] == ["0.0"]


def test_grid_lines_are_at_the_tick_values():
    scale = charts.Scale(low=0, high=10, top=8, bottom=92)
    assert charts.grid([0, 5, 10], scale) == ["92.0", "50.0", "8.0"]


def test_bars_stand_on_the_bottom_and_the_largest_reaches_the_top():
    bars = charts.bars([0, 2, 4, 1], width=120, top=5, bottom=55, labels=["a", "b", "c", "d"])
    assert [b.x for b in bars] == ["1.0", "31.0", "61.0", "91.0"]
    assert {b.width for b in bars} == {"28.0"}
    assert [b.height for b in bars] == ["0.0", "25.0", "50.0", "12.5"]
    assert [b.y for b in bars] == ["55.0", "30.0", "5.0", "42.5"]
    assert [(b.label, b.value) for b in bars] == [("a", 0), ("b", 2), ("c", 4), ("d", 1)]


def test_an_empty_or_all_zero_series_draws_nothing_tall():
    assert charts.bars([], width=100, top=0, bottom=50) == []
    flat = charts.bars([0, 0, 0], width=90, top=0, bottom=50)
    assert [b.height for b in flat] == ["0.0"] * 3 and [b.y for b in flat] == ["50.0"] * 3
    # A count of one in a quiet period fills the chart: the scale is at least 1.
    assert charts.bars([1], width=10, top=0, bottom=50)[0].height == "50.0"


def test_a_spanish_page_still_writes_dot_decimals_in_the_svg():
    scale = charts.Scale(low=0, high=10, top=8, bottom=92)
    context = Context(
        {
            "grid": charts.grid([0, 5, 10], scale),
            "lines": charts.polylines(charts.line([3, 7, None, 2.5], scale, width=300)),
            "bars": charts.bars([1, 3, 2], width=300, top=10, bottom=90),
        }
    )
    with translation.override("es"):
        # The bug this module exists for: a float in a template is localized in Spanish.
        assert Template("{{ n }}").render(Context({"n": 92.0})) == "92,0"
        svg = SVG.render(context)
    values = coordinates(svg)
    assert len(values) == 3 * 4 + 3 * 4
    assert all(re.fullmatch(r"-?\d+(\.\d)?", v) for v in values), values
    for points in re.findall(r'points="([^"]*)"', svg):
        for pair in points.split():
            x, y = pair.split(",")  # exactly one comma: between x and y, never inside a number
            assert re.fullmatch(r"-?\d+\.\d", x) and re.fullmatch(r"-?\d+\.\d", y)
    assert 'y1="92.0"' in svg and 'height="80.0"' in svg
