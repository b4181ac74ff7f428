"""Trigram indexes for the search on SQLite (meetings/search/engine.py), on SQLite only:
PostgreSQL searches its GIN indexes (migration 0018), so it migrates as before.

Each is an FTS5 table with the trigram tokenizer over a table's searched columns, its content
read from the table itself (external content), kept in step by triggers on insert, update and
delete, so every write counts, bulk_create and update() included. The search asks it for the
rows that hold each word's stem (case folded), then checks those rows with the same LIKE as
before, so it finds exactly what the scan found.

A later migration that rebuilds one of these tables on SQLite (Django copies the table to a new
one for most column changes) drops its triggers: it must call `create_trigrams` again for it.
tests/search/test_trigrams.py fails when a trigger is missing. The SQL is written out here, as
migrations are frozen, and that test checks it against `engine.TRIGRAMS`."""

from django.db import migrations, models

TRIGRAMS = [
    ("meetings_meeting", ("theme_title", "theme_description")),
    ("meetings_agendaitem", ("title", "description")),
    ("meetings_minutesentry", ("note", "outcome")),
    ("meetings_document", ("title",)),
    ("meetings_question", ("title", "description", "written_answer", "outcome")),
]


# The SQL is made of the names above, never of anyone's input (hence the noqa: S608).
def trigram_sql(table: str, columns: tuple[str, ...]) -> list[str]:
    index = f"{table}_trigram"
    names = ", ".join(f'"{column}"' for column in columns)
    new = ", ".join(f'new."{column}"' for column in columns)
    old = ", ".join(f'old."{column}"' for column in columns)
    delete = (
        f'INSERT INTO "{index}" ("{index}", rowid, {names}) VALUES (\'delete\', old.id, {old});'  # noqa: S608, E501
    )
    insert = f'INSERT INTO "{index}" (rowid, {names}) VALUES (new.id, {new});'  # noqa: S608
    return [
        f'DROP TABLE IF EXISTS "{index}"',
        f'CREATE VIRTUAL TABLE "{index}" USING fts5({names}, content="{table}", '
        f'content_rowid="id", tokenize="trigram case_sensitive 0")',
        f'CREATE TRIGGER "{index}_insert" AFTER INSERT ON "{table}" BEGIN {insert} END',
        f'CREATE TRIGGER "{index}_delete" AFTER DELETE ON "{table}" BEGIN {delete} END',
        f'CREATE TRIGGER "{index}_update" AFTER UPDATE OF {names} ON "{table}" '
        f"BEGIN {delete} {insert} END",
        f'INSERT INTO "{index}" ("{index}") VALUES (\'rebuild\')',  # noqa: S608
    ]


def drop_sql(table: str) -> list[str]:
    index = f"{table}_trigram"
    return [
        f'DROP TRIGGER IF EXISTS "{index}_insert"',
        f'DROP TRIGGER IF EXISTS "{index}_delete"',
        f'DROP TRIGGER IF EXISTS "{index}_update"',
        f'DROP TABLE IF EXISTS "{index}"',
    ]


def create_trigrams(apps, schema_editor, tables=None) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, columns in TRIGRAMS:
        if tables is None or table in tables:
            for statement in drop_sql(table) + trigram_sql(table, columns):
                schema_editor.execute(statement)


def drop_trigrams(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, _columns in TRIGRAMS:
        for statement in drop_sql(table):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0030_action_meeting_status"),
    ]

    operations = [
        migrations.RunPython(create_trigrams, drop_trigrams),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["starts_at"], name="meeting_starts"),
        ),
    ]
