"""Participation and coverage reports against a hand-built term.

The dataset (VT 2025 in NEH, target 3–4 meetings):

- Held: m1 10 Feb, m2 17 Mar, m3 12 May. Not held: a cancelled meeting (7 Apr), a planned
  one (2 Jun), and a meeting in the next term (8 Sep).
- Miljöförvaltningen: representative rita and substitute erik, all term.
  m1: rita answers "coming" and is there, erik does not answer and is ticked absent.
  m2: rita answers "not coming" (absent), erik answers "coming" and is there.
  m3: rita answers "substitute coming"; nobody ticked.
  → attended Ja, Ja, (not ticked) = 2 of 3; answered 4 of 6 invitations = 67 %.
- Socialförvaltningen: representative olle until 1 Mar, then petra.
  m1: olle answers "coming" but is ticked absent.
  m2: petra does not answer, ticked absent; olle (no longer appointed) answers and is
  ticked present, which must not count.
  m3: petra does not answer but is there.
  → attended Nej, Nej, Ja = 1 of 3; answered 1 of 3 = 33 %.
- A third administration appointed only until 2024 and one appointed only in NSH: absent.
- Work areas: Alfa theme of m1 and m2; Beta theme of m2 and the subject of an accepted
  item on m1; Gamma the subject of an accepted item on m3. A proposed Gamma item on m1 and
  Gamma on the cancelled and next-term meetings do not count.
  → Alfa 2 + 0, Beta 1 + 1, Gamma 0 + 1.
- Questions: Miljöförvaltningen raised four in VT 2025: one still raised, one reported back,
  one closed, one answered in writing with a report-back date → 4 raised, 3 reported back;
  and one in HT 2024 (another term). Socialförvaltningen raised one, on an agenda → 1, 0.
  Kulturförvaltningen's question is in NSH and does not count in NEH.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Meeting, Question
from meetings.paging import PER_PAGE
from meetings.reports.figures import term_report
from meetings.terms import Term
from networks.models import WorkArea
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db

VT_2025 = Term(2025, "VT")
COMING = Attendance.Answer.COMING
NOT_COMING = Attendance.Answer.NOT_COMING
SUBSTITUTE_COMING = Attendance.Answer.SUBSTITUTE_COMING


def _meeting(network, day: datetime.date, status=Meeting.Status.PUBLISHED, **extra) -> Meeting:
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return Meeting.objects.create(
        network=network,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        status=status,
        published_at=None if status == Meeting.Status.PLANNED else starts_at,
        theme_title=extra.pop("theme_title", f"Tema {day}"),
        **extra,
    )


def _appoint(person, administration, network, role, start, end=None) -> Appointment:
    return factories.make_appointment(
        person, administration, network, role, start_date=start, end_date=end
    )


def _attend(meeting, person, answer="", attended=None) -> Attendance:
    return Attendance.objects.create(
        meeting=meeting, person=person, answer=answer, attended=attended
    )


@pytest.fixture
def term_data(neh, nsh, administration, other_administration, representative, substitute):
    rep = Appointment.Role.REPRESENTATIVE
    miljo, social = administration, other_administration  # Miljö- and Socialförvaltningen
    gone = factories.make_administration("Gamla förvaltningen")
    elsewhere = factories.make_administration("Kulturförvaltningen")
    rita, erik = representative, substitute  # the role fixtures, appointed since 2024
    Appointment.objects.filter(person__in=[rita, erik]).update(start_date=datetime.date(2024, 1, 1))
    olle, petra, gustav, karin = (factories.make_user() for _ in range(4))
    _appoint(olle, social, neh, rep, datetime.date(2024, 1, 1), datetime.date(2025, 3, 1))
    _appoint(petra, social, neh, rep, datetime.date(2025, 3, 2))
    _appoint(gustav, gone, neh, rep, datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
    _appoint(karin, elsewhere, nsh, rep, datetime.date(2024, 1, 1))

    alfa = WorkArea.objects.create(network=neh, name="Alfa", position=1)
    beta = WorkArea.objects.create(network=neh, name="Beta", position=2)
    gamma = WorkArea.objects.create(network=neh, name="Gamma", position=3)

    m1 = _meeting(neh, datetime.date(2025, 2, 10))
    m2 = _meeting(neh, datetime.date(2025, 3, 17))
    m3 = _meeting(neh, datetime.date(2025, 5, 12))
    cancelled = _meeting(
        neh, datetime.date(2025, 4, 7), Meeting.Status.CANCELLED, cancelled_at=timezone.now()
    )
    planned = _meeting(neh, datetime.date(2025, 6, 2), Meeting.Status.PLANNED)
    next_term = _meeting(neh, datetime.date(2025, 9, 8))
    m1.work_areas.set([alfa])
    m2.work_areas.set([alfa, beta])
    cancelled.work_areas.set([gamma])
    next_term.work_areas.set([gamma])

    accepted = AgendaItem.Status.ACCEPTED
    AgendaItem.objects.create(meeting=m1, title="B", work_area=beta, status=accepted)
    AgendaItem.objects.create(meeting=m1, title="G?", work_area=gamma)  # only proposed
    AgendaItem.objects.create(meeting=m3, title="G", work_area=gamma, status=accepted)
    AgendaItem.objects.create(meeting=m3, title="Övrigt", status=accepted)  # no work area
    AgendaItem.objects.create(meeting=cancelled, title="G", work_area=gamma, status=accepted)

    _attend(m1, rita, COMING, True)
    _attend(m1, erik, "", False)
    _attend(m2, rita, NOT_COMING, False)
    _attend(m2, erik, COMING, True)
    _attend(m3, rita, SUBSTITUTE_COMING)
    _attend(m1, olle, COMING, False)
    _attend(m2, petra, "", False)
    _attend(m2, olle, COMING, True)  # no longer appointed: ignored
    _attend(m3, petra, "", True)
    _attend(cancelled, rita, COMING)
    _attend(planned, rita, COMING)
    _attend(next_term, rita, COMING, True)

    state = Question.State
    _question(neh, miljo, datetime.date(2025, 1, 20), state.RAISED)
    _question(neh, miljo, datetime.date(2025, 2, 3), state.REPORTED_BACK)
    _question(neh, miljo, datetime.date(2025, 3, 3), state.CLOSED)
    _question(neh, miljo, datetime.date(2025, 6, 30), state.ANSWERED, datetime.date(2025, 8, 20))
    _question(neh, miljo, datetime.date(2024, 12, 31), state.CLOSED)  # HT 2024
    _question(neh, social, datetime.date(2025, 4, 1), state.ON_AGENDA)
    _question(nsh, elsewhere, datetime.date(2025, 4, 1), state.CLOSED)  # NSH
    return {"held": [m1, m2, m3], "miljo": miljo, "social": social}


def _question(network, administration, raised_on, state, reported_back_on=None) -> Question:
    return Question.objects.create(
        network=network,
        administration=administration,
        title=f"Fråga {raised_on}",
        raised_on=raised_on,
        state=state,
        reported_back_on=reported_back_on,
    )


@pytest.fixture
def nsh_coordinator(nsh):
    person = factories.make_user("nsh.samordnare@example.org", "Nina NSH")
    nsh.coordinators.add(person)
    return person


def _report_url(name="participation_report", code="neh", term="2025-VT") -> str:
    url = reverse(name, args=[code])
    return f"{url}?termin={term}" if term is not None else url


# The figures.


def test_report_figures_match_the_hand_built_term(neh, term_data):
    report = term_report(neh, VT_2025)

    assert report.held == term_data["held"]
    assert report.held_count == 3
    assert report.on_target
    rows = {row.administration.name: row for row in report.administrations}
    assert list(rows) == ["Miljöförvaltningen", "Socialförvaltningen"]
    miljo, social = rows["Miljöförvaltningen"], rows["Socialförvaltningen"]
    assert miljo.attended == [True, True, None]
    assert (miljo.attended_count, miljo.answered, miljo.invited) == (2, 4, 6)
    # The third meeting's attendance was not ticked: not an absence.
    assert miljo.recorded_count == 2
    assert miljo.answered_percent == 67
    assert social.attended == [False, False, True]
    assert (social.attended_count, social.answered, social.invited) == (1, 1, 3)
    assert social.answered_percent == 33
    assert (miljo.questions_raised, miljo.questions_reported_back) == (4, 3)
    assert (social.questions_raised, social.questions_reported_back) == (1, 0)
    areas = {row.name: (row.themes, row.agenda_items) for row in report.work_areas}
    assert areas["Alfa"] == (2, 0)
    assert areas["Beta"] == (1, 1)
    assert areas["Gamma"] == (0, 1)
    others = [value for name, value in areas.items() if name not in ("Alfa", "Beta", "Gamma")]
    assert others and all(value == (0, 0) for value in others)


def test_a_person_with_two_seats_counts_for_both(neh, term_data, administration):
    """A person seated in two administrations counts for each seat that covers the meeting:
    two seats for the whole term, and one for the whole term with one that starts later (in
    whichever order the seats are read)."""
    miljo, social = administration, term_data["social"]
    m1, m2, _m3 = term_data["held"]
    rep = Appointment.Role.REPRESENTATIVE

    def figures():
        rows = {row.administration.pk: row for row in term_report(neh, VT_2025).administrations}
        return {
            pk: (list(rows[pk].attended), rows[pk].answered, rows[pk].invited)
            for pk in (miljo.pk, social.pk)
        }

    before = figures()
    dual, late = factories.make_user(), factories.make_user()
    # Ending after the term (the administrations' current seats are taken).
    end = datetime.date(2026, 12, 31)
    _appoint(dual, miljo, neh, rep, datetime.date(2024, 1, 1), end)
    _appoint(dual, social, neh, rep, datetime.date(2024, 1, 1), end)
    _appoint(late, social, neh, rep, datetime.date(2025, 3, 2), end)  # the 2nd and 3rd meetings
    _appoint(late, miljo, neh, rep, datetime.date(2024, 1, 1), end)
    _attend(m1, dual, COMING, True)
    _attend(m1, late, COMING, False)
    _attend(m2, late, NOT_COMING, True)
    after = figures()

    assert before[miljo.pk] == ([True, True, None], 4, 6)
    assert after[miljo.pk] == ([True, True, None], 4 + 3, 6 + 3 + 3)
    assert before[social.pk] == ([False, False, True], 1, 3)
    assert after[social.pk] == ([True, True, True], 1 + 2, 3 + 3 + 2)


def test_term_lookups_are_their_querysets(neh, term_data):
    """The term's prepared lookups (meetings/reports/figures.py, compiled once with the term's
    bounds as values) give what the querysets they stand for give: the held meetings, their
    answers (a row with neither an answer nor a tick left out), their themes and accepted
    agenda items counted by work area, the network's work areas."""
    from collections import Counter

    from meetings.reports.figures import (
        ANSWERS,
        HELD,
        ITEM_COUNTS,
        THEME_COUNTS,
        WORK_AREAS,
        term_bounds,
    )

    m3 = term_data["held"][2]
    nobody = _attend(m3, factories.make_user())  # neither answered nor ticked
    bounds = term_bounds(neh, VT_2025)
    held = list(Meeting.objects.held().filter(network=neh).in_term(VT_2025))

    assert HELD.objects(**bounds) == held == term_data["held"]
    attendances = Attendance.objects.filter(meeting__in=held)
    answers = ANSWERS.rows(**bounds)
    # Answered as 1 or 0; ticked present 1, absent 0, not ticked None.
    assert sorted(answers, key=str) == sorted(
        (
            (meeting_id, person_id, int(answer != ""), None if attended is None else int(attended))
            for meeting_id, person_id, answer, attended in attendances.exclude(
                pk=nobody.pk
            ).values_list("meeting_id", "person_id", "answer", "attended")
        ),
        key=str,
    )
    assert len(answers) == 9 and attendances.count() == 10
    assert dict(THEME_COUNTS.rows(**bounds)) == Counter(
        Meeting.work_areas.through.objects.filter(meeting__in=held).values_list(
            "workarea_id", flat=True
        )
    )
    assert dict(ITEM_COUNTS.rows(**bounds)) == Counter(
        AgendaItem.objects.filter(
            meeting__in=held, status=AgendaItem.Status.ACCEPTED, work_area__isnull=False
        ).values_list("work_area_id", flat=True)
    )
    assert WORK_AREAS.rows(network_id=neh.pk) == list(
        neh.work_areas.values_list("pk", "name", "archived_at")
    )
    # The row that counts for nothing changes no figure.
    rows = {row.administration.name: row for row in term_report(neh, VT_2025).administrations}
    assert (rows["Miljöförvaltningen"].answered, rows["Miljöförvaltningen"].invited) == (4, 6)


