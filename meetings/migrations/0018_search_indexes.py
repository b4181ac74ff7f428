"""GIN expression indexes for the Swedish full-text search (meetings/search/engine.py), on
PostgreSQL only: SQLite searches without them, so it migrates as before.

Each index is the very SQL the search filters on (`engine.INDEXED`), so the planner can use
it; the SQL is written out here, as migrations are frozen, and tests/search/test_indexes.py
checks that the two agree."""

from django.db import migrations

INDEXES = [
    (
        "meetings_meeting_search",
        "meetings_meeting",
        """to_tsvector('swedish'::regconfig, COALESCE("theme_title", '') || ' ' || COALESCE("theme_description", ''))""",
    ),
    (
        "meetings_agendaversion_search",
        "meetings_agendaversion",
        """jsonb_to_tsvector('swedish'::regconfig, "snapshot", '["string"]'::jsonb)""",
    ),
    (
        "meetings_agendaitem_search",
        "meetings_agendaitem",
        """to_tsvector('swedish'::regconfig, COALESCE("title", '') || ' ' || COALESCE("description", ''))""",
    ),
    (
        "meetings_minutesversion_search",
        "meetings_minutesversion",
        """jsonb_to_tsvector('swedish'::regconfig, ("content" - 'attendance'::text), '["string"]'::jsonb)""",
    ),
    (
        "meetings_minutesentry_search",
        "meetings_minutesentry",
        """to_tsvector('swedish'::regconfig, COALESCE("note", '') || ' ' || COALESCE("outcome", ''))""",
    ),
    (
        "meetings_document_search",
        "meetings_document",
        """to_tsvector('swedish'::regconfig, COALESCE("title", ''))""",
    ),
    (
        "meetings_question_search",
        "meetings_question",
        """to_tsvector('swedish'::regconfig, COALESCE("title", '') || ' ' || COALESCE("description", '') || ' ' || COALESCE("written_answer", '') || ' ' || COALESCE("outcome", ''))""",
    ),
]


def create_indexes(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, expression in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}))"
        )


def drop_indexes(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0017_attendance_outlook_reply")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
