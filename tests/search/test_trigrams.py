"""The trigram indexes of the search on SQLite (migration 0031): kept in step with their tables
by every kind of write, and the search through them finds exactly what the scan found (same
hits, same order, same excerpts, for every role)."""

import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import (
    AgendaItem,
    Meeting,
)
from meetings.search import engine
from tests import factories

migration = importlib.import_module("meetings.migrations.0031_search_trigrams")

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL searches its full-text indexes"
)


def test_the_migration_indexes_the_columns_the_search_uses():
    frozen = [(table, columns) for table, columns in migration.TRIGRAMS]
    assert frozen == [(i.table, i.columns) for i in engine.TRIGRAM_INDEXED]
    # The search re-checks the candidates on exactly the columns the index holds.
    for source in engine.sources(["x"]):
        if source.indexed in engine.TRIGRAM_INDEXED:
            assert source.fallback_fields == source.indexed.columns


def found(indexed: engine.Indexed, stem: str) -> set[int]:
    table = indexed.trigram_table
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', [f'"{stem}"'])
        return {row[0] for row in cursor.fetchall()}


def intact(indexed: engine.Indexed) -> None:
    table = indexed.trigram_table
    with connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO "{table}" ("{table}") VALUES (\'integrity-check\')')


@sqlite_only
@pytest.mark.django_db
def test_every_indexed_table_has_its_triggers():
    """A migration that rebuilds a table on SQLite drops its triggers: this fails until it
    creates them again (migration 0031's `create_trigrams`)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
    for indexed in engine.TRIGRAM_INDEXED:
        for event in ("insert", "update", "delete"):
            assert f"{indexed.trigram_table}_{event}" in triggers


@sqlite_only
@pytest.mark.django_db
def test_every_kind_of_write_reaches_the_index(neh):
    meeting = factories.make_meeting(neh, theme_title="Tema")
    item = factories.make_agenda_item(meeting, title="Solceller", description="Om taket.")
    assert found(engine.AGENDA_ITEM_TEXT, "solcell") == {item.pk}
    item.description = "Om Återvinning."
    item.save()
    assert found(engine.AGENDA_ITEM_TEXT, "återvinn") == {item.pk}
    assert found(engine.AGENDA_ITEM_TEXT, "taket") == set()
    AgendaItem.objects.filter(pk=item.pk).update(title="Vindkraft")
    assert found(engine.AGENDA_ITEM_TEXT, "solcell") == set()
    assert found(engine.AGENDA_ITEM_TEXT, "vindkraft") == {item.pk}
    many = AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=meeting, title=f"Vindkraft {n}") for n in range(3)]
    )
    assert found(engine.AGENDA_ITEM_TEXT, "vindkraft") == {item.pk} | {m.pk for m in many}
    item.delete()
    assert found(engine.AGENDA_ITEM_TEXT, "vindkraft") == {m.pk for m in many}
    Meeting.objects.filter(pk=meeting.pk).update(theme_description="Laddstolpar")
    assert found(engine.MEETING_TEXT, "laddstolp") == {meeting.pk}
    for indexed in engine.TRIGRAM_INDEXED:
        intact(indexed)


# --- The same hits as the scan -----------------------------------------------------------------

QUERIES = [
    "remiss",
    "Remissen",
    "REMISS",
    "åland",
    "Åland",
    "ÅLAND",
    "återvinning",
    "ÅTERVINNINGEN",
    "ärende",
    "öppnades",
    "solceller",
    "Solcellerna taket",
    "batterilager",
    "hemligt",
    "laddstolpe",
    "klimatplanen",
    "2030",
    "ledningsgruppen",
    "fråga",
    "av",
    "el",
    "ö",
    "av punkten",
    "beskrivning",
    "skolor förskolor",
    "noterat",
    "kommunstyrelsen remiss",
    "enbartibrödtext",
    "svar",
    "utfall",
    # Full-text operators are words like any other, or nothing at all.
    "remiss AND åland",
    "NEAR(remiss åland)",
    "remiss*",
    '"remiss"',
    "remiss OR x",
    "NOT remiss",
    "^remiss",
    "title:remiss",
    "{title description}: remiss",
    "remiss -åland",
    "' OR 1=1 --",
    "ett två tre fyra fem sex sju åtta nio tio",
    "x" * 200,
]


def hits(user, query: str) -> list:
    return [
        (group.key, [(h.title, h.url, str(h.excerpt), h.draft, h.network_code) for h in group.hits])
        for group in engine.search(user, query)
    ]


def through_querysets(user, query: str, hits_of=engine.fallback_hits) -> list:
    """The search without compiled plans: each source's queryset built for the person and its
    hits found by `hits_of` (the scan's: every row read by LIKE, no trigram index)."""
    words = engine.words_of(query)
    if not words:
        return []
    seen = engine.Seen.of(user)
    groups = []
    for source in engine.sources(words):
        if source.key in engine.DRAFT_SOURCES and not seen.coordinated:
            continue
        found = hits_of(source, source.rows(seen), words)
        if found:
            groups.append(
                (
                    source.key,
                    [(h.title, h.url, str(h.excerpt), h.draft, h.network_code) for h in found],
                )
            )
    return groups


@sqlite_only
@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "representative", "director", "staff"])
@pytest.mark.parametrize("many", [engine.MANY_CANDIDATES, 1, 6], ids=lambda n: f"many={n}")
def test_the_index_finds_what_the_scan_finds(varied, user_for_role, monkeypatch, role, many):
    """Twice through the compiled plans (the second time every plan is reused with other
    words), then as the scan did it; with words in many rows read through the index, or
    walked newest first (any word in a row or more, or in six rows or more)."""
    user = user_for_role(role)
    monkeypatch.setattr(engine, "MANY_CANDIDATES", many)
    connection.__dict__.pop("_search_plans", None)
    with CaptureQueriesContext(connection) as indexed_queries:
        with_index = {query: hits(user, query) for query in QUERIES}
    assert any("_trigram" in q["sql"] for q in indexed_queries.captured_queries)
    assert connection.__dict__["_search_plans"]
    again = {query: hits(user, query) for query in reversed(QUERIES)}
    connection.__dict__.pop("_search_plans", None)
    monkeypatch.setattr(engine, "trigram_candidates", lambda indexed, words: None)
    with CaptureQueriesContext(connection) as scan_queries:
        scan = {query: through_querysets(user, query) for query in QUERIES}
    assert not any("_trigram" in q["sql"] for q in scan_queries.captured_queries)
    for query in QUERIES:
        assert with_index[query] == scan[query], query
        assert again[query] == scan[query], query
    # The dataset is varied enough to tell: most queries find something, some find a lot.
    assert sum(bool(found) for found in scan.values()) > len(QUERIES) // 2
    full = [len(group[1]) == engine.HITS_PER_KIND for found in scan.values() for group in found]
    assert any(full)


