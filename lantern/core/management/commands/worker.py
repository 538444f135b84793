"""`manage.py worker`: run the background task worker for whichever backend is configured:
the database worker by default, an RQ worker (with its scheduler, for deferred tasks) when
REDIS_URL is set. `make run` starts one; production runs as many as it needs."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the task worker (database backend, or RQ when REDIS_URL is set)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")

    def handle(self, *args, batch=False, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        if backend.startswith("django_tasks_db"):
            args = ["--no-startup-delay", "--interval", "1"] + (["--batch"] if batch else [])
            call_command("db_worker", *args)
        else:
            args = ["default", "--job-class", "django_tasks_rq.backend.Job"]
            args += ["--burst"] if batch else ["--with-scheduler"]
            call_command("rqworker", *args)
