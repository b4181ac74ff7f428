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

Values are ints, strs, dates and aware datetimes.

The queryset must end in `values_list` and use each value as a plain parameter (a filter's
right-hand side), which compiling checks: a value that does not reach the parameters once as
it was given, or a stand-in found where it was not put, is an error, not a wrong answer.
"""

import datetime
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import ForeignKey, Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]
from django.db.models.signals import post_init, pre_init

# Stand-ins, one per value of the lookup: days and words nobody stores, and numbers no query
# has as a constant. A number must fit every integer column, a small one too (a year): Django
# compiles a comparison with a number a column cannot hold into "nothing" instead of SQL.
_FIRST_NUMBER = 31_001


def _stand_in(kind: type, n: int) -> Any:
    if kind is int:
        return _FIRST_NUMBER + n
    if kind is datetime.datetime:
        return datetime.datetime(1111, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(days=n)
    if kind is datetime.date:
        return datetime.date(1111, 1, 1) + datetime.timedelta(days=n)
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
        # Per parameter: (position, the value's name or None for a constant, the constant, or
        # for a value the type the ORM wrapped it in: psycopg's Int2 for a small column).
        self.slots = slots
        self.converters = compiler.get_converters(
            [expression for expression, _sql, _alias in compiler.select]
        )
        self.compiler = compiler
        self.prefetches = False
        self.instances: Instances | None = None


_KEYS = itertools.count()


class Prepared:
    """A values_list queryset of a fixed shape, compiled on first use per connection."""

    def __init__(self, build: Callable[..., QuerySet], **kinds: type) -> None:
        self._build = build
        self._kinds = kinds
        # A number never handed out again (an id() is, once the object is collected: a lookup
        # made later would find the compiled SQL of one that is gone).
        self._key = f"prepared-{next(_KEYS)}"

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
                wrapped = type(param) is not type(adapted[names[0]])
                slots.append((position, names[0], type(param) if wrapped else None))
                found.add(names[0])
            else:
                if isinstance(param, str) and "prepared-" in param:
                    raise ValueError(f"Prepared: a value was changed on its way to SQL: {param!r}")
                if _is_a_day_or_moment(param):
                    raise ValueError(
                        f"Prepared: a day or moment was built into the SQL ({param!r}): a clock "
                        "read while building would stay as it was; pass it as a value"
                    )
                slots.append((position, None, param))
        if missing := set(self._kinds) - found:
            raise ValueError(f"Prepared: {sorted(missing)} did not reach the SQL's parameters")
        compiled = _Compiled(sql, slots, compiler)
        compiled.prefetches = bool(queryset._prefetch_related_lookups)  # type: ignore[attr-defined]
        return compiled

    def _compiled(self, using: str, values: dict[str, Any]) -> tuple[_Compiled, list]:
        """The compiled query (compiled now if this connection has not yet) and its
        parameters for these values."""
        connection = connections[using]
        compiled_by_connection = connection.__dict__.setdefault("_prepared_queries", {})
        compiled = compiled_by_connection.get(self._key)
        if compiled is None:
            compiled = compiled_by_connection[self._key] = self._compile(connection)
        params = []
        for _position, name, constant in compiled.slots:
            if name is None:
                params.append(constant)
            else:
                value = _adapt(connection, self._kinds[name], values[name])
                params.append(value if constant is None else constant(value))
        return compiled, params

    def _fetch(self, using: str, values: dict[str, Any]) -> tuple[_Compiled | None, list]:
        """The compiled query and its rows as the database gives them."""
        if any(_out_of_range(value) for value in values.values()):
            return None, []  # as the ORM answers it: no row holds an id no column can store
        compiled, params = self._compiled(using, values)
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            return compiled, cursor.fetchall()

    def sql_with_params(self, using: str = DEFAULT_DB_ALIAS, **values: Any) -> tuple[str, list]:
        """The SQL and parameters for these values, to put into a larger query as a subquery
        (as `queryset.query.sql_with_params()` gives them, without building the queryset)."""
        compiled, params = self._compiled(using, values)
        return compiled.sql, params

    def unconverted_rows(
        self, using: str = DEFAULT_DB_ALIAS, **values: Any
    ) -> tuple[list[tuple], list[Callable[[Any], Any] | None]]:
        """The rows for these values as the database gives them, and per column the function
        that converts a value as `rows` would (None where a value is kept as it is): for many
        rows whose columns repeat a few values (amounts, years), which the caller converts
        once per distinct value instead of once per row (SQLite's decimals cost the most)."""
        compiled, found = self._fetch(using, values)
        if compiled is None:
            return [], []
        connection = connections[using]
        width = len(compiled.compiler.select)
        convert: list[Callable[[Any], Any] | None] = [None] * width
        for position, (converters, expression) in compiled.converters.items():
            convert[position] = functools.partial(_converted, converters, expression, connection)
        return found, convert

    def rows(self, using: str = DEFAULT_DB_ALIAS, **values: Any) -> list[tuple]:
        """The rows for these values, each converted as the queryset would have it."""
        compiled, found = self._fetch(using, values)
        if compiled is None:
            return []
        if compiled.converters:
            converted = compiled.compiler.apply_converters(found, compiled.converters)
            return [tuple(row) for row in converted]
        return found  # the driver's list of tuples (a copy cost a tuple per row)

    def objects(self, using: str = DEFAULT_DB_ALIAS, **values: Any) -> list[Any]:
        """The model instances for these values, as iterating the queryset would make them:
        its `select_related` objects set and its annotations as attributes (what Django's
        ModelIterable does with a compiled query's rows). For a queryset of a model, not of
        values; `prefetch_related` is not done (and refused)."""
        rows = self.rows(using, **values)
        compiled = connections[using].__dict__["_prepared_queries"][self._key]
        if compiled.compiler.query.model is None or compiled.prefetches:
            raise ValueError("Prepared.objects: a model's queryset without prefetch_related")
        if compiled.instances is None:
            compiled.instances = Instances(compiled.compiler, using)
        return [compiled.instances.make(row) for row in rows]


def _converted(converters: list, expression: Any, connection: Any, value: Any) -> Any:
    for converter in converters:
        value = converter(value, expression, connection)
    return value


# The columns PreparedNumbers reads: integers and texts, which both databases' drivers give as
# Python ints and strs (a foreign key by the type of the key it points to).
_PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
        "PositiveSmallIntegerField",
        "CharField",
        "TextField",
    }
)


