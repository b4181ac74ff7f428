"""The to-dos are read as rows of a few columns (meetings/todo/items.py, `rows_by_shape`), not
as model instances: each item and each coordinators' row holds what its records say, field
for field, as the instances would give it (their links, titles, networks, administrations,
dates and when they last changed)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from meetings.models import Attendance, ConsultationResponse, Meeting, ThemeSuggestion
from meetings.todo import items as todo
from representatives.rules import directed_administrations
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def fields(item) -> tuple:
    return tuple(str(v) if k == "action" else v for k, v in vars(item).items())


def the(items, kind):
    (found,) = [item for item in items if item.kind == kind]
    return found


@pytest.fixture
def records(neh, administration, representative):
    """One record of each kind of to-do for the representative's administration in NEH."""
    coming = factories.make_meeting(neh, days_ahead=20, theme_title="Kommande tema")
    held = factories.make_meeting(neh, days_ahead=-5, theme_title="")  # no theme published
    Attendance.objects.create(meeting=held, person=representative, answer="coming")
    document = factories.make_consultation(neh, asked=[administration], title="Cykelplan")
    action = factories.make_action(held, administrations=[administration], title="Skriv planen")
    indicator = factories.make_indicator(
        factories.make_goal(neh), responsible_administration=administration, name="Utsläpp"
    )
    return {
        "coming": Meeting.objects.get(pk=coming.pk),
        "held": Meeting.objects.get(pk=held.pk),
        "document": type(document).objects.get(pk=document.pk),
        "response": ConsultationResponse.objects.get(document=document),
        "action": type(action).objects.get(pk=action.pk),
        "indicator": type(indicator).objects.get(pk=indicator.pk),
    }


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_persons_items_hold_what_their_records_say(
    records, representative, administration, neh, language
):
    coming, held, document = records["coming"], records["held"], records["document"]
    response, action, indicator = records["response"], records["action"], records["indicator"]
    year = timezone.localdate().year - 1
    name = administration.name
    closes = coming.starts_at - datetime.timedelta(days=neh.proposal_close_days)
    with override(language):
        items = todo.for_person(representative)
        expected = {
            todo.Kind.ANSWER: todo.Item(
                todo.Kind.ANSWER,
                f"todo-answer-{coming.uid}",
                "Kommande tema",
                timezone.localdate(coming.starts_at),
                reverse("my_networks") + f"#answer-{coming.pk}",
                str(todo._("Svara på kallelsen")),
                "NEH",
                changed=coming.updated_at,
            ),
            todo.Kind.PROPOSALS: todo.Item(
                todo.Kind.PROPOSALS,
                f"todo-proposals-{coming.uid}",
                "Kommande tema",
                timezone.localdate(closes),
                reverse("agenda_proposals", kwargs={"pk": coming.pk}),
                str(todo._("Föreslå en punkt")),
                "NEH",
                changed=coming.updated_at,
            ),
            todo.Kind.CONSULTATION: todo.Item(
                todo.Kind.CONSULTATION,
                f"todo-consultation-{response.pk}",
                "Cykelplan",
                document.deadline,
                document.get_absolute_url(),
                str(todo._("Svara på remissen")),
                "NEH",
                name,
                changed=document.updated_at,
            ),
            todo.Kind.ACTION: todo.Item(
                todo.Kind.ACTION,
                f"todo-action-{action.pk}",
                "Skriv planen",
                action.due_on,
                reverse("action_done", kwargs={"pk": action.pk}),
                str(todo._("Markera som klar")),
                "NEH",
                name,
                changed=action.updated_at,
            ),
            todo.Kind.PACK: todo.Item(
                todo.Kind.PACK,
                f"todo-pack-{held.uid}-{administration.pk}",
                str(todo._("Temat är inte publicerat")),
                None,
                reverse(
                    "report_back_pack",
                    kwargs={"pk": held.pk, "administration_pk": administration.pk},
                ),
                str(todo._("Öppna återrapporten")),
                "NEH",
                name,
                changed=held.updated_at,
                held_on=timezone.localdate(held.starts_at),
            ),
            todo.Kind.EVALUATION: todo.Item(
                todo.Kind.EVALUATION,
                f"todo-evaluation-{held.uid}",
                str(todo._("Temat är inte publicerat")),
                timezone.localdate(coming.starts_at),  # the next meeting closes it
                reverse("evaluation_answer", kwargs={"pk": held.pk}),
                str(todo._("Svara på utvärderingen")),
                "NEH",
                changed=held.updated_at,
            ),
            todo.Kind.INDICATOR: todo.Item(
                todo.Kind.INDICATOR,
                f"todo-indicator-{indicator.pk}-{year}",
                "Utsläpp",
                todo.indicator_due(year),
                reverse("indicator_value_record", kwargs={"pk": indicator.pk}),
                todo._("Registrera värdet för %(year)s") % {"year": year},
                "NEH",
                name,
                changed=indicator.updated_at,
            ),
        }
        assert sorted(item.kind for item in items) == sorted(expected)
        for kind, item in expected.items():
            assert fields(the(items, kind)) == fields(item), kind


