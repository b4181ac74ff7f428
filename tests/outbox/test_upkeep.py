"""The worker's nightly ANALYZE: the planner has statistics to pick its indexes by."""

import pytest
from django.db import connection

from meetings.outbox import schedule, upkeep
from tests import factories

pytestmark = pytest.mark.django_db


def _statistics_rows() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return 0
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'accounts_user'")
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_stats WHERE schemaname = current_schema() "
                "AND tablename = 'accounts_user'"
            )
        return cursor.fetchone()[0]


@pytest.fixture
def people():
    for n in range(3):
        factories.make_user(f"person{n}@example.org")


def test_refresh_statistics_gives_the_planner_statistics(people):
    upkeep.refresh_statistics()
    assert _statistics_rows() > 0


def test_the_worker_runs_it_every_night(people):
    schedule.autodiscover()
    (job,) = [job for job in schedule.jobs() if job.name == "database.statistics"]
    assert job.every.days == 1
    job.func()
    assert _statistics_rows() > 0
