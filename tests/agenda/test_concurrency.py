"""Two coordinators reordering at once: no move lost, never two items at one place.

Real threads with their own database connections; only PostgreSQL has the row locks that make
this meaningful (SQLite serialises whole-database writes and `select_for_update` is a no-op).
"""

import random
import threading
import time

import pytest
from django.db import connection

from meetings.agenda import workflow as agenda
from meetings.models import AgendaItem
from tests import factories

pytestmark = [
    # serialized_rollback: the flush after each test would drop the networks the data
    # migration made, which the rest of the suite needs.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


def run_in_threads(*targets):
    errors = []

    def wrap(target):
        def run():
            try:
                target()
            except Exception as error:
                errors.append(error)
            finally:
                connection.close()

        return run

    threads = [threading.Thread(target=wrap(target)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def titles(meeting):
    return list(
        meeting.agenda_items.filter(position__isnull=False)
        .order_by("position")
        .values_list("title", flat=True)
    )


def positions(meeting):
    return sorted(meeting.agenda_items.exclude(position=None).values_list("position", flat=True))


def test_two_moves_on_the_same_neighbour_both_apply(neh):
    meeting = factories.make_meeting(neh)
    items = {
        title: factories.make_agenda_item(meeting, position=n, title=title)
        for n, title in enumerate("ABCDE", start=1)
    }
    barrier = threading.Barrier(2)

    def move_b_down():
        barrier.wait()
        agenda.move(meeting, items["B"].pk, agenda.DOWN, 2)

    def move_d_up():
        barrier.wait()
        agenda.move(meeting, items["D"].pk, agenda.UP, 4)

    assert run_in_threads(move_b_down, move_d_up) == []
    # Whichever ran first, both moves happened: B went down one, D went up one.
    assert titles(meeting) in (list("ACDBE"), list("ADBCE"))
    assert positions(meeting) == [1, 2, 3, 4, 5]


def test_many_coordinators_reordering_keep_positions_unique(neh):
    meeting = factories.make_meeting(neh)
    items = [factories.make_agenda_item(meeting, position=n) for n in range(1, 9)]
    applied = []
    lock = threading.Lock()

    def coordinator(seed):
        chooser = random.Random(seed)
        done = 0
        while done < 5:
            item = chooser.choice(items)
            seen = AgendaItem.objects.get(pk=item.pk).position  # the form as rendered
            direction = chooser.choice([agenda.UP, agenda.DOWN])
            try:
                agenda.move(meeting, item.pk, direction, seen)
            except agenda.AgendaError:
                continue  # stale or at an end: the person sees the new order and tries again
            done += 1
            with lock:
                applied.append((item.pk, direction))

    assert run_in_threads(*(lambda s=seed: coordinator(s) for seed in range(4))) == []
    assert len(applied) == 20
    assert positions(meeting) == list(range(1, 9))


def test_concurrent_accepts_take_distinct_places(neh):
    meeting = factories.make_meeting(neh)
    factories.make_agenda_item(meeting, position=1)
    proposals = [
        factories.make_agenda_item(meeting, status=AgendaItem.Status.PROPOSED) for _ in range(4)
    ]
    barrier = threading.Barrier(len(proposals))

    def accept(item):
        barrier.wait()
        agenda.accept(meeting, item.pk, None)

    assert run_in_threads(*(lambda i=item: accept(i) for item in proposals)) == []
    assert positions(meeting) == [1, 2, 3, 4, 5]


def test_the_same_draft_is_published_once(neh):
    meeting = factories.make_meeting(neh)
    factories.make_agenda_item(meeting, position=1)
    coordinator = factories.make_user()
    barrier = threading.Barrier(2)

    def publish():
        barrier.wait()
        agenda.publish(meeting, coordinator, "", 0)

    errors = run_in_threads(publish, publish)
    assert len(errors) == 1
    assert isinstance(errors[0], agenda.AgendaError)
    assert list(meeting.agenda_versions.values_list("number", flat=True)) == [1]


def test_two_parallel_submits_of_one_proposal_create_it_once(neh, monkeypatch):
    """A double click: the same form (one token) posted twice at once. The second waits on the
    token's unique index until the first commits, then gets the first result."""
    from django.test import Client
    from django.urls import reverse

    from representatives.models import Appointment

    meeting = factories.make_meeting(neh, days_ahead=30)
    person = factories.make_user()
    factories.make_appointment(
        person, factories.make_administration(), neh, Appointment.Role.REPRESENTATIVE
    )
    slow_propose = agenda.propose

    def propose(*args, **kwargs):
        # Hold the first transaction open, so the second submit is truly in parallel.
        item = slow_propose(*args, **kwargs)
        time.sleep(0.5)
        return item

    monkeypatch.setattr(agenda, "propose", propose)
    url = reverse("agenda_proposals", kwargs={"pk": meeting.pk})
    data = factories.submitted(
        title="Parallellt förslag", description="", kind="discussion", wished_minutes="20"
    )
    barrier = threading.Barrier(2)
    responses = []

    def submit():
        client = Client()
        client.force_login(person)
        barrier.wait()
        responses.append(client.post(url, data))

    assert run_in_threads(submit, submit) == []
    assert meeting.agenda_items.filter(title="Parallellt förslag").count() == 1
    assert sorted(r.status_code for r in responses) == [302, 302]
    assert {r["Location"] for r in responses} == {url}
