"""Search over what a person may read: meetings, agenda items, minutes, documents, questions.

Every source starts from the same visibility as the pages that show it: meetings through
`Meeting.objects.visible_to`, agendas and minutes through their latest *published* version (the
frozen snapshot, never the live draft), questions through `rules.visible_questions`. Drafts
(proposed agenda items, the minutes' draft) are searched only for the coordinators of their
network, who may read them (`networks.rules.coordinated_network_ids`).

On PostgreSQL the search is full-text with the Swedish configuration: stemming ("solceller"
finds "solcellerna"), ranking, and `ts_headline` excerpts. Each text is turned into a tsvector
by exactly the SQL of the GIN expression indexes of migration 0018, so the planner uses them.
Elsewhere (SQLite, in development and in most tests) a plainer fallback: each word cut to a
crude Swedish stem and matched as a substring (LIKE), the newest first; the rows LIKE reads are
first narrowed by FTS5 trigram indexes (migration 0031), which find every row LIKE would.

Excerpts are safe HTML: everything is escaped, then only our own <mark> is put back.
"""

import dataclasses
import functools
import html
import itertools
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from config.prepared import Instances
from config.reversing import pk_url
from meetings.models import (
    AgendaItem,
    AgendaVersion,
    Document,
    Meeting,
    MinutesEntry,
    MinutesVersion,
)
from meetings.models.meeting import meeting_seen_condition
from meetings.rules import questions_seen_by
from networks.rules import coordinated_network_ids
from representatives.rules import current_seats, directed_administration_ids

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
HITS_PER_KIND = 20
EXCERPT_CHARS = 220
# Marks put around a match by ts_headline: private-use characters no one types, replaced by
# <mark> after the whole excerpt is escaped.
START, STOP = "\ue000", "\ue001"

WORD = re.compile(r"\w+")
# Longest first: "solcellerna" loses "erna", not "a".
ENDINGS = sorted(
    ("arnas", "ernas", "ornas", "arna", "erna", "orna", "ens", "ets", "en", "et", "er", "ar", "or",
     "na", "ns", "s", "a", "e"),
    key=len,
    reverse=True,
)  # fmt: skip
MIN_STEM = 3


def words_of(query: str) -> list[str]:
    """The query's words, lower case, at most MAX_WORDS; punctuation and symbols dropped."""
    return [word.lower() for word in WORD.findall(query.replace("_", " "))][:MAX_WORDS]


