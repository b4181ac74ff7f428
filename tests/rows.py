"""Rows of the test database, read out and written back: a cheap way to bring a database into a
state it was in before, without running again the code (and the signals) that made that state.

Used for the migrated data that serialized rollback loads before every transactional test
(tests/conftest.py) and for the browser tests' `page_data` world (tests/browser/conftest.py).
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction


def models() -> list:
    """Every model with a table that `flush` empties: m2m tables included, proxies not."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        assert not model._meta.parents, f"{model}: multi-table inheritance is not handled here"
        found.append(model)
    return found


def read() -> dict:
    """Every row of every table, by model and primary key."""
    rows = {}
    for model in models():
        names = [f.attname for f in model._meta.local_concrete_fields]
        pk = names.index(model._meta.pk.attname)
        rows[model] = {row[pk]: row for row in model._base_manager.order_by().values_list(*names)}
    return rows


def empty() -> dict:
    return {model: {} for model in models()}


@dataclass
class Changes:
    """What happened to the database between two `read()`s, as SQL that deletes the rows that
    were changed or deleted and inserts the rows that were added or changed. Written to a
    database in the first state, it leaves it in the second."""

    deletes: list  # (sql, primary keys)
    inserts: list  # (sql, rows of column values)

    @classmethod
    def between(cls, before: dict, after: dict) -> "Changes":
        quote = connection.ops.quote_name
        deletes, inserts = [], []
        for model, rows in after.items():
            table, old = quote(model._meta.db_table), before[model]
            gone = [pk for pk, row in old.items() if rows.get(pk) != row]
            new = [row for pk, row in rows.items() if old.get(pk) != row]
            if gone:
                pk = model._meta.pk
                deletes.append(
                    (
                        f"DELETE FROM {table} WHERE {quote(pk.column)} "
                        f"IN ({', '.join(['%s'] * len(gone))})",
                        [pk.get_db_prep_value(value, connection) for value in gone],
                    )
                )
            if new:
                fields = model._meta.local_concrete_fields
                inserts.append(
                    (
                        f"INSERT INTO {table} ({', '.join(quote(f.column) for f in fields)}) "
                        f"VALUES ({', '.join(['%s'] * len(fields))})",
                        [
                            [
                                f.get_db_prep_save(value, connection)
                                for f, value in zip(fields, row, strict=True)
                            ]
                            for row in new
                        ],
                    )
                )
        return cls(deletes, inserts)

    def write(self) -> None:
        # One transaction: the foreign keys (deferrable, on SQLite and PostgreSQL alike) are
        # checked at its end, once every row is in, so the order of the tables does not matter.
        # The explicit primary keys are ones the sequences have handed out already.
        with transaction.atomic(), connection.cursor() as cursor:
            for sql, params in self.deletes:
                cursor.execute(sql, params)
            for sql, rows in self.inserts:
                cursor.executemany(sql, rows)
