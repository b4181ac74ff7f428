"""The background worker: runs the periodic jobs (meetings/outbox/schedule.py) and the tasks
queued on the database backend (django-tasks), then sleeps a moment, until stopped.

`make run` and `make serve` start it beside the web server; in production it runs as its own
service (docs/operations.md). It stops on SIGTERM or SIGINT after the task in hand, and by
itself when the process that started it goes away (so a stopped `make run` leaves no worker).
"""

import logging
import os
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker

from meetings.outbox import schedule

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the background worker: periodic jobs and queued tasks (e-mail delivery)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds to sleep between cycles."
        )
        parser.add_argument(
            "--once", action="store_true", help="Run one cycle (due jobs, all ready tasks)."
        )
        parser.add_argument("--backend", default=DEFAULT_TASK_BACKEND_ALIAS)
        parser.add_argument("--queue-name", default="default")

    def handle(self, *, interval: float, once: bool, backend: str, queue_name: str, **options):
        self.running = True
        if not once:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
        schedule.autodiscover()
        # The database worker says "starting" and "no more tasks" on every cycle; only its
        # warnings matter here (each task's start and end are still logged by django_tasks).
        logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
        parent = os.getppid()
        worker_id = get_random_string(32)
        if options["verbosity"] >= 1:
            names = ", ".join(job.name for job in schedule.jobs())
            self.stdout.write(f"Worker {worker_id} started; periodic jobs: {names}")
        while self.running:
            if once:
                self.cycle(backend, queue_name, worker_id)
                break
            try:
                self.cycle(backend, queue_name, worker_id)
            except Exception:
                # A database that is briefly locked or away must not end the worker: what was
                # not done this cycle is still queued for the next.
                logger.exception("Worker cycle failed; trying again")
            if os.getppid() != parent:
                break
            slept = 0.0
            while self.running and slept < interval:
                time.sleep(min(0.2, interval))
                slept += 0.2

    def cycle(self, backend: str, queue_name: str, worker_id: str) -> None:
        close_old_connections()
        schedule.run_due()
        Worker(
            queue_names=queue_name.split(","),
            interval=0,
            batch=True,
            backend_name=backend,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        ).run()
        close_old_connections()

    def _stop(self, signum, frame) -> None:
        self.running = False