def stem(word: str) -> str:
    """A crude Swedish stem for the fallback: the longest common ending cut, if enough is left."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


# --- The SQL that the indexes are made of -----------------------------------------------------
# One function per indexed expression; migration 0018 creates the same SQL as GIN indexes.


def text_vector_sql(*columns: str) -> str:
    joined = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
    return f"to_tsvector('swedish'::regconfig, {joined})"


def json_vector_sql(column: str, leave_out: str = "") -> str:
    value = f"({column} - '{leave_out}'::text)" if leave_out else column
    return f"jsonb_to_tsvector('swedish'::regconfig, {value}, '[\"string\"]'::jsonb)"


@dataclasses.dataclass(frozen=True)
class Indexed:
    """A searchable text of one table: its columns, or one JSON column less one key."""

    table: str
    columns: tuple[str, ...] = ()
    json_column: str = ""
    leave_out: str = ""

    @property
    def index_name(self) -> str:
        return f"{self.table}_search"

    @property
    def trigram_table(self) -> str:
        return f"{self.table}_trigram"

    def sql(self, qualify: str | None = None) -> str:
        prefix = f'"{qualify}".' if qualify else ""
        if self.json_column:
            return json_vector_sql(f'{prefix}"{self.json_column}"', self.leave_out)
        return text_vector_sql(*(f'{prefix}"{column}"' for column in self.columns))


MEETING_TEXT = Indexed("meetings_meeting", ("theme_title", "theme_description"))
AGENDA_VERSION_TEXT = Indexed("meetings_agendaversion", json_column="snapshot")
AGENDA_ITEM_TEXT = Indexed("meetings_agendaitem", ("title", "description"))
# The attendance list is names, not what was said: left out of the search.
MINUTES_VERSION_TEXT = Indexed(
    "meetings_minutesversion", json_column="content", leave_out="attendance"
)
MINUTES_ENTRY_TEXT = Indexed("meetings_minutesentry", ("note", "outcome"))
DOCUMENT_TEXT = Indexed("meetings_document", ("title",))
QUESTION_TEXT = Indexed("meetings_question", ("title", "description", "written_answer", "outcome"))
# The texts with a trigram index on SQLite (migration 0031; see `trigram_candidates`): the
# JSON texts (published versions, a few per meeting) are scanned as before.
TRIGRAM_INDEXED = [
    MEETING_TEXT,
    AGENDA_ITEM_TEXT,
    MINUTES_ENTRY_TEXT,
    DOCUMENT_TEXT,
    QUESTION_TEXT,
]
# The trigram tokenizer indexes runs of three characters: a shorter stem cannot be looked up.
MIN_TRIGRAM = 3
INDEXED = [
    MEETING_TEXT,
    AGENDA_VERSION_TEXT,
    AGENDA_ITEM_TEXT,
    MINUTES_VERSION_TEXT,
    MINUTES_ENTRY_TEXT,
    DOCUMENT_TEXT,
    QUESTION_TEXT,
]


class IndexedVector(Func):
    """The tsvector of an `Indexed` text, as the same SQL as its index (no parameters)."""

    output_field = SearchVectorField()

    def __init__(self, indexed: Indexed) -> None:
        super().__init__()
        self.indexed = indexed

    def as_sql(self, compiler, connection, **extra):
        return self.indexed.sql(qualify=self.indexed.table), []


# --- Excerpts ---------------------------------------------------------------------------------


def marked(headline: str) -> SafeString:
    """A ts_headline result as safe HTML: all escaped, then our markers made <mark>."""
    text = escape(headline.strip())
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


@functools.lru_cache(maxsize=256)
def stems_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """A word starting with one of the words' stems, the longest stems first (None for no
    words): made once for a search's many excerpts."""
    stems = sorted({stem(word) for word in words}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE)


def highlighted(text: str, words: list[str]) -> SafeString:
    """An excerpt of `text` around its first match, every word starting with a query word's
    stem marked; the rest escaped."""
    text = " ".join(text.split())
    pattern = stems_pattern(tuple(words))
    if pattern is None:
        return escape(text[:EXCERPT_CHARS])
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - EXCERPT_CHARS // 3)
    if start:
        # Begin at a word.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (first.start() if first else len(text)) else start
    window = text[start : start + EXCERPT_CHARS]
    parts: list[str] = ["… " if start else ""]
    position = 0
    # html.escape: what Django's escape gives, without its lazy-string wrapper (20 hits a kind).
    for match in pattern.finditer(window):
        parts.append(html.escape(window[position : match.start()]))
        parts.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    parts.append(html.escape(window[position:]))
    if start + EXCERPT_CHARS < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308


def matches_all(text: str, words: list[str]) -> bool:
    lowered = text.lower()
    return all(re.search(r"(?<!\w)" + re.escape(stem(word)), lowered) is not None for word in words)


