"""Marking the pack presented, and what coordinators, directors and the meeting page show."""

import pytest
from django.urls import reverse

from meetings.models import Question, ReportBack
from tests import factories
from tests.report_back.conftest import days

pytestmark = pytest.mark.django_db


def mark(client, meeting, administration, presented_on):
    return client.post(
        reverse("report_back_mark", args=[meeting.pk]),
        {"administration": administration.pk, "presented_on": str(presented_on)},
    )


def test_representative_marks_and_changes_the_date(
    pack_world, administration, representative, substitute, client_for, client
):
    held = pack_world.held
    response = mark(client_for("representative"), held, administration, days(-1))
    assert response.status_code == 302
    assert response["Location"] == reverse("report_back_pack", args=[held.pk, administration.pk])
    report = ReportBack.objects.get(meeting=held, administration=administration)
    assert (report.presented_on, report.marked_by) == (days(-1), representative)

    client.force_login(substitute)
    assert mark(client, held, administration, days(-3)).status_code == 302
    report = ReportBack.objects.get(meeting=held, administration=administration)
    assert (report.presented_on, report.marked_by) == (days(-3), substitute)
    assert ReportBack.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Datumet för återrapporten är ändrat" in page
    assert "Markerad av Erik Ersättare." in page


def test_marking_reports_back_the_questions_with_an_outcome_from_the_meeting(
    pack_world, administration, representative, client_for
):
    client = client_for("representative")
    response = mark(client, pack_world.held, administration, days(-2))
    question = Question.objects.get(pk=pack_world.outcome_question.pk)
    assert (question.state, question.reported_back_on) == ("reported_back", days(-2))
    event = question.events.order_by("pk").last()
    assert (event.state, event.actor) == ("reported_back", representative)
    # Untouched: a question still on the agenda, another administration's, another meeting's.
    assert Question.objects.get(pk=pack_world.agenda_question.pk).state == "on_agenda"
    assert Question.objects.get(title="Socials fråga").state == "outcome"
    assert Question.objects.get(title="Fråga från förr").state == "outcome"
    page = client.get(response["Location"]).content.decode()
    assert "1 fråga med utfall från mötet är nu återrapporterad" in page
    assert "Återrapporterad" in page
    trail = client.get(reverse("question_detail", args=[question.pk])).content.decode()
    assert "Återrapporten från mötet presenterades för ledningsgruppen." in trail
    # Changing the date later moves nothing twice.
    mark(client, pack_world.held, administration, days(-1))
    assert question.events.filter(state="reported_back").count() == 1


def test_a_question_that_cannot_be_reported_back_refuses_the_marking(
    pack_world, administration, client_for
):
    Question.objects.filter(pk=pack_world.outcome_question.pk).update(raised_on=days(0))
    response = mark(client_for("representative"), pack_world.held, administration, days(-2))
    assert response.status_code == 200
    assert "kunde inte återrapporteras" in response.content.decode()
    assert not ReportBack.objects.exists()
    assert Question.objects.get(pk=pack_world.outcome_question.pk).state == "outcome"


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (1, "Datumet kan inte ligga i framtiden."),
        (-11, "Återrapporten kan inte ha presenterats före mötet."),
    ],
)
def test_bad_dates_are_refused_and_nothing_saved(
    held, administration, representative, client_for, when, message
):
    response = mark(client_for("representative"), held, administration, days(when))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportBack.objects.exists()


def test_meeting_day_itself_is_accepted(held, administration, representative, client_for):
    from django.utils import timezone

    day = timezone.localdate(held.starts_at)
    assert mark(client_for("representative"), held, administration, day).status_code == 302
    assert ReportBack.objects.get().presented_on == day


def test_another_administration_cannot_be_marked(
    held, administration, other_administration, representative, client_for
):
    response = mark(client_for("representative"), held, other_administration, days(0))
    assert response.status_code == 200
    assert "Du kan bara markera återrapporten för din egen förvaltning." in (
        response.content.decode()
    )
    assert not ReportBack.objects.exists()


def test_director_and_coordinator_cannot_mark(held, administration, client_for):
    for role in ("director", "coordinator"):
        assert mark(client_for(role), held, administration, days(0)).status_code == 403
    assert not ReportBack.objects.exists()


