"""A fan-out: one row in the change's transaction, expanded by the worker into one message per
person it then reads from the audience; expanding is safe to repeat, and at once in two
workers; an audience that fails is retried, then failed."""

import threading

import pytest
from django.core import mail
from django.db import connection

from meetings.calendar import outlook
from meetings.models import OutboxFanout, OutboxMessage
from meetings.outbox import builders, delivery, fanout, outbox
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_fanout_is_expanded_once_however_often_it_is_run(
    neh, representative, substitute, worker_backend
):
    meeting = factories.make_meeting(neh, days_ahead=20)
    outlook.meeting_published(meeting)
    (recorded,) = OutboxFanout.objects.all()
    assert fanout.expand(recorded.pk) == 2
    assert fanout.expand(recorded.pk) is None  # already expanded: nothing more
    assert fanout.expand_pending() == []
    rows = OutboxMessage.objects.order_by("recipient")
    assert [r.recipient for r in rows] == sorted([representative.email, substitute.email])
    assert {(r.kind, r.version, r.batch) for r in rows} == {
        ("calendar.published", str(meeting.sequence), recorded.batch)
    }
    # Due from the change, so they leave before anything recorded after it.
    assert {r.next_attempt_at for r in rows} == {recorded.recorded_at}
    while delivery.deliver_due():
        pass
    assert sorted(m.to[0] for m in mail.outbox) == sorted([representative.email, substitute.email])


def test_expanding_again_after_a_lost_claim_sends_nobody_twice(
    neh, representative, substitute, worker_backend
):
    """A worker that expanded, sent, and then lost track of the claim (the row put back by
    hand, say): the messages' keys are taken, so nothing is added or sent again."""
    meeting = factories.make_meeting(neh, days_ahead=20)
    outlook.meeting_cancelled(meeting)
    recorded = OutboxFanout.objects.get()
    fanout.expand(recorded.pk)
    while delivery.deliver_due():
        pass
    OutboxFanout.objects.filter(pk=recorded.pk).update(status=OutboxFanout.Status.QUEUED)
    assert fanout.expand(recorded.pk) == 2  # listed again, inserted as nothing
    assert OutboxMessage.objects.count() == 2
    assert delivery.deliver_due() == 0
    assert len(mail.outbox) == 2


def test_a_failing_audience_is_retried_then_failed(settings, neh, worker_backend, monkeypatch):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    calls = []

    def broken(arguments):
        calls.append(arguments)
        raise RuntimeError("ingen publik")

    monkeypatch.setitem(builders._AUDIENCES, "test.broken", broken)
    meeting = factories.make_meeting(neh, days_ahead=20)
    outbox.record_fanout(
        "calendar.notice", {"meeting": meeting.pk}, audience="test.broken", kind="t", obj=meeting
    )
    assert fanout.expand_pending() == []
    recorded = OutboxFanout.objects.get()
    assert (recorded.status, recorded.attempts) == ("queued", 1)
    assert "RuntimeError: ingen publik" in recorded.last_error
    assert fanout.expand_pending() == []
    recorded.refresh_from_db()
    assert (recorded.status, recorded.attempts) == ("failed", 2)
    assert fanout.expand_pending() == []  # failed: left for a person, not tried again
    assert len(calls) == 2
    assert not OutboxMessage.objects.exists()


def test_the_same_change_recorded_twice_is_one_fanout(neh, representative, worker_backend):
    meeting = factories.make_meeting(neh, days_ahead=20)
    outlook.meeting_cancelled(meeting)
    outlook.meeting_cancelled(meeting)
    assert OutboxFanout.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
)
def test_two_workers_expanding_at_once_make_one_message_each(
    neh, representative, substitute, worker_backend
):
    meeting = factories.make_meeting(neh, days_ahead=20)
    outlook.meeting_published(meeting)
    recorded = OutboxFanout.objects.get()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(fanout.expand(recorded.pk))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert sorted(results, key=str) == [2, None]  # one claimed it, the other found it taken
    assert OutboxMessage.objects.count() == 2
