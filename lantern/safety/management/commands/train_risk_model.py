"""Train the small risk model from the labelled data in lantern/safety/data/ (make runs this)."""

import time

from django.core.management.base import BaseCommand

from lantern.safety import model


class Command(BaseCommand):
    help = "Train the risk model from lantern/safety/data/*.jsonl into var/."

    def handle(self, *args, **options):
        start = time.perf_counter()
        path = model.train()
        rows = len(model.load_rows(model.ALL_FILES))
        seconds = time.perf_counter() - start
        self.stdout.write(f"Risk model trained on {rows} examples in {seconds:.1f} s: {path.name}")