def strings_of(value) -> Iterable[str]:
    """Every string in a JSON value, depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)


# --- Results ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Hit:
    title: str
    url: str
    excerpt: SafeString
    meeting: Meeting | None = None
    network_code: str = ""
    draft: bool = False


@dataclasses.dataclass
class Group:
    key: str
    label: str
    hits: list[Hit]
    # The hits as the page's list items (meetings/search/rows.py), written by the view.
    rows: SafeString = dataclasses.field(default_factory=SafeString)

    @property
    def full(self) -> bool:
        return len(self.hits) >= HITS_PER_KIND


@dataclasses.dataclass(frozen=True)
class Seen:
    """What a person may read, as ids (the roles `Meeting.objects.visible_to` and
    `rules.visible_questions` are made of): the networks they coordinate, the administrations
    they direct, their current seats as (network, administration)."""

    coordinated: tuple[int, ...] = ()
    directed: tuple[int, ...] = ()
    seats: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, user) -> "Seen":
        return cls(
            tuple(sorted(coordinated_network_ids(user))),
            tuple(sorted(directed_administration_ids(user))),
            tuple((seat.network_id, seat.administration_id) for seat in current_seats(user)),
        )

    @property
    def shape(self) -> tuple[int, int, int]:
        return len(self.coordinated), len(self.directed), len(self.seats)


@dataclasses.dataclass
class Source:
    """One kind of result: the rows a person may read, the text searched, how a row reads."""

    key: str
    label: str
    indexed: Indexed
    fallback_fields: tuple[str, ...]
    rows: Callable[[Seen], QuerySet]
    hit: Callable[[Any, SafeString], Hit]
    # The text a row's excerpt is cut from (for JSON rows; text rows use their columns).
    text: Callable[[Any], str]
    newest_first: tuple[str, ...]
    # Rows with long texts, many of them matching (a network's live agenda items): the
    # fallback ranks their ids only, then reads the page's rows (see `fallback_hits`).
    wide: bool = False


def latest_agenda_versions(seen: Seen) -> QuerySet:
    newer = AgendaVersion.objects.filter(meeting=OuterRef("meeting"), number__gt=OuterRef("number"))
    return (
        AgendaVersion.objects.filter(meeting_seen_condition(seen.coordinated, "meeting"))
        # A coordinator searches the network's live items instead (below), not both.
        .exclude(meeting__network_id__in=seen.coordinated)
        .exclude(Exists(newer))
        .select_related("meeting__network")
    )


def draft_agenda_items(seen: Seen) -> QuerySet:
    return AgendaItem.objects.filter(
        meeting__network_id__in=seen.coordinated,
        status__in=[AgendaItem.Status.PROPOSED, AgendaItem.Status.ACCEPTED],
    ).select_related("meeting__network")


def latest_minutes_versions(seen: Seen) -> QuerySet:
    newer = MinutesVersion.objects.filter(
        minutes=OuterRef("minutes"), number__gt=OuterRef("number")
    )
    return (
        MinutesVersion.objects.filter(meeting_seen_condition(seen.coordinated, "minutes__meeting"))
        .exclude(Exists(newer))
        .select_related("minutes__meeting__network")
    )


def draft_minutes_entries(seen: Seen) -> QuerySet:
    return MinutesEntry.objects.filter(
        minutes__meeting__network_id__in=seen.coordinated
    ).select_related("minutes__meeting__network", "agenda_item")


def snapshot_text(version: AgendaVersion) -> str:
    return "\n".join(
        f"{item.get('title', '')}: {item.get('description', '')}" for item in version.snapshot
    )


def snapshot_title(version: AgendaVersion, words: list[str]) -> str:
    """The first item of the snapshot that matches, else the first item."""
    for item in version.snapshot:
        if matches_all(f"{item.get('title', '')} {item.get('description', '')}", words[:1]):
            return str(item.get("title", ""))
    return str(version.snapshot[0].get("title", "")) if version.snapshot else ""


def minutes_text(version: MinutesVersion) -> str:
    content = dict(version.content)
    content.pop("attendance", None)
    return "\n".join(strings_of(content))


def meeting_hit(meeting: Meeting, excerpt: SafeString) -> Hit:
    return Hit(
        title=meeting.theme_title or str(_("Temat är inte publicerat ännu")),
        url=pk_url("meeting_detail", meeting.pk),
        excerpt=excerpt,
        meeting=meeting,
        network_code=meeting.network.code,
        draft=meeting.status == Meeting.Status.PLANNED,
    )


def on_meeting(meeting: Meeting, title: str, url: str, excerpt: SafeString, draft=False) -> Hit:
    return Hit(title, url, excerpt, meeting, meeting.network.code, draft)


DRAFT_SOURCES = ("agenda_drafts", "minutes_drafts")  # read by coordinators only


def sources(words: list[str]) -> list[Source]:
    return [
        Source(
            "meetings",
            str(_("Möten")),
            MEETING_TEXT,
            ("theme_title", "theme_description"),
            lambda seen: Meeting.objects.seen_by(seen.coordinated).select_related("network"),
            meeting_hit,
            lambda m: f"{m.theme_title}\n{m.theme_description}",
            ("-starts_at", "-pk"),
        ),
        Source(
            "agenda",
            str(_("Dagordningspunkter")),
            AGENDA_VERSION_TEXT,
            (),
            latest_agenda_versions,
            lambda v, excerpt: on_meeting(
                v.meeting, snapshot_title(v, words), v.get_absolute_url(), excerpt
            ),
            snapshot_text,
            ("-meeting__starts_at", "-pk"),
        ),
        Source(
            "agenda_drafts",
            str(_("Dagordningspunkter som inte är publicerade")),
            AGENDA_ITEM_TEXT,
            ("title", "description"),
            draft_agenda_items,
            lambda item, excerpt: on_meeting(
                item.meeting,
                item.title,
                pk_url("agenda_manage", item.meeting_id),
                excerpt,
                draft=True,
            ),
            lambda item: f"{item.title}\n{item.description}",
            ("-meeting__starts_at", "-pk"),
            wide=True,
        ),
        Source(
            "minutes",
            str(_("Minnesanteckningar")),
            MINUTES_VERSION_TEXT,
            (),
            latest_minutes_versions,
            lambda v, excerpt: on_meeting(
                v.minutes.meeting,
                v.minutes.meeting.theme_title,
                pk_url("minutes_detail", v.minutes.meeting_id),
                excerpt,
            ),
            minutes_text,
            ("-minutes__meeting__starts_at", "-pk"),
        ),
        Source(
            "minutes_drafts",
            str(_("Utkast till minnesanteckningar")),
            MINUTES_ENTRY_TEXT,
            ("note", "outcome"),
            draft_minutes_entries,
            lambda entry, excerpt: on_meeting(
                entry.minutes.meeting,
                entry.agenda_item.title,
                pk_url("minutes_edit", entry.minutes.meeting_id),
                excerpt,
                draft=True,
            ),
            lambda entry: f"{entry.note}\n{entry.outcome}",
            ("-minutes__meeting__starts_at", "-pk"),
            wide=True,
        ),
        Source(
            "documents",
            str(_("Dokument")),
            DOCUMENT_TEXT,
            ("title",),
            lambda seen: Document.objects.select_related("network"),
            lambda document, excerpt: Hit(
                document.title,
                document.get_absolute_url(),
                excerpt,
                network_code=document.network.code,
            ),
            lambda document: document.title,
            ("-created_at", "-pk"),
        ),
        Source(
            "questions",
            str(_("Frågor från ledningsgrupperna")),
            QUESTION_TEXT,
            ("title", "description", "written_answer", "outcome"),
            lambda seen: questions_seen_by(
                seen.coordinated, seen.directed, seen.seats
            ).select_related("network"),
            lambda question, excerpt: Hit(
                question.title,
                pk_url("question_detail", question.pk),
                excerpt,
                network_code=question.network.code,
            ),
            lambda q: f"{q.title}\n{q.description}\n{q.written_answer}\n{q.outcome}",
            ("-raised_on", "-pk"),
        ),
    ]


def full_text_hits(source: Source, rows: QuerySet, words: list[str]) -> list[Hit]:
    return hits_ranked(source, full_text_page(source, rows, " ".join(words)), words)


def hits_ranked(source: Source, rows: Iterable, words: list[str]) -> list[Hit]:
    """The hits of a page of full-text rows, each with its headline, or the text highlighted
    where the source has no headline (a JSON text)."""
    hits = []
    for row in rows:
        headline = getattr(row, "headline", None)
        excerpt = marked(headline) if headline else highlighted(source.text(row), words)
        hits.append(source.hit(row, excerpt))
    return hits


def full_text_page(source: Source, rows: QuerySet, text: str) -> QuerySet:
    """The rows whose text matches `text` (PostgreSQL's full-text search), best first, with
    their headlines: a page of them."""
    query = SearchQuery(text, config="swedish", search_type="plain")
    vector = IndexedVector(source.indexed)
    rows = rows.annotate(document=vector).filter(document=query)
    rows = rows.annotate(rank=SearchRank(vector, query)).order_by("-rank", *source.newest_first)
    if source.fallback_fields:
        # ts_headline over the same text the vector is made of.
        whole = Func(
            *(F(name) for name in source.fallback_fields),
            function="CONCAT_WS",
            template="%(function)s(' ', %(expressions)s)",
            output_field=TextField(),
        )
        rows = rows.annotate(
            headline=SearchHeadline(
                whole,
                query,
                config="swedish",
                start_sel=START,
                stop_sel=STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
            )
        )
    return rows[:HITS_PER_KIND]


def trigram_candidates(indexed: Indexed, words: list[str]) -> RawSQL | None:
    """The ids of the rows whose text holds every stem of three or more characters, from the
    table's trigram index (SQLite, migration 0031); None when no stem is that long.

    The index folds case for every letter, LIKE only for A-Z: the candidates are therefore all
    the rows LIKE finds and perhaps a few more, and the LIKE that follows decides, as before."""
    stems = [s for s in dict.fromkeys(stem(word) for word in words) if len(s) >= MIN_TRIGRAM]
    if not stems or indexed not in TRIGRAM_INDEXED:
        return None
    # Each stem a quoted FTS5 string (words are letters and digits only; quotes doubled all
    # the same), so nothing in a query is read as an operator.
    match = " AND ".join('"' + s.replace('"', '""') + '"' for s in stems)
    table = indexed.trigram_table
    # The table's name is ours; the query's words are a parameter.
    sql = f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s'  # noqa: S608
    return RawSQL(sql, [match])  # noqa: S611


def fallback_page(source: Source, rows: QuerySet, words: list[str], narrow=True) -> QuerySet:
    """The rows to read for the fallback: every word's stem somewhere in the text (the text
    columns through their trigram index first, unless not to `narrow`), the newest first, a
    page of them."""
    every = rows
    if source.fallback_fields:
        candidates = trigram_candidates(source.indexed, words) if narrow else None
        if candidates is not None:
            rows = rows.filter(pk__in=candidates)
        for word in words:
            condition = Q()
            for name in source.fallback_fields:
                condition |= Q(**{f"{name}__icontains": stem(word)})
            rows = rows.filter(condition)
        limit = HITS_PER_KIND
    else:
        column = source.indexed.json_column
        rows = rows.annotate(json_text=Cast(column, TextField()))
        for word in words:
            rows = rows.filter(json_text__icontains=json_stem(word))
        limit = HITS_PER_KIND * 3
    page = rows.order_by(*source.newest_first)[:limit]
    if source.wide:
        # SQLite sorts every matching row whole before taking a page: sort only their ids.
        page = every.filter(pk__in=page.values("pk")).order_by(*source.newest_first)
    return page


def json_stem(word: str) -> str:
    """A word's stem as the stored JSON holds it (SQLite keeps non-ASCII letters escaped)."""
    return json.dumps(stem(word))[1:-1]


