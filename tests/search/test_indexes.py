"""The search's expression indexes: the migration creates the SQL the search filters on, and on
PostgreSQL the planner uses them."""

import importlib

import pytest
from django.db import connection

from meetings.models import Meeting
from meetings.search import engine

migration = importlib.import_module("meetings.migrations.0018_search_indexes")


def test_the_migration_indexes_the_expressions_the_search_uses():
    frozen = {(name, table, sql) for name, table, sql in migration.INDEXES}
    assert frozen == {(i.index_name, i.table, i.sql()) for i in engine.INDEXED}


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgresql_uses_the_index_for_a_search():
    query = engine.SearchQuery("solceller", config="swedish", search_type="plain")
    rows = Meeting.objects.annotate(document=engine.IndexedVector(engine.MEETING_TEXT)).filter(
        document=query
    )
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = rows.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "meetings_meeting_search" in plan