def _plain_type(field) -> str:
    while field.get_internal_type() in ("ForeignKey", "OneToOneField"):
        field = field.target_field
    return field.get_internal_type()


class PreparedNumbers(Prepared):
    """A Prepared lookup whose columns are all integers or texts (counts, ids, names, numbers
    made in SQL): its rows are as the database gives them, without Django's conversion of
    each row (a generator per row and an int() per value of an expression), which for a few
    thousand rows cost more than reading them. Compiling checks the columns' types; an
    expression must be of an integer type on both databases (PostgreSQL's EXTRACT is numeric:
    cast it)."""

    def _compile(self, connection) -> _Compiled:
        compiled = super()._compile(connection)
        for expression, _sql, _alias in compiled.compiler.select:
            kind = _plain_type(expression.output_field)
            if kind not in _PLAIN_TYPES:
                raise ValueError(f"PreparedNumbers: a column of type {kind}: {expression!r}")
        compiled.converters = {}
        return compiled


class Instances:
    """Model instances from the rows of a compiled model query, as Django's ModelIterable
    makes them: the model's fields, its `select_related` objects, its annotations."""

    def __init__(self, compiler, using: str) -> None:
        klass_info, select = compiler.klass_info, compiler.select
        self.model = klass_info["model"]
        self.start, self.end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.names = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, using)
        self.annotations = list(compiler.annotation_col_map.items())
        self.using = using

    def make(self, row: Sequence) -> Any:
        instance = self.model.from_db(self.using, self.names, row[self.start : self.end])
        for populator in self.populators:
            populator.populate(row, instance)
        for name, at in self.annotations:
            setattr(instance, name, row[at])
        return instance


# A day or a moment as a parameter, as the ORM passes it (SQLite: as text).
_DAY_OR_MOMENT = re.compile(r"\d{4}-\d\d-\d\d([ T]\d\d:\d\d(:\d\d(\.\d+)?)?)?([+-]\d\d:\d\d)?")


def _is_a_day_or_moment(param: Any) -> bool:
    if isinstance(param, datetime.date):
        return True
    return isinstance(param, str) and _DAY_OR_MOMENT.fullmatch(param) is not None


def _out_of_range(value: Any) -> bool:
    return type(value) is int and not -(2**63) <= value < 2**63


def _same(stand_in: Any, param: Any) -> bool:
    if type(stand_in) is int:  # or an int the database's driver wraps (Int2)
        return isinstance(param, int) and not isinstance(param, bool) and param == stand_in
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