@sqlite_only
@pytest.mark.django_db
def test_a_plan_checks_its_stand_ins(neh, monkeypatch):
    """Compiling fails, rather than answering wrongly, if a stand-in is lost on its way."""
    source = next(s for s in engine.sources(["x"]) if s.key == "questions")
    plan = engine.Plan(source, ["remiss", "av"], (1, 1, 2))
    # Two queries in one (the candidates', the walk's), two words, one match and a count each.
    kinds = [kind for kind, _where in plan.slots]
    assert kinds.count("like") == 2 * 2 * len(source.fallback_fields)
    assert kinds.count("match") == 3
    assert kinds.count("id") == 2 * (1 + 1 + 2 * 2)
    # Every LIKE's pattern an expression, not a bare parameter (which SQLite would compile the
    # statement again for on every search).
    assert "LIKE %s" not in plan.sql
    assert plan.sql.count("LIKE (%s || '') ESCAPE") == kinds.count("like")

    def lost(source, rows, words):
        return rows.filter(title__icontains=words[0].upper())

    monkeypatch.setattr(engine, "fallback_page", lost)
    with pytest.raises(ValueError, match="did not reach"):
        engine.Plan(source, ["remiss"], (1, 0, 0))

    def changed(source, rows, words):
        return rows.filter(title__icontains=words[0] + "x")

    monkeypatch.setattr(engine, "fallback_page", changed)
    with pytest.raises(ValueError, match="changed on its way"):
        engine.Plan(source, ["remiss"], (1, 0, 0))


def test_a_pattern_not_from_a_word_is_refused():
    sql = "SELECT 1 WHERE a LIKE %s ESCAPE '\\' AND b LIKE %s ESCAPE '\\'"
    assert engine.pattern_as_expression(sql, [("like", 0), ("like", 1)]).count("|| ''") == 2
    with pytest.raises(ValueError, match="not a word's"):
        engine.pattern_as_expression(sql, [("like", 0), ("constant", "%x%")])


def test_candidates_quote_every_stem_and_skip_the_short():
    sql = engine.trigram_candidates(engine.QUESTION_TEXT, ["remissen", "av", 'x"y', "near"])
    assert sql is not None
    assert sql.params == ['"remiss" AND "x""y" AND "near"']
    assert engine.trigram_candidates(engine.QUESTION_TEXT, ["av", "ö"]) is None
    assert engine.trigram_candidates(engine.AGENDA_VERSION_TEXT, ["remiss"]) is None