def fallback_hits(source: Source, rows: QuerySet, words: list[str]) -> list[Hit]:
    """Every word's stem somewhere in the text; JSON texts checked again in Python, since the
    stored JSON also holds its keys (and SQLite keeps non-ASCII letters escaped in it)."""
    return hits_of(source, fallback_page(source, rows, words), words)


def hits_of(source: Source, rows: Iterable, words: list[str]) -> list[Hit]:
    hits = []
    for row in rows:
        text = source.text(row)
        if not source.fallback_fields and not matches_all(text, words):
            continue
        hits.append(source.hit(row, highlighted(text, words)))
    return hits[:HITS_PER_KIND]


# --- The fallback's queries, compiled once per shape --------------------------------------------
# Building and compiling a source's queryset cost Django about a millisecond and a half, several
# times what SQLite then takes to answer it. A query's SQL depends only on its shape: the
# source, the number of words and whether any is long enough for the trigram index, and how
# many networks, administrations and seats the person has. So each shape is compiled once per
# connection from the very queryset `fallback_page` builds, with stand-in words and ids, and
# then run with each search's values in their places (as config/prepared.py does for
# lookups of a fixed shape); compiling checks that every stand-in reached the parameters as
# itself and nowhere else, and tests/search/test_trigrams.py compares the hits with the
# queryset's own.

