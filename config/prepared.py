"""Small lookups of a fixed shape, compiled once per database connection.

Building and compiling a queryset costs Django about a millisecond; SQLite or PostgreSQL
answer a lookup by index in a twentieth of that. A few lookups are asked on nearly every page
(the networks a person coordinates, the seats they hold, the network in the URL), so for those
the SQL is compiled once from the ORM's own definition, with stand-in values, and then run
with each request's values. The definition stays a queryset: no SQL is written by hand, and
`tests/project/test_prepared.py` holds each prepared lookup to its queryset.

    seats = Prepared(
        lambda person_id, day: Appointment.objects.current(day)
        .filter(person_id=person_id)
        .values_list(*columns(Appointment)),
        person_id=int,
        day=datetime.date,
    )
    rows = seats.rows(person_id=user.pk, day=timezone.localdate())

The queryset must end in `values_list` and use each value as a plain parameter (a filter's
right-hand side), which compiling checks: a value that does not reach the parameters once as
it was given, or a stand-in found where it was not put, is an error, not a wrong answer.
"""

import datetime
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet

# Stand-ins nobody stores: far-off ids, days and words, one per value of the lookup.
_FIRST_ID = -7_000_000_000_001


def _stand_in(kind: type, n: int) -> Any:
    if kind is int:
        return _FIRST_ID - n
    if kind is datetime.date:
        return datetime.date(1111, 1, 1) + datetime.timedelta(days=n)
    if kind is datetime.datetime:
        return datetime.datetime(1111, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(hours=n)
    if kind is str:
        return f"\ue000prepared-{n}\ue001"
    raise TypeError(f"Prepared: no stand-in for {kind.__name__}")


def _adapt(connection, kind: type, value: Any) -> Any:
    """The value as the ORM puts it among the parameters (a day or a moment is text on
    SQLite)."""
    if kind is datetime.date:
        return connection.ops.adapt_datefield_value(value)
    if kind is datetime.datetime:
        return connection.ops.adapt_datetimefield_value(value)
    return value


class _Compiled:
    def __init__(self, sql: str, slots: list[tuple[int, str | None, Any]], compiler) -> None:
        self.sql = sql
        # Per parameter: (position, the value's name or None for a constant, the constant).
        self.slots = slots
        self.converters = compiler.get_converters(
            [expression for expression, _sql, _alias in compiler.select]
        )
        self.compiler = compiler


class Prepared:
    """A values_list queryset of a fixed shape, compiled on first use per connection."""

    def __init__(self, build: Callable[..., QuerySet], **kinds: type) -> None:
        self._build = build
        self._kinds = kinds
        self._key = f"prepared-{id(self)}"

    def _compile(self, connection) -> _Compiled:
        stand_ins = {name: _stand_in(kind, n) for n, (name, kind) in enumerate(self._kinds.items())}
        queryset = self._build(**stand_ins)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        adapted = {name: _adapt(connection, self._kinds[name], v) for name, v in stand_ins.items()}
        slots: list[tuple[int, str | None, Any]] = []
        found: set[str] = set()
        for position, param in enumerate(params):
            names = [name for name, value in adapted.items() if _same(value, param)]
            if names:
                slots.append((position, names[0], None))
                found.add(names[0])
            else:
                if isinstance(param, str) and "prepared-" in param:
                    raise ValueError(f"Prepared: a value was changed on its way to SQL: {param!r}")
                slots.append((position, None, param))
        if missing := set(self._kinds) - found:
            raise ValueError(f"Prepared: {sorted(missing)} did not reach the SQL's parameters")
        return _Compiled(sql, slots, compiler)

    def rows(self, using: str = DEFAULT_DB_ALIAS, **values: Any) -> list[tuple]:
        """The rows for these values, each converted as the queryset would have it."""
        if any(_out_of_range(value) for value in values.values()):
            return []  # as the ORM answers it: no row holds an id no column can store
        connection = connections[using]
        compiled_by_connection = connection.__dict__.setdefault("_prepared_queries", {})
        compiled = compiled_by_connection.get(self._key)
        if compiled is None:
            compiled = compiled_by_connection[self._key] = self._compile(connection)
        params = [
            constant if name is None else _adapt(connection, self._kinds[name], values[name])
            for _position, name, constant in compiled.slots
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            found: Iterable = cursor.fetchall()
        if compiled.converters:
            found = compiled.compiler.apply_converters(found, compiled.converters)
        return [tuple(row) for row in found]


def _out_of_range(value: Any) -> bool:
    return type(value) is int and not -(2**63) <= value < 2**63


def _same(stand_in: Any, param: Any) -> bool:
    return type(stand_in) is type(param) and stand_in == param


def columns(model: type[Model], through: str = "") -> list[str]:
    """The lookups naming every column of `model` (behind the relation `through`, if given),
    in the order `from_row` expects them."""
    prefix = f"{through}__" if through else ""
    return [f"{prefix}{field.attname}" for field in model._meta.concrete_fields]


M = TypeVar("M", bound=Model)


def from_row(model: type[M], row: Sequence, using: str = DEFAULT_DB_ALIAS) -> M:
    """A model instance from the values of `columns(model)`, as if the ORM had read it."""
    names = [field.attname for field in model._meta.concrete_fields]
    return model.from_db(using, names, list(itertools.islice(row, len(names))))
