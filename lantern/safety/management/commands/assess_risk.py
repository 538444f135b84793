"""`manage.py assess_risk`: read JSON Lines {"id": ..., "text": ...} on standard input, write
one JSON line {"id", "level", "review", "score", "reasons"} per input on standard output: level
is urgent (tier 1), elevated or none; review is true for tier 1 and tier 2 ("needs a look");
score is the stacked probability that the text is urgent. A line that cannot be read gets
{"id": ..., "error": ...} (id null when unknown) and the rest go on."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from lantern.safety.contexts import Context
from lantern.safety.services import assess


class Command(BaseCommand):
    help = (
        "Assess JSON Lines of {id, text} from standard input; "
        "write {id, level, review, score, reasons}."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--context",
            default="",
            help="Where the texts come from: " + ", ".join(Context.values),
        )

    def handle(self, *args, context="", **options):
        if context and context not in Context.values:
            raise CommandError(
                f"Unknown context {context!r}; use one of: {', '.join(Context.values)}"
            )
        context = Context(context) if context else None
        out = self.stdout
        stdin = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
        for number, raw in enumerate(stdin, start=1):
            if isinstance(raw, bytes):
                try:
                    raw = raw.decode("utf-8")
                except UnicodeDecodeError:
                    self._write(out, {"id": None, "line": number, "error": "not valid UTF-8"})
                    continue
            if not raw.strip():
                continue
            try:
                item = json.loads(raw)
            except json.JSONDecodeError as exc:
                self._write(out, {"id": None, "line": number, "error": f"not JSON: {exc.msg}"})
                continue
            if not isinstance(item, dict):
                self._write(out, {"id": None, "line": number, "error": "expected a JSON object"})
                continue
            item_id = item.get("id")
            text = item.get("text")
            if not isinstance(text, str):
                self._write(
                    out, {"id": item_id, "line": number, "error": '"text" must be a string'}
                )
                continue
            result = assess(text, context)
            self._write(
                out,
                {
                    "id": item_id,
                    "level": result.level,
                    "review": result.review,
                    "score": result.score,
                    "reasons": result.reasons,
                },
            )

    @staticmethod
    def _write(out, data):
        out.write(json.dumps(data, ensure_ascii=False))