def test_report_below_target_when_a_held_meeting_is_cancelled(neh, term_data):
    Meeting.objects.filter(pk=term_data["held"][0].pk).update(
        status=Meeting.Status.CANCELLED, cancelled_at=timezone.now()
    )

    report = term_report(neh, VT_2025)

    assert report.held_count == 2
    assert not report.on_target


def test_report_next_term_has_only_its_own_meeting(neh, term_data):
    report = term_report(neh, Term(2025, "HT"))

    assert report.held_count == 1
    rows = {row.administration.name: row for row in report.administrations}
    assert rows["Miljöförvaltningen"].attended == [True]
    assert rows["Miljöförvaltningen"].answered_percent == 50  # rita answered, erik did not


# The pages.


def _chart_values(html: str, chart_id: str) -> list[int]:
    svg = re.search(rf'<svg[^>]*id="{chart_id}".*?</svg>', html, re.S).group(0)
    return [int(value) for value in re.findall(r'class="chart-value"[^>]*>(\d+)', svg)]


def _table_values(html: str, css_class: str) -> list[int]:
    return [int(value) for value in re.findall(rf'class="{css_class}" data-value="(\d+)"', html)]


def _print_rows(html: str) -> dict[str, list[str]]:
    """The print version's administration rows: name -> the cells' text (bare markup)."""
    table = re.search(r'<table id="attendance-table".*?</table>', html, re.S).group(0)
    rows = re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', table)
    return {name: re.findall(r"<td>([^<]*)</td>", cells) for name, cells in rows}


