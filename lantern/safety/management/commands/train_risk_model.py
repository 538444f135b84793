"""Train the risk models from the labelled data in lantern/safety/data/ (make runs this)."""

import time

from django.core.management.base import BaseCommand

from lantern.safety import encoders, model


def _share(pair) -> str:
    hits, total = pair
    return f"{hits / total:.2f}" if total else "-"


class Command(BaseCommand):
    help = "Train the risk models from lantern/safety/data/*.jsonl into var/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--threads",
            type=int,
            default=2,
            help="Threads for embedding the training messages the first time (default 2).",
        )

    def handle(self, *args, threads=2, **options):
        start = time.perf_counter()
        encoder = encoders.get_encoder()
        if encoder is None:
            self.stderr.write(
                f"The sentence encoder cannot be used ({encoders.problem()}): training the "
                "patterns-and-n-gram fallback only."
            )
        path = model.train(threads=threads, log=lambda line: self.stdout.write(f"  {line}"))
        trained = model.get_model()
        seconds = time.perf_counter() - start
        self.stdout.write(
            f"Risk model trained on {trained['rows']} examples (the stacker on "
            f"{trained['stacker_rows']}), encoder {trained['encoder'] or 'none'}, "
            f"in {seconds:.1f} s: {path.name}"
        )
        for mode, cv in trained["cv"].items():
            t = trained["thresholds"][mode]
            a = cv["all"]
            self.stdout.write(
                f"  {mode}: thresholds urgent {t['urgent']:.3f}, review {t['review']:.3f}, "
                f"elevated {t['elevated']:.3f}; cross-validated: tier 1 "
                f"{_share(a['urgent_tier1'])} of crises with {_share(a['ordinary_tier1'])} of "
                f"ordinary messages, tier 1 or review {_share(a['urgent_reviewed'])} with "
                f"{_share(a['ordinary_reviewed'])}, elevated caught "
                f"{_share(a['elevated_caught'])}"
            )
