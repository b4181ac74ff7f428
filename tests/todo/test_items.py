"""The to-dos ("Att göra"): each kind appears when due and disappears when done, on Mina
nätverk, the start page and the personal calendar feed; the start page per role."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from config.dates import long_date
from meetings.calendar import ics as calendar
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    ConsultationResponse,
    Evaluation,
    IndicatorValue,
    Meeting,
    ReportBack,
)
from meetings.todo import items as todo
from tests import factories

pytestmark = pytest.mark.django_db


def kinds(user) -> list[str]:
    return [item.kind for item in todo.for_person(user)]


def todo_list(client, user, url_name: str = "my_networks") -> str:
    client.force_login(user)
    page = client.get(reverse(url_name)).content.decode()
    start = page.find('id="my-todo"')
    assert start != -1, "no Att göra section"
    return page[start : page.find("</section>", start)]


# --- Each kind ----------------------------------------------------------------------------------


def test_meeting_to_answer_appears_until_answered(client, representative, neh):
    meeting = factories.make_meeting(neh, days_ahead=20, theme_title="Cirkulär ekonomi")
    section = todo_list(client, representative)
    assert "Svara på kallelsen" in section
    assert f"#answer-{meeting.pk}" in section
    assert long_date(timezone.localdate(meeting.starts_at)) in section

    response = client.post(
        reverse("attendance_answer", kwargs={"pk": meeting.pk}), {"answer": "coming"}
    )
    assert response.status_code == 302
    assert todo.Kind.ANSWER not in kinds(representative)
    assert "Svara på kallelsen" not in todo_list(client, representative)


def test_planned_cancelled_and_past_meetings_ask_no_answer(representative, neh):
    factories.make_meeting(neh, days_ahead=20, status="planned")
    factories.make_meeting(neh, days_ahead=20, status="cancelled")
    factories.make_meeting(neh, days_ahead=-3)
    assert todo.Kind.ANSWER not in kinds(representative)


def test_proposals_deadline_until_the_person_proposes_or_it_passes(representative, neh):
    meeting = factories.make_meeting(neh, days_ahead=40)
    (item,) = [i for i in todo.for_person(representative) if i.kind == todo.Kind.PROPOSALS]
    assert item.due == timezone.localdate(meeting.proposals_close_at)
    assert item.url == reverse("agenda_proposals", kwargs={"pk": meeting.pk})

    factories.make_agenda_item(meeting, proposed_by=representative)
    assert todo.Kind.PROPOSALS not in kinds(representative)

    closed = factories.make_meeting(neh, days_ahead=neh.proposal_close_days - 1)
    assert closed.proposals_close_at < timezone.now()
    assert todo.Kind.PROPOSALS not in kinds(representative)


def test_consultation_until_the_administration_has_answered(
    client, representative, substitute, administration, other_administration, neh
):
    document = factories.make_consultation(neh, asked=[administration], title="Remiss: cykelplan")
    factories.make_consultation(neh, asked=[other_administration], title="Remiss: annan")
    for person in (representative, substitute):
        section = todo_list(client, person)
        assert "Remiss: cykelplan" in section
        assert "Remiss: annan" not in section
        assert long_date(document.deadline) in section
        assert document.get_absolute_url() in section

    row = ConsultationResponse.objects.get(document=document, administration=administration)
    client.force_login(representative)
    response = client.post(
        reverse("consultation_response_mark", kwargs={"pk": document.pk}), {"response": row.pk}
    )
    assert response.status_code == 302
    assert todo.Kind.CONSULTATION not in kinds(representative)
    assert todo.Kind.CONSULTATION not in kinds(substitute)


def test_consultation_past_its_deadline_is_marked_overdue_with_words(
    client, representative, administration, neh
):
    factories.make_consultation(
        neh,
        asked=[administration],
        title="Remiss: sen",
        deadline=timezone.localdate() - datetime.timedelta(days=2),
    )
    (item,) = todo.for_person(representative)
    assert item.overdue and item.status_label == "Försenad"
    section = todo_list(client, representative)
    assert 'class="tag tag-overdue"' in section and "Försenad" in section


def test_withdrawn_consultation_is_not_a_todo(representative, administration, neh):
    factories.make_consultation(neh, asked=[administration], withdrawn_at=timezone.now())
    assert todo.Kind.CONSULTATION not in kinds(representative)


def test_action_until_marked_done(
    client, representative, administration, other_administration, neh
):
    held = factories.make_meeting(neh, days_ahead=-10)
    item = factories.make_agenda_item(held, position=1)
    action = factories.make_action(
        held,
        agenda_item=item,
        administrations=[administration],
        title="Inventera matavfall",
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    factories.make_action(held, agenda_item=item, administrations=[other_administration])
    (found,) = [i for i in todo.for_person(representative) if i.kind == todo.Kind.ACTION]
    assert found.title == "Inventera matavfall" and found.overdue
    assert found.url == reverse("action_done", kwargs={"pk": action.pk})

    client.force_login(representative)
    response = client.post(found.url, {"done_comment": "Klart."})
    assert response.status_code == 302
    assert ActionItem.objects.get(pk=action.pk).status == ActionItem.Status.DONE
    assert todo.Kind.ACTION not in kinds(representative)


def test_pack_until_presented(representative, administration, neh):
    held = factories.make_meeting(neh, days_ahead=-10)
    factories.make_meeting(neh, days_ahead=-400)  # too long ago to be a to-do
    (found,) = [i for i in todo.for_person(representative) if i.kind == todo.Kind.PACK]
    assert found.held_on == timezone.localdate(held.starts_at)
    assert found.url == reverse(
        "report_back_pack", kwargs={"pk": held.pk, "administration_pk": administration.pk}
    )
    ReportBack.objects.create(
        meeting=held, administration=administration, presented_on=timezone.localdate()
    )
    assert todo.Kind.PACK not in kinds(representative)


def test_evaluation_for_participants_until_answered_or_closed(representative, substitute, neh):
    held = factories.make_meeting(neh, days_ahead=-5)
    Attendance.objects.create(meeting=held, person=representative, answer="coming")
    assert todo.Kind.EVALUATION in kinds(representative)
    assert todo.Kind.EVALUATION not in kinds(substitute)  # did not take part

    # The window closes when the next meeting starts: that is the due date.
    following = factories.make_meeting(neh, days_ahead=10)
    (found,) = [i for i in todo.for_person(representative) if i.kind == todo.Kind.EVALUATION]
    assert found.due == timezone.localdate(following.starts_at)
    assert found.url == reverse("evaluation_answer", kwargs={"pk": held.pk})

    Evaluation.objects.create(meeting=held, person=representative, usefulness=4)
    assert todo.Kind.EVALUATION not in kinds(representative)


def test_evaluation_closed_by_the_next_meeting_is_gone(representative, neh):
    held = factories.make_meeting(neh, days_ahead=-20)
    Attendance.objects.create(meeting=held, person=representative, answer="coming")
    factories.make_meeting(neh, days_ahead=-5)
    assert todo.Kind.EVALUATION not in [
        i.kind
        for i in todo.for_person(representative)
        if i.url.endswith(f"/{held.pk}/utvardering/")
    ]


def test_ticked_attendance_decides_who_evaluates(representative, substitute, neh):
    held = factories.make_meeting(neh, days_ahead=-5)
    Attendance.objects.create(meeting=held, person=representative, answer="coming", attended=False)
    Attendance.objects.create(meeting=held, person=substitute, answer="", attended=True)
    assert todo.Kind.EVALUATION not in kinds(representative)
    assert todo.Kind.EVALUATION in kinds(substitute)


def test_indicator_value_until_entered(representative, administration, neh):
    goal = factories.make_goal(neh)
    indicator = factories.make_indicator(goal, responsible_administration=administration)
    factories.make_indicator(goal)  # nobody's
    year = timezone.localdate().year - 1
    (found,) = [i for i in todo.for_person(representative) if i.kind == todo.Kind.INDICATOR]
    assert found.due == datetime.date(year + 1, 3, 31)
    assert found.url == reverse("indicator_value_record", kwargs={"pk": indicator.pk})
    assert str(year) in found.action

    IndicatorValue.objects.create(indicator=indicator, year=year, value=10)
    assert todo.Kind.INDICATOR not in kinds(representative)


def test_sorted_by_due_date_with_undated_last(representative, administration, neh):
    factories.make_consultation(
        neh, asked=[administration], deadline=timezone.localdate() + datetime.timedelta(days=90)
    )
    factories.make_meeting(neh, days_ahead=3)
    factories.make_meeting(neh, days_ahead=-10)  # a pack: no date
    items = todo.for_person(representative)
    dues = [i.due for i in items]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated)
    assert dues[-1] is None and items[-1].kind == todo.Kind.PACK


def test_no_seat_no_todos(client, staff, neh):
    factories.make_meeting(neh, days_ahead=20)
    assert todo.for_person(staff) == []
    client.force_login(staff)
    assert 'id="my-todo"' not in client.get(reverse("my_networks")).content.decode()


def test_empty_list_says_what_will_appear(client, representative):
    section = todo_list(client, representative, "home")
    assert "Här visas det du har att göra" in section


# --- The start page per role ---------------------------------------------------------------------


def test_home_representative_sees_todos_before_meetings(client, representative, neh):
    factories.make_meeting(neh, days_ahead=20, theme_title="Cirkulär ekonomi")
    client.force_login(representative)
    page = client.get(reverse("home")).content.decode()
    assert page.index('id="my-todo"') < page.index('id="network-NEH"')
    assert "Svara på kallelsen" in page and "Cirkulär ekonomi" in page


def test_home_director_sees_administrations_todos_seats_and_questions(
    client, director, representative, substitute, administration, other_administration, neh
):
    factories.make_consultation(neh, asked=[administration], title="Remiss: cykelplan")
    factories.make_consultation(neh, asked=[other_administration], title="Remiss: annan")
    factories.make_question(neh, administration, title="Hur når vi målen?")
    factories.make_meeting(neh, days_ahead=20, theme_title="Cirkulär ekonomi")
    client.force_login(director)
    page = client.get(reverse("home")).content.decode()
    start = page.index('id="administration-todo"')
    section = page[start : page.index("</section>", start)]
    assert "Remiss: cykelplan" in section and "Remiss: annan" not in section
    assert "Ingen har svarat" in section  # nobody of the administration answered the meeting
    assert representative.full_name in section and substitute.full_name in section
    assert "Hur når vi målen?" in section
    assert 'id="my-todo"' not in page  # no seat of their own

    Attendance.objects.create(
        meeting=neh.meetings.get(theme_title="Cirkulär ekonomi"),
        person=substitute,
        administration=administration,
        answer="coming",
    )
    page = client.get(reverse("home")).content.decode()
    assert "Ingen har svarat" not in page


def test_home_coordinator_sees_what_arrived_and_what_is_late(
    client, coordinator, representative, administration, neh
):
    coming = factories.make_meeting(neh, days_ahead=7)
    factories.make_agenda_item(coming, title="Förslag om solceller", proposed_by=representative)
    factories.make_question(neh, administration, title="En ny fråga")
    held = factories.make_meeting(neh, days_ahead=-20)
    factories.make_action(
        held,
        agenda_item=factories.make_agenda_item(held, position=1),
        administrations=[administration],
        title="Sen åtgärd",
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    client.force_login(coordinator)
    page = client.get(reverse("home")).content.decode()
    arrived = page[page.index('id="arrived"') : page.index('id="late"')]
    late = page[page.index('id="late"') :]
    assert "Förslag om solceller" in arrived and "Nytt förslag" in arrived
    assert "En ny fråga" in arrived
    assert "Sen åtgärd" in late and "Försenad åtgärd" in late
    assert "1 förvaltning har inte svarat" in late  # the meeting in a week
    assert "har inte återrapporterat" in late  # the held meeting's pack

    AgendaItem.objects.filter(title="Förslag om solceller").update(
        status=AgendaItem.Status.ACCEPTED
    )
    page = client.get(reverse("home")).content.decode()
    assert "Förslag om solceller" not in page


def test_home_coordinator_empty_lists_say_what_will_appear(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("home")).content.decode()
    assert "Här visas nya förslag till dagordningen" in page
    assert "Här visas försenade åtgärder" in page


def test_home_staff_sees_coming_meetings_and_published_minutes(client, staff, neh):
    factories.make_meeting(neh, days_ahead=20, theme_title="Kommande tema")
    client.force_login(staff)
    page = client.get(reverse("home")).content.decode()
    assert "Kommande tema" in page
    assert "Här visas minnesanteckningarna" in page
    assert 'id="my-todo"' not in page and 'id="arrived"' not in page


def test_home_staff_lists_published_minutes(client, staff, neh):
    from meetings.models import Minutes, MinutesVersion

    held = factories.make_meeting(neh, days_ahead=-10, theme_title="Hållet tema")
    minutes = Minutes.objects.create(meeting=held)
    MinutesVersion.objects.create(minutes=minutes, number=1, content={})
    client.force_login(staff)
    page = client.get(reverse("home")).content.decode()
    assert reverse("minutes_detail", kwargs={"pk": held.pk}) in page


# --- The personal calendar feed ------------------------------------------------------------------


def feed_todos(client, user) -> dict[str, object]:
    secret = calendar.new_token(user)
    body = client.get(reverse("calendar_feed", kwargs={"secret": secret})).content
    cal = Calendar.from_ical(body)
    return {
        str(event["UID"]): event
        for event in cal.walk("VEVENT")
        if str(event["UID"]).startswith("todo-")
    }


def test_personal_feed_has_dated_todos_as_all_day_entries(
    client, representative, administration, neh
):
    document = factories.make_consultation(neh, asked=[administration], title="Remiss: cykelplan")
    factories.make_meeting(neh, days_ahead=-10)  # a pack, without a date: not in the calendar
    entries = feed_todos(client, representative)
    row = ConsultationResponse.objects.get(document=document)
    uid = f"todo-consultation-{row.pk}@{calendar.UID_DOMAIN}"
    assert set(entries) == {uid}
    event = entries[uid]
    assert event["DTSTART"].dt == document.deadline  # a date: an all-day entry
    assert event["TRANSP"] == "TRANSPARENT"
    assert "Remiss: cykelplan" in str(event["SUMMARY"])
    assert str(event["URL"]).endswith(document.get_absolute_url())
    # The same UID on the next fetch; gone once the administration has answered.
    assert set(feed_todos(client, representative)) == {uid}
    ConsultationResponse.objects.filter(pk=row.pk).update(sent_at=timezone.now())
    assert feed_todos(client, representative) == {}


def test_personal_feed_etag_moves_when_a_todo_is_done(client, representative, administration, neh):
    document = factories.make_consultation(neh, asked=[administration])
    secret = calendar.new_token(representative)
    path = reverse("calendar_feed", kwargs={"secret": secret})
    etag = client.get(path)["ETag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    ConsultationResponse.objects.filter(document=document).update(sent_at=timezone.now())
    # The to-dos are kept per link for a few minutes (FEED_TODOS_SECONDS): the same answer until
    # they lapse, then the entry is gone.
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    cache.clear()
    response = client.get(path, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert document.title not in response.content.decode()


def test_personal_feed_todos_follow_a_meeting_change_at_once(
    client, representative, administration, neh
):
    meeting = factories.make_meeting(neh, days_ahead=10, theme_title="Cirkulär ekonomi")
    secret = calendar.new_token(representative)
    path = reverse("calendar_feed", kwargs={"secret": secret})
    assert "UID:todo-" in client.get(path).content.decode()  # answer the invitation
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    meeting.save()
    body = client.get(path).content.decode()
    # The invitation to answer was a to-do; the cancelled meeting asks for no answer.
    assert "STATUS:CANCELLED" in body and "UID:todo-" not in body


def test_directors_feed_has_their_administrations_todos(
    client, director, representative, administration, neh
):
    factories.make_consultation(neh, asked=[administration], title="Remiss: cykelplan")
    entries = feed_todos(client, director)
    assert any("Remiss: cykelplan" in str(e["SUMMARY"]) for e in entries.values())


def test_home_shows_the_most_urgent_todos_and_links_to_the_rest(
    client, representative, administration, neh
):
    from meetings.pages.views import TODOS_ON_HOME

    total = TODOS_ON_HOME + 3
    for n in range(total):
        factories.make_consultation(
            neh,
            asked=[administration],
            title=f"Remiss nummer {n:02d}",
            deadline=timezone.localdate() + datetime.timedelta(days=10 + n),
        )
    section = todo_list(client, representative, "home")
    assert section.count('class="todo-item') == TODOS_ON_HOME
    assert "Remiss nummer 00" in section  # the nearest deadline first
    assert f"Remiss nummer {total - 1:02d}" not in section
    assert f"Visar de {TODOS_ON_HOME} mest brådskande av {total}." in section
    assert section.count("Remiss nummer") == 2 * TODOS_ON_HOME  # link text and subject
    full = todo_list(client, representative)
    assert full.count('class="todo-item') == total


def test_a_title_that_names_its_kind_is_not_prefixed_again(
    client, representative, administration, neh
):
    factories.make_consultation(neh, asked=[administration], title="Remiss: ny avfallsplan")
    factories.make_consultation(neh, asked=[administration], title="Cykelplan")
    section = todo_list(client, representative)
    assert "Remiss: Remiss" not in section
    assert "Remiss: <span" in section or "Remiss: Cykelplan" in section


def test_two_people_of_one_shape_get_their_own_todos(
    representative, administration, other_administration, neh, nsh
):
    """The to-do queries are compiled once per shape of the seats (config/prepared.py) and run
    with each person's ids: two representatives, one seat each, different administrations,
    each get their own administration's consultation, action and indicator, and a person
    with seats in both networks (another shape) gets both networks' to-dos."""
    other = factories.make_user("annan@example.org", "Anna Annan")
    factories.make_appointment(other, other_administration, neh)
    held = factories.make_meeting(neh, days_ahead=-10)
    goal = factories.make_goal(neh)
    for admin, name in ((administration, "Vår"), (other_administration, "Deras")):
        factories.make_consultation(neh, asked=[admin], title=f"{name} remiss")
        factories.make_action(held, administrations=[admin], title=f"{name} åtgärd")
        factories.make_indicator(goal, responsible_administration=admin, name=f"{name} indikator")
    titles = {
        person.email: {i.title for i in todo.for_person(person) if i.kind != todo.Kind.PACK}
        for person in (representative, other)
    }
    assert titles[representative.email] == {"Vår remiss", "Vår åtgärd", "Vår indikator"}
    assert titles[other.email] == {"Deras remiss", "Deras åtgärd", "Deras indikator"}

    factories.make_appointment(other, other_administration, nsh)
    factories.make_consultation(nsh, asked=[other_administration], title="NSH-remiss")
    other = type(other).objects.get(pk=other.pk)  # as the next request reads the person
    assert "NSH-remiss" in {i.title for i in todo.for_person(other)}


def test_coordinators_of_one_network_each_see_their_own(
    coordinator, representative, administration, neh, nsh
):
    """The coordinators' lists are compiled once per number of networks: NEH's and NSH's
    coordinators (one network each) get their own network's rows; one coordinating both
    gets both."""
    nsh_coordinator = factories.make_user("nsh-samordnare@example.org", "Sam NSH")
    nsh.coordinators.add(nsh_coordinator)
    for network in (neh, nsh):
        coming = factories.make_meeting(network, days_ahead=7)
        factories.make_agenda_item(
            coming, title=f"Förslag i {network.code}", proposed_by=representative
        )
        factories.make_question(network, administration, title=f"Fråga i {network.code}")

    def arrived(person) -> set[str]:
        person = type(person).objects.get(pk=person.pk)  # roles as a new request reads them
        return {row.title for row in todo.for_coordinator(person).arrived}

    assert arrived(coordinator) == {"Förslag i NEH", "Fråga i NEH"}
    assert arrived(nsh_coordinator) == {"Förslag i NSH", "Fråga i NSH"}
    nsh.coordinators.add(coordinator)
    assert arrived(coordinator) == {"Förslag i NEH", "Fråga i NEH", "Förslag i NSH", "Fråga i NSH"}