def test_report_page_shows_totals_charts_and_the_table(client_for, term_data):
    response = client_for("coordinator").get(_report_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "3 hållna möten; målet är 3–4 per termin." in html
    assert _chart_values(html, "chart-held") == [3]
    assert _table_values(html, "num-attended") == [2, 1]
    # Administrations by meetings attended (0, 1, 2, 3, not recorded): Social 1, Miljö 2.
    assert _chart_values(html, "chart-attendance") == [0, 1, 1, 0, 0]
    assert _table_values(html, "num-answered") == [67, 33]
    # By share answered (0–24, 25–49, 50–74, 75–99, 100 %, no invitations): 33 % and 67 %.
    assert _chart_values(html, "chart-answers") == [0, 1, 1, 0, 0, 0]
    coverage = _table_values(html, "num-coverage")
    assert _chart_values(html, "chart-coverage") == coverage
    assert sorted(coverage, reverse=True)[:3] == [2, 2, 1]
    assert "4 av 6" in html and "1 av 3" in html
    assert _table_values(html, "num-questions") == [4, 1]
    assert _table_values(html, "num-reported-back") == [3, 0]
    assert _chart_values(html, "chart-questions") == [4, 1]
    assert "3 av 4" in html
    # The totals over every administration: 5 of 9 invitations answered, 5 questions, 3 back.
    summary = re.search(r'<dl class="facts" id="administration-summary">.*?</dl>', html, re.S)
    text = re.sub(r"<[^>]+>", " ", summary.group(0))
    assert "Förvaltningar med uppdrag  2" in text
    assert "2 av 2" in text  # both attended at least one meeting, both recorded
    assert "5 av 9 (56 %)" in text
    assert "Väckta frågor  5" in text and "Återrapporterade  3" in text
    assert html.count('aria-hidden="true" focusable="false"') == 5
    assert 'style="' not in html


def test_report_table_is_paged_and_the_charts_count_everyone(client_for, neh, term_data):
    _grow(neh, PER_PAGE)  # 22 administrations: a page and two more
    client = client_for("coordinator")

    html = client.get(_report_url()).content.decode()
    assert len(_table_values(html, "num-attended")) == PER_PAGE
    assert sum(_chart_values(html, "chart-attendance")) == PER_PAGE + 2
    assert "Visa fler" in html
    rest = client.get(_report_url() + "&forvaltningar=2").content.decode()
    assert len(_table_values(rest, "num-attended")) == 2
    # A page past the end answers the last page; nonsense the first.
    assert _table_values(
        client.get(_report_url() + "&forvaltningar=99").content.decode(), "num-attended"
    ) == _table_values(rest, "num-attended")
    assert (
        len(
            _table_values(
                client.get(_report_url() + "&forvaltningar=x").content.decode(), "num-attended"
            )
        )
        == PER_PAGE
    )
    # htmx: only the next rows, with the pager gone.
    more = client.get(_report_url() + "&forvaltningar=2", headers={"HX-Request": "true"})
    fragment = more.content.decode()
    assert "<html" not in fragment and "Visa fler" not in fragment
    assert f"Visar 1–{PER_PAGE + 2} av {PER_PAGE + 2} förvaltningar." in fragment


def test_term_report_print_shows_the_same_figures(client_for, term_data):
    response = client_for("coordinator").get(_report_url("term_report_print"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Terminsrapport VT 2025" in html
    assert "3 hållna möten; målet är 3–4 per termin." in html
    assert _print_rows(html) == {
        "Miljöförvaltningen": ["Ja", "Ja", "", "2 av 2", "4 av 6 (67 %)", "4 / 3"],
        "Socialförvaltningen": ["Nej", "Nej", "Ja", "1 av 3", "1 av 3 (33 %)", "1 / 0"],
    }
    assert _chart_values(html, "chart-attendance") == [0, 1, 1, 0, 0]
    assert _chart_values(html, "chart-answers") == [0, 1, 1, 0, 0, 0]
    assert _chart_values(html, "chart-coverage") == _table_values(html, "num-coverage")
    assert _chart_values(html, "chart-questions") == [4, 1]


def test_term_report_print_has_every_administration(client_for, neh, term_data):
    """The print version is printed whole: no pager, a row for each administration."""
    _grow(neh, PER_PAGE)
    html = client_for("coordinator").get(_report_url("term_report_print")).content.decode()
    assert len(_print_rows(html)) == PER_PAGE + 2
    assert "Visa fler" not in html


def test_report_defaults_to_the_current_term(client_for, neh):
    response = client_for("coordinator").get(_report_url(term=None))

    current = Term.of(timezone.localdate())
    html = response.content.decode()
    assert f"Deltagande och täckning: NEH, {current}" in html
    assert f'<option value="{current.year}-{current.season}" selected>' in html


@pytest.mark.parametrize("term", ["1999-XX", "2025", "", "1990-HT", "2025-VT\x00", "9999-VT"])
def test_report_refuses_an_invalid_term_in_swedish(client_for, term_data, term):
    client = client_for("coordinator")
    for name in ("participation_report", "term_report_print"):
        response = client.get(_report_url(name, term=term))
        assert response.status_code == 400
        assert "Välj en termin i listan." in response.content.decode()
        assert "hållna möten" not in response.content.decode()
    for name in ("report_attendance_csv", "report_work_areas_csv"):
        response = client.get(_report_url(name, term=term))
        assert response.status_code == 400
        assert response.content.decode() == "Välj en termin i listan."


def test_attendance_csv_content(client_for, term_data):
    response = client_for("coordinator").get(_report_url("report_attendance_csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="narvaro-neh-2025-vt.csv"'
    assert response.content.decode("utf-8") == (
        "\ufeffFörvaltning;2025-02-10;2025-03-17;2025-05-12;Närvarade;"
        "Möten med registrerad närvaro;Hållna möten;"
        "Besvarade inbjudningar;Inbjudningar;Andel besvarade (%);"
        "Väckta frågor;Återrapporterade frågor\r\n"
        "Miljöförvaltningen;Ja;Ja;;2;2;3;4;6;67;4;3\r\n"
        "Socialförvaltningen;Nej;Nej;Ja;1;3;3;1;3;33;1;0\r\n"
    )


def test_an_administration_without_a_seat_still_shows_its_questions(neh, term_data):
    unseated = factories.make_administration("Tekniska förvaltningen")
    _question(neh, unseated, datetime.date(2025, 5, 5), Question.State.CLOSED)

    rows = {row.administration.name: row for row in term_report(neh, VT_2025).administrations}

    assert list(rows)[-1] == "Tekniska förvaltningen"
    row = rows["Tekniska förvaltningen"]
    assert (row.questions_raised, row.questions_reported_back) == (1, 1)
    assert row.attended == [None, None, None]
    assert row.invited == 0


def _csv_text(value: str) -> str:
    """A field as the csv module writes it: quoted when it holds the separator."""
    return f'"{value}"' if ";" in value else value


def test_work_areas_csv_content(client_for, neh, term_data):
    response = client_for("coordinator").get(_report_url("report_work_areas_csv"))

    assert response["Content-Disposition"] == (
        'attachment; filename="arbetsomraden-neh-2025-vt.csv"'
    )
    expected = {"Alfa": "2;0", "Beta": "1;1", "Gamma": "0;1"}
    lines = ["\ufeffArbetsområde;Som tema;Som dagordningspunkt"] + [
        f"{_csv_text(area.name)};{expected.get(area.name, '0;0')}"
        for area in neh.work_areas.all()
        if area.archived_at is None
    ]
    assert response.content.decode("utf-8") == "\r\n".join(lines) + "\r\n"


# Who may see the reports.

REPORT_VIEWS = [
    "participation_report",
    "term_report_print",
    "report_attendance_csv",
    "report_work_areas_csv",
]
REFUSED = ["staff", "representative", "substitute", "director", "admin"]


@pytest.mark.parametrize("name", REPORT_VIEWS)
def test_report_views_open_to_the_networks_coordinator(client_for, term_data, name):
    response = client_for("coordinator").get(_report_url(name))

    assert response.status_code == 200
    content = response.content.decode("utf-8")
    assert "Alfa;2;0" in content if name == "report_work_areas_csv" else "Miljö" in content


@pytest.mark.parametrize("name", REPORT_VIEWS)
@pytest.mark.parametrize("role", REFUSED)
def test_report_views_refused_to_others(client_for, term_data, name, role):
    response = client_for(role).get(_report_url(name))

    assert response.status_code == 403
    assert "Miljöförvaltningen" not in response.content.decode("utf-8")


@pytest.mark.parametrize("name", REPORT_VIEWS)
def test_report_views_send_anonymous_to_sign_in(client, term_data, name):
    response = client.get(_report_url(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", REPORT_VIEWS)
def test_report_views_refuse_the_nsh_coordinator_on_neh(client, term_data, nsh_coordinator, name):
    client.force_login(nsh_coordinator)

    refused = client.get(_report_url(name))
    own = client.get(_report_url(name, code="nsh"))

    assert refused.status_code == 403
    assert own.status_code == 200


def test_dashboard_links_to_the_report(client_for, neh):
    response = client_for("coordinator").get(reverse("coordination_dashboard", args=["neh"]))

    assert f'href="{reverse("participation_report", args=["neh"])}"' in response.content.decode()


# Query counts: the same at two data sizes.


def _grow(neh, extra: int) -> None:
    """More administrations, people, held meetings, answers and agenda items in VT 2025."""
    area = WorkArea.objects.create(network=neh, name=f"Extra {extra}")
    for n in range(extra):
        administration = factories.make_administration()
        person = factories.make_user()
        rep = Appointment.Role.REPRESENTATIVE
        _appoint(person, administration, neh, rep, datetime.date(2024, 1, 1))
        meeting = _meeting(neh, datetime.date(2025, 1, 13) + datetime.timedelta(days=n))
        meeting.work_areas.set([area])
        _attend(meeting, person, COMING, True)
        AgendaItem.objects.create(
            meeting=meeting, title="X", work_area=area, status=AgendaItem.Status.ACCEPTED
        )
        _question(neh, administration, datetime.date(2025, 2, 1), Question.State.CLOSED)


@pytest.mark.parametrize("name", REPORT_VIEWS)
@pytest.mark.parametrize("extra", [0, 8])
def test_report_query_count_does_not_grow(
    client_for, neh, term_data, django_assert_num_queries, name, extra
):
    _grow(neh, extra)
    client = client_for("coordinator")
    client.get(_report_url(name))  # warm the session

    with django_assert_num_queries(QUERIES[name]):
        response = client.get(_report_url(name))

    assert response.status_code == 200


# Session, user, network, coordinator check, the term choices, then six for the figures:
# held meetings, their work areas, appointments, answers, agenda items, questions, work areas.
# The work-area download reads no appointments, answers or questions (it shows none); the
# attendance download no work areas or agenda items.
QUERIES = {
    "participation_report": 12,
    "term_report_print": 12,
    "report_attendance_csv": 9,
    "report_work_areas_csv": 9,
}


def test_attendance_counts_only_meetings_where_it_was_recorded(client_for, term_data):
    """Miljöförvaltningen was ticked present at two meetings and not ticked at the third:
    "2 av 2", not "2 av 3"."""
    html = client_for("coordinator").get(_report_url()).content.decode()
    cells = re.findall(r'class="num-attended" data-value="\d+">([^<]*)<', html)
    assert cells == ["2 av 2", "1 av 3"]
    printed = client_for("coordinator").get(_report_url("term_report_print")).content.decode()
    assert [row[3] for row in _print_rows(printed).values()] == ["2 av 2", "1 av 3"]


@pytest.mark.parametrize("today", [datetime.date(2027, 3, 15), datetime.date(2027, 10, 1)])
def test_term_choices_hold_the_current_and_the_next_term_in_spring_and_autumn(neh, today):
    from meetings.reports.figures import term_choices

    current = Term.of(today)
    terms = term_choices(neh, today)
    assert terms[0] == current.next() and terms[1] == current
    assert terms == sorted(terms, reverse=True)


def test_term_select_lists_every_term_in_the_interface_language(neh, term_data, rf):
    """The select's options are made once per range of terms and language (reports/forms.py):
    in Swedish and then in English in the same process, each has its own labels, the newest
    first, the current term selected."""
    from django.utils import translation

    from meetings.reports.figures import term_choices, term_value
    from meetings.reports.forms import chosen_term

    terms = term_choices(neh, timezone.localdate())
    for language in ["sv", "en", "sv"]:
        with translation.override(language):
            form, term = chosen_term(rf.get("/"), neh)
            html = str(form["termin"])
            labels = [str(each) for each in terms]
        options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)
        assert [(value, label) for value, _selected, label in options] == [
            (term_value(each), label) for each, label in zip(terms, labels, strict=True)
        ]
        assert [value for value, selected, _label in options if selected] == [term_value(term)]
        assert ("VT 2025" in labels) == (language == "sv")
        assert ("Spring 2025" in labels) == (language == "en")


@pytest.mark.parametrize("query", ["", "termin=2025-VT", "termin=1800-HT", "termin=x"])
def test_term_select_kept_html_is_the_selects_html(neh, term_data, rf, query):
    """The term select's HTML is kept per options, value and attributes (TermSelect): each
    time, for a chosen term, the current one or a value that is not a choice (the error's
    attributes), it is what the plain select writes."""
    from django.utils import translation

    from meetings.form_fields import PlainSelect
    from meetings.reports.forms import chosen_term

    for language in ["sv", "en"]:
        with translation.override(language):
            for _ in range(2):
                form, _term = chosen_term(rf.get(f"/?{query}"), neh)
                field = form["termin"]
                kept = str(field)
                written = field.as_widget(widget=PlainSelect(choices=field.field.choices))
                assert kept == written
                invalid = query in ("termin=1800-HT", "termin=x")  # not a choice
                assert ("aria-invalid" in kept) == bool(field.errors) == invalid
                assert ('value="2025-VT" selected' in kept) == (query == "termin=2025-VT")
