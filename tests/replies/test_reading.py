"""Reading Outlook's REPLY messages, the mailbox settings and the XOAUTH2 sign-in (no server)."""

import base64
import datetime
import imaplib
import shlex
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_imap_url, env_imap_urls
from meetings.replies import itip
from meetings.replies import mailbox as replies
from tests.replies.conftest import SAMPLE_SEQUENCE, SAMPLE_UID, edited, sample

UID = f"{SAMPLE_UID}@hallbarhetsnatverken"
STAMP = datetime.datetime(2027, 3, 1, 10, 15, 2, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("name", "partstat", "comment", "subject"),
    [
        ("accept", "ACCEPTED", "", "Accepted: NEH: Giftfri förskola"),
        ("accept_comment", "ACCEPTED", "Jag kommer, men går kl. 10.30 till ett annat möte.",
         "Accepterat: NEH: Giftfri förskola"),
        ("accept_attachment", "ACCEPTED", "", "Accepted: NEH: Giftfri förskola"),
        ("decline", "DECLINED", "", "Declined: NEH: Giftfri förskola"),
        ("decline_comment", "DECLINED", "Jag är på semester den veckan. Ersättaren kan komma.",
         "Avböjt: NEH: Giftfri förskola"),
        ("tentative", "TENTATIVE", "", "Tentative: NEH: Giftfri förskola"),
        ("tentative_comment", "TENTATIVE", "Beror på om budgetmötet flyttas.",
         "Preliminärt: NEH: Giftfri förskola"),
    ],
)  # fmt: skip
def test_outlook_samples_are_read(name, partstat, comment, subject):
    message = itip.parse_message(sample(name))
    assert message["Subject"] == subject
    assert itip.replies_in(message) == [
        itip.Reply(UID, SAMPLE_SEQUENCE, "representant@example.org", partstat, comment, STAMP)
    ]


def test_outlook_samples_look_like_outlook():
    raw = sample("accept_comment")
    message = itip.parse_message(raw)
    assert message.get_content_type() == "multipart/alternative"
    types = [part.get_content_type() for part in message.iter_parts()]  # type: ignore[attr-defined]
    assert types == ["text/plain", "text/calendar"]
    calendar = message.get_payload()[1]  # type: ignore[index]
    assert calendar.get_param("method") == "REPLY"
    text = calendar.get_content()
    for line in (
        "TZID:W. Europe Standard Time",
        "X-MICROSOFT-CDO-APPT-SEQUENCE:1",
        "ATTENDEE;PARTSTAT=ACCEPTED;CN=Rita Representant:mailto:representant@example.org",
        "COMMENT;LANGUAGE=sv-SE:",
    ):
        assert line in text.replace("\r\n ", "")


def test_a_message_without_a_reply_is_not_ours():
    plain = itip.parse_message(b"From: a@example.org\r\nSubject: Hej\r\n\r\nHej!\r\n")
    assert itip.replies_in(plain) is None
    request = itip.parse_message(edited("accept", ("METHOD:REPLY", "METHOD:REQUEST")))
    assert itip.replies_in(request) is None


@pytest.mark.parametrize(
    ("replacements", "reason"),
    [
        ([("BEGIN:VEVENT", "BEGIN:VEVENT\r\nnot a content line")], "not readable"),
        ([("END:VEVENT", "")], "not readable"),
        ([("UID:", "X-UID:")], "without UID"),
        ([("SEQUENCE:1", "SEQUENCE:ett")], "ett"),
        ([("ATTENDEE;", "X-ATTENDEE;")], "without ATTENDEE"),
        ([("mailto:representant@example.org", "mailto:")], "without an e-mail address"),
        ([("PARTSTAT=ACCEPTED", "PARTSTAT=NEEDS-ACTION")], "not an answer"),
    ],
)
def test_malformed_replies_are_refused(replacements, reason):
    with pytest.raises(itip.MalformedReply, match=reason):
        itip.replies_in(itip.parse_message(edited("accept", *replacements)))


def test_a_calendar_part_in_a_wrong_charset_is_malformed():
    raw = sample("decline").replace(
        b'charset="utf-8"; method=REPLY', b'charset="x-nonsense"; method=REPLY'
    )
    with pytest.raises(itip.MalformedReply, match="charset"):
        itip.replies_in(itip.parse_message(raw))


# Settings ------------------------------------------------------------------------------------


def test_mailbox_urls_are_parsed():
    box = replies.Mailbox.from_url(
        "imaps://natverk%40kommun.se:p%2Fss%3Aw@imap.example.org/Svar%20NEH"
    )
    assert box == replies.Mailbox(
        True, "imap.example.org", 993, "natverk@kommun.se", "p/ss:w", "Svar NEH"
    )
    assert "p/ss:w" not in str(box) and "natverk@kommun.se" not in str(box)
    plain = replies.Mailbox.from_url("imap://u:p@127.0.0.1:1143")
    assert (plain.secure, plain.port, plain.folder) == (False, 1143, "INBOX")
    with pytest.raises(replies.MailboxError):
        replies.Mailbox.from_url("https://u:p@example.org/")


