"""The question pages run the same number of queries whatever the amount of data."""

import pytest
from django.urls import reverse

from meetings.models import Question, QuestionEvent
from tests import factories

pytestmark = pytest.mark.django_db


def build(neh, nsh, administration, representative, coordinator, held, size):
    other = factories.make_administration(f"Förvaltning {size}")
    for n in range(size):
        for network, owner in ((neh, administration), (nsh, other), (neh, other)):
            for state, extra in (
                ("raised", {}),
                ("on_agenda", {"agenda_item": factories.make_agenda_item(held)}),
                ("outcome", {"meeting": held}),
                ("closed", {"meeting": held}),
            ):
                q = factories.make_question(
                    network, owner, state=state, raised_by=representative, **extra
                )
                for _ in range(n):
                    QuestionEvent.objects.create(question=q, state=state, actor=coordinator)


def subject(administration):
    return Question.objects.filter(administration=administration, state="raised").first()


def _network_list():
    return reverse("network_questions", args=["neh"])


PAGES = {
    "list as coordinator": ("coordinator", lambda q: reverse("question_list")),
    "list as director": ("director", lambda q: reverse("question_list")),
    "list as representative": ("representative", lambda q: reverse("question_list")),
    "network list as coordinator": ("coordinator", lambda q: _network_list()),
    "network list as director": ("director", lambda q: _network_list()),
    "network list as representative": ("representative", lambda q: _network_list()),
    "question as coordinator": (
        "coordinator",
        lambda q: reverse("question_detail", args=[q.pk]),
    ),
    "question as representative": (
        "representative",
        lambda q: reverse("question_detail", args=[q.pk]),
    ),
    "question as director": ("director", lambda q: reverse("question_detail", args=[q.pk])),
}
# sessions + user, then the page's own queries; the lists: the person's roles (three), the
# administrations to filter by, a count and a page of questions, and the networks (across
# networks: each network's list linked; a network's list: the network by its code, whose
# sub-navigation asks nothing more)
EXPECTED = {
    "list as coordinator": 9,
    "list as director": 9,
    "list as representative": 9,
    "network list as coordinator": 9,
    "network list as director": 9,
    "network list as representative": 9,
    "question as coordinator": 8,
    "question as representative": 8,
    "question as director": 7,
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("size", [1, 5])
def test_question_page_query_count_does_not_grow(
    page, size, client_for, neh, nsh, administration, representative, substitute, director,
    coordinator, django_assert_num_queries,
):  # fmt: skip
    held = factories.make_meeting(neh, days_ahead=-3)
    factories.make_meeting(neh, days_ahead=30)  # open for proposals
    build(neh, nsh, administration, representative, coordinator, held, size)
    role, path = PAGES[page]
    client = client_for(role)
    url = path(subject(administration))
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(url)
    assert response.status_code == 200
