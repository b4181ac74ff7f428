"""The periodic jobs' schedule (meetings/outbox/schedule.py), as the worker runs it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings.models import PeriodicJob
from meetings.outbox import schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def job():
    calls = []
    registered = schedule.register(
        "test.job", lambda: calls.append(timezone.now()), datetime.timedelta(minutes=5)
    )
    yield registered, calls
    schedule._jobs.pop("test.job")


def test_a_job_runs_when_due_and_then_waits_its_interval(job):
    _registered, calls = job
    now = timezone.now()
    assert "test.job" in schedule.run_due(now)
    assert "test.job" not in schedule.run_due(now + datetime.timedelta(minutes=4))
    assert "test.job" in schedule.run_due(now + datetime.timedelta(minutes=5))
    assert len(calls) == 2


def test_a_job_held_by_another_worker_is_not_started_again(job):
    _registered, calls = job
    now = timezone.now()
    PeriodicJob.objects.create(
        name="test.job", next_run_at=now, locked_until=now + datetime.timedelta(minutes=10)
    )
    assert "test.job" not in schedule.run_due(now)
    assert calls == []
    # A claim that lapsed (the worker died holding it) is taken over.
    assert "test.job" in schedule.run_due(now + datetime.timedelta(minutes=11))
    assert len(calls) == 1


def test_a_failing_job_is_recorded_and_tried_again_later():
    def broken():
        raise ValueError("kaputt")

    schedule.register("test.broken", broken, datetime.timedelta(minutes=1))
    try:
        now = timezone.now()
        assert schedule.run_due(now).count("test.broken") == 1
        row = PeriodicJob.objects.get(name="test.broken")
        assert "kaputt" in row.last_error and row.locked_until is None
        assert row.next_run_at == now + datetime.timedelta(minutes=1)
    finally:
        schedule._jobs.pop("test.broken")


def test_the_worker_discovers_and_runs_the_outbox_sweep():
    call_command("run_worker", "--once", verbosity=0)
    assert "outbox.sweep" in [job.name for job in schedule.jobs()]
    assert PeriodicJob.objects.get(name="outbox.sweep").last_finished_at is not None


def test_periodic_needs_a_positive_interval():
    with pytest.raises(ValueError):
        schedule.periodic(every=datetime.timedelta(0))(lambda: None)
