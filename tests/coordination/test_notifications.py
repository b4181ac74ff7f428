"""The e-mails: who gets them, what they say, and that they wait for the commit."""

import pytest
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from meetings.calendar import outlook
from tests.coordination.conftest import future

pytestmark = pytest.mark.django_db


def test_publishing_sends_one_swedish_message_each_after_commit(
    planned, network_people, neh, mailoutbox, django_capture_on_commit_callbacks
):
    neh.organizer_email = "neh@example.org"
    neh.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        planned.publish_theme()
        outlook.meeting_published(planned)
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
                outlook.meeting_published(planned)
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
        outlook.meeting_moved(published, old_starts_at, old_ends_at)
    assert len(mailoutbox) == 3
    body = mailoutbox[0].body
    assert (
        mailoutbox[0].subject == "[Hållbarhetsnätverken] Mötet flyttas: NEH Kemikaliesmart förskola"
    )
    assert "Tidigare tid:" in body and "Ny tid:" in body
    assert "kl. 13.00–15.00" in body and "Plats: Sal Vättern" in body


def test_cancel_message_gives_the_reason(
    published, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published.cancel("Lokalen är inte tillgänglig.")
        outlook.meeting_cancelled(published)
    assert len(mailoutbox) == 3
    assert mailoutbox[0].subject.startswith("[Hållbarhetsnätverken] Inställt: NEH ")
    assert "Anledning: Lokalen är inte tillgänglig." in mailoutbox[0].body


def _invite(meeting, inviter, administration, email, name="Kalle Kollega"):
    from meetings.models import Invitation

    return Invitation.objects.create(
        meeting=meeting,
        invited_by=inviter,
        administration=administration,
        full_name=name,
        email=email,
        reason="Temat rör hans område.",
        token_hash=Invitation.hash_token(f"token-for-{email}"),
    )


def _calendar_part(message) -> str:
    return next(
        content
        for content, mimetype in message.alternatives
        if mimetype.startswith("text/calendar")
    )


def test_invited_colleagues_are_told_of_a_move_and_a_cancellation_with_the_calendar_part(
    published, network_people, administration, mailoutbox, django_capture_on_commit_callbacks
):
    representative = network_people[0]
    _invite(published, representative, administration, "kalle@example.org")
    # Invited twice, and someone already told as a member: each address gets one message.
    _invite(published, network_people[1], administration, "KALLE@example.org")
    _invite(published, representative, administration, representative.email, "Rita igen")
    old_starts_at, old_ends_at = published.starts_at, published.ends_at
    with django_capture_on_commit_callbacks(execute=True):
        published.reschedule(future(55, 13), future(55, 15), "Sal Vättern")
        outlook.meeting_moved(published, old_starts_at, old_ends_at)
    moved = [m for m in mailoutbox if m.to == ["kalle@example.org"]]
    assert len(mailoutbox) == 4 and len(moved) == 1
    assert "Hej Kalle Kollega!" in moved[0].body
    request = _calendar_part(moved[0])
    assert "METHOD:REQUEST" in request and "ATTENDEE" in request and "kalle@example.org" in request
    assert f"SEQUENCE:{published.sequence}" in request

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        published.cancel("Lokalen är inte tillgänglig.")
        outlook.meeting_cancelled(published)
    cancelled = [m for m in mailoutbox if m.to == ["kalle@example.org"]]
    assert len(mailoutbox) == 4 and len(cancelled) == 1
    cancel = _calendar_part(cancelled[0])
    assert "METHOD:CANCEL" in cancel and "STATUS:CANCELLED" in cancel
    assert f"SEQUENCE:{published.sequence}" in cancel


def test_calendar_part_follows_the_persons_choice_and_the_sequence_rises(
    published, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    representative, substitute, _third = network_people
    substitute.calendar_delivery = substitute.CalendarDelivery.SUBSCRIPTION
    substitute.save(update_fields=["calendar_delivery"])
    sequences = []
    for change in ("reschedule", "cancel"):
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            if change == "reschedule":
                old = published.starts_at, published.ends_at
                published.reschedule(future(56, 10), future(56, 12), "Sal Vänern")
                outlook.meeting_moved(published, *old)
            else:
                published.cancel("Sjukdom.")
                outlook.meeting_cancelled(published)
        by_address = {m.to[0]: m for m in mailoutbox}
        # Subscription only: the text, no calendar part (no meeting twice in Outlook).
        assert not any(
            mimetype.startswith("text/calendar")
            for _content, mimetype in by_address[substitute.email].alternatives
        )
        part = _calendar_part(by_address[representative.email])
        sequences.append(int(part.split("SEQUENCE:")[1].split("\r\n")[0]))
    assert sequences[0] < sequences[1]


def test_the_theme_mail_states_the_deadline_for_agenda_proposals(
    planned, network_people, neh, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        planned.publish_theme()
        outlook.meeting_published(planned)
    deadline = timezone.localtime(planned.proposals_close_at)
    with override("sv"):
        day = date_format(deadline, "j F Y")
    body = mailoutbox[0].body
    assert "Förslag till dagordningen tas emot fram till" in body
    # The one Swedish style for a moment (config/dates.py): "22 december 2026 kl. 09.00".
    assert f"{day} kl. {deadline:%H.%M}" in body
