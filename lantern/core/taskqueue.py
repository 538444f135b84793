"""Tasks that survive a worker that dies, and the worker's periodic pass.

Every Lantern task is safe to run twice: when it runs it checks whether its work is still to
do (`deliver_notification` looks at `emailed_at` and `pushed_at`, `send_digest` claims
`digest_due_at`, a reminder carries its version, an escalation the tier it expects). So the
queue may run a task again rather than lose it:

- **A worker that dies mid-task** (kill -9, out of memory, a machine that goes away) leaves
  its task claimed. `recover_tasks()` puts it back. Database backend: a RUNNING task whose
  worker is gone goes back to READY (at most `MAX_ATTEMPTS` claims in all). A worker is gone
  when it ran on this machine and its process no longer runs (worker ids are `host:pid:random`,
  `worker_id()`), or when its claim is older than `STALE_AFTER` (10 minutes; a worker on
  another machine cannot be asked, and no Lantern task runs that long). RQ: the started job of
  a worker that is gone is handed to RQ's own clean-up of abandoned jobs, which retries it
  because every job carries `RETRY` (RQ alone notices only when the job's heartbeat expires,
  minutes later, and without a retry it moves the job to the failed list). The lock of an RQ
  scheduler killed with its worker is released too, so deferred jobs move on at once.
- **A task that fails** is tried again after 10 seconds, 1 minute and 5 minutes: RQ's `Retry`;
  on the database backend `recover_tasks()` does the same.
- **A task queued while Redis is down** is kept in the database (a READY row of
  django-tasks-db's table) and moved to RQ by the worker once Redis is back: the page that
  queued it does not fail, and nothing is lost.

`manage.py worker` runs `periodic_pass()` when it starts and then every minute, in a thread
(`PeriodicPass`): the recovery above, then what apps registered with `register_periodic` (the
safety net's sweeper of escalations a dead worker missed). A thread rather than a task that
queues itself again: the pass must go on when the queue is what broke (a lost task, Redis
down, the worker stuck on a slow task), and a thread lives exactly as long as its worker.
Several workers each run the pass; everything in it is a conditional update, so nothing
happens twice.
"""

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import django_rq
import django_tasks_rq
import redis
from django.conf import settings
from django.db import DatabaseError, close_old_connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import task_backends
from django_tasks.base import TASK_MAX_PRIORITY, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id, normalize_json
from django_tasks_db.models import DBTaskResult, get_date_max
from django_tasks_rq.backend import Job, failed_callback, success_callback
from rq import Retry, SimpleWorker
from rq.job import Callback, JobStatus
from rq.scheduler import SCHEDULER_KEY_TEMPLATE, RQScheduler

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=10)  # a claim this old is abandoned, whoever made it
RETRY_DELAYS = (10, 60, 300)  # seconds before each new try of a task that failed
MAX_ATTEMPTS = 1 + len(RETRY_DELAYS)
RETRY = Retry(max=len(RETRY_DELAYS), interval=list(RETRY_DELAYS))
PASS_SECONDS = 60
WORKER_LOST = "lantern.core.taskqueue.WorkerLost"
REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)

HOST = socket.gethostname()[:40]
_own_ids: set[str] = set()
_periodic: dict[str, Callable[[], Any]] = {}


# --- Who runs a task ----------------------------------------------------------------------------


def worker_id(pid: int | None = None) -> str:
    """A new worker's id, `host:pid:random` (at most 64 characters, django-tasks-db's limit),
    used as the database worker's id and the RQ worker's name."""
    return f"{HOST}:{pid or os.getpid()}:{get_random_string(8)}"


def start_worker() -> str:
    """The id this process works under from now on."""
    wid = worker_id()
    _own_ids.add(wid)
    return wid


def retire_worker(wid: str) -> None:
    """This process stopped working under `wid` (its loop failed): from now on a task still
    claimed under it counts as abandoned, and the next pass puts it back."""
    _own_ids.discard(wid)


def worker_is_gone(wid: str) -> bool:
    """True when the worker `wid` certainly no longer runs: it ran on this machine and its
    process is gone, or this process took its pid (a restarted container). Anything else
    (another machine, an id in another form) is unknown: False, and the time bound decides.
    Workers that share a host name must share a process namespace (Docker gives each container
    its own host name)."""
    try:
        host, pid_text, _random = wid.rsplit(":", 2)
        pid = int(pid_text)
    except ValueError:
        return False
    if host != HOST or pid <= 0:
        return False
    if pid == os.getpid():
        return wid not in _own_ids
    return _process_is_gone(pid)


def _process_is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, under another user
        return False
    return False


# --- The database backend -----------------------------------------------------------------------