def test_a_directors_items_hold_what_their_records_say(records, director, administration):
    coming, indicator = records["coming"], records["indicator"]
    items = todo.for_director(todo.director_seats(directed_administrations(director)))
    assert fields(the(items, todo.Kind.ANSWER)) == fields(
        todo.Item(
            todo.Kind.ANSWER,
            f"todo-answer-{coming.uid}-{administration.pk}",
            "Kommande tema",
            timezone.localdate(coming.starts_at),
            coming.get_absolute_url(),
            "Ingen har svarat: se mötet",
            "NEH",
            administration.name,
            changed=coming.updated_at,
        )
    )
    found = the(items, todo.Kind.INDICATOR)
    assert found.url == f"{indicator.goal.get_absolute_url()}#indicator-{indicator.pk}"
    assert (found.network_code, found.administration) == ("NEH", administration.name)
    assert todo.Kind.PACK in {item.kind for item in items}


def test_a_coordinators_rows_hold_what_their_records_say(
    records, coordinator, representative, administration, neh
):
    coming, held = records["coming"], records["held"]
    proposal = factories.make_agenda_item(coming, title="Solceller", proposed_by=representative)
    question = factories.make_question(neh, administration, title="En fråga")
    wish = ThemeSuggestion.objects.create(
        network=neh,
        title="Ett önskat tema",
        why="Det behövs.",
        work_area=neh.work_areas.first(),
        administration=administration,
        suggested_by=representative,
    )
    ConsultationResponse.objects.filter(pk=records["response"].pk).update(
        sent_at=timezone.now() - DAY
    )
    action = records["action"]
    type(action).objects.filter(pk=action.pk).update(due_on=timezone.localdate() - DAY)
    soon = factories.make_meeting(neh, days_ahead=3, theme_title="Snart")
    overview = todo.for_coordinator(coordinator)
    assert overview is not None
    arrived = {row.title: row for row in overview.arrived}
    late = {row.title: row for row in overview.late}
    assert arrived["Solceller"] == todo.Row(
        "Solceller",
        "NEH",
        reverse("agenda_manage", kwargs={"pk": coming.pk}),
        timezone.localdate(proposal.created_at),
        "Nytt förslag",
    )
    assert arrived["En fråga"] == todo.Row(
        "En fråga",
        "NEH",
        reverse("question_detail", kwargs={"pk": question.pk}),
        question.raised_on,
        "Ny fråga",
    )
    assert arrived["Ett önskat tema"] == todo.Row(
        "Ett önskat tema",
        "NEH",
        reverse("theme_suggestions", kwargs={"code": "neh"}),
        timezone.localdate(wish.created_at),
        "Temaönskemål",
    )
    response = ConsultationResponse.objects.get(pk=records["response"].pk)
    assert arrived[f"Cykelplan – {administration.name}"] == todo.Row(
        f"Cykelplan – {administration.name}",
        "NEH",
        records["document"].get_absolute_url(),
        timezone.localdate(response.sent_at),
        "Remissvar",
    )
    assert late["Skriv planen"] == todo.Row(
        "Skriv planen",
        "NEH",
        reverse("action_done", kwargs={"pk": action.pk}),
        timezone.localdate() - DAY,
        "Försenad åtgärd",
        late=True,
    )
    assert late["1 förvaltning har inte svarat: Snart"] == todo.Row(
        "1 förvaltning har inte svarat: Snart",
        "NEH",
        soon.get_absolute_url(),
        timezone.localdate(soon.starts_at),
        "Obesvarad kallelse",
        late=True,
    )
    unpresented = "1 förvaltning har inte återrapporterat: Temat är inte publicerat"
    assert late[unpresented] == todo.Row(
        unpresented,
        "NEH",
        reverse("report_back_status", kwargs={"pk": held.pk}),
        timezone.localdate(held.starts_at),
        "Inte återrapporterat",
        late=True,
    )


