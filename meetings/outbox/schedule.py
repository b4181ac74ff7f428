"""Periodic jobs, run by the worker (`manage.py run_worker`) on every cycle when they are due.

Register a job in a `jobs.py` of your feature folder (meetings/<feature>/jobs.py; the worker
imports them all at start):

    from datetime import timedelta
    from meetings.outbox import schedule

    @schedule.periodic(every=timedelta(hours=1))
    def send_reminders() -> None:
        ...

- `periodic(every=..., name=None, timeout=None)` registers the function under `name` (default
  "module.function"); `register(name, func, every, timeout=None)` does the same without a
  decorator.
- `run_due()` runs every job whose time has come, once: a job is claimed with a conditional
  UPDATE of its row (`PeriodicJob`), so two workers never run it at the same time, and a job
  still running is not started again. The claim lapses after `timeout` (default: the interval,
  at least ten minutes), in case a worker died holding it.
- A job that fails is logged with its error on the row and tried again after its interval.
- Jobs run in the worker's process, one after another: keep them short, and enqueue a task
  (Django's tasks API) for anything long.
"""

import datetime
import importlib
import importlib.util
import logging
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

import meetings
from meetings.models import PeriodicJob

logger = logging.getLogger(__name__)

MIN_TIMEOUT = datetime.timedelta(minutes=10)


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable[[], object]
    every: datetime.timedelta
    timeout: datetime.timedelta


_jobs: dict[str, Job] = {}


def register(
    name: str,
    func: Callable[[], object],
    every: datetime.timedelta,
    timeout: datetime.timedelta | None = None,
) -> Job:
    if every <= datetime.timedelta(0):
        raise ValueError("A periodic job needs a positive interval")
    job = Job(name, func, every, timeout or max(every, MIN_TIMEOUT))
    _jobs[name] = job
    return job


def periodic(
    *,
    every: datetime.timedelta,
    name: str | None = None,
    timeout: datetime.timedelta | None = None,
) -> Callable:
    def decorate(func: Callable[[], object]) -> Callable[[], object]:
        register(name or f"{func.__module__}.{func.__qualname__}", func, every, timeout)
        return func

    return decorate


def jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def autodiscover() -> None:
    """Import every meetings/<feature>/jobs.py, which registers its jobs."""
    for module in pkgutil.iter_modules(meetings.__path__):
        if module.ispkg and importlib.util.find_spec(f"meetings.{module.name}.jobs"):
            importlib.import_module(f"meetings.{module.name}.jobs")


def _claim(job: Job, now: datetime.datetime) -> bool:
    PeriodicJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
    free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    return bool(
        PeriodicJob.objects.filter(free, name=job.name, next_run_at__lte=now).update(
            locked_until=now + job.timeout, last_started_at=now
        )
    )


def run_due(now: datetime.datetime | None = None) -> list[str]:
    """Run the jobs that are due and not running elsewhere. Returns the names of those run."""
    ran = []
    for job in jobs():
        started = now or timezone.now()
        if not _claim(job, started):
            continue
        error = ""
        try:
            job.func()
        except Exception as exc:
            logger.exception("Periodic job %s failed", job.name)
            error = f"{type(exc).__name__}: {exc}"[:2000]
        finished = timezone.now()
        PeriodicJob.objects.filter(name=job.name).update(
            locked_until=None,
            next_run_at=started + job.every,
            last_finished_at=finished,
            last_error=error,
        )
        ran.append(job.name)
    return ran
