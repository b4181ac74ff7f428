"""The full-text search's compiled plans (PostgreSQL): each source's query compiled once per
shape finds exactly what the queryset finds (same hits, same order, same headlines), for every
role, whatever the words."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.search import engine
from tests.search.test_trigrams import QUERIES, hits, through_querysets

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL's"
)


@postgresql_only
@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "representative", "director", "staff"])
def test_the_plans_find_what_the_querysets_find(varied, user_for_role, role):
    """Twice through the plans (the second time each is reused with other words), then through
    the querysets: the same groups, hits, order and excerpts."""
    user = user_for_role(role)
    connection.__dict__.pop("_full_text_plans", None)
    planned = {query: hits(user, query) for query in QUERIES}
    assert connection.__dict__["_full_text_plans"]
    again = {query: hits(user, query) for query in reversed(QUERIES)}
    with CaptureQueriesContext(connection):
        direct = {query: through_querysets(user, query, engine.full_text_hits) for query in QUERIES}
    for query in QUERIES:
        assert planned[query] == direct[query], query
        assert again[query] == direct[query], query
    assert sum(bool(found) for found in direct.values()) > len(QUERIES) // 2
    assert any(
        "<mark>" in excerpt
        for found in direct.values()
        for _k, group in found
        for _t, _u, excerpt, _d, _n in group
    )


@postgresql_only
@pytest.mark.django_db
def test_a_full_text_plan_checks_its_stand_ins(neh, monkeypatch):
    """Compiling fails, rather than answering wrongly, if the text is lost or changed on its
    way to the SQL."""
    source = next(s for s in engine.sources(["x"]) if s.key == "questions")
    plan = engine.FullTextPlan(source, (1, 1, 2))
    kinds = [kind for kind, _where in plan.slots]
    assert kinds.count("like") >= 3  # the match, the rank and the headline
    assert kinds.count("id") == 1 + 1 + 2 * 2
    original = engine.full_text_page

    def changed(source, rows, text):
        return original(source, rows, text + "x")

    monkeypatch.setattr(engine, "full_text_page", changed)
    with pytest.raises(ValueError, match="changed on its way"):
        engine.FullTextPlan(source, (1, 0, 0))

    def lost(source, rows, text):
        return original(source, rows, "solceller")

    monkeypatch.setattr(engine, "full_text_page", lost)
    with pytest.raises(ValueError, match="did not reach"):
        engine.FullTextPlan(source, (1, 0, 0))
