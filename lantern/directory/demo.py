"""Demo resources for `manage.py demo`: Chicago-ish places, marked as demo data (not real
services) on every page. Safe to run again: rows are matched by name and address."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from . import services

ROWS = Path(__file__).with_name("demo_resources.csv")


def seed() -> None:
    today = timezone.localdate()
    text = ROWS.read_text(encoding="utf-8").format(
        recent=(today - timedelta(days=20)).isoformat(),
        older=(today - timedelta(days=200)).isoformat(),
    )
    services.import_csv(None, text, demo=True)
