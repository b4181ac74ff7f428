"""`manage.py demo_outlook_reply` writes an answer as Outlook does and drops it in the mailbox;
the reader records it. Against Dovecot (conftest.py), and against pymap started exactly as
`make run` starts the demo's mailbox."""

import imaplib
import importlib.util
import io
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.calendar import ics
from meetings.models import Attendance
from meetings.outbox import schedule
from meetings.replies import itip
from meetings.replies import mailbox as replies
from tests import factories

pytestmark = pytest.mark.django_db


def attendance(meeting, person) -> Attendance | None:
    return Attendance.objects.filter(meeting=meeting, person=person).first()


def only_message(mailbox) -> bytes:
    connection = mailbox.server.connect()
    try:
        _status, data = connection.fetch("1:*", "(BODY.PEEK[])")
        [raw] = [item[1] for item in data if isinstance(item, tuple)]
        return raw
    finally:
        connection.logout()


def message_count(mailbox) -> int:
    connection = mailbox.server.connect()
    try:
        _status, data = connection.select("INBOX")
        return int(data[0])
    finally:
        connection.logout()


def test_the_reply_is_the_one_outlook_sends(mailbox, neh, representative):
    meeting = factories.make_meeting(neh, theme_title="Giftfri förskola", sequence=3)
    call_command(
        "demo_outlook_reply",
        representative.email,
        "--answer",
        "declined",
        "--comment",
        "Jag är på semester",
        stdout=io.StringIO(),
    )
    message = itip.parse_message(only_message(mailbox))
    assert message.get_content_type() == "multipart/alternative"
    [text, calendar] = message.iter_parts()
    assert text.get_content_type() == "text/plain"
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "REPLY"
    assert message["From"].addresses[0].addr_spec == representative.email
    assert message["To"].addresses[0].addr_spec == ics.organizer_address(neh)
    assert message["Subject"] == "Avböjt: NEH: Giftfri förskola"
    [reply] = itip.replies_in(message)
    assert reply.uid == ics.meeting_uid(meeting)
    assert reply.sequence == 3
    assert reply.attendee == representative.email
    assert reply.partstat == "DECLINED"
    assert reply.comment == "Jag är på semester"


def test_the_command_answers_the_persons_next_meeting_and_the_reader_records_it(
    mailbox, neh, representative
):
    factories.make_meeting(neh, days_ahead=60)
    next_meeting = factories.make_meeting(neh, days_ahead=10)
    factories.make_meeting(neh, days_ahead=5, status="planned")
    factories.make_meeting(factories.network("NSH"), days_ahead=3)  # not the person's network
    out = io.StringIO()
    call_command("demo_outlook_reply", representative.email, stdout=out)
    assert f"möte {next_meeting.pk}" in out.getvalue()
    assert message_count(mailbox) == 1
    assert attendance(next_meeting, representative) is None  # nothing until the mailbox is read
    assert replies.read_all_mailboxes() == {"recorded": 1}
    row = attendance(next_meeting, representative)
    assert row.answer == Attendance.Answer.COMING
    assert row.source == Attendance.Source.OUTLOOK