def _recover_claims(now: datetime) -> int:
    """Put back RUNNING tasks whose worker is gone or whose claim is older than STALE_AFTER."""
    put_back = 0
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for result in running.only("id", "task_path", "started_at", "worker_ids"):
        last = result.worker_ids[-1] if result.worker_ids else ""
        stale = result.started_at is None or result.started_at < now - STALE_AFTER
        if not (stale or worker_is_gone(last)):
            continue
        # Conditional on the claim we looked at, so two workers never both put it back.
        same_claim = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        if len(result.worker_ids) >= MAX_ATTEMPTS:
            if same_claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=WORKER_LOST,
                traceback=f"The worker running this task was lost {MAX_ATTEMPTS} times.",
            ):
                logger.error(
                    "Gave up task %s (%s): lost with its worker %d times",
                    result.pk,
                    result.task_path,
                    MAX_ATTEMPTS,
                )
        elif same_claim.update(status=TaskResultStatus.READY):
            logger.warning(
                "Put back task %s (%s): its claim by %s was abandoned",
                result.pk,
                result.task_path,
                last or "?",
            )
            put_back += 1
    return put_back


def _retry_failures(now: datetime) -> int:
    """Queue again a task that failed, after RETRY_DELAYS, as RQ's Retry does."""
    retried = 0
    failed = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, finished_at__gte=now - timedelta(days=1)
    ).exclude(exception_class_path=WORKER_LOST)
    for result in failed.only("id", "task_path", "finished_at", "worker_ids"):
        attempts = len(result.worker_ids)
        if not 0 < attempts < MAX_ATTEMPTS:
            continue
        if result.finished_at > now - timedelta(seconds=RETRY_DELAYS[attempts - 1]):
            continue
        if DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.FAILED, finished_at=result.finished_at
        ).update(status=TaskResultStatus.READY, finished_at=None):
            logger.warning(
                "Retrying task %s (%s), try %d of %d",
                result.pk,
                result.task_path,
                attempts + 1,
                MAX_ATTEMPTS,
            )
            retried += 1
    return retried


# --- RQ -----------------------------------------------------------------------------------------


def _keep_in_database(task, args, kwargs, alias: str) -> TaskResult:
    """Redis is down: keep the task as a READY row for the worker to queue on RQ later."""
    row = DBTaskResult.objects.create(
        args_kwargs=normalize_json({"args": args, "kwargs": kwargs}),
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after or get_date_max(),
        backend_name=alias,
    )
    return row.task_result


class RQBackend(django_tasks_rq.RQBackend):
    """django-tasks-rq with a retry on every job, and the database as a fallback while Redis
    is down (settings: TASKS["default"]["BACKEND"])."""

    def enqueue(self, task, args, kwargs) -> TaskResult:
        try:
            return self.enqueue_on_redis(task, args, kwargs)
        except REDIS_DOWN:
            logger.error(
                "Redis is unreachable: task %s is kept in the database until a worker can queue it",
                task.name,
            )
            return _keep_in_database(task, args, kwargs, self.alias)

    def enqueue_on_redis(self, task, args, kwargs) -> TaskResult:
        """django-tasks-rq 0.12's `enqueue`, with `retry=RETRY` (it has no way to pass one)."""
        self.validate_task(task)
        task_result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        queue = django_rq.get_queue(task.queue_name, job_class=Job)
        job = queue.create_job(
            task.module_path,
            args=args,
            kwargs=kwargs,
            job_id=task_result.id,
            status=JobStatus.SCHEDULED if task.run_after else JobStatus.QUEUED,
            on_failure=Callback(failed_callback),
            on_success=Callback(success_callback),
            meta={"backend_name": self.alias},
            retry=RETRY,
        )
        if task.run_after is None:
            job = queue.enqueue_job(job, at_front=task.priority == TASK_MAX_PRIORITY)
        else:
            job = queue.schedule_job(job, task.run_after)
        object.__setattr__(task_result, "enqueued_at", job.enqueued_at)
        task_enqueued.send(type(self), task_result=task_result)
        return task_result


def _rq_backend() -> RQBackend | None:
    backend = task_backends["default"]
    return backend if isinstance(backend, django_tasks_rq.RQBackend) else None


def uses_rq() -> bool:
    return _rq_backend() is not None


def _queue_kept_tasks(backend: RQBackend, wid: str, now: datetime) -> int:
    """Move the tasks kept in the database while Redis was down onto RQ, oldest first."""
    moved = 0
    kept = DBTaskResult.objects.filter(backend_name=backend.alias, status=TaskResultStatus.READY)
    for row in kept.order_by("enqueued_at")[:500]:
        claimed = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.READY).update(
            status=TaskResultStatus.RUNNING, started_at=now, worker_ids=[wid]
        )
        if not claimed:
            continue
        try:
            backend.enqueue_on_redis(row.task, row.args_kwargs["args"], row.args_kwargs["kwargs"])
        except REDIS_DOWN:
            DBTaskResult.objects.filter(pk=row.pk).update(status=TaskResultStatus.READY)
            break
        row.delete()
        moved += 1
    if moved:
        logger.warning("Queued %d tasks kept in the database while Redis was down", moved)
    return moved


RELEASE_IF_HELD = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
)


