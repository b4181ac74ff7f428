"""The benchmark's machinery, on a tiny dataset: every registered page answers for the roles
that see it, and its query count stays the same when the data grows (the target `make bench`
checks at full size)."""

import pytest

from tests.bench import dataset, publish
from tests.bench.pages import PAGES
from tests.bench.run import FLOOR, ROLES, Measure, combine, max_queries, measure, urls

pytestmark = pytest.mark.django_db

TINY = dataset.Size(administrations=2, users=20, terms=2, agenda_items=60)
GROWN = dataset.Size(administrations=5, users=60, terms=6, agenda_items=600, actions=60)


def test_sizes_grow_tenfold():
    small, full = dataset.sizes(10)
    assert small == dataset.ONE
    assert full.users == 10 * small.users and full.agenda_items == 10 * small.agenda_items


def test_bench_pages_keep_their_query_count_as_data_grows(settings):
    settings.ROOT_URLCONF = "tests.bench.urls"
    subjects = dataset.build(TINY)
    before = measure(subjects, repeat=0)

    grown = dataset.grow(TINY, GROWN)
    assert urls(grown) == urls(subjects)
    after = measure(grown, repeat=0)

    assert {name for name, _role in after} == {FLOOR, *PAGES, "feed 304", "network feed 304"}
    assert {key: m.queries for key, m in after.items()} == {
        key: m.queries for key, m in before.items()
    }
    # The floor, the accessibility statement: session and user, the base template adds none.
    assert after[FLOOR, "coordinator"].queries == 2
    assert {role for name, role in after if name == "start"} == set(ROLES)
    assert {role for name, role in after if name == "manage"} == {"coordinator"}
    assert after["feed 304", "coordinator"].status == 304
    assert after["network feed 304", "coordinator"].size == 0
    over = {key: m.queries for key, m in after.items() if m.queries > max_queries(key[0])}
    assert over == {}


def test_the_publishing_measure_records_one_fanout_per_theme_and_flat_queries(settings):
    settings.ROOT_URLCONF = "tests.bench.urls"
    results = publish.run([1, 4], repeat=2)
    assert results[0]["queries"] == results[1]["queries"]
    assert len(results[0]["queries"]) == 1  # every publishing the same
    # Three themes published per size (one warms the caches), each to 2 people per
    # administration: one fan-out each in the request, the messages from the worker.
    assert [r["fanouts"] for r in results] == [3, 3]
    assert [(r["messages"], r["sent"]) for r in results] == [(6, 6), (24, 24)]


def test_rounds_are_judged_by_their_best_ratio_and_keep_the_most_queries():
    """Each round's times are relative to its own floor; a page is judged by its best round
    (noise only adds CPU time), and the report shows the worst beside it."""

    def round_of(floor_ms: float, page_ms: float, queries: int) -> dict:
        floor = Measure(200, 2, 9000, True, floor_ms, [1.0])
        page = Measure(200, queries, 20000, True, page_ms, [page_ms / floor_ms])
        return {(FLOOR, "coordinator"): floor, ("start", "director"): page}

    # A slow round (the whole machine 50 % slower) and a round where only the page was hit.
    combined = combine([round_of(6.0, 18.0, 16), round_of(4.0, 10.0, 16), round_of(4.0, 16.0, 17)])

    page = combined["start", "director"]
    assert page.ratios == [3.0, 2.5, 4.0]
    assert (page.best_ratio, page.worst_ratio) == (2.5, 4.0)
    assert page.cpu_ms == 10.0  # the best round's own time
    assert page.queries == 17  # a round that saw more queries is not hidden
    assert combined[FLOOR, "coordinator"].best_ratio == 1.0
