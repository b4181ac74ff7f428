"""The outbox's periodic jobs: the sweep that expands the fan-outs still waiting and sends what
is due (the retries after a back-off, and anything whose enqueued task was lost), the nightly
tidying of what was sent, and the worker's nightly care of the database (`upkeep`)."""

import datetime

from meetings.outbox import delivery, fanout, schedule, tidy, upkeep


@schedule.periodic(every=datetime.timedelta(seconds=30), name="outbox.sweep")
def sweep() -> None:
    fanout.expand_pending()
    delivery.deliver_due()


@schedule.periodic(every=datetime.timedelta(days=1), name="outbox.tidy")
def tidy_up() -> None:
    tidy.thin_sent()
    tidy.prune_task_results()


@schedule.periodic(every=datetime.timedelta(days=1), name="database.statistics")
def refresh_statistics() -> None:
    upkeep.refresh_statistics()
