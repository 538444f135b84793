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

from chat_bench import table as chat_table  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from mentorship_bench import table as mentorship_table  # noqa: E402
from report import write_section  # noqa: E402
from support_bench import table as support_table  # noqa: E402

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
    """The safety net on the blind sets it was never trained or tuned on, against the issue's
    targets, English and Spanish apart, with 95 % Wilson intervals; and its time per message."""
    import math

    import numpy as np
    from threadpoolctl import threadpool_limits

    from lantern.safety import encoders, model, risk

    def wilson(hits, total, z=1.96):
        if not total:
            return (math.nan, math.nan, math.nan)
        p = hits / total
        denominator = 1 + z * z / total
        centre = (p + z * z / (2 * total)) / denominator
        half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
        return p, max(0.0, centre - half), min(1.0, centre + half)

    def share(pair, percent=False):
        p, low, high = wilson(*pair)
        if math.isnan(p):
            return "–"
        if percent:
            return f"{p:.1%} ({low:.1%}–{high:.1%})"
        return f"{p:.2f} ({low:.2f}–{high:.2f})"

    trained = model.get_model()
    encoder = encoders.get_encoder()
    everyday = {"urgent": "≥ 0.92", "false": "≤ 3 %", "reviewed": "≥ 0.97", "queued": "≤ 12 %"}
    boundary = {"urgent": "≥ 0.85", "false": "≤ 5 %", "reviewed": "≥ 0.93", "queued": "≤ 20 %"}
    targets = {
        "risk_blind_2.jsonl": ("everyday", everyday, "≥ 0.90"),
        "risk_blind_3.jsonl": ("boundary pairs", boundary, "≥ 0.85"),
        "risk_blind_4.jsonl": ("everyday", everyday, "≥ 0.90"),
    }
    lines = [
        "| set (kind) | reader | language | crises tier 1 | ordinary → tier 1 | crises tier 1 "
        "or review | ordinary → review | elevated caught | ordinary → elevated or more |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    parity = []
    for name in model.EVALUATION_FILES:
        rows = model.load_rows([name])
        kind, target, elevated_target = targets.get(name, ("", everyday, "≥ 0.90"))
        label = f"{name.removesuffix('.jsonl')} ({len(rows)}, {kind})"
        lines.append(
            f"| {label} | **target** |  | {target['urgent']} | {target['false']} | "
            f"{target['reviewed']} | {target['queued']} | {elevated_target} |  |"
        )
        levels = [r["level"] for r in rows]
        langs = [r["lang"] for r in rows]
        readers = [("stacked, with the encoder", encoder), ("fallback: no encoder", None)]
        for reader, which in readers:
            if reader.startswith("stacked") and which is None:
                continue
            flags, probs, mode, classes = model.evaluate(rows, trained, which)
            measured = model.measure(
                flags, probs, levels, langs, trained["thresholds"][mode], classes
            )
            for lang in ("en", "es", "all") if which is not None else ("all",):
                m = measured[lang]
                lines.append(
                    f"| {label} | {reader} | {lang} | {share(m['urgent_tier1'])} | "
                    f"{share(m['ordinary_tier1'], True)} | {share(m['urgent_reviewed'])} | "
                    f"{share(m['ordinary_reviewed'], True)} | {share(m['elevated_caught'])} | "
                    f"{share(m['ordinary_flagged'], True)} |"
                )
            if which is not None:
                en, es = (wilson(*measured[x]["urgent_tier1"])[0] for x in ("en", "es"))
                parity.append(f"{name.removesuffix('.jsonl')} {es - en:+.2f}")
    lines.append("")
    lines.append(
        "Spanish minus English tier-1 recall (target: within 0.05): " + "; ".join(parity) + "."
    )
    t = trained["thresholds"]
    cv = trained["cv"]["full" if "full" in trained["cv"] else "fallback"]["all"]
    lines.append(
        f"Thresholds, fixed by cross-validation on the training data before these sets were "
        f"scored: with the encoder, tier 1 at P(urgent) ≥ {t['full']['urgent']:.3f}, review at "
        f"≥ {t['full']['review']:.3f}, elevated at P(urgent or elevated) ≥ "
        f"{t['full']['elevated']:.3f}; without it, {t['fallback']['urgent']:.3f} / "
        f"{t['fallback']['review']:.3f} / {t['fallback']['elevated']:.3f}. In that "
        f"cross-validation ({trained['stacker_rows']} messages the patterns were never tuned "
        f"on, {model.REPEATS}×{model.FOLDS} folds): tier 1 "
        f"{cv['urgent_tier1'][0] / cv['urgent_tier1'][1]:.2f} of crises with "
        f"{cv['ordinary_tier1'][0] / cv['ordinary_tier1'][1]:.1%} of ordinary messages; "
        f"tier 1 or review {cv['urgent_reviewed'][0] / cv['urgent_reviewed'][1]:.2f} with "
        f"{cv['ordinary_reviewed'][0] / cv['ordinary_reviewed'][1]:.1%}."
    )

    # Time per message, one core: every thread of this process on one CPU, one thread each.
    sample = [r["text"] for r in model.load_rows(model.EVALUATION_FILES)]
    ngram = trained["ngram"]
    parts = [
        ("patterns", lambda text: risk.scan(text)),
        ("n-gram model", lambda text: ngram.predict_proba([risk.normalise(text)])),
    ]
    if encoder is not None:
        parts.append(("encoder", lambda text: encoder.embed(model.encoder_input(text, ngram))))

    def whole(text):
        model._recent.clear()  # never from memory: each text is new to the encoder
        return model.assess(text, model=trained, encoder=encoder)

    parts.append(("whole assessment", whole))
    pin = hasattr(os, "sched_setaffinity")  # Linux; elsewhere the OS spreads the threads
    cpus = os.sched_getaffinity(0) if pin else set()
    if pin:
        os.sched_setaffinity(0, {min(cpus)})
    times = {label: ([], []) for label, _ in parts}  # wall, CPU
    try:
        with threadpool_limits(1):
            for text in sample[:20]:
                for _, fn in parts:
                    fn(text)  # warm up
            for text in sample:  # each part on each text in turn: the same load for all
                for label, fn in parts:
                    start, start_cpu = time.perf_counter(), time.thread_time()
                    fn(text)
                    times[label][1].append((time.thread_time() - start_cpu) * 1000)
                    times[label][0].append((time.perf_counter() - start) * 1000)
    finally:
        if pin:
            os.sched_setaffinity(0, cpus)
    timings = []
    for label, (wall, cpu) in times.items():
        p50, p95 = np.percentile(wall, [50, 95])
        cpu50, cpu95 = np.percentile(cpu, [50, 95])
        timings.append(
            f"| {label} | {p50:.2f} | {p95:.2f} | {p95 / bare_ms:.0f}× | {cpu50:.2f} | "
            f"{cpu95:.2f} | {max(wall):.1f} |"
        )
    lines += [
        "",
        f"Time per message on one core (the process pinned to one CPU, one thread per library),"
        f" over the {len(sample)} messages of the blind sets; the bare view's request in the "
        f"same run took {bare_ms:.2f} ms. Target for the whole assessment where a person waits: "
        "p95 under 100 ms. Wall time counts other processes sharing that CPU; CPU time is this "
        "thread's own.",
        "",
        "| part | p50 ms | p95 ms | p95 vs bare view | p50 CPU ms | p95 CPU ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *timings,
    ]
    table = "\n".join(lines)
    # The same table in docs/safety.md, where the safety net is explained.
    safety = REPO / "docs" / "safety.md"
    start, end = "<!-- risk-table:start -->", "<!-- risk-table:end -->"
    text = safety.read_text()
    if start in text and end in text:
        before, rest = text.split(start, 1)
        safety.write_text(f"{before}{start}\n{table}\n{end}{rest.split(end, 1)[1]}")
    return table


METROS = [  # (lat, lon, zone) of 50 US metro areas
    (40.71, -74.01, "America/New_York"),
    (34.05, -118.24, "America/Los_Angeles"),
    (41.88, -87.63, "America/Chicago"),
    (29.76, -95.37, "America/Chicago"),
    (33.45, -112.07, "America/Phoenix"),
    (39.95, -75.17, "America/New_York"),
    (29.42, -98.49, "America/Chicago"),
    (32.72, -117.16, "America/Los_Angeles"),
    (32.78, -96.80, "America/Chicago"),
    (37.34, -121.89, "America/Los_Angeles"),
    (30.27, -97.74, "America/Chicago"),
    (30.33, -81.66, "America/New_York"),
    (39.96, -83.00, "America/New_York"),
    (35.23, -80.84, "America/New_York"),
    (37.77, -122.42, "America/Los_Angeles"),
    (39.77, -86.16, "America/Indiana/Indianapolis"),
    (47.61, -122.33, "America/Los_Angeles"),
    (39.74, -104.99, "America/Denver"),
    (38.91, -77.04, "America/New_York"),
    (42.36, -71.06, "America/New_York"),
    (36.16, -86.78, "America/Chicago"),
    (42.33, -83.05, "America/Detroit"),
    (45.52, -122.68, "America/Los_Angeles"),
    (36.17, -115.14, "America/Los_Angeles"),
    (35.15, -90.05, "America/Chicago"),
    (38.25, -85.76, "America/New_York"),
    (39.29, -76.61, "America/New_York"),
    (43.04, -87.91, "America/Chicago"),
    (35.08, -106.65, "America/Denver"),
    (32.22, -110.97, "America/Phoenix"),
    (36.74, -119.79, "America/Los_Angeles"),
    (38.58, -121.49, "America/Los_Angeles"),
    (39.10, -94.58, "America/Chicago"),
    (33.75, -84.39, "America/New_York"),
    (25.76, -80.19, "America/New_York"),
    (41.26, -95.93, "America/Chicago"),
    (35.78, -78.64, "America/New_York"),
    (44.98, -93.27, "America/Chicago"),
    (36.15, -95.99, "America/Chicago"),
    (41.50, -81.69, "America/New_York"),
    (27.95, -82.46, "America/New_York"),
    (29.95, -90.07, "America/Chicago"),
    (40.44, -79.99, "America/New_York"),
    (39.10, -84.51, "America/New_York"),
    (40.76, -111.89, "America/Denver"),
    (18.47, -66.11, "America/Puerto_Rico"),
    (21.31, -157.86, "Pacific/Honolulu"),
    (61.22, -149.90, "America/Anchorage"),
    (43.62, -116.20, "America/Boise"),
    (38.63, -90.20, "America/Chicago"),
]


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def meetings_table(bare_ms: float) -> str:
    """100,000 meetings: the finder, the page, the export and the import; then 100,000 meetings
    around 6 metros (12,000+ within 25 km of the searcher): the default search and a first import
    into an empty database through `manage.py import_meetings`."""
    import json
    import random
    import subprocess
    from datetime import time as clock
    from datetime import timedelta
    from math import cos, radians

    from django.utils import timezone

    from lantern.meetings.finder import distance_km
    from lantern.meetings.finder import search as finder_search
    from lantern.meetings.models import Group, Location, Meeting
    from lantern.meetings.services import import_feed, read_feed

    rng = random.Random(2026)
    types = ["O", "C", "D", "W", "M", "B", "S", "ST", "BE", "LGBTQ", "Y", "SP"]
    Meeting.objects.all().delete()
    Location.objects.all().delete()
    locations, meetings = [], []
    for n in range(100_000):
        lat0, lon0, zone = (
            METROS[n % len(METROS)]
            if rng.random() < 0.8
            else (rng.uniform(30, 47), rng.uniform(-120, -75), "America/Chicago")
        )
        lat, lon = round(lat0 + rng.gauss(0, 0.15), 5), round(lon0 + rng.gauss(0, 0.15), 5)
        locations.append(
            Location(
                address=f"{n} Main St",
                city="Town",
                state="XX",
                postal_code="00000",
                latitude=lat,
                longitude=lon,
                time_zone=zone,
            )
        )
    Location.objects.bulk_create(locations, batch_size=5000)
    for n, location in enumerate(Location.objects.order_by("pk")):
        days = rng.sample(range(7), rng.choice([1, 1, 1, 2, 5]))
        meetings.append(
            Meeting(
                slug=f"bench-{n}",
                name=f"Meeting {n}",
                location=location,
                days_mask=sum(1 << d for d in days),
                start_time=clock(rng.randrange(6, 22), rng.choice([0, 30])),
                end_time=None,
                time_zone=location.time_zone,
                types=" " + " ".join(rng.sample(types, rng.randrange(1, 4))) + " ",
                latitude=location.latitude,
                longitude=location.longitude,
                source="bench",
            )
        )
    Meeting.objects.bulk_create(meetings, batch_size=5000)
    del locations, meetings

    def best_of_3(fn):
        runs = [_timed(fn) for _ in range(3)]
        return min(runs, key=lambda run: run[1])

    visitor = Client()
    query = "/meetings/?lat=41.88&lon=-87.63&km=10&day=2&time=evening&type=O"
    finder = measure(visitor, query)
    page25 = visitor.get("/meetings/?lat=41.88&lon=-87.63&km=10").content
    feed_response, export_s = _timed(lambda: visitor.get("/meetings.json"))
    feed = json.loads(feed_response.content)  # one object per meeting and day
    # The generated rows carry no feed fingerprint: the first import of the export rewrites every
    # meeting (a feed where everything changed); the second finds every meeting unchanged.
    report, rewrite_s = _timed(lambda: import_feed(feed, source="bench"))
    assert report.updated == 100_000, report.summary()[:200]
    report, reimport_s = _timed(lambda: import_feed(feed, source="bench"))
    assert report.unchanged == 100_000, report.summary()[:200]
    # The nightly job: the same feed as a file, read and imported, against reading the file.
    feed_file = REPO / "var" / "bench-feed.json"
    feed_file.write_bytes(feed_response.content)
    _parsed, parse_s = best_of_3(lambda: json.loads(feed_file.read_bytes()))
    del _parsed
    report, nightly_s = best_of_3(lambda: import_feed(read_feed(feed_file.read_bytes()), "bench"))
    assert report.unchanged == 100_000, report.summary()[:200]
    new = [{**m, "slug": f"new-{m['slug']}"} for m in feed if int(m["slug"].split("-")[1]) < 10_000]
    report, import10k_s = _timed(lambda: import_feed(new, source="bench-10k"))
    assert report.created == 10_000, report.summary()[:200]
    import gzip as gz

    # 100,000 meetings around 6 metros, as a feed file (one object per meeting and day, each at
    # its own new address): about 13,000 within 25 km of the searcher at the first metro.
    six, spread_km = METROS[:6], 14.0
    six_feed, six_meetings = [], 0
    for n in range(100_000):
        lat0, lon0, zone = six[n % len(six)]
        lat = round(lat0 + rng.gauss(0, spread_km) / 111.0, 5)
        lon = round(lon0 + rng.gauss(0, spread_km) / (111.32 * cos(radians(lat0))), 5)
        days = sorted(rng.sample(range(7), rng.choice([1, 1, 1, 2, 3, 5, 7])))
        row = {
            "name": f"Meeting {n}",
            "slug": f"metro-{n}",
            "time": f"{rng.randrange(6, 23):02d}:{rng.choice(['00', '30'])}",
            "timezone": zone,
            "types": rng.sample(types, rng.randrange(1, 4)),
            "location": f"Hall {n}",
            "address": f"{n} Main St",
            "city": f"Metro {n % len(six)}",
            "state": "XX",
            "postal_code": "00000",
            "latitude": lat,
            "longitude": lon,
            "group": f"Group {n % 20_000}",
            "fellowship": "aa",
        }
        six_meetings += 1
        for i, day in enumerate(days):
            six_feed.append({**row, "day": day, "slug": row["slug"] + (f"--{day}" if i else "")})
    six_file = REPO / "var" / "bench-feed-6-metros.json"
    six_file.write_text(json.dumps(six_feed))
    searcher = six[0][:2]
    within = {
        km: sum(
            distance_km(*searcher, m["latitude"], m["longitude"]) <= km
            for m in six_feed
            if "--" not in m["slug"]
        )
        for km in (10, 25)
    }
    assert within[25] >= 12_000, within

    # A first import into an empty database, through the command (a process of its own).
    empty_db = REPO / "var" / "bench-import.sqlite3"
    empty_db.unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{empty_db}"}
    env.pop("REDIS_URL", None)

    def manage(*args):
        done = subprocess.run(
            [sys.executable, str(REPO / "manage.py"), *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    manage("migrate", "-v0")
    summary, command_s = _timed(lambda: manage("import_meetings", str(six_file)))
    assert summary.startswith(f"created {six_meetings},"), summary[:300]
    empty_db.unlink(missing_ok=True)

    # The same feed in this process (its database emptied of meetings), then the default search.
    Meeting.objects.all().delete()
    Location.objects.all().delete()
    Group.objects.all().delete()
    report, first_s = _timed(lambda: import_feed(read_feed(six_file.read_bytes()), "six"))
    assert report.created == six_meetings, report.summary()[:200]
    lat, lon = searcher
    near = {km: measure(visitor, f"/meetings/?lat={lat}&lon={lon}&km={km}") for km in (10, 25)}
    # The query alone (`finder.search`, in process), at a search time every 37 minutes through
    # a week: quiet hours before dawn need more of the walk than a busy evening.
    week = [timezone.now() + timedelta(minutes=37 * n) for n in range(273)]
    query = {}
    for km in (10, 25):
        times = []
        for moment in week:
            finder_search({"lat": lat, "lon": lon, "km": km}, now=moment)  # warm
            start = time.perf_counter()
            found = finder_search({"lat": lat, "lon": lon, "km": km}, now=moment)
            times.append((time.perf_counter() - start) * 1000)
            assert len(found.results) == 25
        times.sort()
        query[km] = {"p50": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1]}

    lines = [
        "| measurement | value | against the bare view |",
        "| --- | ---: | ---: |",
        "| finder query, 100,000 meetings (near Chicago + Tuesday + evening + type O), "
        f"p50 | {finder['p50']:.2f} ms | {finder['p50'] / bare_ms:.0f}× |",
        f"| same, p95 | {finder['p95']:.2f} ms | {finder['p95'] / bare_ms:.0f}× |",
        f"| finder page with 25 results, HTML | {len(page25):,} bytes "
        f"({len(gz.compress(page25)):,} gzip) | |",
        f"| export /meetings.json, 100,000 meetings ({len(feed):,} objects, one per day) "
        f"| {export_s:.1f} s ({len(feed_response.content) / 1e6:.0f} MB) | |",
        f"| import of that feed, every meeting changed | {rewrite_s:.1f} s | |",
        f"| the same feed again (all unchanged) | {reimport_s:.1f} s | |",
        f"| reading and parsing that file (`json.loads`, best of 3), for comparison "
        f"| {parse_s:.1f} s | |",
        f"| re-import of that file unchanged (read, parse, compare: the nightly job; best of 3) "
        f"| {nightly_s:.1f} s ({nightly_s / parse_s:.1f}× reading it) | |",
        f"| import of 10,000 new meetings | {import10k_s:.1f} s | |",
    ]
    for km in (10, 25):
        q, r = query[km], near[km]
        lines += [
            f"| default query (near, {km} km, soonest first: `finder.search` in process), "
            f"100,000 meetings around 6 metros, {within[km]:,} within {km} km, at 273 times "
            f"through a week, p50 | {q['p50']:.2f} ms | {q['p50'] / bare_ms:.0f}× |",
            f"| same, p95 | {q['p95']:.2f} ms | {q['p95'] / bare_ms:.0f}× |",
            f"| the finder page for that search (query, 25 results and the form to change it), "
            f"now, p50 | {r['p50']:.2f} ms | {r['p50'] / bare_ms:.0f}× |",
            f"| same, p95 | {r['p95']:.2f} ms | {r['p95'] / bare_ms:.0f}× |",
        ]
    lines += [
        f"| first import of those 100,000 meetings ({len(six_feed):,} objects, new places) into "
        f"an empty database, `manage.py import_meetings` | {command_s:.1f} s | |",
        f"| the same first import in process (no start-up, meetings emptied) | {first_s:.1f} s | |",
    ]
    return "\n".join(lines)


def community_table(bare_ms: float) -> str:
    """Community at scale: 200 groups and 100,000 posts, one thread with 1,000 replies."""
    import random
    from datetime import timedelta

    from django.utils import timezone

    from lantern.accounts.models import User
    from lantern.community.models import Membership, Post, Space, Thread

    rng = random.Random(2026)
    text = (
        "today meeting cravings evening sleep sponsor family step gratitude walk coffee "
        "called friend hard week better day one time slip new start sober clean grateful "
        "anxious tired lonely angry hungry plan triggers home group service kids work"
    )
    words = text.split(" ")
    Post.objects.all().delete()
    Thread.objects.all().delete()
    Membership.objects.all().delete()
    Space.objects.all().delete()
    reader = User.objects.filter(handle="bench-reader").first() or User.objects.create_user(
        "bench-reader", "bench"
    )
    reader.date_joined = timezone.now() - timedelta(days=400)
    reader.save()
    authors = [
        User.objects.filter(handle=f"bench-{n}").first()
        or User.objects.create_user(f"bench-{n}", "bench")
        for n in range(50)
    ]
    now = timezone.now()
    spaces = Space.objects.bulk_create(
        Space(slug=f"group-{n}", name=f"Group {n:03d}", description="A peer-support group.")
        for n in range(200)
    )
    Membership.objects.bulk_create(
        Membership(space=s, person=reader, last_visit_at=now - timedelta(days=1))
        for s in spaces[:20]
    )
    threads = Thread.objects.bulk_create(
        Thread(space=spaces[n % 200], author=authors[n % 50], title=f"Thread {n}")
        for n in range(5_000)
    )
    posts = []
    for n in range(99_000):
        body = " ".join(rng.choice(words) for _ in range(rng.randrange(12, 60)))
        thread = threads[n % 5_000]
        posts.append(
            Post(
                thread=thread,
                space_id=thread.space_id,
                author=authors[n % 50],
                body=body,
                html=f"<p>{body}</p>",
                opening=n < 5_000,
                created_at=now - timedelta(minutes=99_000 - n),
            )
        )
    Post.objects.bulk_create(posts, batch_size=5_000)
    big = Thread.objects.create(space=spaces[0], author=authors[0], title="A long thread")
    replies = []
    for n in range(1_001):
        body = " ".join(rng.choice(words) for _ in range(rng.randrange(20, 80)))
        replies.append(
            Post(
                thread=big,
                space=spaces[0],
                author=authors[n % 50],
                body=body,
                html=f"<p>{body}</p>",
                opening=n == 0,
                created_at=now - timedelta(minutes=1_001 - n),
            )
        )
    Post.objects.bulk_create(replies, batch_size=5_000)
    Thread.objects.filter(pk=big.pk).update(reply_count=1_000)
    assert Post.objects.count() >= 100_000

    member = Client()
    member.force_login(reader)
    thread_page = measure(member, f"/groups/{spaces[0].slug}/t/{big.pk}/")
    space_list = measure(member, "/groups/")
    search = measure(member, "/groups/search/?q=cravings+evening")
    by_title = measure(member, "/groups/search/?q=thread")  # in all 5,001 thread titles
    rows = [
        ("thread with 1,000 replies, page one", thread_page),
        ("group list, 200 groups and 100,000 posts (unread counts)", space_list),
        ("search “cravings evening” over 100,000 posts", search),
        ("search “thread”, a word in all 5,001 thread titles", by_title),
    ]
    lines = [
        "| page | p50 ms | p95 ms | p95 vs bare view | HTML bytes | gzip bytes |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, r in rows:
        lines.append(
            f"| {label} | {r['p50']:.2f} | {r['p95']:.2f} | {r['p95'] / bare_ms:.0f}× "
            f"| {r['bytes']:,} | {r['gzip']:,} |"
        )
    return "\n".join(lines)


SECTIONS = [
    ("risk", "Risk assessment (safety net)", lambda bare: risk_table(bare)),
    ("meetings", "Meetings (100,000)", lambda bare: meetings_table(bare)),
    ("community", "Community (200 groups, 100,000 posts)", lambda bare: community_table(bare)),
    (
        "support",
        "Peer specialist workspace (60 people, 5,000 notes; 2,000 people served)",
        lambda bare: support_table(bare),
    ),
    (
        "mentorship",
        "Mentorship and events (10,000 × 2,000 cohort)",
        lambda bare: mentorship_table(bare),
    ),
    ("chat", "Live rooms (500 sockets, one process)", lambda bare: chat_table(bare)),
]

if __name__ == "__main__":
    # BENCH_ONLY=meetings,community runs those sections (after the page table, which gives the
    # bare view's time they are measured against).
    only = {s for s in os.environ.get("BENCH_ONLY", "").split(",") if s}
    bare = main()
    for name, title, table_for in SECTIONS:
        if only and name not in only:
            continue
        table = table_for(bare)
        print(table)
        write_section(name, title, table)
