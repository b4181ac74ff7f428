"""Notices recorded as one fan-out and rendered by the worker at delivery: the request lists
nobody and builds no message, whatever the number of recipients; the worker expands the
fan-out into one message per person and renders each from the meeting as it is, in Swedish;
a builder that fails is a failed attempt."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.calendar import notices, outlook
from meetings.calendar.notices import InvitedColleague
from meetings.models import Meeting, OutboxFanout, OutboxMessage
from meetings.outbox import builders, delivery, fanout, outbox
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def spy(monkeypatch):
    """Counts the calls of the calendar notice builder (and still renders)."""
    calls = []

    def counting(arguments, cache):
        calls.append(arguments)
        return notices.build_notice(arguments, cache)

    monkeypatch.setitem(builders._BUILDERS, notices.NOTICE_BUILDER, counting)
    return calls


def run_the_worker() -> int:
    """What the worker's task does: expand the waiting fan-outs, send what is due."""
    fanout.expand_pending()
    return delivery.deliver_due()


def _publish(client, neh, administrations: int) -> tuple[Meeting, int]:
    for _ in range(administrations):
        administration = factories.make_administration()
        for role in (Appointment.Role.REPRESENTATIVE, Appointment.Role.SUBSTITUTE):
            factories.make_appointment(factories.make_user(), administration, neh, role)
    meeting = factories.make_meeting(
        neh, days_ahead=40, status=Meeting.Status.PLANNED, theme_title=f"Tema {administrations}"
    )
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("meeting_publish", args=[meeting.pk]), {"version": 1})
    assert response.status_code == 302
    # SQLite splits the one bulk INSERT into batches; the other queries must not grow.
    others = [q for q in captured.captured_queries if "meetings_outboxmessage" not in q["sql"]]
    return meeting, len(others)


def test_publishing_to_4_or_40_administrations_builds_no_message_in_the_request(
    client_for, neh, worker_backend, spy
):
    client = client_for("coordinator")
    _publish(client, neh, 1)  # warms the caches (content types, session)
    _few_meeting, few = _publish(client, neh, 4)
    many_meeting, many = _publish(client, neh, 40)
    assert few == many
    assert spy == []
    # The request recorded one fan-out for each publishing, and no message.
    (recorded,) = OutboxFanout.objects.filter(object_id=str(many_meeting.pk))
    assert (recorded.kind, recorded.status, recorded.builder) == (
        "calendar.published",
        "queued",
        notices.NOTICE_BUILDER,
    )
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []

    fanout.expand_pending()  # the worker lists the people: one row each, nothing rendered yet
    rows = OutboxMessage.objects.filter(object_id=str(many_meeting.pk))
    assert rows.count() >= 80
    assert set(rows.values_list("builder", "subject", "body", "status")) == {
        (notices.NOTICE_BUILDER, "", "", "queued")
    }
    while delivery.deliver_due():
        pass
    assert len(spy) == OutboxMessage.objects.count()
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail.outbox) == OutboxMessage.objects.count()
    sent = [m for m in mail.outbox if m.subject.endswith(": Tema 40")]
    assert sorted(m.to[0] for m in sent) == sorted(rows.values_list("recipient", flat=True))
    assert all(m.subject.startswith("[Hållbarhetsnätverken] NEH ") for m in sent)
    assert all("METHOD:REQUEST" in m.alternatives[0][0] for m in sent)
    row = rows.first()
    assert row.subject == sent[0].subject and "Hej" in row.body  # what was sent is kept


