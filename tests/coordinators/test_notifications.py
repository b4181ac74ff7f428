"""The e-mails: who gets them, what they say, and that they wait for the commit."""

import pytest
from django.db import transaction

from meetings import notifications
from tests.coordinators.conftest import future

pytestmark = pytest.mark.django_db


def test_network_recipients_are_current_people_of_that_network_once(network_people, neh):
    recipients = notifications.network_recipients(neh)
    assert sorted(p.email for p in recipients) == sorted(p.email for p in network_people)


def test_network_recipients_count_a_person_with_two_seats_once(
    representative, other_administration, neh
):
    from tests import factories

    factories.make_appointment(representative, other_administration, neh, "substitute")
    assert [p.email for p in notifications.network_recipients(neh)] == [representative.email]


def test_publishing_sends_one_swedish_message_each_after_commit(
    planned, network_people, neh, mailoutbox, django_capture_on_commit_callbacks
):
    neh.organizer_email = "neh@example.org"
    neh.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        planned.publish_theme()
        notifications.notify_published(planned)
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in network_people)
    message = next(m for m in mailoutbox if m.to == ["representant@example.org"])
    assert message.subject.startswith("[Hållbarhetsnätverken] NEH ")
    assert "Solel på taken" in message.subject
    assert "Hej Rita Representant!" in message.body
    assert "Tema: Solel på taken" in message.body
    assert planned.get_absolute_url() in message.body
    assert message.reply_to == ["neh@example.org"]


def test_nothing_is_sent_when_the_transaction_rolls_back(
    planned, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                planned.publish_theme()
                notifications.notify_published(planned)
                raise RuntimeError("boom")
        except RuntimeError:
            pass
    assert mailoutbox == []


def test_reschedule_message_tells_old_and_new_time(
    published, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    old_starts_at, old_ends_at = published.starts_at, published.ends_at
    with django_capture_on_commit_callbacks(execute=True):
        published.reschedule(future(55, 13), future(55, 15), "Sal Vättern")
        notifications.notify_rescheduled(published, old_starts_at, old_ends_at)
    assert len(mailoutbox) == 3
    body = mailoutbox[0].body
    assert (
        mailoutbox[0].subject == "[Hållbarhetsnätverken] Mötet flyttas: NEH Kemikaliesmart förskola"
    )
    assert "Tidigare tid:" in body and "Ny tid:" in body
    assert "13:00–15:00" in body and "Plats: Sal Vättern" in body


def test_cancel_message_gives_the_reason(
    published, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published.cancel("Lokalen är inte tillgänglig.")
        notifications.notify_cancelled(published)
    assert len(mailoutbox) == 3
    assert mailoutbox[0].subject.startswith("[Hållbarhetsnätverken] Inställt: NEH ")
    assert "Anledning: Lokalen är inte tillgänglig." in mailoutbox[0].body