def test_imap_url_settings(monkeypatch):
    monkeypatch.setenv("IMAP_URL", "imaps://u:p@imap.example.org/INBOX")
    assert env_imap_url("IMAP_URL") == "imaps://u:p@imap.example.org/INBOX"
    monkeypatch.setenv("IMAP_URL", "http://u:hemligt@example.org/")
    with pytest.raises(ImproperlyConfigured, match="IMAP_URL") as error:
        env_imap_url("IMAP_URL")
    assert "hemligt" not in str(error.value)
    monkeypatch.setenv("IMAP_URL_neh", "imap://a:b@host/INBOX")
    monkeypatch.setenv("IMAP_URL_NSH", "imaps://c:d@host/NSH")
    monkeypatch.setenv("IMAP_URL_EMPTY", " ")
    assert env_imap_urls("IMAP_URL_") == {
        "NEH": "imap://a:b@host/INBOX",
        "NSH": "imaps://c:d@host/NSH",
    }


@pytest.mark.django_db
def test_configured_mailboxes_are_each_read_once(settings):
    settings.IMAP_URL = "imap://shared:p@host/INBOX"
    settings.IMAP_URLS = {"NEH": "imap://neh:p@host/INBOX"}
    assert replies.configured_urls() == ["imap://neh:p@host/INBOX", "imap://shared:p@host/INBOX"]
    settings.IMAP_URLS = {}
    assert replies.configured_urls() == ["imap://shared:p@host/INBOX"]
    settings.IMAP_URL = ""
    assert replies.configured_urls() == []
    assert replies.read_all_mailboxes() == {}


# XOAUTH2 -------------------------------------------------------------------------------------


def test_xoauth2_string():
    value = replies.xoauth2_string("natverk@kommun.se", "eyJ0eXAi.token")
    assert value == "user=natverk@kommun.se\x01auth=Bearer eyJ0eXAi.token\x01\x01"
    # What goes on the wire: imaplib base64-encodes it, as RFC 4648 and Microsoft's docs show.
    assert base64.b64encode(value.encode()) == (
        b"dXNlcj1uYXR2ZXJrQGtvbW11bi5zZQFhdXRoPUJlYXJlciBleUowZVhBaS50b2tlbgEB"
    )


def test_the_token_command_prints_the_access_token():
    command = shlex.join([sys.executable, "-c", "print('  tok-123  '); print('ignored')"])
    assert replies.oauth2_token(command) == "tok-123"
    failing = shlex.join([sys.executable, "-c", "import sys; sys.exit(3)"])
    with pytest.raises(replies.MailboxError, match="exit 3"):
        replies.oauth2_token(failing)
    with pytest.raises(replies.MailboxError, match="could not run"):
        replies.oauth2_token("/nonexistent/token-command")


class FakeImap:
    """Stands in for imaplib.IMAP4 to see how the connection signs in."""

    made: list["FakeImap"] = []

    def __init__(self, host, port, timeout=None):
        self.host, self.port, self.calls = host, port, []
        self.state = "AUTH"
        FakeImap.made.append(self)

    def authenticate(self, mechanism, callback):
        self.calls.append(("authenticate", mechanism, callback(b"")))
        return "OK", [b"done"]

    def login(self, user, password):
        self.calls.append(("login", user, password))
        return "OK", [b"done"]

    def select(self, folder):
        self.calls.append(("select", folder))
        self.state = "SELECTED"
        return "OK", [b"0"]


def test_connect_signs_in_with_xoauth2_when_a_token_command_is_set(settings, monkeypatch):
    monkeypatch.setattr(imaplib, "IMAP4", FakeImap)
    settings.IMAP_OAUTH2_TOKEN_COMMAND = shlex.join([sys.executable, "-c", "print('tok-9')"])
    box = replies.Mailbox.from_url("imap://natverk%40kommun.se@127.0.0.1:1143/Svar")
    connection = replies.connect(box)
    assert connection.calls == [  # type: ignore[attr-defined]
        ("authenticate", "XOAUTH2", b"user=natverk@kommun.se\x01auth=Bearer tok-9\x01\x01"),
        ("select", '"Svar"'),
    ]
    settings.IMAP_OAUTH2_TOKEN_COMMAND = ""
    box = replies.Mailbox.from_url("imap://u:p@127.0.0.1:1143/INBOX")
    assert replies.connect(box).calls[0] == ("login", "u", "p")  # type: ignore[attr-defined]
