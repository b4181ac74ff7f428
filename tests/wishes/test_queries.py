"""The suggestions page runs the same number of queries whatever the amount of data."""

import pytest
from django.urls import reverse

from meetings.wishes import workflow as wishes
from tests import factories
from tests.wishes.conftest import make_suggestion

pytestmark = pytest.mark.django_db


def build(neh, representative, substitute, administration, size):
    for n in range(size):
        factories.make_meeting(neh, days_ahead=40 + n, status="planned", theme_title="")
        open_one = make_suggestion(neh, representative, administration, title=f"Öppet {n}")
        wishes.support(open_one.pk, substitute)
        own = make_suggestion(neh, substitute, administration, title=f"Ersättarens {n}")
        wishes.support(own.pk, representative)
        wishes.close(
            make_suggestion(neh, representative, administration, title=f"Stängt {n}").pk,
            "Nej.",
            None,
        )
    target = factories.make_meeting(neh, days_ahead=200, status="planned", theme_title="")
    adopted = make_suggestion(neh, substitute, administration, title="Antaget")
    wishes.adopt(adopted.pk, target.pk, None)


# sessions + user, then the page's own queries; paged: a count and a page of the open ones, a
# count and the latest few of the handled ones
EXPECTED = {"coordinator": 10, "representative": 10, "substitute": 10}


@pytest.mark.parametrize("role", sorted(EXPECTED))
@pytest.mark.parametrize("size", [1, 6])
def test_suggestions_page_query_count_does_not_grow(
    role,
    size,
    client_for,
    neh,
    representative,
    substitute,
    administration,
    coordinator,
    django_assert_num_queries,
):
    build(neh, representative, substitute, administration, size)
    client = client_for(role)
    url = reverse("theme_suggestions", kwargs={"code": "neh"})
    with django_assert_num_queries(EXPECTED[role]):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["open_suggestions"]) == 2 * size


@pytest.mark.parametrize("size", [1, 6])
def test_archive_query_count_does_not_grow(
    size,
    client_for,
    neh,
    representative,
    substitute,
    administration,
    coordinator,
    django_assert_num_queries,
):
    build(neh, representative, substitute, administration, size)
    client = client_for("representative")
    url = reverse("theme_suggestions", kwargs={"code": "neh"}) + "?visa=behandlade"
    with django_assert_num_queries(7):  # sessions, user, then a count and a page of handled
        response = client.get(url)
    assert len(response.context["handled_suggestions"]) == size + 1
