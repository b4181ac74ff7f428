"""The search's expression indexes: the migration creates the SQL the search filters on, and on
PostgreSQL the planner uses them."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from meetings.search import engine

migration = importlib.import_module("meetings.migrations.0018_search_indexes")


def test_the_migration_indexes_the_expressions_the_search_uses():
    frozen = {(name, table, sql) for name, table, sql in migration.INDEXES}
    assert frozen == {(i.index_name, i.table, i.sql()) for i in engine.INDEXED}


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
@pytest.mark.parametrize("indexed", engine.INDEXED, ids=lambda i: i.table)
def test_postgresql_can_use_each_index_for_a_search(indexed):
    """The planner matches the search's expression to its index (told to avoid a sequential
    scan, as it would for a table of a few rows)."""
    model = next(
        m for m in apps.get_app_config("meetings").get_models() if m._meta.db_table == indexed.table
    )
    query = engine.SearchQuery("solceller", config="swedish", search_type="plain")
    rows = model.objects.annotate(document=engine.IndexedVector(indexed)).filter(document=query)
    sql, params = rows.values("pk").order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert indexed.index_name in plan, plan
