#!/usr/bin/env python
"""`make bench`: measure server time (through Django's full middleware stack, in process) and
page size for Lantern's pages, each against a bare view measured in the same run, and write the
table to docs/benchmarks.md. Uses a throwaway SQLite database under var/."""

import gzip
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{REPO / 'var' / 'bench.sqlite3'}")
os.environ["DJANGO_SETTINGS_MODULE"] = "lantern.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

settings.ROOT_URLCONF = "bench.urls"
settings.ALLOWED_HOSTS = ["testserver"]
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "300"))
OUT = REPO / "docs" / "benchmarks.md"


def measure(client, path):
    for _ in range(20):  # warm up caches and templates
        client.get(path)
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    body = response.content
    return {
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "bytes": len(body),
        "gzip": len(gzip.compress(body)),
    }


def main():
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from lantern.accounts.models import User

    visitor = Client()
    member = Client()
    member.force_login(User.objects.get(handle="river"))
    rows = [
        ("bare view (baseline)", visitor, "/bench/bare/"),
        ("crisis page /help/, visitor", visitor, "/help/"),
        ("landing page /, visitor", visitor, "/"),
        ("sign-up form", visitor, "/accounts/signup/"),
        ("member home /", member, "/"),
        ("member notifications", member, "/notifications/"),
        ("member preferences", member, "/accounts/preferences/"),
    ]
    results = [(label, path, measure(client, path)) for label, client, path in rows]
    base = results[0][2]["p50"]
    lines = [
        "| page | path | p50 ms | p95 ms | p50 vs bare view | HTML bytes | gzip bytes |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, path, r in results:
        lines.append(
            f"| {label} | `{path}` | {r['p50']:.2f} | {r['p95']:.2f} | {r['p50'] / base:.1f}× "
            f"| {r['bytes']:,} | {r['gzip']:,} |"
        )
    # First load: the landing page plus every asset the base page loads, compressed.
    from django.contrib.staticfiles import finders

    assets = ["css/lantern.css", "django_htmx/htmx-2.min.js", "js/lantern.js", "img/icon.svg"]
    asset_gzip = sum(len(gzip.compress(Path(finders.find(a)).read_bytes())) for a in assets)
    landing = next(r for label, path, r in results if path == "/")
    lines.append("")
    lines.append(
        f"First load of the landing page, HTML and all assets ({', '.join(assets)}), gzip: "
        f"**{(landing['gzip'] + asset_gzip) / 1024:.1f} KB** (budget 100 KB)."
    )
    table = "\n".join(lines)
    print(table)
    header = (
        "# Benchmarks\n\n"
        "Written by `make bench` (bench/run.py). Server time is measured in process through\n"
        "Django's whole middleware stack with the test client, "
        f"{ROUNDS} requests a row after a warm-up,\n"
        "on SQLite; ratios compare each row with the bare view measured in the same run, so\n"
        "they hold across machines better than the milliseconds do.\n\n"
        "## Pages (foundation)\n\n"
    )
    text = OUT.read_text() if OUT.exists() else ""
    marker_start, marker_end = "<!-- pages:start -->", "<!-- pages:end -->"
    block = f"{marker_start}\n{table}\n{marker_end}"
    if marker_start in text:
        before, rest = text.split(marker_start, 1)
        after = rest.split(marker_end, 1)[1]
        text = before + block + after
    else:
        text = header + block + "\n"
    OUT.write_text(text)
    return base


def risk_table(bare_ms: float) -> str:
    """Recall and false alarms of the risk assessment on every labelled set, and its speed."""
    from lantern.safety import model, risk

    def rates(rows, judge):
        got = [(row["level"], judge(row["text"]).level) for row in rows]

        def share(expected, predicted):
            subset = [p for e, p in got if e == expected]
            return sum(p in predicted for p in subset) / len(subset)

        return (
            share("urgent", {"urgent"}),
            share("none", {"urgent"}),
            share("elevated", {"elevated", "urgent"}),
            share("none", {"urgent", "elevated"}),
        )

    blind_free = model.build(model.load_rows(model.TUNING_FILES))
    lines = [
        "| set (examples) | method | urgent recall | ordinary → urgent | elevated recall | "
        "ordinary nudged |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
        "| target |  | ≥ 0.97 | ≤ 3 % | ≥ 0.85 |  |",
    ]
    production = model.get_model()
    for name in model.ALL_FILES + model.EVALUATION_FILES:
        rows = model.load_rows([name])
        label = f"{name.removesuffix('.jsonl')} ({len(rows)})"
        tuned = "tuned on" if name in model.TUNING_FILES else "never tuned on"
        results = [(f"patterns ({tuned})", risk.assess)]
        if name in model.EVALUATION_FILES:
            results = [
                ("patterns (never tuned on)", risk.assess),
                (
                    "patterns + production model (never trained on)",
                    lambda text: model.assess(text, model=production),
                ),
            ]
        if name == model.BLIND_FILE:
            results.append(
                (
                    "patterns + model trained without it",
                    lambda text: model.assess(text, model=blind_free),
                )
            )
        for method, judge in results:
            u, fa, e, nudged = rates(rows, judge)
            lines.append(f"| {label} | {method} | {u:.2f} | {fa:.1%} | {e:.2f} | {nudged:.1%} |")
    sample = [row["text"] for row in model.load_rows(model.ALL_FILES)]
    timings = []
    for label, judge in [
        ("patterns", risk.assess),
        ("patterns + model", lambda text: model.assess(text, model=production)),
    ]:
        start = time.perf_counter()
        for text in sample:
            judge(text)
        per = (time.perf_counter() - start) * 1000 / len(sample)
        timings.append(f"{label} {per:.2f} ms ({per / bare_ms:.1f}× the bare view's request)")
    lines.append("")
    lines.append(
        f"Time per message, one core, over all {len(sample)} examples: " + "; ".join(timings) + "."
    )
    return "\n".join(lines)


def write_section(name: str, title: str, body: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = OUT.read_text() if OUT.exists() else ""
    block = f"{start}\n{body}\n{end}"
    if start in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + f"\n\n## {title}\n\n{block}\n"
    OUT.write_text(text)


if __name__ == "__main__":
    bare = main()
    table = risk_table(bare)
    print(table)
    write_section("risk", "Risk assessment (safety net)", table)
