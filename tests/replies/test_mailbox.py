"""Outlook's answers dropped into a real IMAP mailbox (Dovecot) reach the meeting."""

import datetime
import imaplib
import io
import logging

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts import lifecycle
from meetings.models import Attendance
from meetings.outbox import schedule
from meetings.replies import mailbox as replies
from tests import factories
from tests.replies.conftest import edited, sample

pytestmark = pytest.mark.django_db


def attendance(meeting, person) -> Attendance | None:
    return Attendance.objects.filter(meeting=meeting, person=person).first()


@pytest.mark.parametrize(
    ("name", "answer", "tentative", "comment"),
    [
        ("accept", Attendance.Answer.COMING, False, ""),
        ("accept_comment", Attendance.Answer.COMING, False, "Jag kommer, men går kl. 10.30"),
        ("accept_attachment", Attendance.Answer.COMING, False, ""),
        ("decline", Attendance.Answer.NOT_COMING, False, ""),
        ("decline_comment", Attendance.Answer.NOT_COMING, False, "Jag är på semester"),
        ("tentative", "", True, ""),
        ("tentative_comment", "", True, "Beror på om budgetmötet flyttas."),
    ],
)
def test_each_outlook_answer_is_recorded_and_its_message_marked_seen(
    mailbox, sample_meeting, representative, name, answer, tentative, comment
):
    mailbox.append(sample(name))
    counts = replies.read_all_mailboxes()
    row = attendance(sample_meeting, representative)
    assert row is not None
    assert row.answer == answer
    assert row.tentative is tentative
    assert row.source == Attendance.Source.OUTLOOK
    assert row.comment.startswith(comment)
    assert bool(row.comment) is bool(comment)
    assert counts["tentative" if tentative else "recorded"] == 1
    [(_header, flags)] = mailbox.messages()
    assert "\\Seen" in flags
    assert "\\Deleted" not in flags


def test_a_tentative_answer_leaves_an_earlier_answer_as_it_was(
    mailbox, sample_meeting, representative
):
    mailbox.append(sample("accept"))
    replies.read_all_mailboxes()
    mailbox.append(sample("tentative_comment"))
    replies.read_all_mailboxes()
    row = attendance(sample_meeting, representative)
    assert row.answer == Attendance.Answer.COMING
    assert row.tentative is True
    assert row.comment == "Beror på om budgetmötet flyttas."


def test_a_later_answer_in_the_app_replaces_the_outlook_one(
    client, mailbox, sample_meeting, representative
):
    mailbox.append(sample("accept_comment"))
    replies.read_all_mailboxes()
    client.force_login(representative)
    client.post(
        reverse("attendance_answer", kwargs={"pk": sample_meeting.pk}),
        {"answer": Attendance.Answer.NOT_COMING},
    )
    row = attendance(sample_meeting, representative)
    assert row.answer == Attendance.Answer.NOT_COMING
    assert row.source == Attendance.Source.APP
    assert row.comment == ""


def test_an_answer_given_in_the_app_after_the_outlook_one_stands(
    client, mailbox, sample_meeting, representative, caplog
):
    """The mailbox read late: the person answered in the app after answering in Outlook."""
    client.force_login(representative)
    client.post(
        reverse("attendance_answer", kwargs={"pk": sample_meeting.pk}),
        {"answer": Attendance.Answer.COMING},
    )
    mailbox.append(edited("decline", ("DTSTAMP:20270301T101502Z", "DTSTAMP:20260101T080000Z")))
    with caplog.at_level(logging.INFO, logger="meetings.replies"):
        assert replies.read_all_mailboxes() == {"superseded": 1}
    row = attendance(sample_meeting, representative)
    assert (row.answer, row.source) == (Attendance.Answer.COMING, Attendance.Source.APP)
    assert "answered meeting" in caplog.text and "again after it" in caplog.text


def test_an_outlook_answer_is_dated_when_it_was_given(mailbox, sample_meeting, representative):
    mailbox.append(edited("accept", ("DTSTAMP:20270301T101502Z", "DTSTAMP:20260101T080000Z")))
    replies.read_all_mailboxes()
    answered_at = attendance(sample_meeting, representative).answered_at
    assert answered_at == datetime.datetime(2026, 1, 1, 8, 0, tzinfo=datetime.UTC)