def test_the_worker_renders_the_same_message_as_the_request_did(
    neh,
    administration,
    representative,
    substitute,
    worker_backend,
    django_capture_on_commit_callbacks,
):
    substitute.calendar_delivery = "subscription"
    substitute.save()
    meeting = factories.make_meeting(neh, days_ahead=20, theme_title="Solel\npå taken")
    meeting.invitations.create(
        invited_by=representative,
        administration=administration,
        full_name="Kim Kollega",
        email="Kollega@Example.org",
        reason="Temat",
        token_hash="k",
    )
    expected = {
        person.email: notices.cancelled_message(meeting, person, outlook._method(person, "CANCEL"))
        for person in outlook.audience(meeting)
    }
    with django_capture_on_commit_callbacks(execute=True):
        outlook.meeting_cancelled(meeting)
    assert mail.outbox == []  # the database backend queues the task for the worker
    run_the_worker()
    sent = {m.to[0]: m for m in mail.outbox}
    assert sent.keys() == expected.keys()
    for address, built in expected.items():
        message = sent[address]
        assert (message.subject, message.body, message.reply_to) == (
            built.subject,
            built.body,
            built.reply_to,
        )
        assert "\n" not in message.subject and "Inställt: NEH" in message.subject
        assert [mimetype for _c, mimetype in message.alternatives] == [
            mimetype for _c, mimetype in built.alternatives
        ]
    assert sent[substitute.email].alternatives == []  # subscription only: text, no calendar part
    assert "Kim Kollega" in sent["Kollega@Example.org"].body


def test_a_notice_of_an_older_sequence_shows_the_meeting_now_and_keeps_its_sequence(
    neh, representative, worker_backend
):
    meeting = factories.make_meeting(neh, days_ahead=20, theme_title="Solel")
    published_at = meeting.sequence
    outlook.meeting_published(meeting)
    old = (meeting.starts_at, meeting.ends_at)
    starts_at = meeting.starts_at + datetime.timedelta(days=7)
    meeting.reschedule(starts_at, starts_at + datetime.timedelta(hours=2), "Stadshuset")
    outlook.meeting_moved(meeting, *old)
    assert meeting.sequence == published_at + 1

    run_the_worker()
    published, moved = sorted(mail.outbox, key=lambda m: "flyttas" in m.subject)
    assert "Mötet flyttas" in moved.subject
    assert f"SEQUENCE:{published_at}\r\n" in published.alternatives[0][0]
    assert f"SEQUENCE:{published_at + 1}\r\n" in moved.alternatives[0][0]
    assert "Stadshuset" in published.body  # rendered from the meeting as it is now


def test_a_failing_builder_is_a_failed_attempt_like_a_failed_send(
    settings, neh, representative, worker_backend, smtp, monkeypatch
):
    settings.OUTBOX_MAX_ATTEMPTS = 1

    def broken(arguments, cache):
        raise RuntimeError("mallen saknas")

    monkeypatch.setitem(builders._BUILDERS, notices.NOTICE_BUILDER, broken)
    meeting = factories.make_meeting(neh, days_ahead=20)
    outlook.meeting_published(meeting)
    assert run_the_worker() == 0
    row = OutboxMessage.objects.get()
    assert (row.status, row.attempts, row.network_id) == ("failed", 1, neh.pk)
    assert "RuntimeError: mallen saknas" in row.last_error
    assert smtp.messages == []


def test_an_unknown_builder_fails_the_message(settings, neh, worker_backend):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    meeting = factories.make_meeting(neh, days_ahead=20)
    notices.outbox.record_later(
        "no.such", [("x@example.org", {})], kind="test", obj=meeting, version=1
    )
    delivery.deliver_due()
    row = OutboxMessage.objects.get()
    assert row.status == "failed" and "no.such" in row.last_error
    assert mail.outbox == []


def test_the_same_notice_recorded_twice_is_one_message(neh, representative, worker_backend):
    meeting = factories.make_meeting(neh, days_ahead=20)
    outlook.meeting_published(meeting)
    outlook.meeting_published(meeting)
    assert OutboxFanout.objects.count() == 1
    fanout.expand_pending()
    assert OutboxMessage.objects.get().recipient == representative.email


# Delivering deferred notices: the meeting is read once per pass, not once per notice. -------

