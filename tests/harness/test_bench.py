"""The benchmark's machinery, on a tiny dataset: every registered page answers, and its query
count stays the same when the data grows (the target `make bench` checks at full size)."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.bench import dataset
from tests.bench.pages import PAGES
from tests.bench.run import count_queries, max_queries, urls

pytestmark = pytest.mark.django_db

TINY = dataset.Size(administrations=2, users=20, terms=2, agenda_items=60)
GROWN = dataset.Size(administrations=5, users=60, terms=6, agenda_items=600)


def test_floor_page_is_not_part_of_the_app():
    with pytest.raises(NoReverseMatch):
        reverse("bench_floor")


def test_bench_pages_keep_their_query_count_as_data_grows(settings):
    settings.ROOT_URLCONF = "tests.bench.urls"
    subjects = dataset.build(TINY)
    client = Client()
    client.force_login(subjects.user)
    before = {name: count_queries(client, url) for name, url in urls(subjects).items()}

    grown = dataset.grow(TINY, GROWN)
    assert urls(grown) == urls(subjects)
    after = {name: count_queries(client, url) for name, url in urls(grown).items()}

    assert set(after) == {"floor", *PAGES}
    assert after == before
    assert after["floor"] == 2  # session and user: the base template adds none
    assert {name: count for name, count in after.items() if count > max_queries(name)} == {}
