"""The meeting page's management-group questions: who sees which, and in how many queries."""

import datetime

import pytest
from django.db import connection
from django.test.client import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Question
from meetings.rules import can_see_question, visible_questions
from tests import factories

pytestmark = pytest.mark.django_db
TABLE = Question._meta.db_table
ROLES = ("staff", "representative", "substitute", "director", "coordinator", "admin")


def question(where, administration, title, **extra):
    return Question.objects.create(
        network=where.network,
        administration=administration,
        title=title,
        raised_on=timezone.localdate() - datetime.timedelta(days=40),
        **extra,
    )


@pytest.fixture
def held(neh, administration, other_administration):
    meeting = factories.make_meeting(
        neh, days_ahead=-5, theme_title="Hållet", agenda_published_at=timezone.now()
    )
    item = factories.make_agenda_item(
        meeting, position=1, title="Miljös fråga", is_management_question=True
    )
    factories.publish_agenda(meeting)
    question(
        meeting,
        administration,
        "Solceller tillsammans?",
        state=Question.State.OUTCOME,
        meeting=meeting,
        agenda_item=item,
        outcome="En gemensam mall tas fram.",
    )
    question(meeting, other_administration, "Socials fråga", state=Question.State.DEALT_WITH,
             meeting=meeting)  # fmt: skip
    return meeting


def test_visible_questions_agrees_with_the_predicate(
    held, nsh, administration, user_for_role, other_administration
):
    other_network = factories.make_meeting(nsh, days_ahead=-5)
    question(other_network, administration, "NSH-fråga", meeting=other_network)
    social = factories.make_user("social@example.org", "Sol Social")
    factories.make_appointment(social, other_administration, held.network)
    people = [user_for_role(role) for role in ROLES] + [social]
    for person in people:
        expected = {q.pk for q in Question.objects.all() if can_see_question(person, q)}
        person = type(person).objects.get(pk=person.pk)  # no cached rule answers
        assert set(visible_questions(person).values_list("pk", flat=True)) == expected, person


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("coordinator", ["Solceller tillsammans?", "Socials fråga"], []),
        ("representative", ["Solceller tillsammans?"], ["Socials fråga"]),
        ("director", ["Solceller tillsammans?"], ["Socials fråga"]),
        ("staff", [], ["Solceller tillsammans?", "Socials fråga"]),
    ],
)
def test_meeting_page_shows_the_questions_a_person_may_see(held, client_for, role, shown, hidden):
    html = client_for(role).get(held.get_absolute_url()).content.decode()
    for title in shown:
        assert title in html
    for title in hidden:
        assert title not in html
    if shown:
        assert "Frågor från ledningsgrupperna" in html
        assert "En gemensam mall tas fram." in html
        assert reverse("question_detail", args=[Question.objects.get(title=shown[0]).pk]) in html
    else:
        assert "Frågor från ledningsgrupperna" not in html


def page_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries]


@pytest.mark.parametrize("role", ["coordinator", "representative"])
def test_held_meeting_page_queries_do_not_grow_with_questions(
    held, administration, user_for_role, role
):
    client = Client()
    client.force_login(user_for_role(role))
    url = held.get_absolute_url()
    queries = page_queries(client, url)
    assert len([sql for sql in queries if TABLE in sql]) == 1
    small = len(queries)
    for n in range(8):
        extra = factories.make_administration(f"Förvaltning {n}")
        factories.make_appointment(factories.make_user(), extra, held.network)
        question(held, extra, f"Fråga {n}", meeting=held, state=Question.State.DEALT_WITH)
        question(held, administration, f"Egen fråga {n}", meeting=held, outcome="Ja.",
                 state=Question.State.OUTCOME)  # fmt: skip
    assert len(page_queries(client, url)) == small


def test_held_meeting_without_a_question_on_its_agenda_costs_no_query(neh, coordinator, client):
    held = factories.make_meeting(neh, days_ahead=-5, agenda_published_at=timezone.now())
    factories.make_agenda_item(held, position=1)
    client.force_login(coordinator)
    assert not [sql for sql in page_queries(client, held.get_absolute_url()) if TABLE in sql]


def test_upcoming_meeting_without_management_questions_costs_no_query(
    neh, coordinator, administration, client
):
    upcoming = factories.make_meeting(neh, days_ahead=10)
    question(upcoming, administration, "Ingen punkt ännu")
    client.force_login(coordinator)
    assert not [sql for sql in page_queries(client, upcoming.get_absolute_url()) if TABLE in sql]
    # Once its published agenda carries a management group's question, one query shows it.
    item = factories.make_agenda_item(upcoming, position=1, is_management_question=True)
    Question.objects.filter(title="Ingen punkt ännu").update(agenda_item=item)
    upcoming.agenda_published_at = timezone.now()
    upcoming.save(update_fields=["agenda_published_at"])
    publish_agenda_version(upcoming, coordinator)
    queries = page_queries(client, upcoming.get_absolute_url())
    assert len([sql for sql in queries if TABLE in sql]) == 1
    assert "Ingen punkt ännu" in client.get(upcoming.get_absolute_url()).content.decode()


def publish_agenda_version(meeting, by):
    from meetings.agenda.workflow import draft_items, snapshot
    from meetings.models import AgendaVersion

    AgendaVersion.objects.create(
        meeting=meeting, number=1, published_by=by, snapshot=snapshot(draft_items(meeting))
    )
