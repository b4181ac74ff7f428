"""The coordinators' daily digest: what arrived in their network from 07.00 yesterday to 07.00
today, once a day, nothing when nothing arrived; and the same counts on the dashboard."""

import datetime

import pytest
from django.urls import reverse

from config.mail import message
from meetings.models import (
    AgendaItem,
    ConsultationResponse,
    OutboxMessage,
    Question,
    QuestionEvent,
    ThemeSuggestion,
)
from meetings.outbox import outbox
from meetings.questions import steps as questions
from meetings.reminders import digest, jobs
from tests import factories
from tests.reminders.support import day, local, meeting_on, recipients, switch_off

pytestmark = pytest.mark.django_db


def in_window(offset_hours: float = 0) -> datetime.datetime:
    """Noon yesterday, inside the window of today's digest (07.00 yesterday–07.00 today)."""
    return local(day(-1), 12) + datetime.timedelta(hours=offset_hours)


def send(now=None) -> int:
    return jobs.send_digests(now or local(day(0), 9))


@pytest.fixture
def arrivals(neh, nsh, administration, other_administration, representative):
    """One of each kind in NEH's window, and some outside it (earlier, or NSH's)."""
    meeting = meeting_on(neh, 30)
    proposal = factories.make_agenda_item(
        meeting, title="Matsvinn i skolköken", proposed_by=representative,
        administration=administration,
    )  # fmt: skip
    own = factories.make_agenda_item(meeting, title="Samordnarnas egen punkt")
    old = factories.make_agenda_item(
        meeting, title="Förra veckans förslag", proposed_by=representative,
        administration=administration,
    )  # fmt: skip
    AgendaItem.objects.filter(pk__in=[proposal.pk, own.pk]).update(created_at=in_window())
    AgendaItem.objects.filter(pk=old.pk).update(created_at=in_window(-30))
    question = factories.make_question(neh, administration, title="Laddplatser vid förvaltningen")
    QuestionEvent.objects.filter(question=question).update(at=in_window(1))
    other = factories.make_question(nsh, other_administration, title="NSH:s fråga")
    QuestionEvent.objects.filter(question=other).update(at=in_window(1))
    wish = ThemeSuggestion.objects.create(
        network=neh,
        title="Cirkulära möbler",
        why="Vi köper nytt i onödan.",
        work_area=neh.work_areas.first(),
        administration=administration,
        suggested_by=representative,
    )
    ThemeSuggestion.objects.filter(pk=wish.pk).update(created_at=in_window(2))
    consultation = factories.make_consultation(
        neh, asked=[administration, other_administration], title="Grönplan"
    )
    ConsultationResponse.objects.filter(
        document=consultation, administration=administration
    ).update(sent_at=in_window(3))
    failed = outbox.row(
        message("Dagordningen är publicerad", "Text", to=["borta@example.org"]),
        kind="agenda.published",
        obj=meeting,
        version=1,
    )
    failed.status = OutboxMessage.Status.FAILED
    failed.next_attempt_at = in_window(4)
    failed.save()
    return meeting


def test_the_digest_lists_what_arrived_in_the_network(arrivals, coordinator, representative):
    assert send() == 1
    assert recipients("digest") == [coordinator.email]
    row = OutboxMessage.objects.get(kind="reminder.digest")
    assert row.subject.startswith("[Hållbarhetsnätverken] Nytt i NEH senaste dygnet")
    body = row.body
    assert "Förslag till dagordningen: 1" in body
    assert "- Matsvinn i skolköken (Miljöförvaltningen" in body
    assert "Samordnarnas egen punkt" not in body
    assert "Förra veckans förslag" not in body
    assert "Frågor från ledningsgrupperna: 1" in body
    assert "Laddplatser vid förvaltningen" in body and "NSH:s fråga" not in body
    assert "Temaförslag: 1" in body and "Cirkulära möbler" in body
    assert "Remissvar: 1" in body and "Grönplan (Miljöförvaltningen)" in body
    assert "Utskick som inte gick fram: 1" in body
    assert "Dagordningen är publicerad (till borta@example.org)" in body
    assert f"/fragor/{Question.objects.get(title__startswith='Laddplatser').pk}/" in body


