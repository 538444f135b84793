#!/usr/bin/env python
"""`make soak`: many members at once against a running Lantern, on loopback only, bounded in time.

For each setup it starts the servers the way they are run for real, fills a throwaway database
(the demo, plus SOAK_MEMBERS members with sessions), warms up, then lets every simulated member
loop through a realistic mix (find a meeting, read a thread, reply, check in, reach out now and
then) with a little thinking time between steps. The same number of members then loads a bare
view on the same servers: the baseline. It prints and writes to docs/benchmarks.md: throughput,
p50/p95/p99, errors, and the servers' memory growth after warm-up.

Setups:
  embedded    `make run`'s: SQLite, one uvicorn process, the database task worker
  production  PostgreSQL + Redis, the web processes of docs/operations.md, the RQ worker
              (only when PostgreSQL and Redis answer on localhost)

Environment: SOAK_MEMBERS (200), SOAK_SECONDS per mix (60), SOAK_SETUPS ("embedded,production").
Everything stops by itself within SOAK_SECONDS * 2 + 120 s per setup; the whole run is capped at
10 minutes.
"""

import asyncio
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import closing, suppress
from pathlib import Path

import aiohttp
from report import write_section

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
MEMBERS = int(os.environ.get("SOAK_MEMBERS", "200"))
SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
WARMUP = 15
SETUPS = os.environ.get("SOAK_SETUPS", "embedded,production").split(",")
DEADLINE = time.monotonic() + 600
OUT = REPO / "docs" / "benchmarks.md"
PG = os.environ.get("CI_POSTGRES", "127.0.0.1:5432")
REDIS = os.environ.get("CI_REDIS", "127.0.0.1:6379")
WEB_PROCESSES = int(os.environ.get("SOAK_WEB_PROCESSES", "4"))
# The production web server: "uvicorn" (manage.py serve) or "gunicorn" (WSGI, for comparison;
# not a dependency: install it by hand to measure).
SERVER = os.environ.get("SOAK_SERVER", "uvicorn")


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def reachable(address: str) -> bool:
    host, port = address.rsplit(":", 1)
    with closing(socket.socket()) as s:
        s.settimeout(1)
        return s.connect_ex((host, int(port))) == 0


# --- Servers -----------------------------------------------------------------------------------


