"""The worker reads the networks' mailboxes for answers given in Outlook every two minutes
(nothing to do when no mailbox is set: `configured_urls()` is empty)."""

import datetime

from meetings.outbox import schedule
from meetings.replies import mailbox


@schedule.periodic(every=datetime.timedelta(minutes=2), name="replies.read")
def read_replies() -> None:
    mailbox.read_all_mailboxes()
