import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db

SIGNED_IN = ["staff", "representative", "substitute", "director", "coordinator", "admin"]


@pytest.fixture
def published(neh):
    meeting = factories.make_meeting(neh, theme_title="Klimatanpassning i planeringen")
    meeting.work_areas.set(neh.work_areas.filter(name="Klimatanpassning"))
    return meeting


@pytest.fixture
def planned(neh):
    return factories.make_meeting(
        neh, days_ahead=90, status=Meeting.Status.PLANNED, theme_title="Hemligt utkast"
    )


def page_urls(meeting):
    return [
        reverse("home"),
        reverse("network_detail", kwargs={"code": "neh"}),
        reverse("meeting_detail", kwargs={"pk": meeting.pk}),
    ]


def test_anonymous_is_sent_to_sign_in(client, published):
    for url in page_urls(published):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", SIGNED_IN)
def test_start_page_shows_both_networks_and_next_published_meeting(client_for, role, published):
    response = client_for(role).get(reverse("home"))
    content = response.content.decode()
    assert "Nätverk för social hållbarhet (NSH)" in content
    assert "Nätverk för ekologisk hållbarhet (NEH)" in content
    assert "Klimatanpassning i planeringen" in content


@pytest.mark.parametrize("role", SIGNED_IN)
def test_network_page_shows_purpose_areas_and_next_meeting_and_seats_a_page_away(
    client_for, role, published, administration, representative, other_administration
):
    client = client_for(role)
    content = client.get(reverse("network_detail", kwargs={"code": "neh"})).content.decode()
    assert "ekologisk hållbarhet" in content
    assert "Giftfri miljö" in content
    assert "Klimatanpassning i planeringen" in content
    assert "Vakant" not in content  # the seats are on their own page
    seats = client.get(reverse("network_representatives", kwargs={"code": "neh"}))
    seats_html = seats.content.decode()
    assert "Rita Representant" in seats_html
    assert "Socialförvaltningen" in seats_html and "Vakant" in seats_html


def test_network_page_hides_archived_work_areas(client_for, neh):
    neh.work_areas.filter(name="Giftfri miljö").update(archived_at=timezone.now())
    content = client_for("staff").get(reverse("network_detail", kwargs={"code": "neh"})).content
    assert "Giftfri miljö" not in content.decode()


def test_network_page_shows_ended_appointment_no_more(client_for, administration, neh):
    appointment = factories.make_appointment(
        factories.make_user(full_name="Gammal Representant"), administration, neh
    )
    appointment.end()
    url = reverse("network_representatives", kwargs={"code": "neh"})
    content = client_for("staff").get(url).content
    assert "Gammal Representant" not in content.decode()


