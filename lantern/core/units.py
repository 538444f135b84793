"""Distances in the reader's unit: miles in US English, kilometres elsewhere (the locale's
DISTANCE_UNIT, lantern/formats/). Lantern computes in kilometres; only what is shown changes."""

from django.utils import formats

KM_PER_MILE = 1.609344


def distance_unit() -> str:
    """ "mi" or "km", for the active language."""
    unit = formats.get_format("DISTANCE_UNIT")
    return unit if unit in ("mi", "km") else "km"


def show_distance(km: float) -> str:
    """ "0.8 mi" or "1,3 km": one decimal, in the active language's unit and number format."""
    unit = distance_unit()
    amount = km / KM_PER_MILE if unit == "mi" else km
    return f"{formats.number_format(amount, 1)} {unit}"