def test_end_to_end_the_meeting_page_shows_the_outlook_answer(
    client, mailbox, sample_meeting, representative, coordinator, caplog
):
    """A reply dropped into the mailbox; after one cycle the coordinators' table says
    "Kommer", that it came from Outlook, and the person's note."""
    page_url = reverse("meeting_detail", kwargs={"pk": sample_meeting.pk})
    client.force_login(coordinator)
    before = client.get(page_url).content.decode()
    assert "svar från Outlook" not in before

    mailbox.append(sample("accept_comment"))
    with caplog.at_level(logging.INFO, logger="meetings.replies"):
        replies.read_all_mailboxes()

    page = client.get(page_url).content.decode()
    row = page.split("Rita Representant", 1)[1].split("</tr>", 1)[0]
    assert "Kommer" in row
    assert "svar från Outlook" in row
    assert "Jag kommer, men går kl. 10.30 till ett annat möte." in row
    assert "Svar från Outlook" in caplog.text
    assert "representant@example.org" not in caplog.text
    assert "r***@example.org" in caplog.text

    client.force_login(representative)
    own = client.get(reverse("my_networks")).content.decode()
    assert 'value="coming" checked' in own


def test_a_message_is_processed_once(mailbox, sample_meeting, representative):
    mailbox.append(sample("accept"))
    assert replies.read_all_mailboxes()["recorded"] == 1
    # Changed in the app meanwhile: a second cycle must not bring the old answer back.
    Attendance.objects.filter(meeting=sample_meeting).update(answer=Attendance.Answer.NOT_COMING)
    assert replies.read_all_mailboxes()["recorded"] == 0
    assert attendance(sample_meeting, representative).answer == Attendance.Answer.NOT_COMING


def test_other_messages_are_left_alone(mailbox, sample_meeting, representative):
    mailbox.append(
        b"From: someone@example.org\r\nTo: neh@example.org\r\nMessage-ID: <fraga@example.org>\r\n"
        b"Subject: En fraga\r\n\r\nHej! Var ligger sal 3?\r\n"
    )
    # A forwarded meeting request is a calendar, but not an answer.
    mailbox.append(edited("accept", ("METHOD:REPLY", "METHOD:REQUEST")))
    # Read by a person already: not unseen, so not this cycle's to read.
    mailbox.append(sample("decline"), seen=True)
    counts = replies.read_all_mailboxes()
    assert counts == {"skipped": 2}
    assert [flags for _header, flags in mailbox.messages()] == [set(), set(), {"\\Seen"}]
    assert attendance(sample_meeting, representative) is None


@pytest.mark.parametrize(
    ("replacements", "sender", "outcome", "logged"),
    [
        pytest.param(
            [("7d3f2a10-5b6c", "00000000-0000")],
            None,
            "unknown meeting",
            "no meeting has the UID",
            id="unknown UID",
        ),
        pytest.param(
            [("7d3f2a10-5b6c-4e8f-9a1b-2c3d4e5f6071@hallbarhetsnatverken", "040000008200E0")],
            None,
            "unknown meeting",
            "no meeting has the UID",
            id="someone else's UID",
        ),
        pytest.param(
            [("mailto:representant@example.org", "mailto:utomstaende@example.org")],
            "utomstaende@example.org",
            "not an attendee",
            "u***@example.org",
            id="not an attendee",
        ),
        pytest.param(
            [],
            "Mallory <mallory@example.org>",
            "not an attendee",
            "m***@example.org",
            id="sent by someone else",
        ),
        pytest.param(
            [("SEQUENCE:1", "SEQUENCE:0"), ("X-MICROSOFT-CDO-APPT-SEQUENCE:1", "")],
            None,
            "outdated sequence",
            "is at sequence 1, the reply answers 0",
            id="lower sequence",
        ),
        pytest.param(
            [("BEGIN:VEVENT", "BEGIN:VEVENT\r\nDTSTART;BROKEN")],
            None,
            "refused",
            "malformed calendar part",
            id="malformed calendar",
        ),
        pytest.param(
            [("PARTSTAT=DECLINED", "PARTSTAT=DELEGATED")],
            None,
            "refused",
            "PARTSTAT DELEGATED is not an answer",
            id="not an answer",
        ),
    ],
)
def test_bad_replies_change_nothing_are_logged_and_marked_seen(
    mailbox, sample_meeting, representative, caplog, replacements, sender, outcome, logged
):
    mailbox.append(edited("decline_comment", *replacements, sender=sender))
    with caplog.at_level(logging.INFO, logger="meetings.replies"):
        counts = replies.read_all_mailboxes()
    assert counts == {outcome: 1}
    assert attendance(sample_meeting, representative) is None
    assert logged in caplog.text
    assert "representant@example.org" not in caplog.text
    [(_header, flags)] = mailbox.messages()
    assert flags == {"\\Seen"}


def test_a_broken_mime_message_is_left_alone(mailbox, sample_meeting, representative):
    mailbox.append(sample("accept").split(b"--_000_", 1)[0] + b"--_000_DB9\r\nnot mime at all")
    assert replies.read_all_mailboxes() == {"skipped": 1}
    assert attendance(sample_meeting, representative) is None
    [(_header, flags)] = mailbox.messages()
    assert flags == set()