def test_unknown_network_is_a_swedish_404(client_for):
    response = client_for("staff").get("/natverk/xyz/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_unknown_url_is_a_swedish_404(client_for):
    response = client_for("staff").get("/finns-inte/alls/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@pytest.mark.parametrize("role", SIGNED_IN)
def test_meeting_page_shows_theme_time_place_and_format(client_for, role, published):
    published.place = "Stadshuset, sal Vänern"
    published.save()
    content = client_for(role).get(published.get_absolute_url()).content.decode()
    assert "Klimatanpassning i planeringen" in content
    assert "Stadshuset, sal Vänern" in content
    assert "På plats" in content
    local = timezone.localtime(published.starts_at)
    assert f"{local:%H:%M}" in content
    assert "Klimatanpassning" in content


def test_meeting_page_shows_agenda_only_once_published(client_for, published):
    factories.make_agenda_item(published, position=1, title="Lägesbild skyfallsplan")
    client = client_for("staff")
    assert "Lägesbild skyfallsplan" not in client.get(published.get_absolute_url()).content.decode()
    factories.publish_agenda(published)
    factories.make_agenda_item(published, position=2, title="Utkastets nya punkt")
    content = client.get(published.get_absolute_url()).content.decode()
    assert "Lägesbild skyfallsplan" in content
    assert "Utkastets nya punkt" not in content


def test_meeting_page_does_not_show_proposals_on_the_agenda(client_for, published):
    published.agenda_published_at = timezone.now()
    published.save()
    factories.make_agenda_item(published, title="Bara ett förslag")
    content = client_for("staff").get(published.get_absolute_url()).content.decode()
    assert "Bara ett förslag" not in content


@pytest.mark.parametrize("role", ["staff", "representative", "director", "substitute"])
def test_planned_meeting_is_hidden_from_non_coordinators(client_for, role, planned):
    client = client_for(role)
    assert client.get(planned.get_absolute_url()).status_code == 404
    content = client.get(reverse("network_detail", kwargs={"code": "neh"})).content.decode()
    assert "Hemligt utkast" not in content


def test_planned_meeting_is_visible_to_its_coordinator(client_for, planned):
    content = client_for("coordinator").get(planned.get_absolute_url()).content.decode()
    assert "Hemligt utkast" in content
    assert "Bara samordnarna ser det" in content


def test_coordinator_of_other_network_does_not_see_planned_meeting(client, nsh, planned):
    other = factories.make_user()
    nsh.coordinators.add(other)
    client.force_login(other)
    assert client.get(planned.get_absolute_url()).status_code == 404


def test_cancelled_meeting_stays_visible_as_cancelled(client_for, published):
    published.status = Meeting.Status.CANCELLED
    published.cancellation_reason = "Lokalen är otillgänglig."
    published.save()
    content = client_for("staff").get(published.get_absolute_url()).content.decode()
    assert "INSTÄLLT:" in content
    assert "Lokalen är otillgänglig." in content


def test_past_meetings_are_listed_as_past(client_for, neh):
    factories.make_meeting(neh, days_ahead=-40, theme_title="Förra månadens möte")
    content = client_for("staff").get(reverse("network_meetings", kwargs={"code": "neh"})).content
    text = content.decode()
    assert text.index("Tidigare möten") < text.index("Förra månadens möte")


def test_start_page_lists_at_most_three_meetings_per_network(client_for, neh):
    for days in range(10, 60, 10):
        factories.make_meeting(neh, days_ahead=days, theme_title=f"Tema om {days} dagar")
    content = client_for("staff").get(reverse("home")).content.decode()
    assert "Tema om 10 dagar" in content and "Tema om 30 dagar" in content
    assert "Tema om 40 dagar" not in content


def test_director_role_sees_pages_without_appointment(client_for, administration):
    # A director is signed-in staff on these pages; their own pages come with a later issue.
    response = client_for("director").get(reverse("home"))
    assert "Hållbarhetsnätverken" in response.content.decode()
    assert Appointment.objects.filter(person=administration.director).count() == 0


def test_meeting_in_summer_time_shows_local_time(client_for, neh):
    starts = datetime.datetime(2027, 5, 4, 7, 0, tzinfo=datetime.UTC)  # 09:00 in Stockholm
    meeting = Meeting.objects.create(
        network=neh,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        status=Meeting.Status.PUBLISHED,
        theme_title="Vårmöte",
    )
    content = client_for("staff").get(meeting.get_absolute_url()).content.decode()
    assert "09:00" in content and "11:00" in content


def test_start_page_lists_each_networks_next_meetings_as_each_person_may_see_them(
    client_for, coordinator, neh, nsh
):
    """The start page's next meetings (one query compiled once per number of networks a
    person coordinates): per network the first three by start, none cancelled or over; the
    planned ones to their network's coordinators only, for one network and for two."""
    for days, title, status in [
        (-2, "NEH förbi", Meeting.Status.PUBLISHED),
        (5, "NEH inställt", Meeting.Status.CANCELLED),
        (10, "NEH planerat", Meeting.Status.PLANNED),
        (20, "NEH först", Meeting.Status.PUBLISHED),
        (30, "NEH sedan", Meeting.Status.PUBLISHED),
        (40, "NEH sist", Meeting.Status.PUBLISHED),
    ]:
        factories.make_meeting(neh, days_ahead=days, theme_title=title, status=status)
    factories.make_meeting(nsh, days_ahead=8, theme_title="NSH planerat", status="planned")
    factories.make_meeting(nsh, days_ahead=9, theme_title="NSH publicerat")

    every_title = [
        "NEH förbi",
        "NEH inställt",
        "NEH planerat",
        "NEH först",
        "NEH sedan",
        "NEH sist",
        "NSH planerat",
        "NSH publicerat",
    ]

    def titles(role) -> list[str]:
        page = client_for(role).get(reverse("home")).content.decode()
        return [title for title in every_title if title in page]

    assert titles("staff") == ["NEH först", "NEH sedan", "NEH sist", "NSH publicerat"]
    assert titles("coordinator") == ["NEH planerat", "NEH först", "NEH sedan", "NSH publicerat"]
    nsh.coordinators.add(coordinator)
    assert titles("coordinator") == [
        "NEH planerat",
        "NEH först",
        "NEH sedan",
        "NSH planerat",
        "NSH publicerat",
    ]