_FIRST_ID = -7_100_000_000_001


def stand_in_words(words: list[str]) -> list[str]:
    """As many words as `words`, long enough for the trigram index if one of them is: letters
    and digits no text holds, ending in a digit so that `stem` leaves them whole."""
    if any(len(stem(word)) >= MIN_TRIGRAM for word in words):
        return [f"qzxstandin{n}" for n in range(len(words))]
    return [str(n) for n in range(len(words))]


def stand_in_seen(shape: tuple[int, int, int]) -> Seen:
    ids = itertools.count(_FIRST_ID, -1)
    coordinated, directed, seats = shape
    return Seen(
        tuple(next(ids) for _ in range(coordinated)),
        tuple(next(ids) for _ in range(directed)),
        tuple((next(ids), next(ids)) for _ in range(seats)),
    )


# A word in at least this many rows of a table is looked for by walking the rows newest first
# (the first twenty found end the walk); in fewer, the trigram index's candidates are read.
MANY_CANDIDATES = 400


class Compiled:
    """A compiled query whose rows become model instances, as its queryset's would."""

    compiler: Any
    sql: str

    def keep(self, compiler) -> None:
        self.compiler = compiler
        self.converters = compiler.get_converters(
            [expression for expression, _sql, _alias in compiler.select[: compiler.col_count]]
        )
        self.instances = Instances(compiler, connection.alias)

    def instances_of(self, params: list) -> Iterable:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            found: Iterable = cursor.fetchall()
        if self.converters:
            found = self.compiler.apply_converters(found, self.converters)
        for row in found:
            yield self.instances.make(row)