def _release_dead_schedulers_locks(queue) -> None:
    """RQ's scheduler (which moves deferred jobs, retries among them, to the queue) holds a lock
    per queue for a minute after its last heartbeat. A scheduler killed with its worker would
    keep every other worker's scheduler out for that minute: release its lock at once when its
    process, on this machine, is gone."""
    key = RQScheduler.get_locking_key(queue.name)
    holder = queue.connection.get(key)
    if holder is None:
        return
    details = queue.connection.hmget(SCHEDULER_KEY_TEMPLATE % holder.decode(), "hostname", "pid")
    hostname, pid = (value.decode() if value else "" for value in details)
    gone = hostname == socket.gethostname() and pid.isdigit() and _process_is_gone(int(pid))
    if gone and queue.connection.eval(RELEASE_IF_HELD, 1, key, holder):
        logger.warning("Released queue %s's scheduler lock: its process is gone", queue.name)


def _recover_rq_jobs() -> int:
    """Started jobs of workers that are gone: hand them to RQ's clean-up of abandoned jobs at
    once (it retries them), then run that clean-up for every queue."""
    handed = 0
    for name in settings.RQ_QUEUES:
        queue = django_rq.get_queue(name, job_class=Job)
        registry = queue.started_job_registry
        abandoned = {}
        for job_id, execution_id in registry.get_job_and_execution_ids(cleanup=False):
            job = queue.fetch_job(job_id)
            if job is not None and worker_is_gone(job.worker_name or ""):
                abandoned[f"{job_id}:{execution_id}"] = 0  # expired long ago
        if abandoned:
            queue.connection.zadd(registry.key, abandoned, xx=True)
            handed += len(abandoned)
            logger.warning("Retrying %d jobs whose worker is gone", len(abandoned))
        registry.cleanup()
        _release_dead_schedulers_locks(queue)
    return handed


def recover_tasks(wid: str = "") -> dict[str, int | str]:
    """Put back what dead workers held, retry failures, queue what Redis could not take."""
    now = timezone.now()
    done: dict[str, int | str] = {"put_back": _recover_claims(now)}
    backend = _rq_backend()
    if backend is None:
        done["retried"] = _retry_failures(now)
        return done
    try:
        done["queued_from_database"] = _queue_kept_tasks(backend, wid or worker_id(), now)
        done["abandoned_jobs"] = _recover_rq_jobs()
    except REDIS_DOWN as error:
        logger.warning("Redis is unreachable (%s): the next pass tries again", error)
        done["redis"] = "unreachable"
    return done


def wait_for_redis(longest: float = 30) -> None:
    """Return once RQ's Redis answers; wait as long as it takes, asking less and less often."""
    connection = django_rq.get_connection("default")
    pause = 1.0
    while True:
        try:
            connection.ping()
            return
        except REDIS_DOWN as error:
            logger.error("Waiting for Redis (%s); trying again in %d s", error, pause)
            time.sleep(pause)
            pause = min(pause * 2, longest)


class Worker(SimpleWorker):
    """The RQ worker `manage.py worker` runs. RQ's SimpleWorker runs each job in the worker's
    own process (RQ's default forks one per job): a killed worker takes its job with it, so a
    job put back is surely not still running, and one bounded database pool serves every job.
    `manage.py worker` sets its maintenance to every pass instead of every 10 minutes: RQ's
    scheduler process (it moves deferred jobs to the queue) stops when Redis goes away, or is
    killed with its worker, and maintenance is what starts it again."""

    @property
    def dequeue_timeout(self) -> int:
        # An idle RQ worker waits for a job up to its TTL (405 s) before doing maintenance.
        return max(1, min(self.worker_ttl - 15, int(self.maintenance_interval)))


# --- The worker's periodic pass -----------------------------------------------------------------


def register_periodic(name: str, run: Callable[[], Any]) -> None:
    """Have every worker call `run()` on each pass (at start, then every minute). It must be
    safe at any time and in several workers at once. Apps register from `AppConfig.ready()`."""
    _periodic[name] = run


def periodic_pass(wid: str = "") -> dict[str, Any]:
    """One pass: recover tasks, then each registered periodic job. A failure is logged and
    the next pass tries again."""
    outcomes: dict[str, Any] = {}
    jobs = [("tasks", lambda: recover_tasks(wid)), *sorted(_periodic.items())]
    for name, run in jobs:
        try:
            outcomes[name] = run()
        except DatabaseError as error:  # an outage: one line a pass, not a traceback
            logger.error("The worker's periodic %s could not reach the database: %s", name, error)
        except Exception:
            logger.exception("The worker's periodic %s failed; the next pass tries again", name)
    return outcomes


class PeriodicPass(threading.Thread):
    """`periodic_pass()` every `every` seconds, beside the worker's own loop, for as long as
    the worker process lives."""

    def __init__(self, wid: str, every: float = PASS_SECONDS):
        super().__init__(name="lantern-periodic-pass", daemon=True)
        self.wid = wid
        self.every = every
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(self.every):
            try:
                periodic_pass(self.wid)
            finally:
                close_old_connections()  # this thread's connection goes back between passes
