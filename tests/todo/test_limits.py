"""The to-do lists read only as many to-dos as are shown: the start page the first eight, Mina
nätverk a page at a time ("Visa fler", `?att-gora=`). Open actions, consultations and indicator
values pile up over the years; the most urgent are always the ones shown."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.todo import items as todo
from representatives.rules import directed_administrations
from tests import factories
from tests.todo.test_queries import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(neh, nsh, administration, representative):
    """Six of every kind of to-do in each network (about fifty in all)."""
    build(neh, nsh, administration, representative, 6)


@pytest.mark.parametrize("limit", [1, 3, 8, 20, 45])
def test_a_limited_list_is_the_start_of_the_whole_one(many, representative, director, limit):
    whole = todo.for_person(representative)
    first = todo.for_person(representative, limit=limit)
    assert [i.uid for i in first] == [i.uid for i in whole[:limit]]
    assert first.total == whole.total == len(whole)

    seats = todo.director_seats(directed_administrations(director))
    whole = todo.for_director(seats)
    first = todo.for_director(seats, limit=limit)
    assert [i.uid for i in first] == [i.uid for i in whole[:limit]]
    assert first.total == len(whole)


def test_an_action_two_seats_answer_for_is_one_to_do(neh, nsh, administration, representative):
    other = factories.make_administration()
    factories.make_appointment(representative, other, neh)
    held = factories.make_meeting(neh, days_ahead=-3)
    factories.make_action(held, administrations=[administration, other], title="Gemensam")
    items = todo.for_person(representative)
    assert [i.title for i in items if i.kind == todo.Kind.ACTION] == ["Gemensam"]
    assert items.total == len(items)


def test_the_start_page_shows_the_most_urgent_and_counts_the_rest(many, client_for, representative):
    late = factories.make_action(
        factories.make_meeting(factories.network("NEH"), days_ahead=-400),
        administrations=[representative.appointments.first().administration],
        title="Mycket sen åtgärd",
        due_on=timezone.localdate() - datetime.timedelta(days=365),
    )
    total = todo.for_person(representative).total
    response = client_for("representative").get(reverse("home"))
    body = response.content.decode()
    assert body.count('class="todo-item') == 8
    assert late.title in body  # the most overdue comes first
    assert f"av {total}" in body


def test_mina_natverk_pages_its_to_dos(many, client, representative):
    client.force_login(representative)
    whole = todo.for_person(representative)
    assert len(whole) == 68
    first = client.get(reverse("my_networks")).content.decode()
    assert first.count('class="todo-item') == 20
    assert whole[0].title in first
    assert f"Visar 1–20 av {len(whole)}." in first
    assert 'href="?att-gora=2"' in first

    # Without JavaScript: the second page, with a link back.
    second = client.get(reverse("my_networks") + "?att-gora=2").content.decode()
    assert f"Visar 21–40 av {len(whole)}." in second
    assert whole[20].uid.removeprefix("todo-") in second or whole[20].url in second

    # With htmx: only the next to-dos, as a list that announces itself and takes the focus.
    more = client.get(reverse("my_networks") + "?att-gora=2", headers={"HX-Request": "true"})
    fragment = more.content.decode()
    assert "<h1" not in fragment
    assert fragment.count('class="todo-item') == 20
    assert 'id="todo-list-2"' in fragment
    assert f'data-announce="Visar 1–40 av {len(whole)} att göra."' in fragment
    assert fragment.count("data-focus") == 1


@pytest.mark.parametrize(("asked", "shown"), [("abc", "1–20"), ("-3", "1–20"), ("999999", "61–68")])
def test_a_bad_page_number_answers_the_nearest_page(many, client, representative, asked, shown):
    client.force_login(representative)
    response = client.get(reverse("my_networks") + f"?att-gora={asked}")
    assert response.status_code == 200
    assert f"Visar {shown}" in response.content.decode()


def test_the_personal_feed_carries_the_most_urgent_to_dos(
    client, representative, administration, neh, monkeypatch
):
    from icalendar import Calendar

    from meetings.calendar import ics as calendar
    from meetings.calendar import views as calendar_views

    monkeypatch.setattr(calendar_views, "FEED_TODOS", 3)
    held = factories.make_meeting(neh, days_ahead=-30)
    today = timezone.localdate()
    actions = [
        factories.make_action(
            held,
            administrations=[administration],
            title=f"Åtgärd {n}",
            due_on=today + datetime.timedelta(days=n),
        )
        for n in range(5)
    ]
    secret = calendar.new_token(representative)
    body = client.get(reverse("calendar_feed", kwargs={"secret": secret})).content
    uids = {
        str(event["UID"]).split("@")[0]
        for event in Calendar.from_ical(body).walk("VEVENT")
        if str(event["UID"]).startswith("todo-action")
    }
    assert uids == {f"todo-action-{action.pk}" for action in actions[:3]}
