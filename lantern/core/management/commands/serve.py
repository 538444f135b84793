"""`manage.py serve`: the production web server, in one command.

Several uvicorn worker processes on one port (uvicorn forks them and restarts one that dies),
each with its own bounded database pool (`LANTERN_DB_POOL_SIZE`). HTTP and WebSockets share
the processes; with REDIS_URL set, live events cross processes through channels-redis. The
choice, and the measurements behind it, are in docs/operations.md.
"""

import os

import uvicorn
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Lantern in production: N uvicorn worker processes (default: one per core)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("LANTERN_WEB_PROCESSES", str(os.cpu_count() or 1))),
            help="web processes (LANTERN_WEB_PROCESSES; default one per core)",
        )

    def handle(self, *args, host, port, workers, **options):
        uvicorn.run(
            "lantern.asgi:application",
            host=host,
            port=port,
            workers=workers,
            proxy_headers=True,
            forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            access_log=False,
            timeout_graceful_shutdown=20,
        )
