"""Assessments as data. An instrument is a JSON file (see instruments/*.json and
docs in var/handoff/support-docs.md): its items, the answer options, which items are scored in
reverse, subscales, how many answers may be missing (the rest are prorated), interpretation
bands, and every text in each language. An organisation licensed to use another instrument
drops its file in a directory named in `settings.LANTERN_SUPPORT_INSTRUMENT_DIRS`: no code
changes.

    instrument = instruments.get("lantern-wellbeing")
    result = instrument.score({"w1": 3, "w2": None, ...})   # total, subscales, band
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language

HERE = Path(__file__).resolve().parent / "instruments"


def _text(value, language: str | None = None) -> str:
    """A text given as a string or as {"en": ..., "es": ...}, in `language` (else English)."""
    if isinstance(value, str):
        return value
    language = (language or get_language() or "en")[:2]
    return value.get(language) or value.get("en") or next(iter(value.values()), "")


@dataclass(frozen=True)
class Option:
    value: int
    label: dict


@dataclass(frozen=True)
class Item:
    id: str
    text: dict
    reverse: bool = False

    def label(self, language=None) -> str:
        return _text(self.text, language)


@dataclass(frozen=True)
class Result:
    total: float | None  # None: too many answers missing to score
    subscores: dict
    missing: int
    band: str

    @property
    def scored(self) -> bool:
        return self.total is not None


@dataclass(frozen=True)
class Instrument:
    slug: str
    title: dict
    description: dict
    licence: str
    options: tuple[Option, ...]
    items: tuple[Item, ...]
    subscales: dict  # name -> {"label": {...}, "items": [ids]}
    max_missing: int
    bands: tuple[dict, ...]

    @property
    def low(self) -> int:
        return min(o.value for o in self.options)

    @property
    def high(self) -> int:
        return max(o.value for o in self.options)

    @property
    def min_total(self) -> int:
        return self.low * len(self.items)

    @property
    def max_total(self) -> int:
        return self.high * len(self.items)

    def name(self, language=None) -> str:
        return _text(self.title, language)

    def about(self, language=None) -> str:
        return _text(self.description, language)

    def option_choices(self, language=None) -> list[tuple[int, str]]:
        return [(o.value, _text(o.label, language)) for o in self.options]

    def _value(self, item: Item, raw) -> float | None:
        if raw is None or raw == "":
            return None
        value = int(raw)
        if value not in {o.value for o in self.options}:
            raise ValueError(f"{value} is not an answer of {self.slug} item {item.id}")
        return self.low + self.high - value if item.reverse else value

    def _sum(self, items: list[Item], answers: dict, max_missing: int) -> float | None:
        values = [self._value(item, answers.get(item.id)) for item in items]
        given = [v for v in values if v is not None]
        if not items or len(items) - len(given) > max_missing or not given:
            return None
        # Prorate: the mean of the answered items stands in for each missing one.
        return round(sum(given) * len(items) / len(given), 1)

    def score(self, answers: dict) -> Result:
        """The total (reverse items turned round, missing answers prorated while at most
        `max_missing` are missing, else no score), each subscale the same way, and the band."""
        by_id = {item.id: item for item in self.items}
        missing = sum(1 for item in self.items if answers.get(item.id) in (None, ""))
        total = self._sum(list(self.items), answers, self.max_missing)
        subscores = {}
        for name, sub in self.subscales.items():
            items = [by_id[i] for i in sub["items"]]
            allowed = sub.get("max_missing", self.max_missing * len(items) // len(self.items))
            subscores[name] = self._sum(items, answers, allowed)
        return Result(total, subscores, missing, self.band_for(total))

    def band_for(self, total: float | None, language=None) -> str:
        if total is None:
            return ""
        for band in self.bands:
            if band["min"] <= total <= band["max"]:
                return _text(band["label"], language)
        return ""


def parse(data: dict, slug: str) -> Instrument:
    """An instrument from its JSON data; `ImproperlyConfigured` naming what is wrong."""
    try:
        options = tuple(Option(int(o["value"]), o["label"]) for o in data["options"])
        items = tuple(
            Item(str(i["id"]), i["text"], bool(i.get("reverse", False))) for i in data["items"]
        )
        ids = {item.id for item in items}
        if len(ids) != len(items) or len(options) < 2:
            raise ValueError("item ids must be unique and there must be two options or more")
        subscales = data.get("subscales", {})
        for sub in subscales.values():
            if not set(sub["items"]) <= ids:
                raise ValueError("a subscale names an item the instrument does not have")
        return Instrument(
            slug=slug,
            title=data["title"],
            description=data.get("description", ""),
            licence=data.get("licence", ""),
            options=options,
            items=items,
            subscales=subscales,
            max_missing=int(data.get("missing", {}).get("max_missing", 0)),
            bands=tuple(data.get("bands", [])),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ImproperlyConfigured(f"Instrument {slug} is not valid: {error}") from error


def directories() -> list[Path]:
    extra = getattr(settings, "LANTERN_SUPPORT_INSTRUMENT_DIRS", [])
    return [HERE, *(Path(d) for d in extra)]


def load_file(path: Path) -> Instrument:
    return parse(json.loads(Path(path).read_text(encoding="utf-8")), Path(path).stem)


def available() -> dict[str, Instrument]:
    """Every instrument in the instrument directories, by slug (read each time: a file added
    while the site runs is offered at once)."""
    found = {}
    for directory in directories():
        if directory.is_dir():
            for path in sorted(directory.glob("*.json")):
                found[path.stem] = load_file(path)
    return found


def get(slug: str) -> Instrument | None:
    return available().get(slug)