class Setup:
    """One way of running Lantern: its environment, and the processes it starts."""

    def __init__(self, name: str):
        self.name = name
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix=f"lantern-soak-{name}-"))
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": str(REPO),
            "LANTERN_SITE_URL": f"http://127.0.0.1:{self.port}",
            "LANTERN_ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        self.processes: list[subprocess.Popen] = []
        self.database = ""
        if name == "embedded":
            self.env["DATABASE_URL"] = f"sqlite:///{self.dir / 'lantern.sqlite3'}"
            self.env.pop("REDIS_URL", None)
        else:
            self.database = f"lantern_soak_{os.getpid()}"
            user = os.environ.get("CI_POSTGRES_USER", "postgres")
            self.env["DATABASE_URL"] = f"postgres://{user}@{PG}/{self.database}"
            self.env["REDIS_URL"] = f"redis://{REDIS}/12"
            self.env["LANTERN_CACHE_PREFIX"] = f"lantern-soak-{os.getpid()}"

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [PY, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def prepare(self) -> dict:
        if self.database:
            subprocess.run(
                [PY, "bin/services-db", "create", self.env["DATABASE_URL"]],
                cwd=REPO,
                check=True,
                env=self.env,
            )
            subprocess.run(
                [
                    PY,
                    "-c",
                    "import redis,os; redis.Redis.from_url(os.environ['REDIS_URL']).flushdb()",
                ],
                env=self.env,
                check=True,
            )
        self.manage("migrate", "--verbosity", "0")
        self.manage("demo")
        result = subprocess.run(
            [PY, "bench/soak_people.py", str(MEMBERS)],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"soak_people failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout)

    def web_command(self) -> list[str]:
        if self.name == "embedded":  # exactly what `make run` starts
            return [
                str(REPO / ".venv/bin/uvicorn"),
                "lantern.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--no-access-log",
            ]
        if SERVER == "gunicorn":  # the WSGI alternative, measured for docs/operations.md
            return [
                str(REPO / ".venv/bin/gunicorn"),
                "lantern.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WEB_PROCESSES),
                "--worker-class",
                "gthread",
                "--threads",
                os.environ.get("LANTERN_HTTP_CONCURRENCY", "8"),
            ]
        return [PY, "manage.py", "serve", "--port", str(self.port), "--workers", str(WEB_PROCESSES)]

    def start(self) -> None:
        log = open(self.dir / "server.log", "w")  # noqa: SIM115
        for command in (self.web_command(), [PY, "manage.py", "worker"]):
            self.processes.append(
                subprocess.Popen(
                    command,
                    cwd=REPO,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        for _ in range(200):
            with closing(socket.socket()) as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise SystemExit(f"the {self.name} server did not start: see {self.dir / 'server.log'}")

    def memory_kib(self) -> int:
        """Resident memory of every process of the setup's web server (its workers included)."""
        pids = set()
        for process in self.processes[:1]:
            pids.add(process.pid)
            with suppress(Exception):
                out = subprocess.run(
                    ["pgrep", "-s", str(process.pid)], capture_output=True, text=True, check=False
                ).stdout
                pids.update(int(p) for p in out.split())
        total = 0
        for pid in pids:
            with suppress(OSError):
                status = Path(f"/proc/{pid}/status").read_text()
                total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        return total

    def stop(self) -> None:
        for process in self.processes:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        if self.database:
            subprocess.run(
                [PY, "bin/services-db", "drop", self.env["DATABASE_URL"]],
                cwd=REPO,
                env=self.env,
                check=False,
            )


# --- Simulated members -----------------------------------------------------------------------

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Stats:
    def __init__(self):
        self.times: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}
        self.samples: list[str] = []

    def add(self, kind: str, ms: float, ok: bool, detail: str = "") -> None:
        self.times.setdefault(kind, []).append(ms)
        if not ok:
            self.errors[kind] = self.errors.get(kind, 0) + 1
            if len(self.samples) < 10:
                self.samples.append(f"{kind}: {detail}")

    def all_times(self) -> list[float]:
        return sorted(t for ts in self.times.values() for t in ts)


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    return values[min(len(values) - 1, int(len(values) * p))]


class Member:
    def __init__(self, base: str, person: dict, world: dict, stats: Stats, rng: random.Random):
        self.base, self.person, self.world, self.stats, self.rng = base, person, world, stats, rng
        self.posted = 0
        self.checked_in = False

    async def request(self, session, kind, method, path, data=None, expect=(200, 302)):
        start = time.perf_counter()
        try:
            async with session.request(
                method,
                self.base + path,
                data=data,
                allow_redirects=False,
                headers={"Referer": self.base + path},
            ) as response:
                body = await response.text()
                ok = response.status in expect
                self.stats.add(
                    kind, (time.perf_counter() - start) * 1000, ok, f"{response.status} {path}"
                )
                return body if ok else None
        except (TimeoutError, aiohttp.ClientError) as error:
            self.stats.add(kind, (time.perf_counter() - start) * 1000, False, repr(error)[:200])
            return None

    async def form_post(self, session, kind, page, path, fields):
        body = await self.request(session, kind + " (form)", "GET", page, expect=(200,))
        token = CSRF.search(body or "")
        if token is None:
            return
        await self.request(
            session, kind, "POST", path, data={"csrfmiddlewaretoken": token.group(1), **fields}
        )

    async def step(self, session) -> None:
        roll = self.rng.random()
        world = self.world
        if roll < 0.30:
            zip_code = self.rng.choice(["60641", "60614", "60622", "60201"])
            await self.request(session, "find a meeting", "GET", f"/meetings/?zip={zip_code}")
        elif roll < 0.60:
            await self.request(session, "read a thread", "GET", self.rng.choice(world["threads"]))
        elif roll < 0.70:
            await self.request(session, "home page", "GET", "/")
        elif roll < 0.80 and self.posted < 3:
            thread = self.rng.choice(world["threads"])
            self.posted += 1
            await self.form_post(
                session,
                "reply",
                thread,
                thread + "reply/",
                {"body": f"Thanks for sharing this. One day at a time ({self.rng.random():.6f})."},
            )
        elif roll < 0.88 and not self.checked_in:
            self.checked_in = True
            await self.form_post(
                session,
                "check-in",
                world["checkin"],
                world["checkin"],
                {"mood": str(self.rng.randint(1, 5)), "craving": str(self.rng.randint(0, 6))},
            )
        elif roll < 0.89 and self.person["reach_out"]:
            self.person["reach_out"] = False
            await self.form_post(
                session,
                "reach out",
                world["reach_out"],
                world["reach_out"],
                {"message": "Rough evening, could use someone to talk to."},
            )
        else:
            await self.request(session, "notifications", "GET", "/notifications/")

    async def run(self, until: float, bare: bool) -> None:
        jar = aiohttp.CookieJar(unsafe=True)
        jar.update_cookies(self.person["cookies"])
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(cookie_jar=jar, timeout=timeout) as session:
            await asyncio.sleep(self.rng.random() * 2)
            while time.monotonic() < until:
                if bare:
                    await self.request(session, "bare view", "GET", "/bench/bare/")
                else:
                    await self.step(session)
                await asyncio.sleep(0.5 + self.rng.random())  # thinking, reading, typing


async def load(members: list, seconds: float, bare: bool, stats: Stats):
    """Every member at once for `seconds`; members keep what they did (one check-in a day)."""
    until = time.monotonic() + seconds
    for member in members:
        member.stats = stats
    await asyncio.gather(*(m.run(until, bare) for m in members))


def run_setup(name: str) -> dict:
    setup = Setup(name)
    print(f"== {name}: preparing {MEMBERS} members", flush=True)
    try:
        world = setup.prepare()
        setup.start()
        base = f"http://127.0.0.1:{setup.port}"
        members = [
            Member(base, person, world, Stats(), random.Random(i))
            for i, person in enumerate(world["people"])
        ]
        asyncio.run(load(members, WARMUP, False, Stats()))
        memory_start = setup.memory_kib()
        print(f"== {name}: {MEMBERS} members for {SECONDS} s", flush=True)
        mix = Stats()
        started = time.monotonic()
        asyncio.run(load(members, SECONDS, False, mix))
        mix_seconds = time.monotonic() - started
        memory_end = setup.memory_kib()
        bare = Stats()
        started = time.monotonic()
        asyncio.run(load(members, min(SECONDS, 30), True, bare))
        bare_seconds = time.monotonic() - started
    finally:
        setup.stop()
    return {
        "name": name if name == "embedded" else f"{name} ({SERVER})",
        "mix": mix,
        "mix_seconds": mix_seconds,
        "bare": bare,
        "bare_seconds": bare_seconds,
        "memory": (memory_start, memory_end),
        "log": setup.dir / "server.log",
    }


def table(results: list[dict]) -> str:
    lines = [
        f"{MEMBERS} simulated members at once, each with 0.5–1.5 s between steps, {SECONDS} s "
        f"of the mix after {WARMUP} s of warm-up, then the same members on a bare view (the "
        "baseline) on the same servers. Loopback only.",
        "",
        "| setup | load | requests | per second | p50 ms | p95 ms | p99 ms | errors "
        "| p95 vs bare view | memory growth |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        bare_times = r["bare"].all_times()
        bare95 = pct(bare_times, 0.95) or 1
        start, end = r["memory"]
        growth = f"{(end - start) / start:+.1%}" if start else "n/a"
        for label, stats, seconds in (
            ("the mix", r["mix"], r["mix_seconds"]),
            ("bare view", r["bare"], r["bare_seconds"]),
        ):
            times = stats.all_times()
            errors = sum(stats.errors.values())
            lines.append(
                f"| {r['name']} | {label} | {len(times):,} | {len(times) / seconds:.0f} "
                f"| {pct(times, 0.5):.1f} | {pct(times, 0.95):.1f} | {pct(times, 0.99):.1f} "
                f"| {errors} | {pct(times, 0.95) / bare95:.1f}× "
                f"| {growth if label == 'the mix' else ''} |"
            )
        lines.append("")
    lines.append("")
    lines.append("| setup | step | requests | p50 ms | p95 ms | errors |")
    lines.append("| --- | --- | ---: | ---: | ---: | ---: |")
    for r in results:
        for kind, times in sorted(r["mix"].times.items()):
            times = sorted(times)
            lines.append(
                f"| {r['name']} | {kind} | {len(times):,} | {pct(times, 0.5):.1f} "
                f"| {pct(times, 0.95):.1f} | {r['mix'].errors.get(kind, 0)} |"
            )
    return "\n".join(lines)


def main() -> int:
    results = []
    for name in SETUPS:
        if name == "production" and not (reachable(PG) and reachable(REDIS)):
            print(f"== production: PostgreSQL at {PG} or Redis at {REDIS} not reachable: skipped")
            continue
        if time.monotonic() > DEADLINE - SECONDS * 2 - 60:
            print(f"== {name}: skipped, the soak's 10 minutes are nearly up")
            continue
        results.append(run_setup(name))
    body = table(results)
    print(body)
    failed = False
    for r in results:
        if r["mix"].errors or r["bare"].errors:
            failed = True
            print(
                f"\n{r['name']}: errors, first ones:",
                *r["mix"].samples,
                *r["bare"].samples,
                sep="\n  ",
            )
            print(f"server log: {r['log']}")
    write_section("soak", "Soak: many members at once (`make soak`)", body)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
