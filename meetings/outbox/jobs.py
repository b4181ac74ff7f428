"""The outbox's periodic job: the sweep that sends what is due (the retries after a back-off,
and anything whose enqueued task was lost)."""

import datetime

from meetings.outbox import delivery, schedule


@schedule.periodic(every=datetime.timedelta(seconds=30), name="outbox.sweep")
def sweep() -> None:
    delivery.deliver_due()