def test_the_digest_is_sent_once_a_day(arrivals, coordinator):
    send(local(day(0), 8))
    send(local(day(0), 13))
    send(local(day(0), 23, 59))
    assert recipients("digest") == [coordinator.email]
    # The next day's window has nothing new: no second digest.
    send(local(day(1), 9))
    assert recipients("digest") == [coordinator.email]


def test_a_new_day_with_new_arrivals_brings_a_new_digest(arrivals, coordinator):
    send()
    wish = ThemeSuggestion.objects.get(title="Cirkulära möbler")
    ThemeSuggestion.objects.filter(pk=wish.pk).update(created_at=local(day(0), 10))
    send(local(day(1), 9))
    rows = OutboxMessage.objects.filter(kind="reminder.digest").order_by("pk")
    assert [r.version for r in rows] == [day(0).isoformat(), day(1).isoformat()]
    assert "Temaförslag: 1" in rows[1].body and "Matsvinn" not in rows[1].body


def test_no_digest_when_nothing_arrived(neh, coordinator, representative):
    meeting_on(neh, 30)
    assert send() == 0
    assert recipients("digest") == []


def test_no_digest_before_seven(arrivals, coordinator):
    assert send(local(day(0), 6, 30)) == 0
    assert recipients("digest") == []


def test_a_coordinator_who_switched_it_off_gets_none(arrivals, coordinator):
    switch_off(coordinator, "digest")
    assert send() == 0


def test_a_referred_question_arrives_in_the_digest_not_in_its_own_mail(
    neh, nsh, administration, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    nsh_coordinator = factories.make_user("samordnare.nsh@example.org", "Nina NSH")
    nsh.coordinators.add(nsh_coordinator)
    question = factories.make_question(neh, administration, title="Hör hemma i NSH")
    with django_capture_on_commit_callbacks(execute=True):
        questions.refer(question, coordinator, nsh, "")
    assert nsh_coordinator.email not in [m.to[0] for m in mailoutbox]
    since, until = digest.window(day(0))
    counts = digest.counts(
        nsh, since - datetime.timedelta(days=1), until + datetime.timedelta(days=1)
    )
    assert counts["questions"] == 1


def test_the_dashboard_shows_the_last_days_counts(
    client_for, neh, administration, representative, coordinator
):
    meeting = meeting_on(neh, 30)
    factories.make_agenda_item(
        meeting, title="Nytt förslag", proposed_by=representative, administration=administration
    )
    response = client_for("coordinator").get(
        reverse("coordination_dashboard", kwargs={"code": "neh"})
    )
    html = response.content.decode()
    assert "Nytt det senaste dygnet" in html
    assert "Förslag till dagordningen: 1" in html
    assert "Temaförslag: 0" in html


@pytest.mark.parametrize("network_code", ["NEH", "NSH"])
def test_counts_compiled_once_are_the_querysets_counts(arrivals, neh, nsh, network_code):
    """`counts` runs its query compiled once (config/prepared.py) with each call's network and
    window: the same as counting `arrived`'s querysets, for the day's window, a wider one, and
    windows that start or end on an arrival (the start is in, the end is not)."""
    network = neh if network_code == "NEH" else nsh
    since, until = digest.window(day(0))
    noon = in_window()
    windows = [
        (since, until),
        (since - datetime.timedelta(days=3), until + datetime.timedelta(days=1)),
        (noon, until),
        (since, noon),
        (noon, noon),
    ]
    for start, end in windows:
        expected = {kind: qs.count() for kind, qs in digest.arrived(network, start, end).items()}
        expected["failed_total"] = OutboxMessage.objects.failed().for_network(network).count()
        assert digest.counts(network, start, end) == expected
    assert digest.counts(neh, since, until)["proposals"] == 1
