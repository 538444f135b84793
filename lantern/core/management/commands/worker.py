"""`manage.py worker`: run the background task worker for whichever backend is configured:
the database worker by default, an RQ worker (with its scheduler, for deferred tasks) when
REDIS_URL is set. `make run` starts one; production runs as many as it needs.

Beside the worker's loop, a thread runs `core.taskqueue.periodic_pass()` at start and every
minute: tasks held by workers that died go back to the queue, failed tasks are retried, tasks
kept in the database while Redis was down are queued, and the safety net's sweeper escalates
what a lost timer missed (see core/taskqueue.py). On RQ the worker also outlives Redis: it
waits for Redis to come back, however long, instead of exiting.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django_rq.utils import reset_db_connections
from django_rq.workers import get_worker
from django_tasks.signals import task_finished, task_started
from django_tasks_rq.backend import Job
from rq.logutils import setup_loghandlers

from lantern.core import taskqueue

logger = logging.getLogger("lantern.core.taskqueue")
FRESH_CONNECTIONS = "lantern-worker-fresh-connections"


class Command(BaseCommand):
    help = "Run the task worker (database backend, or RQ when REDIS_URL is set)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")
        parser.add_argument(
            "--pass-every",
            type=float,
            default=taskqueue.PASS_SECONDS,
            help="Seconds between periodic passes (recovery and sweeps; default 60).",
        )

    def handle(self, *args, batch=False, pass_every=taskqueue.PASS_SECONDS, **options):
        wid = taskqueue.start_worker()
        taskqueue.periodic_pass(wid)  # first of all: what a worker that died left behind
        close_old_connections()
        if not batch:
            taskqueue.PeriodicPass(wid, every=pass_every).start()
        if taskqueue.uses_rq():
            self.run_rq(batch=batch, verbosity=options["verbosity"], maintenance=pass_every)
        else:
            self.run_database_worker(batch=batch)

    def run_database_worker(self, *, batch: bool) -> None:
        """django-tasks-db's `db_worker`, except that losing the database is waited out."""
        pause = 1.0
        while True:
            wid = taskqueue.start_worker()
            args = ["--no-startup-delay", "--interval", "1", "--worker-id", wid, "--no-reload"]
            try:
                call_command("db_worker", *args + (["--batch"] if batch else []))
                return
            except DatabaseError as error:
                # A task it was running is left to the periodic pass: this id is retired.
                taskqueue.retire_worker(wid)
                logger.error("The worker lost the database (%s); again in %d s", error, pause)
                time.sleep(pause)
                pause = min(pause * 2, 30)
                close_old_connections()

    def run_rq(self, *, batch: bool, verbosity: int, maintenance: float) -> None:
        """django-rq's `rqworker`, except that losing Redis is waited out, not fatal."""
        level = "DEBUG" if verbosity >= 2 else "WARNING" if verbosity == 0 else "INFO"
        setup_loghandlers(level)
        # Jobs run one after another in this process: each starts and ends with a usable
        # database connection, as a request does.
        task_started.connect(close_old_connections, dispatch_uid=FRESH_CONNECTIONS)
        task_finished.connect(close_old_connections, dispatch_uid=FRESH_CONNECTIONS)
        try:
            self.work_on_rq(batch=batch, level=level, maintenance=maintenance)
        finally:
            task_started.disconnect(dispatch_uid=FRESH_CONNECTIONS)
            task_finished.disconnect(dispatch_uid=FRESH_CONNECTIONS)

    def work_on_rq(self, *, batch: bool, level: str, maintenance: float) -> None:
        while True:
            taskqueue.wait_for_redis()
            worker = get_worker(
                "default",
                worker_class=taskqueue.Worker,
                job_class=Job,
                name=taskqueue.start_worker(),
                maintenance_interval=maintenance,
            )
            reset_db_connections()
            try:
                worker.work(burst=batch, with_scheduler=True, logging_level=level)
                return
            except taskqueue.REDIS_DOWN as error:
                taskqueue.retire_worker(worker.name)  # its job, if any, is handed on
                logger.error("The worker lost Redis (%s); it goes on once Redis is back", error)