def instance_maker(
    model: type[M], names: Sequence[str], using: str = DEFAULT_DB_ALIAS
) -> Callable[[Sequence], M]:
    """`values -> model.from_db(using, names, values)`, for many rows: the instance made
    without `Model.__init__`, which sets each field through its descriptor (for a list of a
    hundred rows, most of the time spent reading them). The same instance: its fields in
    `__dict__` (those not named left deferred), its state not adding and of `using`. A model
    with its own `__init__` or a receiver of `pre_init`/`post_init` is made by `from_db`.
    `names` in the order of the model's columns, as `from_db` reads them."""
    if (
        model.__init__ is not Model.__init__
        or pre_init.has_listeners(model)
        or post_init.has_listeners(model)
    ):
        return lambda values: model.from_db(using, names, values)
    names = tuple(names)
    new = model.__new__

    def make(values: Sequence) -> M:
        instance = new(model)
        state = instance._state = ModelState()
        state.adding = False
        state.db = using
        instance.__dict__.update(zip(names, values, strict=True))
        return instance

    return make


class Joined(Generic[M]):
    """A model read in one row with some of its forward relations (foreign keys), as
    `select_related` would give it: `columns` names what to read, `instance` makes the model
    with those relations set. Columns after `columns` (annotations) are left to the caller."""

    def __init__(self, model: type[M], *relations: str) -> None:
        self.model = model
        self.relations: list[tuple[ForeignKey, type[Model]]] = []
        for name in relations:
            field = model._meta.get_field(name)
            assert isinstance(field, ForeignKey) and isinstance(field.related_model, type)
            self.relations.append((field, field.related_model))
        self.columns = columns(model)
        for field, related in self.relations:
            self.columns += columns(related, through=field.name)

    def instance(self, row: Sequence, using: str = DEFAULT_DB_ALIAS) -> M:
        found = from_row(self.model, row, using)
        at = len(self.model._meta.concrete_fields)
        for field, related in self.relations:
            field.set_cached_value(found, from_row(related, row[at:], using))
            at += len(related._meta.concrete_fields)
        return found


# Queries whose SQL depends on how many values they have (an IN of a person's networks, an OR
# of their seats), compiled once per shape: the builder's name, the limit and the values' names.
_BY_SHAPE: dict[tuple, Prepared] = {}


def by_shape(
    build: Callable[..., QuerySet],
    limit: int | None = None,
    offset: int | None = None,
    **values: Any,
) -> list:
    """The model instances `build(limit=limit, **values)` finds, compiled once per shape.

    Lists are passed numbered (`network_0`, `network_1`, ...; `numbered` reads them back), so
    the values' names say how many there are. The builder takes only its values: the moment
    too (a clock it read itself would be compiled in, and is refused).

    `offset`, when given, is passed to the builder too (`build(limit=..., offset=...)`): a page
    of a list, whose LIMIT and OFFSET Django writes into the SQL, compiled once per page."""
    return _shaped(build, limit, offset, values).objects(**values)


def rows_by_shape(
    build: Callable[..., QuerySet], limit: int | None = None, **values: Any
) -> list[tuple]:
    """The rows of `build(limit=limit, **values)`, a `values_list` queryset, compiled once per
    shape as `by_shape` compiles its: for a list that reads a few columns, no model instances
    (each costs Django more than reading its row)."""
    return _shaped(build, limit, None, values).rows(**values)


def _shaped(
    build: Callable[..., QuerySet], limit: int | None, offset: int | None, values: dict
) -> Prepared:
    key = (build.__module__, build.__qualname__, limit, offset, tuple(values))
    prepared = _BY_SHAPE.get(key)
    if prepared is None:
        kinds = {name: type(value) for name, value in values.items()}
        window = {"limit": limit} if offset is None else {"limit": limit, "offset": offset}
        prepared = _BY_SHAPE[key] = Prepared(functools.partial(build, **window), **kinds)
    return prepared


def numbered(values: dict[str, Any], prefix: str) -> list[Any]:
    """The values named `prefix0`, `prefix1`, ... in order."""
    found: list[Any] = []
    while f"{prefix}{len(found)}" in values:
        found.append(values[f"{prefix}{len(found)}"])
    return found


def numbering(prefix: str, items: Iterable[Any]) -> dict[str, Any]:
    """`items` as values named `prefix0`, `prefix1`, ..."""
    return {f"{prefix}{n}": item for n, item in enumerate(items)}