def test_a_directors_questions_read_with_the_meetings_are_the_open_questions(
    records, director, administration, neh, nsh
):
    """The director's questions come in the query of their seats' meetings: the same first
    COORDINATOR_ROWS, latest first (ties by the latest made), as the list asked alone."""
    today = timezone.localdate()
    for n in range(todo.COORDINATOR_ROWS + 3):
        factories.make_question(
            neh if n % 2 else nsh,
            administration,
            title=f"Fråga {n}",
            raised_on=today - DAY * (n % 4),
        )
    factories.make_question(neh, administration, title="Stängd", state="closed", raised_on=today)
    administrations = directed_administrations(director)
    seats = todo.director_seats(administrations)
    assert seats
    items, questions = todo.for_director_with_questions(seats, administrations)
    expected = todo.open_questions(administrations)
    assert questions == expected
    assert len(questions) == todo.COORDINATOR_ROWS
    assert [(q.raised_on, q.pk) for q in questions] == sorted(
        ((q.raised_on, q.pk) for q in questions), reverse=True
    )
    assert fields_of(items) == fields_of(todo.for_director(seats))


def fields_of(items) -> list[tuple]:
    return [fields(item) for item in items]


def test_a_coordinators_lists_keep_their_order_and_their_first_rows(
    coordinator, administration, neh
):
    """Each of the coordinators' lists is cut to its first COORDINATOR_ROWS in its own order
    (read in one query whose parts have none): the latest questions, the oldest late
    actions, the latest held meetings not reported back."""
    today = timezone.localdate()
    made = [
        factories.make_question(
            neh, administration, title=f"Fråga {n}", raised_on=today - DAY * (n % 3)
        )
        for n in range(todo.COORDINATOR_ROWS + 2)
    ]
    held = factories.make_meeting(neh, days_ahead=-3)
    actions = [
        factories.make_action(
            held,
            administrations=[administration],
            title=f"Åtgärd {n}",
            due_on=today - DAY * (1 + n % 4),
        )
        for n in range(todo.COORDINATOR_ROWS + 2)
    ]
    factories.make_appointment(factories.make_user(), administration, neh)
    meetings = [
        factories.make_meeting(neh, days_ahead=-5 - n) for n in range(todo.COORDINATOR_ROWS + 2)
    ]
    overview = todo.for_coordinator(coordinator)
    assert overview is not None
    questions = [row.url for row in overview.arrived if row.tag == "Ny fråga"]
    latest = sorted(made, key=lambda q: (q.raised_on, q.pk), reverse=True)[: todo.COORDINATOR_ROWS]
    assert questions == [reverse("question_detail", kwargs={"pk": q.pk}) for q in latest]
    late = [row.url for row in overview.late if row.tag == "Försenad åtgärd"]
    oldest = sorted(actions, key=lambda a: (a.due_on, a.pk))[: todo.COORDINATOR_ROWS]
    assert late == [reverse("action_done", kwargs={"pk": a.pk}) for a in oldest]
    unreported = [row.url for row in overview.late if row.tag == "Inte återrapporterat"]
    newest = sorted([held, *meetings], key=lambda m: m.starts_at, reverse=True)
    assert unreported == [
        reverse("report_back_status", kwargs={"pk": m.pk}) for m in newest[: todo.COORDINATOR_ROWS]
    ]
