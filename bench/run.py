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
from report import write_section  # noqa: E402

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

    blind_free = model.build(model.load_rows(model.TRAINING_FILES))
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
    """100,000 meetings: the finder, the page, the export and the import."""
    import json
    import random
    from datetime import time as clock

    from lantern.meetings.models import Location, Meeting
    from lantern.meetings.services import import_feed

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

    visitor = Client()
    query = "/meetings/?lat=41.88&lon=-87.63&km=10&day=2&time=evening&type=O"
    finder = measure(visitor, query)
    page25 = visitor.get("/meetings/?lat=41.88&lon=-87.63&km=10").content
    feed_response, export_s = _timed(lambda: visitor.get("/meetings.json"))
    feed = json.loads(feed_response.content)
    # The generated rows carry no feed fingerprint: the first import of the export rewrites every
    # meeting (a feed where everything changed); the second finds every meeting unchanged.
    report, rewrite_s = _timed(lambda: import_feed(feed, source="bench"))
    assert report.updated == len(feed), report.summary()[:200]
    report, reimport_s = _timed(lambda: import_feed(feed, source="bench"))
    assert report.unchanged == len(feed), report.summary()[:200]
    new = [{**m, "slug": f"new-{m['slug']}"} for m in feed[:10_000]]
    report, import10k_s = _timed(lambda: import_feed(new, source="bench-10k"))
    assert report.created == 10_000
    import gzip as gz

    lines = [
        "| measurement | value | against the bare view |",
        "| --- | ---: | ---: |",
        "| finder query, 100,000 meetings (near Chicago + Tuesday + evening + type O), "
        f"p50 | {finder['p50']:.2f} ms | {finder['p50'] / bare_ms:.0f}× |",
        f"| same, p95 | {finder['p95']:.2f} ms | {finder['p95'] / bare_ms:.0f}× |",
        f"| finder page with 25 results, HTML | {len(page25):,} bytes "
        f"({len(gz.compress(page25)):,} gzip) | |",
        f"| export /meetings.json, 100,000 meetings | {export_s:.1f} s "
        f"({len(feed_response.content) / 1e6:.0f} MB) | |",
        f"| import of that feed, every meeting changed | {rewrite_s:.1f} s | |",
        f"| the same feed again (all unchanged) | {reimport_s:.1f} s | |",
        f"| import of 10,000 new meetings | {import10k_s:.1f} s | |",
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