# What the delivery pass costs whatever it sends (stale claims released, the due rows listed),
# what each message costs the outbox (claimed, read, rendered result stored, marked sent), and
# what the notices of one meeting read (the meeting with its network, its work areas).
PASS_QUERIES = 2
MESSAGE_QUERIES = 4
MEETING_QUERIES = 2


def _record_notices(meeting: Meeting, count: int, notice: str = "published") -> None:
    """The rows a fan-out of the notice expands into, for `count` invited colleagues."""
    common = {"meeting": meeting.pk, "sequence": meeting.sequence, "method": "REQUEST"}
    common |= notices.notice_arguments(meeting, notice)
    people = [InvitedColleague(f"kollega{i}@example.org", f"Kollega {i}") for i in range(count)]
    outbox.record_later(
        notices.NOTICE_BUILDER,
        [(p.email, {**common, "email": p.email, "full_name": p.full_name}) for p in people],
        kind=f"calendar.{notice}",
        obj=meeting,
        version=meeting.sequence,
    )


def _meeting_reads(captured) -> int:
    return sum('FROM "meetings_meeting"' in q["sql"] for q in captured.captured_queries)


@pytest.mark.parametrize("count", [5, 50])
def test_delivering_a_meetings_notices_reads_the_meeting_once(
    neh, worker_backend, django_assert_num_queries, count
):
    meeting = factories.make_meeting(neh, days_ahead=20, theme_title="Solel")
    _record_notices(meeting, count)
    expected = PASS_QUERIES + MESSAGE_QUERIES * count + MEETING_QUERIES
    with django_assert_num_queries(expected) as captured:
        assert delivery.deliver_due() == count
    assert _meeting_reads(captured) == 1
    assert len(mail.outbox) == count
    assert all(m.subject.endswith(": Solel") for m in mail.outbox)
    assert {m.to[0] for m in mail.outbox} == {f"kollega{i}@example.org" for i in range(count)}


def test_each_meeting_of_a_pass_is_read_once_and_keeps_its_notices_sequence(neh, worker_backend):
    first = factories.make_meeting(neh, days_ahead=20, theme_title="Solel")
    second = factories.make_meeting(neh, days_ahead=30, theme_title="Vind")
    _record_notices(first, 3)
    _record_notices(second, 3)
    recorded_at = first.sequence
    first.theme_title = "Solel och batterier"
    first.sequence += 1
    first.save(update_fields=["theme_title", "sequence"])
    _record_notices(first, 2, "updated")
    with CaptureQueriesContext(connection) as captured:
        assert delivery.deliver_due() == 8
    assert _meeting_reads(captured) == 2
    published = [m for m in mail.outbox if m.to[0] in {"kollega0@example.org"}]
    calendar_parts = sorted(m.alternatives[0][0] for m in published if "Solel" in m.subject)
    # The published and the updated notice of the same meeting: each its own SEQUENCE, both
    # the meeting as it is now.
    assert [f"SEQUENCE:{recorded_at}\r\n" in part for part in calendar_parts].count(True) == 1
    assert [f"SEQUENCE:{recorded_at + 1}\r\n" in part for part in calendar_parts].count(True) == 1
    assert all("Solel och batterier" in m.subject for m in published if "Solel" in m.subject)
    vind = [m for m in mail.outbox if m.subject.endswith(": Vind")]
    assert len(vind) == 3


def test_a_meeting_changed_between_passes_is_read_again(neh, worker_backend):
    meeting = factories.make_meeting(neh, days_ahead=20, theme_title="Solel")
    _record_notices(meeting, 2)
    assert delivery.deliver_due(limit=1) == 1
    meeting.theme_title = "Solel och batterier"
    meeting.save(update_fields=["theme_title"])
    assert delivery.deliver_due() == 1
    first, second = mail.outbox
    assert first.subject.endswith(": Solel")
    assert second.subject.endswith(": Solel och batterier")
