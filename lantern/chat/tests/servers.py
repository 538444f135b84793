"""Real Lantern server processes for tests that need WebSockets over the network: pytest-django's
`live_server` speaks WSGI only, so these start `uvicorn lantern.asgi:application` (what
`manage.py serve` runs) on a free port, against this test run's database (committed data:
use `django_db(transaction=True)`)."""

import os
import socket
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from django.db import connection

REPO = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    """This test run's database, as the DATABASE_URL another process reads."""
    d = connection.settings_dict
    if d["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{d['NAME']}"
    password = f":{d['PASSWORD']}" if d.get("PASSWORD") else ""
    port = f":{d['PORT']}" if d.get("PORT") else ""
    return f"postgres://{d['USER']}{password}@{d['HOST'] or '127.0.0.1'}{port}/{d['NAME']}"


class Server:
    def __init__(self, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "LANTERN_DB_POOL": "0",
            "DJANGO_SETTINGS_MODULE": "lantern.settings",
            **(env or {}),
        }
        self.log = open(  # noqa: SIM115 (closed in stop)
            REPO / "var" / f"chat-test-server-{self.port}.log", "w"
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "lantern.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait()

    def _wait(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: see {self.log.name}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the server did not start in {seconds} s: see {self.log.name}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)