def test_a_tentative_answer_for_a_chosen_meeting(mailbox, neh, substitute):
    factories.make_meeting(neh, days_ahead=5)
    chosen = factories.make_meeting(neh, days_ahead=40)
    call_command(
        "demo_outlook_reply",
        substitute.email,
        "--meeting",
        str(chosen.pk),
        "--answer",
        "tentative",
        "--comment",
        "Beror på budgetmötet.",
        stdout=io.StringIO(),
    )
    assert replies.read_all_mailboxes() == {"tentative": 1}
    row = attendance(chosen, substitute)
    assert row.tentative is True
    assert row.comment == "Beror på budgetmötet."


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nobody@example.org"], "Ingen aktiv person har adressen nobody@example.org."),
        (["representant@example.org", "--meeting", "999999"], "Det finns inget möte nummer"),
        (["medarbetare@example.org"], "har inget kommande publicerat möte"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_added(
    mailbox, neh, representative, arguments, message
):
    factories.make_user("medarbetare@example.org", "Mia Medarbetare")
    with pytest.raises(CommandError, match=message):
        call_command("demo_outlook_reply", *arguments, stdout=io.StringIO())
    assert message_count(mailbox) == 0


def test_a_mailbox_that_cannot_be_reached_is_a_clear_error(neh, representative, settings):
    factories.make_meeting(neh)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nobody listens there
    settings.IMAP_URL = f"imap://natverken:demo@127.0.0.1:{port}/INBOX"
    with pytest.raises(CommandError, match="cannot connect"):
        call_command("demo_outlook_reply", representative.email, stdout=io.StringIO())


# --- The demo's mailbox: pymap, as `make run` starts it --------------------------------------

DEMO_USER, DEMO_PASSWORD = "natverken", "demo"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _makefile_pymap_arguments() -> list[str]:
    """The arguments after `pymap` in the Makefile's START_IMAP, with IMAP_PORT left open."""
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    recipe = makefile.split("START_IMAP =", 1)[1].split("; fi", 1)[0]
    command = " ".join(line.strip().rstrip("\\") for line in recipe.splitlines())
    return command.split("$(BIN)/pymap", 1)[1].split("& imap=")[0].split()


@pytest.fixture(scope="module")
def demo_imap():
    """pymap's in-memory server with the Makefile's arguments on a free port."""
    if importlib.util.find_spec("pymap") is None:
        pytest.skip("pymap is not installed: pip install -e '.[dev]' (it is a dev dependency)")
    port = _free_port()
    arguments = [a.replace("$(IMAP_PORT)", str(port)) for a in _makefile_pymap_arguments()]
    assert arguments[:4] == ["--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "pymap"), *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                connection = imaplib.IMAP4("127.0.0.1", port, timeout=5)
                connection.login(DEMO_USER, DEMO_PASSWORD)
                connection.logout()
                break
            except (OSError, imaplib.IMAP4.error):
                if process.poll() is not None or time.monotonic() > deadline:
                    error = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"pymap did not start: {error}") from None
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _flags(port: int) -> list[set[bytes]]:
    connection = imaplib.IMAP4("127.0.0.1", port, timeout=5)
    try:
        connection.login(DEMO_USER, DEMO_PASSWORD)
        connection.select("INBOX")
        _status, data = connection.fetch("1:*", "(FLAGS)")
        return [set(imaplib.ParseFlags(item)) - {b"\\Recent"} for item in data]  # type: ignore[arg-type]
    finally:
        connection.logout()


def test_the_demo_mailbox_takes_a_reply_that_the_worker_records(
    demo_imap, neh, representative, settings, monkeypatch
):
    """The Makefile's URL for the demo mailbox, the command without --url, the worker's job."""
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "DEMO_IMAP_URL = imap://natverken:demo@127.0.0.1:$(IMAP_PORT)/INBOX" in makefile
    meeting = factories.make_meeting(neh, days_ahead=7)
    before = _flags(demo_imap)
    assert len(before) == 4  # pymap's own sample mails
    settings.IMAP_URL = ""  # a second terminal beside `make run`: the command finds the demo's
    settings.IMAP_URLS = {}
    monkeypatch.setenv("IMAP_PORT", str(demo_imap))
    call_command("demo_outlook_reply", representative.email, stdout=io.StringIO())
    settings.IMAP_URL = f"imap://natverken:demo@127.0.0.1:{demo_imap}/INBOX"  # the worker's
    schedule.autodiscover()
    assert "replies.read" in schedule.run_due()
    row = attendance(meeting, representative)
    assert row.answer == Attendance.Answer.COMING
    assert row.source == Attendance.Source.OUTLOOK
    after = _flags(demo_imap)
    assert after[:4] == before  # the sample mails are left exactly as they were
    assert after[4] == {b"\\Seen"}
