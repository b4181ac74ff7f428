"""Two coordinators saving the same goal, or the same minutes draft, at the same moment: one
save wins, the other is refused and writes nothing.

Real threads with their own database connections, on PostgreSQL only (SQLite serialises whole-
database writes, so the race cannot happen there)."""

import threading
import time

import pytest
from django.db import connection

from meetings.goals.forms import GoalForm
from meetings.minutes import workflow as minutes
from meetings.models import Goal, Minutes
from networks.versions import StaleRecordError
from tests import factories
from tests.agenda.test_concurrency import run_in_threads

pytestmark = [
    # serialized_rollback: the flush after each test would drop the networks the data
    # migration made, which the rest of the suite needs.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


def test_two_saves_of_one_goal_version_one_wins(neh, monkeypatch):
    goal = factories.make_goal(neh, title="Klimatneutral 2030")
    barrier = threading.Barrier(2)
    saved = []
    real_save = Goal.save

    def slow_save(self, *args, **kwargs):
        real_save(self, *args, **kwargs)
        time.sleep(0.3)  # the winner holds the row lock a while

    monkeypatch.setattr(Goal, "save", slow_save)

    def coordinator(title):
        def run():
            copy = Goal.objects.get(pk=goal.pk)  # the page each one rendered
            form = GoalForm(
                {
                    "work_area": copy.work_area_id,
                    "title": title,
                    "description": "",
                    "target_year": "2030",
                    "version": str(copy.version),
                },
                instance=copy,
                network=neh,
            )
            assert form.is_valid(), form.errors
            barrier.wait()
            form.save()
            saved.append(title)

        return run

    errors = run_in_threads(coordinator("A"), coordinator("B"))

    assert len(errors) == 1 and isinstance(errors[0], StaleRecordError)
    final = Goal.objects.get(pk=goal.pk)
    assert [final.title] == saved
    assert final.version == 2
    assert final.history.count() == 2  # created, and the one save that won


def test_two_saves_of_one_minutes_draft_one_wins(neh):
    held = factories.make_meeting(neh, days_ahead=-2)
    factories.make_agenda_item(held, position=1)
    coordinator = factories.make_user()
    draft = minutes.save_draft(held, coordinator, "Första.", {}, seen_version=0)
    barrier = threading.Barrier(2)

    def save(summary):
        def run():
            barrier.wait()
            minutes.save_draft(held, coordinator, summary, {}, seen_version=draft.version)

        return run

    errors = run_in_threads(save("A"), save("B"))

    assert len(errors) == 1 and isinstance(errors[0], minutes.MinutesError)
    final = Minutes.objects.get(meeting=held)
    assert final.summary in ("A", "B") and final.version == draft.version + 1