def seen_id(seen: Seen, where: tuple[str, int, int | None]) -> int:
    """The id an "id" slot stands for: the person's n-th network, administration or seat."""
    field, n, side = where
    value = getattr(seen, field)[n]
    return value if side is None else value[side]


# SQLite compiles a statement again each time a LIKE's pattern is bound anew when the pattern
# is a bare parameter (it could decide whether an index on the column serves the LIKE), and
# these statements are long: compiling cost SQLite more than answering. As an expression
# (the parameter joined to nothing: the same text) the pattern is an ordinary value, and the
# statement SQLite keeps is reused. No text column the search reads has an index a LIKE
# could use, so the plan is the same.
LIKE_PARAMETER = "LIKE %s ESCAPE"
LIKE_EXPRESSION = "LIKE (%s || '') ESCAPE"


def pattern_as_expression(sql: str, slots: list[tuple[str, Any]]) -> str:
    """The SQL with every LIKE's pattern made an expression; every pattern must be a word's."""
    if sql.count(LIKE_PARAMETER) != sum(kind == "like" for kind, _where in slots):
        raise ValueError("Plan: a LIKE whose pattern is not a word's, or a word not in a LIKE")
    return sql.replace(LIKE_PARAMETER, LIKE_EXPRESSION)


class Plan(Compiled):
    """A source's fallback query of one shape, compiled, run with each search's values.

    For a text with a trigram index, two queries in one: the candidates' query, and the walk
    (the same query without the index: the rows newest first, checked by LIKE, stopped at a
    page). Each has a LIMIT that is the page when the word's candidates are few (or many) and
    0 otherwise, so SQLite runs only one of them; their rows come out in the page's order."""

    def __init__(self, source: Source, words: list[str], shape: tuple[int, int, int]) -> None:
        self.source = source
        words = stand_in_words(words)
        seen = stand_in_seen(shape)
        queryset = fallback_page(source, source.rows(seen), words)
        self.empty = queryset.query.is_empty()
        if self.empty:
            return
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        candidates = trigram_candidates(source.indexed, words)
        self.slots = self.slots_of(params, seen, words, candidates)
        self.sql = sql
        if candidates is not None:
            walk = fallback_page(source, source.rows(seen), words, narrow=False)
            walk_compiler = walk.query.get_compiler(connection=connection)
            walk_sql, walk_params = walk_compiler.as_sql()
            walk_slots = self.slots_of(walk_params, seen, words, None)
            if len(walk_compiler.select) != len(compiler.select):
                raise ValueError("Plan: the walk reads other columns than the candidates")
            limit = HITS_PER_KIND if source.fallback_fields else HITS_PER_KIND * 3
            table = source.indexed.trigram_table
            count = (
                f'(SELECT COUNT(*) FROM (SELECT 1 FROM "{table}" WHERE "{table}" MATCH %s '  # noqa: S608
                f"LIMIT {MANY_CANDIDATES}))"
            )
            few_sql, few_slots = self.guarded(
                sql, self.slots, limit, f"{count} < {MANY_CANDIDATES}"
            )
            many_sql, many_slots = self.guarded(
                walk_sql, walk_slots, limit, f"{count} >= {MANY_CANDIDATES}"
            )
            order = ", ".join(self.order_positions(compiler))
            self.sql = (
                f"SELECT * FROM ({few_sql}) UNION ALL SELECT * FROM ({many_sql}) "  # noqa: S608
                f"ORDER BY {order}"
            )
            self.slots = few_slots + many_slots
        self.sql = pattern_as_expression(self.sql, self.slots)
        self.keep(compiler)

    @staticmethod
    def slots_of(
        params, seen: Seen, words: list[str], candidates, like: Callable[[str], str] | None = None
    ) -> list[tuple[str, Any]]:
        """Per parameter: what goes there ("id", "like", "match" or "constant"), from where.
        A word reaches the parameters as `like(word)` (a LIKE's pattern unless told)."""
        ids: dict[int, tuple[str, int, int | None]] = {}
        for field in ("coordinated", "directed"):
            for n, value in enumerate(getattr(seen, field)):
                ids[value] = (field, n, None)
        for n, pair in enumerate(seen.seats):
            for side, value in enumerate(pair):
                ids[value] = ("seats", n, side)
        pattern = like or (lambda word: f"%{word}%")
        likes = {pattern(word): n for n, word in enumerate(words)}
        match = candidates.params[0] if candidates is not None else None
        slots: list[tuple[str, Any]] = []
        for param in params:
            if type(param) is int and param in ids:
                slots.append(("id", ids[param]))
            elif isinstance(param, str) and param in likes:
                slots.append(("like", likes[param]))
            elif match is not None and param == match:
                slots.append(("match", None))
            else:
                changed = (isinstance(param, str) and "qzxstandin" in param) or (
                    type(param) is int and param <= _FIRST_ID
                )
                if changed:
                    raise ValueError(f"Plan: a stand-in was changed on its way: {param!r}")
                slots.append(("constant", param))
        # Every word must reach the SQL (a source need not use every id: documents use none).
        kinds = {(kind, where) for kind, where in slots}
        missing = [word for word, n in likes.items() if ("like", n) not in kinds]
        if missing or (match is not None and ("match", None) not in kinds):
            raise ValueError(f"Plan: stand-ins did not reach the parameters: {missing}")
        return slots

    @staticmethod
    def guarded(sql: str, slots: list, limit: int, condition: str) -> tuple[str, list]:
        """The query with its page's LIMIT made the page when `condition` holds, else 0; the
        condition's one parameter (the trigram match) put in its place among the slots."""
        page = f" LIMIT {limit}"
        if sql.count(page) != 1:
            raise ValueError(f"Plan: not one{page} in {sql!r}")
        at = sql.index(page)
        before = sql[:at].count("%s")
        guarded = f" LIMIT (CASE WHEN {condition} THEN {limit} ELSE 0 END)"
        return (
            sql[:at] + guarded + sql[at + len(page) :],
            [*slots[:before], ("match", None), *slots[before:]],
        )

    @staticmethod
    def order_positions(compiler) -> list[str]:
        """The query's ORDER BY as positions of its columns, for the union of the two."""
        columns = [compiler.compile(expression)[0] for expression, _sql, _alias in compiler.select]
        positions = []
        for _expression, (sql, _params, _is_ref) in compiler.get_order_by():
            column, _, direction = sql.rpartition(" ")
            if direction not in ("ASC", "DESC") or column not in columns:
                raise ValueError(f"Plan: cannot order the union by {sql!r}")
            positions.append(f"{columns.index(column) + 1} {direction}")
        return positions

    def params(self, seen: Seen, words: list[str]) -> list:
        json_text = not self.source.fallback_fields
        values: list[Any] = []
        for kind, where in self.slots:
            if kind == "id":
                values.append(seen_id(seen, where))
            elif kind == "like":
                word = words[where]
                found = json_stem(word) if json_text else stem(word)
                values.append(f"%{connection.ops.prep_for_like_query(found)}%")
            elif kind == "match":
                candidates = trigram_candidates(self.source.indexed, words)
                assert candidates is not None  # the shape says a stem is long enough
                values.append(candidates.params[0])
            else:
                values.append(where)
        return values

    def rows(self, seen: Seen, words: list[str]) -> Iterable:
        """The page's rows as model instances, as the queryset would give them."""
        if self.empty:
            return
        yield from self.instances_of(self.params(seen, words))