def test_a_reply_for_a_cancelled_meeting_changes_nothing(mailbox, sample_meeting, representative):
    sample_meeting.status = "cancelled"
    sample_meeting.save()
    mailbox.append(sample("accept"))
    assert replies.read_all_mailboxes() == {"refused": 1}
    assert attendance(sample_meeting, representative) is None


def test_each_network_may_have_its_own_mailbox(mailbox, settings, sample_meeting, representative):
    settings.IMAP_URL = ""
    settings.IMAP_URLS = {"NEH": mailbox.url}
    assert replies.configured_urls() == [mailbox.url]
    mailbox.append(sample("accept"))
    assert replies.read_all_mailboxes()["recorded"] == 1


def test_a_mailbox_that_cannot_be_read_is_logged_not_raised(mailbox, settings, caplog):
    settings.IMAP_URL = mailbox.url.replace("brevlada-test", "fel-losenord")
    with caplog.at_level(logging.ERROR, logger="meetings.replies"):
        counts = replies.read_all_mailboxes()
    assert counts == {"mailbox errors": 1}
    assert "Mailbox not read" in caplog.text
    assert "fel-losenord" not in caplog.text


def test_the_management_command(mailbox, sample_meeting, representative):
    mailbox.append(sample("decline"))
    out = io.StringIO()
    call_command("read_outlook_replies", stdout=out)
    assert "recorded: 1" in out.getvalue()
    assert attendance(sample_meeting, representative).answer == Attendance.Answer.NOT_COMING


def test_the_management_command_without_a_mailbox(settings):
    settings.IMAP_URL = ""
    settings.IMAP_URLS = {}
    out = io.StringIO()
    call_command("read_outlook_replies", stdout=out)
    assert "Ingen brevlåda är inställd" in out.getvalue()


def test_a_substitute_answers_for_themselves(mailbox, sample_meeting, representative, substitute):
    address = ("representant@example.org", "ersattare@example.org")
    mailbox.append(edited("decline", address, sender="ersattare@example.org"))
    assert replies.read_all_mailboxes() == {"recorded": 1}
    assert attendance(sample_meeting, substitute).answer == Attendance.Answer.NOT_COMING
    assert attendance(sample_meeting, representative) is None


def test_an_invited_colleague_without_a_seat_is_not_an_attendee(
    mailbox, sample_meeting, representative
):
    factories.make_user("kollega@example.org")
    address = ("representant@example.org", "kollega@example.org")
    mailbox.append(edited("decline", address, sender="kollega@example.org"))
    assert replies.read_all_mailboxes() == {"not an attendee": 1}


def test_the_management_command_reads_saved_messages(tmp_path, sample_meeting, representative):
    reply, other = tmp_path / "svar.eml", tmp_path / "annat.eml"
    reply.write_bytes(sample("tentative_comment"))
    other.write_bytes(b"Subject: Hej\r\n\r\nHej!\r\n")
    out = io.StringIO()
    call_command("read_outlook_replies", "--file", str(reply), str(other), stdout=out)
    assert "skipped: 1, tentative: 1" in out.getvalue()
    assert attendance(sample_meeting, representative).tentative is True


def test_pseudonymising_the_person_clears_their_notes_and_keeps_the_answer(
    mailbox, sample_meeting, representative
):
    mailbox.append(sample("accept_comment"))
    replies.read_all_mailboxes()
    lifecycle.pseudonymise(representative)
    row = attendance(sample_meeting, representative)
    assert (row.answer, row.comment) == (Attendance.Answer.COMING, "")


def test_only_messages_with_a_calendar_part_are_downloaded(
    mailbox, sample_meeting, representative, monkeypatch
):
    fetched = []
    uid = imaplib.IMAP4.uid

    def spy(self, command, *args):
        if command == "FETCH" and args[-1] == "(BODY.PEEK[])":
            fetched.append(args[0])
        return uid(self, command, *args)

    monkeypatch.setattr(imaplib.IMAP4, "uid", spy)
    mailbox.append(b"Subject: Stort PM\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n")
    mailbox.append(sample("accept_attachment"))
    mailbox.append(sample("decline"))
    assert replies.read_all_mailboxes() == {"skipped": 1, "recorded": 2}
    assert len(fetched) == 2  # the two answers: the PDF was never downloaded


def test_the_worker_reads_the_mailbox_on_its_schedule(mailbox, sample_meeting, representative):
    """The worker's periodic job, not a page or a command by hand, records the answer."""
    mailbox.append(sample("accept"))
    schedule.autodiscover()
    assert "replies.read" in schedule.run_due()
    assert attendance(sample_meeting, representative).answer == Attendance.Answer.COMING
    assert "replies.read" not in schedule.run_due()  # next run two minutes on
