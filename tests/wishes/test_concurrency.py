"""Two clicks or two coordinators at once: one vote counted, one decision taken.

Real threads with their own database connections; only PostgreSQL has the row locks that make
this meaningful (SQLite serialises whole-database writes and `select_for_update` is a no-op).
"""

import threading

import pytest
from django.db import connection

from meetings.models import Meeting, ThemeSuggestion
from meetings.wishes import workflow as wishes
from tests import factories
from tests.agenda.test_concurrency import run_in_threads
from tests.wishes.conftest import make_suggestion

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


def test_two_votes_of_one_person_at_once_count_once(
    neh, representative, substitute, administration
):
    suggestion = make_suggestion(neh, representative, administration)
    barrier = threading.Barrier(2)

    def vote():
        barrier.wait()
        wishes.support(suggestion.pk, substitute)

    errors = run_in_threads(vote, vote)
    assert [type(error) for error in errors] == [wishes.WishError]
    assert suggestion.supports.count() == 1


def test_two_coordinators_deciding_at_once_take_one_decision(
    neh, representative, coordinator, administration
):
    suggestion = make_suggestion(neh, representative, administration)
    meeting = factories.make_meeting(neh, days_ahead=50, status=Meeting.Status.PLANNED)
    barrier = threading.Barrier(2)

    def adopt():
        barrier.wait()
        wishes.adopt(suggestion.pk, meeting.pk, coordinator)

    def close():
        barrier.wait()
        wishes.close(suggestion.pk, "Nej.", coordinator)

    errors = run_in_threads(adopt, close)
    assert [type(error) for error in errors] == [wishes.WishError]
    suggestion.refresh_from_db()
    meeting.refresh_from_db()
    if suggestion.status == ThemeSuggestion.Status.ADOPTED:
        assert meeting.theme_title == suggestion.title and not suggestion.closed_reason
    else:
        assert suggestion.status == ThemeSuggestion.Status.CLOSED
        assert meeting.theme_title == "Ett tema"
