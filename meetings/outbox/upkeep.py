"""The worker's care of the database: fresh planner statistics every night.

The query planner picks its indexes by the statistics of each table. PostgreSQL's autovacuum
keeps them fresh; SQLite, the zero-setup default, has none until ANALYZE runs, and then guesses:
with hundreds of thousands of consultation responses it read them all through their documents
to find the few sent lately, instead of using the index on `sent_at` (60 ms against 1 ms on the
coordinators' start page, `make bench`). ANALYZE once a night costs seconds, on either database.
"""

from django.db import connection


def refresh_statistics() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
