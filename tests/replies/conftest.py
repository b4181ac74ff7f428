"""A real IMAP server for the reply tests: a private Dovecot (Debian's dovecot-imapd).

One server per test process (so one per xdist worker), with its own configuration in a temporary
folder: no system configuration, 127.0.0.1 on a free port, one test user in a passwd-file,
maildir in the folder, no TLS, plain-text sign-in allowed. It runs in the foreground
(`dovecot -F -c <conf>`) as a child process and is stopped when the session ends.

Without Dovecot the tests that need it are skipped with a message; with `REQUIRE_IMAP=1` (CI)
they fail instead.
"""

import email
import email.policy
import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import factories

DOVECOT = os.environ.get("DOVECOT", "/usr/sbin/dovecot")
USER, PASSWORD = "natverk", "brevlada-test"
SAMPLES = Path(__file__).parent / "samples"
# The UID and SEQUENCE the samples answer (as meetings/calendar/ics.py writes them).
SAMPLE_UID = uuid.UUID("7d3f2a10-5b6c-4e8f-9a1b-2c3d4e5f6071")
SAMPLE_SEQUENCE = 1


def sample(name: str) -> bytes:
    return (SAMPLES / f"{name}.eml").read_bytes()


def edited(name: str, *replacements: tuple[str, str], sender: str | None = None) -> bytes:
    """A sample with its calendar part's text (unfolded) and its From header changed."""
    message = email.message_from_bytes(sample(name), policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() in {"text/calendar", "application/ics"}:
            text = part.get_content()
            if isinstance(text, bytes):
                text = text.decode()
            text = text.replace("\r\n ", "")
            for old, new in replacements:
                text = text.replace(old, new)
            method = "REQUEST" if "METHOD:REQUEST" in text else "REPLY"
            part.set_content(
                text, subtype="calendar", charset="utf-8", cte="base64", params={"method": method}
            )
    if sender is not None:
        message.replace_header("From", sender)
    return message.as_bytes()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _accounts() -> dict[str, str | int]:
    """Who Dovecot's processes run as. As a normal user, that user throughout; as root (CI),
    Dovecot refuses root for its login processes and mail, so Debian's own service users."""
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.getuid())
        group = grp.getgrgid(os.getgid()).gr_name
        return {"login": me.pw_name, "internal": me.pw_name, "group": group,
                "uid": me.pw_uid, "gid": me.pw_gid}  # fmt: skip
    mail = pwd.getpwnam("dovecot")
    return {"login": "dovenull", "internal": "dovecot", "group": "dovecot",
            "uid": mail.pw_uid, "gid": mail.pw_gid}  # fmt: skip


def _config(root: Path, port: int, accounts: dict) -> str:
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = natverk-test-{port}
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {accounts["login"]}
default_internal_user = {accounts["internal"]}
default_internal_group = {accounts["group"]}
first_valid_uid = {accounts["uid"]}
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class ImapServer:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"imap://{USER}:{PASSWORD}@{self.host}:{self.port}/INBOX"

    def connect(self) -> imaplib.IMAP4:
        connection = imaplib.IMAP4(self.host, self.port, timeout=10)
        connection.login(USER, PASSWORD)
        connection.select("INBOX")
        return connection


@pytest.fixture(scope="session")
def imap_server():
    if not Path(DOVECOT).exists():
        reason = f"Dovecot not found at {DOVECOT}: apt-get install dovecot-imapd"
        if os.environ.get("REQUIRE_IMAP") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="dovecot-"))
    accounts = _accounts()
    port = _free_port()
    for folder in ("run", "state", "mail"):
        (root / folder).mkdir()
    (root / "users").write_text(
        f"{USER}:{{PLAIN}}{PASSWORD}:{accounts['uid']}:{accounts['gid']}::{root}/mail/{USER}\n"
    )
    (root / "dovecot.conf").write_text(_config(root, port, accounts))
    if os.geteuid() == 0:
        # The mail processes run as Debian's dovecot user: they must reach their maildir.
        root.chmod(0o755)
        os.chown(root / "mail", accounts["uid"], accounts["gid"])
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = ImapServer("127.0.0.1", port)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                server.connect().logout()
                break
            except (OSError, imaplib.IMAP4.error):
                if process.poll() is not None or time.monotonic() > deadline:
                    log = root / "dovecot.log"
                    raise RuntimeError(
                        "Dovecot did not start: "
                        + (process.stderr.read().decode() if process.stderr else "")
                        + (log.read_text() if log.exists() else "")
                    ) from None
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


class Mailbox:
    """The test user's INBOX, emptied for each test: drop messages in, read their flags."""

    def __init__(self, server: ImapServer):
        self.server = server
        self.url = server.url

    def empty(self) -> None:
        connection = self.server.connect()
        try:
            _status, data = connection.search(None, "ALL")
            if data[0]:
                connection.store("1:*", "+FLAGS", "(\\Deleted)")
                connection.expunge()
        finally:
            connection.logout()

    def append(self, raw: bytes, *, seen: bool = False) -> None:
        connection = self.server.connect()
        try:
            flags = "(\\Seen)" if seen else None
            status, _data = connection.append("INBOX", flags, None, raw)  # type: ignore[arg-type]
            assert status == "OK"
        finally:
            connection.logout()

    def messages(self) -> list[tuple[str, set[str]]]:
        """Each message's subject and flags, in the order they arrived."""
        connection = self.server.connect()
        try:
            found = []
            status, data = connection.fetch("1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
            if status != "OK" or data == [None]:
                return []
            for item in data:
                if not isinstance(item, tuple):
                    continue
                flags = set(imaplib.ParseFlags(item[0]))  # type: ignore[arg-type]
                header = item[1].decode().strip()
                found.append((header, {flag.decode() for flag in flags}))
            return found
        finally:
            connection.logout()


@pytest.fixture
def mailbox(imap_server, settings):
    box = Mailbox(imap_server)
    box.empty()
    settings.IMAP_URL = box.url
    settings.IMAP_URLS = {}
    settings.IMAP_OAUTH2_TOKEN_COMMAND = ""
    return box


@pytest.fixture
def sample_meeting(neh):
    """The published NEH meeting the samples answer, a month ahead."""
    return factories.make_meeting(
        neh, theme_title="Giftfri förskola", uid=SAMPLE_UID, sequence=SAMPLE_SEQUENCE
    )
