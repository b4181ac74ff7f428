"""The to-dos ("Att göra") read a fixed number of queries whatever their number: per role on
the start page, on Mina nätverk and in the collecting functions themselves."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance
from meetings.todo import items as todo
from representatives.models import Appointment
from representatives.rules import directed_administrations
from tests import factories

pytestmark = pytest.mark.django_db


def build(neh, nsh, administration, representative, size: int) -> None:
    """`size` of every kind of to-do for the representative's administration, in both networks."""
    factories.make_appointment(representative, administration, nsh)
    goal = factories.make_goal(neh)
    for n in range(size):
        other = factories.make_administration()
        for network in (neh, nsh):
            factories.make_appointment(factories.make_user(), other, network)
            factories.make_appointment(
                factories.make_user(), other, network, Appointment.Role.SUBSTITUTE
            )
            coming = factories.make_meeting(network, days_ahead=20 + n)
            factories.make_agenda_item(coming, proposed_by=factories.make_user())
            held = factories.make_meeting(network, days_ahead=-5 - n)
            Attendance.objects.create(meeting=held, person=representative, answer="coming")
            factories.make_action(
                held,
                agenda_item=factories.make_agenda_item(held, position=1),
                administrations=[administration, other],
                due_on=timezone.localdate() - datetime.timedelta(days=1),
            )
            factories.make_consultation(network, asked=[administration, other])
            factories.make_question(network, administration)
        factories.make_indicator(goal, responsible_administration=administration)


def count(items, kind) -> int:
    return sum(1 for item in items if item.kind == kind)


@pytest.mark.parametrize("size", [1, 6])
def test_for_person_is_a_fixed_number_of_queries(
    size, neh, nsh, administration, representative, django_assert_num_queries
):
    build(neh, nsh, administration, representative, size)
    # appointments, the meetings (to answer/propose for, held with whether their packs were
    # presented, to evaluate: one UNION ALL), consultations, actions, indicators
    with django_assert_num_queries(5):
        items = todo.for_person(representative)
    assert count(items, todo.Kind.ANSWER) == 2 * size
    assert count(items, todo.Kind.CONSULTATION) == 2 * size
    assert count(items, todo.Kind.ACTION) == 2 * size
    assert count(items, todo.Kind.PACK) == 2 * size
    assert count(items, todo.Kind.INDICATOR) == size
    # Per network only the latest held meeting: each later one closed the one before.
    assert count(items, todo.Kind.EVALUATION) == 2


@pytest.mark.parametrize("size", [1, 6])
def test_for_director_is_a_fixed_number_of_queries(
    size, neh, nsh, director, administration, representative, django_assert_num_queries
):
    build(neh, nsh, administration, representative, size)
    # administrations, seats, the meetings (coming with whether someone of each administration
    # answered, held with whether their packs were presented: one UNION ALL), consultations,
    # actions, indicators
    with django_assert_num_queries(6):
        administrations = directed_administrations(director)
        items = todo.for_director(todo.director_seats(administrations))
    assert count(items, todo.Kind.CONSULTATION) == 2 * size
    assert count(items, todo.Kind.ANSWER) == 2 * size


@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize(
    ("role", "queries"),
    # session + user, then: representative 5 (Att göra with its appointments) + directed
    # administrations + coordinated networks + the networks' coming meetings (2); director
    # its 6 to-do queries (the open questions read with the meetings) + coordinated networks
    # + meetings (2) + one for the person's own (empty) seats; coordinator 1 for what
    # arrived and is late and how many administrations have a seat in each network (one
    # UNION ALL of those lists); staff the published minutes.
    [("representative", 11), ("director", 12), ("coordinator", 8), ("staff", 8)],
)
def test_home_is_a_fixed_number_of_queries_per_role(
    size,
    role,
    queries,
    client_for,
    neh,
    nsh,
    administration,
    representative,
    director,
    coordinator,
    staff,
    django_assert_num_queries,
):
    build(neh, nsh, administration, representative, size)
    client = client_for(role)
    with django_assert_num_queries(queries):
        response = client.get(reverse("home"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_my_networks_todo_is_a_fixed_number_of_queries(
    size, client, neh, nsh, administration, representative, django_assert_num_queries
):
    build(neh, nsh, administration, representative, size)
    client.force_login(representative)
    with django_assert_num_queries(10):
        response = client.get(reverse("my_networks"))
    page = response.context["todo_page"]
    assert page.paginator.count >= 8 * size
    shown = min(page.paginator.count, 20)  # the first page; the rest is "Visa fler"
    assert response.content.decode().count('class="todo-item') == shown
