"""Mentorship and events at scale, for `make bench` (bench/run.py calls `table(bare_ms)` after
its page table, with Django set up and the demo loaded).

- Cohort matching of 10,000 newcomers × 2,000 mentors (capacity 1–4 each, about 5,000 places):
  the scores of all 20 million pairs under the hard rules (`matching.score_matrix`), the optimal
  assignment (`cohort_solver.assign`, SciPy's linear-sum assignment) and the greedy baseline
  (each newcomer in turn takes the best mentor with room), in the same run: time and total.
- Pages: a newcomer's ranked suggestions among 2,000 mentors in the database, and the events
  list with 200 upcoming events, against the bare view.

Run alone: `.venv/bin/python bench/mentorship_bench.py` (a throwaway SQLite database under var/).
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NEWCOMERS, MENTORS = 10_000, 2_000
PAGE_MENTORS, PAGE_EVENTS = 2_000, 200
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "300"))
METROS = [
    (41.88, -87.63),
    (40.71, -74.01),
    (34.05, -118.24),
    (29.76, -95.37),
    (33.45, -112.07),
    (39.95, -75.17),
]


def _pick(rng, values, weights=None, k_low=0, k_high=1):
    k = rng.randint(k_low, k_high)
    chosen = set()
    while len(chosen) < min(k, len(values)):
        chosen.add(rng.choices(values, weights=weights)[0])
    return frozenset(chosen)


def population(seed: int = 2026):
    """Random but plausible newcomers and mentors (the facts `matching` works on)."""
    from lantern.mentorship.matching import MentorFacts, SeekerFacts
    from lantern.mentorship.vocabulary import Availability, Experience, Pathway

    rng = random.Random(seed)
    pathways, experience, times = Pathway.values, Experience.values, Availability.values
    genders = ["woman", "man", "nonbinary", ""]
    gender_weights = [45, 45, 5, 5]

    def languages():
        roll = rng.random()
        if roll < 0.65:
            return frozenset({"en"})
        if roll < 0.85:
            return frozenset({"en", "es"})
        if roll < 0.95:
            return frozenset({"es"})
        return frozenset({"en", rng.choice(["pt", "vi", "zh", "ar"])})

    def place():
        if rng.random() < 0.2:
            return True, None, None
        lat, lon = rng.choice(METROS)
        return False, lat + rng.gauss(0, 0.15), lon + rng.gauss(0, 0.15)

    seekers = []
    for i in range(NEWCOMERS):
        online, lat, lon = place()
        gender = rng.choices(genders, gender_weights)[0]
        seekers.append(
            SeekerFacts(
                id=i + 1,
                languages=languages(),
                gender=gender,
                same_gender_only=bool(gender) and rng.random() < 0.35,
                pathways=_pick(rng, pathways, k_low=1, k_high=2),
                experience=_pick(rng, experience, k_low=0, k_high=3),
                availability=_pick(rng, times, k_low=1, k_high=3),
                min_days=rng.choices([365, 730, 1825], [80, 15, 5])[0],
                online_only=online,
                lat=lat,
                lon=lon,
            )
        )
    mentors = []
    for j in range(MENTORS):
        online, lat, lon = place()
        gender = rng.choices(genders, gender_weights)[0]
        mentors.append(
            MentorFacts(
                id=100_000 + j,
                languages=languages(),
                gender=gender,
                mentors_genders=frozenset({gender})
                if gender and rng.random() < 0.4
                else frozenset(),
                pathways=_pick(rng, pathways, k_low=1, k_high=2),
                experience=_pick(rng, experience, k_low=0, k_high=3),
                availability=_pick(rng, times, k_low=1, k_high=3),
                capacity=rng.randint(1, 4),
                active=0,
                recovery_days=rng.randint(200, 5_000),
                online_only=online,
                lat=lat,
                lon=lon,
            )
        )
    return seekers, mentors


def cohort_figures() -> dict:
    from lantern.mentorship import cohort_solver, matching

    seekers, mentors = population()
    start = time.perf_counter()
    points = matching.score_matrix(seekers, mentors)
    scoring_s = time.perf_counter() - start
    room = [m.capacity - m.active for m in mentors]
    start = time.perf_counter()
    optimal = cohort_solver.assign(points, room)
    optimal_s = time.perf_counter() - start
    start = time.perf_counter()
    greedy = cohort_solver.greedy(points, room)
    greedy_s = time.perf_counter() - start
    return {
        "places": sum(room),
        "allowed": int((points > 0).sum()),
        "scoring_s": scoring_s,
        "optimal_s": optimal_s,
        "optimal_total": cohort_solver.total(points, optimal),
        "optimal_pairs": len(optimal),
        "greedy_s": greedy_s,
        "greedy_total": cohort_solver.total(points, greedy),
        "greedy_pairs": len(greedy),
    }


def _measure(client, path) -> dict:
    for _ in range(10):
        client.get(path)
    times = []
    rounds = max(ROUNDS // 10, 20)  # these pages are slower; fewer rounds
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "bytes": len(response.content),
    }


def page_figures() -> dict:
    from datetime import date, timedelta

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from lantern.accounts.models import RoleGrant
    from lantern.core.roles import Role
    from lantern.events.models import Event
    from lantern.mentorship import services
    from lantern.mentorship.models import MentorProfile

    User = get_user_model()
    _seekers, mentors = population(seed=7)
    User.objects.filter(handle__startswith="bench-mentor-").delete()
    users = User.objects.bulk_create(
        User(handle=f"bench-mentor-{n}", password="!") for n in range(PAGE_MENTORS)
    )
    RoleGrant.objects.bulk_create(RoleGrant(user=u, role=Role.SUPPORTER) for u in users)
    today = date.today()
    MentorProfile.objects.bulk_create(
        MentorProfile(
            person=u,
            languages=sorted(f.languages),
            gender=f.gender,
            mentors_genders=sorted(f.mentors_genders),
            pathways=sorted(f.pathways),
            experience=sorted(f.experience),
            availability=sorted(f.availability),
            capacity=f.capacity,
            online_only=f.online_only,
            lat=f.lat,
            lon=f.lon,
            recovery_since=today - timedelta(days=f.recovery_days),
        )
        for u, f in zip(users, mentors[:PAGE_MENTORS], strict=True)
    )
    seeker = User.objects.filter(handle="bench-newcomer").first() or User.objects.create_user(
        "bench-newcomer", "bench"
    )
    services.save_ask(
        seeker,
        services.AskFields(
            languages=("en",),
            pathways=("12-step",),
            experience=("parenting",),
            availability=("weekday-evenings",),
            area="60622",
        ),
    )
    Event.objects.filter(title__startswith="Bench event").delete()
    now = timezone.now()
    Event.objects.bulk_create(
        Event(
            title=f"Bench event {n}",
            description="A sober social.",
            starts_at=now + timedelta(hours=6 + n),
            ends_at=now + timedelta(hours=8 + n),
            time_zone="America/Chicago",
            place="The drop-in center",
            capacity=20,
            visibility=Event.Visibility.PUBLIC,
            tags=["social"],
        )
        for n in range(PAGE_EVENTS)
    )
    client = Client()
    client.force_login(seeker)
    found = len(services.suggestions(seeker))
    return {
        "suggestions": _measure(client, reverse("mentorship-suggestions")),
        "events": _measure(Client(), reverse("events-list")),
        "events_ics": _measure(Client(), reverse("events-feed-ics")),
        "suggested": found,
    }


def table(bare_ms: float) -> str:
    c = cohort_figures()
    p = page_figures()
    better = (c["optimal_total"] - c["greedy_total"]) / c["greedy_total"] * 100
    lines = [
        "| what | time | result | vs bare view |",
        "| --- | ---: | --- | ---: |",
        f"| cohort {NEWCOMERS:,} newcomers × {MENTORS:,} mentors ({c['places']:,} places, "
        f"{c['allowed']:,} pairs the hard rules allow): scores of every pair "
        f"| {c['scoring_s']:.1f} s | | |",
        f"| optimal assignment (SciPy linear-sum assignment) | {c['optimal_s']:.1f} s "
        f"| total **{c['optimal_total']:,}**, {c['optimal_pairs']:,} pairs | |",
        f"| greedy baseline (each newcomer takes the best mentor with room) "
        f"| {c['greedy_s']:.1f} s | total {c['greedy_total']:,}, {c['greedy_pairs']:,} pairs; "
        f"optimal is **{better:.1f} % better** | |",
        f"| suggestions page, {PAGE_MENTORS:,} mentors in the database ({p['suggested']} shown), "
        f"p50 / p95 | {p['suggestions']['p50']:.1f} / {p['suggestions']['p95']:.1f} ms "
        f"| {p['suggestions']['bytes']:,} bytes | {p['suggestions']['p50'] / bare_ms:.0f}× |",
        f"| events list, {PAGE_EVENTS} upcoming events (visitor), p50 / p95 "
        f"| {p['events']['p50']:.1f} / {p['events']['p95']:.1f} ms "
        f"| {p['events']['bytes']:,} bytes | {p['events']['p50'] / bare_ms:.0f}× |",
        f"| `/events.ics`, {PAGE_EVENTS} events, p50 / p95 "
        f"| {p['events_ics']['p50']:.1f} / {p['events_ics']['p95']:.1f} ms "
        f"| {p['events_ics']['bytes']:,} bytes | {p['events_ics']['p50'] / bare_ms:.0f}× |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{REPO / 'var' / 'bench-mentorship.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lantern.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    bare = _measure(Client(), "/bench/bare/")["p50"]
    print(table(bare))
