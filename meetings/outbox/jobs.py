"""The outbox's periodic jobs: the sweep that expands the fan-outs still waiting and sends what
is due (the retries after a back-off, and anything whose enqueued task was lost), and the
nightly tidying of what was sent."""

import datetime

from meetings.outbox import delivery, fanout, schedule, tidy


@schedule.periodic(every=datetime.timedelta(seconds=30), name="outbox.sweep")
def sweep() -> None:
    fanout.expand_pending()
    delivery.deliver_due()


@schedule.periodic(every=datetime.timedelta(days=1), name="outbox.tidy")
def tidy_up() -> None:
    tidy.thin_sent()
    tidy.prune_task_results()
