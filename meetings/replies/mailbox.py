"""Reading the networks' mailboxes over IMAP: the answers people gave in Outlook.

Invitations name the network's address as organizer, so Outlook sends every answer there.
`read_all_mailboxes()` visits each configured mailbox once (settings `IMAP_URL`, shared, and
`IMAP_URLS`, per network code, from `IMAP_URL_<CODE>`), reads the unseen messages whose
structure names a calendar part without marking them (BODY.PEEK), and for each message that
carries a calendar REPLY records the answers (meetings/replies/workflow.py), then flags it
\\Seen, so the next cycle skips it. A reply that is refused (unknown meeting, not an attendee,
outdated, malformed) is flagged too: it was read and logged once. Every other message is left
exactly as it was: not flagged, not moved, not deleted. A message whose answer could not be
saved (the database failed) stays unseen and is tried again next cycle.

Sign-in: the URL's user and password (`imaps://user:pass@host/INBOX`), or, when
`IMAP_OAUTH2_TOKEN_COMMAND` is set, SASL XOAUTH2 with the access token that command prints
(Microsoft 365 has turned basic authentication off for IMAP).
"""

import imaplib
import logging
import re
import shlex
import ssl
import subprocess
from collections import Counter
from dataclasses import dataclass
from email.utils import getaddresses
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import DatabaseError

from meetings.replies import itip
from meetings.replies.workflow import Outcome, apply, masked
from networks.models import Network

logger = logging.getLogger("meetings.replies")

TIMEOUT = 30  # seconds, for the connection and the token command
TOKEN_COMMAND_TIMEOUT = 60


class MailboxError(Exception):
    """The mailbox could not be read (connection, sign-in, token); nothing was changed."""


@dataclass(frozen=True)
class Mailbox:
    """Where a network's mail is read: parsed from an `imap://` or `imaps://` URL."""

    secure: bool
    host: str
    port: int
    user: str
    password: str
    folder: str

    @classmethod
    def from_url(cls, url: str) -> "Mailbox":
        parts = urlsplit(url)
        if parts.scheme not in {"imap", "imaps"} or not parts.hostname:
            raise MailboxError(f"not an imap:// or imaps:// URL: {parts.scheme}://…")
        secure = parts.scheme == "imaps"
        try:
            port = parts.port or (993 if secure else 143)
        except ValueError:
            raise MailboxError("the port is not a number") from None
        folder = unquote(parts.path.lstrip("/")) or "INBOX"
        return cls(
            secure=secure,
            host=parts.hostname,
            port=port,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            folder=folder,
        )

    def __str__(self) -> str:
        """For logs: never the password, and the user masked."""
        scheme = "imaps" if self.secure else "imap"
        return f"{scheme}://{masked(self.user)}@{self.host}:{self.port}/{self.folder}"


def xoauth2_string(user: str, access_token: str) -> str:
    """The SASL XOAUTH2 initial response (before base64, which imaplib adds)."""
    return f"user={user}\x01auth=Bearer {access_token}\x01\x01"


def oauth2_token(command: str) -> str:
    """The access token the configured command prints on its first line of output."""
    try:
        # The command comes from the deployment's own settings, not from anyone's input.
        result = subprocess.run(  # noqa: S603
            shlex.split(command),
            capture_output=True,
            text=True,
            timeout=TOKEN_COMMAND_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MailboxError(f"IMAP_OAUTH2_TOKEN_COMMAND could not run: {exc}") from None
    token = result.stdout.strip().splitlines()[0].strip() if result.stdout.strip() else ""
    if result.returncode != 0 or not token:
        raise MailboxError(
            f"IMAP_OAUTH2_TOKEN_COMMAND failed (exit {result.returncode}, no token printed)"
        )
    return token


def connect(mailbox: Mailbox) -> imaplib.IMAP4:
    """A signed-in connection with the folder selected."""
    try:
        if mailbox.secure:
            connection: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                mailbox.host,
                mailbox.port,
                ssl_context=ssl.create_default_context(),
                timeout=TIMEOUT,
            )
        else:
            connection = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=TIMEOUT)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(f"cannot connect to {mailbox}: {exc}") from None
    try:
        command = settings.IMAP_OAUTH2_TOKEN_COMMAND
        if command:
            initial = xoauth2_string(mailbox.user, oauth2_token(command)).encode()
            connection.authenticate("XOAUTH2", lambda _challenge: initial)
        else:
            connection.login(mailbox.user, mailbox.password)
        status, _data = connection.select(quoted(mailbox.folder))
        if status != "OK":
            raise MailboxError(f"cannot open the folder of {mailbox}")
    except (OSError, imaplib.IMAP4.error) as exc:
        close(connection)
        raise MailboxError(f"cannot sign in to {mailbox}: {exc}") from None
    except MailboxError:
        close(connection)
        raise
    return connection


def quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def close(connection: imaplib.IMAP4) -> None:
    try:
        if connection.state == "SELECTED":
            connection.close()
        connection.logout()
    except (OSError, imaplib.IMAP4.error):
        pass


def _sender(message) -> str:
    addresses = getaddresses([str(message.get("From", ""))])
    return addresses[0][1].strip().lower() if addresses else ""


def handle_message(raw: bytes) -> list[Outcome] | None:
    """The outcome of each answer in one message, or None when it holds no calendar REPLY
    (then it must be left alone)."""
    try:
        message = itip.parse_message(raw)
        replies = itip.replies_in(message)
    except itip.MalformedReply as exc:
        logger.warning("Outlook reply ignored: malformed calendar part: %s", exc)
        return [Outcome.REFUSED]
    except Exception as exc:  # the e-mail parser's errors are of many kinds
        logger.warning("Message in the mailbox could not be read as e-mail: %s", exc)
        return None
    if replies is None:
        return None
    sender = _sender(message)
    return [apply(reply, sender) for reply in replies]


_CALENDAR_PART = re.compile(rb"calendar|\"ics\"|\.ics\"", re.IGNORECASE)


def _may_hold_a_calendar(connection: imaplib.IMAP4, message_uid: str) -> bool:
    """Whether the message's structure names a calendar part (text/calendar, application/ics,
    a file *.ics), asked before fetching it: the mailbox's other mail, perhaps large and never
    ours, is not downloaded every cycle. A structure that cannot be read is fetched anyway."""
    status, parts = connection.uid("FETCH", message_uid, "(BODYSTRUCTURE)")
    if status != "OK":
        return True
    structure = b" ".join(
        b" ".join(p for p in part if isinstance(p, bytes)) if isinstance(part, tuple) else part
        for part in parts
        if isinstance(part, (bytes, tuple))
    )
    return not structure or bool(_CALENDAR_PART.search(structure))


def read_mailbox(url: str) -> Counter[str]:
    """Read one mailbox's unseen messages; counts what happened (by outcome, plus "skipped"
    for messages left alone and "failed" for those to try again)."""
    mailbox = Mailbox.from_url(url)
    counts: Counter[str] = Counter()
    connection = connect(mailbox)
    try:
        status, data = connection.uid("SEARCH", None, "UNSEEN")  # type: ignore[arg-type]
        if status != "OK":
            raise MailboxError(f"cannot search {mailbox}")
        for message_uid in (data[0] or b"").decode().split():
            if not _may_hold_a_calendar(connection, message_uid):
                counts["skipped"] += 1
                continue
            status, parts = connection.uid("FETCH", message_uid, "(BODY.PEEK[])")
            raw = next(
                (part[1] for part in parts if isinstance(part, tuple) and len(part) > 1),
                None,
            )
            if status != "OK" or not isinstance(raw, bytes):
                counts["failed"] += 1
                continue
            try:
                outcomes = handle_message(raw)
            except DatabaseError:
                logger.exception("Outlook reply not saved; it stays unseen for the next cycle")
                counts["failed"] += 1
                continue
            if outcomes is None:
                counts["skipped"] += 1
                continue
            connection.uid("STORE", message_uid, "+FLAGS", "(\\Seen)")
            counts.update(str(outcome) for outcome in outcomes)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(f"reading {mailbox} failed: {exc}") from None
    finally:
        close(connection)
    return counts


def configured_urls() -> list[str]:
    """Each mailbox to read once: a network's own (`IMAP_URL_<CODE>`), else the shared one."""
    urls: list[str] = []
    codes = Network.objects.order_by("code").values_list("code", flat=True)
    for code in codes:
        url = settings.IMAP_URLS.get(code.upper()) or settings.IMAP_URL
        if url and url not in urls:
            urls.append(url)
    if settings.IMAP_URL and not urls:
        urls.append(settings.IMAP_URL)
    return urls


def read_all_mailboxes() -> Counter[str]:
    """Read every configured mailbox once; a periodic job (every few minutes) calls this.

    A mailbox that cannot be read is logged and the others are still read."""
    total: Counter[str] = Counter()
    for url in configured_urls():
        try:
            total += read_mailbox(url)
        except MailboxError as exc:
            logger.error("Mailbox not read: %s", exc)
            total["mailbox errors"] += 1
    return total