def planned_hits(source: Source, seen: Seen, words: list[str]) -> list[Hit]:
    """`fallback_hits` through the plan of the search's shape, compiled on first use."""
    long = any(len(stem(word)) >= MIN_TRIGRAM for word in words)
    key = (source.key, len(words), long, seen.shape)
    plans = connection.__dict__.setdefault("_search_plans", {})
    plan = plans.get(key)
    if plan is None:
        plan = plans[key] = Plan(source, words, seen.shape)
    return hits_of(source, plan.rows(seen, words), words)


# The full-text query is compiled once per shape too (PostgreSQL): the source and how many
# networks, administrations and seats the person has. The words reach it as one text, the
# query's, wherever it is used (the match, the rank, the headline).
STAND_IN_TEXT = "qzxstandintext"


class FullTextPlan(Compiled):
    """A source's full-text query of one shape, compiled, run with each search's values."""

    def __init__(self, source: Source, shape: tuple[int, int, int]) -> None:
        self.source = source
        seen = stand_in_seen(shape)
        queryset = full_text_page(source, source.rows(seen), STAND_IN_TEXT)
        self.empty = queryset.query.is_empty()
        if self.empty:
            return
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        self.slots = Plan.slots_of(params, seen, [STAND_IN_TEXT], None, like=lambda text: text)
        self.keep(compiler)

    def rows(self, seen: Seen, text: str) -> Iterable:
        if self.empty:
            return
        values: list[Any] = []
        for kind, where in self.slots:
            if kind == "id":
                values.append(seen_id(seen, where))
            elif kind == "like":
                values.append(text)
            else:
                values.append(where)
        yield from self.instances_of(values)


def planned_full_text_hits(source: Source, seen: Seen, words: list[str]) -> list[Hit]:
    """`full_text_hits` through the plan of the search's shape, compiled on first use."""
    key = (source.key, seen.shape)
    plans = connection.__dict__.setdefault("_full_text_plans", {})
    plan = plans.get(key)
    if plan is None:
        plan = plans[key] = FullTextPlan(source, seen.shape)
    return hits_ranked(source, plan.rows(seen, " ".join(words)), words)


def search(user, query: str) -> list[Group]:
    """The groups of hits for `query` that `user` may read; empty groups left out."""
    words = words_of(query)
    if not words or not user.is_authenticated:
        return []
    seen = Seen.of(user)
    full_text = uses_full_text()
    groups = []
    for source in sources(words):
        # The drafts are only a coordinator's: for anyone else their sources are empty, and
        # not even compiled.
        if source.key in DRAFT_SOURCES and not seen.coordinated:
            continue
        if full_text:
            hits = planned_full_text_hits(source, seen, words)
        else:
            hits = planned_hits(source, seen, words)
        if hits:
            groups.append(Group(source.key, source.label, hits))
    return groups