def test_a_meeting_not_held_has_no_pack(neh, administration, representative, client_for):
    upcoming = factories.make_meeting(neh, days_ahead=5)
    client = client_for("representative")
    assert mark(client, upcoming, administration, days(0)).status_code == 404
    url = reverse("report_back_pack", args=[upcoming.pk, administration.pk])
    assert client.get(url).status_code == 404


def test_coordinator_sees_who_has_presented(
    pack_world, administration, other_administration, representative, client_for, client
):
    factories.make_appointment(factories.make_user(), other_administration, pack_world.held.network)
    mark(client_for("representative"), pack_world.held, administration, days(-2))
    client.force_login(factories.network("NEH").coordinators.get())
    page = client.get(reverse("report_back_status", args=[pack_world.held.pk])).content.decode()
    assert "1 av 2 förvaltningar har presenterat återrapporten." in page
    rows = page.split("<tbody>")[1].split("</tr>")
    miljo = next(row for row in rows if "Miljöförvaltningen" in row)
    social = next(row for row in rows if "Socialförvaltningen" in row)
    assert "Rita Representant" in miljo and f"{days(-2).day} " in miljo
    assert "Inte ännu" in social

    dashboard = client.get(reverse("coordination_dashboard", args=["neh"])).content.decode()
    summary = dashboard.split('id="report-back-summary"')[1].split("</table>")[0]
    assert reverse("report_back_status", args=[pack_world.held.pk]) in summary
    assert "1 av 2" in summary


def test_meeting_page_links_to_ones_own_packs(
    held, administration, representative, director, client_for, client
):
    url = reverse("report_back_pack", args=[held.pk, administration.pk])
    assert url in client_for("representative").get(held.get_absolute_url()).content.decode()
    client.force_login(director)
    assert url in client.get(held.get_absolute_url()).content.decode()
    staff = factories.make_user()
    client.force_login(staff)
    assert "report-back-heading" not in client.get(held.get_absolute_url()).content.decode()


def test_meeting_page_of_an_upcoming_meeting_has_no_pack_links(neh, representative, client_for):
    upcoming = factories.make_meeting(neh, days_ahead=5)
    page = client_for("representative").get(upcoming.get_absolute_url()).content.decode()
    assert "report-back-heading" not in page


def test_my_networks_lists_recent_packs_and_whether_presented(
    held, neh, administration, representative, client_for
):
    older = factories.make_meeting(neh, days_ahead=-40, theme_title="Äldre möte")
    factories.make_meeting(neh, days_ahead=-400, theme_title="För gammalt")
    factories.make_meeting(neh, days_ahead=5, theme_title="Kommande")
    ReportBack.objects.create(meeting=older, administration=administration, presented_on=days(-30))
    page = client_for("representative").get(reverse("my_networks")).content.decode()
    packs = page.split('id="my-packs"')[1].split("</ul>")[0]
    rows = packs.split("</li>")
    assert "Cirkulär upphandling" in rows[0] and "inte presenterad ännu" in rows[0]
    assert "Äldre möte" in rows[1] and "presenterad " in rows[1]
    assert reverse("report_back_pack", args=[held.pk, administration.pk]) in rows[0]
    assert "För gammalt" not in packs and "Kommande" not in packs


def test_status_rows_mark_names_swedish_in_english_and_escape_them(
    pack_world, administration, representative, client_for, client, settings
):
    """The status table's rows are written in Python (meetings/report_back/views.py): each
    administration links to its pack, its name is escaped and marked Swedish in English."""
    administration.name = "Miljö <&> förvaltningen"
    administration.save()
    mark(client_for("representative"), pack_world.held, administration, days(-2))
    client.force_login(factories.network("NEH").coordinators.get())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("report_back_status", args=[pack_world.held.pk])).content.decode()
    row = page.split("<tbody>")[1].split("</tr>")[0]
    pack = reverse("report_back_pack", args=[pack_world.held.pk, administration.pk])
    assert f'<a href="{pack}"><span lang="sv">Miljö &lt;&amp;&gt; förvaltningen</span></a>' in row
    assert "Rita Representant" in row
