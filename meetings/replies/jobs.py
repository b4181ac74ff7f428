"""The worker reads the networks' mailboxes for answers given in Outlook every
IMAP_READ_SECONDS (two minutes by default; ten seconds in the demo, `make run`), and does
nothing when no mailbox is set (`configured_urls()` is empty)."""

import datetime

from django.conf import settings

from meetings.outbox import schedule
from meetings.replies import mailbox


@schedule.periodic(
    every=datetime.timedelta(seconds=max(1, settings.IMAP_READ_SECONDS)), name="replies.read"
)
def read_replies() -> None:
    mailbox.read_all_mailboxes()
