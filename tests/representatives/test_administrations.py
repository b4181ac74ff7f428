"""The list of administrations kept in the app: add, rename, merge, deactivate, never delete."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.documents.forms import DocumentForm
from meetings.goals.forms import GoalActionCreateForm
from meetings.paging import PER_PAGE
from representatives.models import Administration, Appointment
from tests import factories
from tests.accounts.support import sign_in_as
from tests.factories import at_version, submitted

pytestmark = pytest.mark.django_db


def test_add_creates_an_administration(client_for):
    response = client_for("coordinator").post(
        reverse("administration_add"),
        submitted({"name": "Klimatförvaltningen", "short_name": "KF"}),
    )
    assert response.status_code == 302
    added = Administration.objects.get(short_name="KF")
    assert added.is_active and added.history.count() == 1


@pytest.mark.parametrize(
    ("name", "short_name", "message"),
    [
        ("miljöförvaltningen", "NY", "Det finns redan en förvaltning med det namnet."),
        ("Ny förvaltning", None, "Det finns redan en förvaltning med det kortnamnet."),
        ("   ", "NY", "Ge förvaltningen ett namn."),
    ],
)
def test_add_refuses_a_name_in_use(client_for, administration, name, short_name, message):
    short_name = short_name or administration.short_name.lower()
    response = client_for("coordinator").post(
        reverse("administration_add"), submitted({"name": name, "short_name": short_name})
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Administration.objects.count() == 1


def test_rename_keeps_the_old_name_in_the_history(client_for, administration):
    client = client_for("coordinator")
    response = client.post(
        reverse("administration_edit", args=[administration.pk]),
        at_version(administration, {"name": "Klimat- och miljöförvaltningen", "short_name": "KMF"}),
    )
    assert response.status_code == 302
    administration.refresh_from_db()
    assert administration.name == "Klimat- och miljöförvaltningen"
    page = client.get(reverse("object_history", args=["forvaltning", administration.pk]))
    text = page.content.decode()
    assert "Miljöförvaltningen" in text and "Klimat- och miljöförvaltningen" in text


def test_rename_to_a_name_in_use_is_refused(client_for, administration, other_administration):
    response = client_for("coordinator").post(
        reverse("administration_edit", args=[administration.pk]),
        at_version(administration, {"name": other_administration.name, "short_name": "X"}),
    )
    assert response.status_code == 422
    assert "Det finns redan en förvaltning med det namnet." in response.content.decode()
    administration.refresh_from_db()
    assert administration.name == "Miljöförvaltningen"


def test_rename_from_a_stale_page_is_refused(client_for, administration):
    data = at_version(administration, {"name": "Första", "short_name": "F1"})
    client = client_for("coordinator")
    client.post(reverse("administration_edit", args=[administration.pk]), data)
    response = client.post(
        reverse("administration_edit", args=[administration.pk]),
        {**data, "name": "Andra", "short_name": "F2"},
    )
    assert response.status_code == 422
    assert "har ändrats av någon annan" in response.content.decode()
    administration.refresh_from_db()
    assert administration.name == "Första"


def test_merge_moves_open_seats_and_keeps_the_history(
    client_for, administration, other_administration, representative, substitute, neh, nsh
):
    # The target already has a representative in NEH, but no substitute.
    social_rep = factories.make_user("social@example.org", "Sol Social")
    factories.make_appointment(social_rep, other_administration, neh)
    client = client_for("coordinator")
    response = client.post(
        reverse("administration_merge", args=[administration.pk]),
        {"target": other_administration.pk, "confirm": "on"},
    )
    assert response.status_code == 302
    administration.refresh_from_db()
    assert not administration.is_active
    assert administration.merged_into == other_administration
    # Nothing open is left on the merged administration; its seats are kept, ended.
    assert not Appointment.objects.filter(administration=administration, end_date=None).exists()
    assert Appointment.objects.filter(administration=administration).count() == 2
    # The substitute moved; the target's own representative stayed.
    current = Appointment.objects.current().filter(administration=other_administration)
    assert {(a.person, a.role) for a in current} == {
        (social_rep, Appointment.Role.REPRESENTATIVE),
        (substitute, Appointment.Role.SUBSTITUTE),
    }
    # The merged one is still listed, and its history says what happened.
    listing = client.get(reverse("administration_list")).content.decode()
    assert "sammanslagen med Socialförvaltningen" in listing
    assert "Sammanslagna hit: Miljöförvaltningen" in listing
    history = client.get(reverse("object_history", args=["forvaltning", administration.pk]))
    text = history.content.decode()
    assert "Sammanslagen med" in text and "Socialförvaltningen" in text
    assert "Sam Samordnare" in text


@pytest.mark.parametrize("case", ["itself", "inactive"])
def test_merge_into_itself_or_an_inactive_one_is_refused(
    client_for, administration, other_administration, representative, case
):
    if case == "inactive":
        other_administration.is_active = False
        other_administration.save()
        target, message = other_administration, "Socialförvaltningen är inaktiv."
    else:
        target, message = administration, "En förvaltning kan inte slås samman med sig själv."
    response = client_for("coordinator").post(
        reverse("administration_merge", args=[administration.pk]),
        {"target": target.pk, "confirm": "on"},
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    administration.refresh_from_db()
    assert administration.is_active and administration.merged_into is None
    assert Appointment.objects.current().filter(administration=administration).count() == 1


def test_merge_offers_only_other_active_administrations(
    client_for, administration, other_administration
):
    gone = factories.make_administration("Nedlagda förvaltningen")
    gone.is_active = False
    gone.save()
    page = client_for("coordinator").get(reverse("administration_merge", args=[administration.pk]))
    text = page.content.decode()
    assert f'value="{other_administration.pk}"' in text
    assert f'value="{gone.pk}"' not in text
    assert f'value="{administration.pk}"' not in text


def test_deactivate_ends_the_seats_and_can_be_undone(client_for, administration, representative):
    client = client_for("admin")
    response = client.post(reverse("administration_deactivate", args=[administration.pk]))
    assert response.status_code == 302
    administration.refresh_from_db()
    assert not administration.is_active
    assert not Appointment.objects.current().filter(administration=administration).exists()
    assert Administration.objects.filter(pk=administration.pk).exists()
    client.post(reverse("administration_reactivate", args=[administration.pk]))
    administration.refresh_from_db()
    assert administration.is_active


def test_an_upcoming_seat_of_a_merged_administration_never_starts(
    client_for, administration, other_administration, neh
):
    later = timezone.localdate() + datetime.timedelta(days=30)
    person = factories.make_user("snart@example.org", "Snart Sittande")
    upcoming = Appointment.objects.create(
        person=person,
        administration=administration,
        network=neh,
        role=Appointment.Role.REPRESENTATIVE,
        start_date=later,
    )
    client_for("coordinator").post(
        reverse("administration_merge", args=[administration.pk]),
        {"target": other_administration.pk, "confirm": "on"},
    )
    upcoming.refresh_from_db()
    assert upcoming.end_date == later
    assert not Appointment.objects.filter(administration=other_administration).exists()


def test_a_merged_administration_leaves_the_network_page(
    client_for, administration, other_administration, neh
):
    client = client_for("coordinator")
    client.post(
        reverse("administration_merge", args=[administration.pk]),
        {"target": other_administration.pk, "confirm": "on"},
    )
    dashboard = client.get(reverse("coordination_dashboard", args=["neh"])).content.decode()
    vacancies = dashboard.split('<ul id="vacancies">')[1].split("</ul>")[0]
    assert "Socialförvaltningen" in vacancies
    assert "Miljöförvaltningen" not in vacancies


def test_any_networks_coordinator_keeps_the_list(client, nsh, administration):
    nsh_coordinator = factories.make_user("nsh.samordnare@example.org", "Nils NSH")
    nsh.coordinators.add(nsh_coordinator)
    sign_in_as(client, nsh_coordinator)
    assert client.get(reverse("administration_list")).status_code == 200
    response = client.post(
        reverse("administration_edit", args=[administration.pk]),
        at_version(administration, {"name": "Miljö- och klimatförvaltningen", "short_name": "MK"}),
    )
    assert response.status_code == 302
    assert Administration.objects.get(pk=administration.pk).short_name == "MK"


@pytest.mark.parametrize("role", ["staff", "representative", "director"])
def test_others_cannot_change_the_list(client_for, administration, role):
    response = client_for(role).post(
        reverse("administration_edit", args=[administration.pk]),
        at_version(administration, {"name": "Annat namn", "short_name": "AN"}),
    )
    assert response.status_code == 403
    assert Administration.objects.get(pk=administration.pk).name == "Miljöförvaltningen"


def test_new_consultations_and_goal_actions_offer_only_active_administrations(
    administration, other_administration, neh
):
    other_administration.is_active = False
    other_administration.save()
    consultation = DocumentForm(network=neh).fields["asked_administrations"]
    goal_action = GoalActionCreateForm.base_fields["administrations"]
    for field in (consultation, goal_action):
        offered = set(field.queryset.all())
        assert administration in offered and other_administration not in offered


def _names(html: str, section: str) -> list[str]:
    part = html.split(f'aria-labelledby="{section}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<th scope="row"[^>]*>([^<]+?)(?:<br>|</th>)', part)


def test_list_is_paged_with_a_name_filter(client_for):
    for n in range(PER_PAGE + 2):
        factories.make_administration(name=f"Aktiv {n:02d}")
    for n in range(PER_PAGE + 1):
        gone = factories.make_administration(name=f"Inaktiv {n:02d}")
        Administration.objects.filter(pk=gone.pk).update(is_active=False)
    client = client_for("coordinator")
    url = reverse("administration_list")

    html = client.get(url).content.decode()
    assert _names(html, "active-heading") == [f"Aktiv {n:02d}" for n in range(PER_PAGE)]
    assert _names(html, "inactive-heading") == [f"Inaktiv {n:02d}" for n in range(PER_PAGE)]
    # Each list's next page by its own parameter; htmx gets only that list's rows.
    more = client.get(url + "?page=2", headers={"HX-Request": "true"}).content.decode()
    assert re.findall(r">(Aktiv \d+)<", more) == ["Aktiv 20", "Aktiv 21"]
    assert "Inaktiv 0" not in more and 'data-announce="Visar 1–22 av 22 förvaltningar."' in more
    more = client.get(url + "?inaktiva=2", headers={"HX-Request": "true"}).content.decode()
    assert re.findall(r">(Inaktiv \d+)<", more) == ["Inaktiv 20"]
    # A bad page number answers the nearest page.
    html = client.get(url + "?page=99&inaktiva=abc").content.decode()
    assert _names(html, "active-heading") == ["Aktiv 20", "Aktiv 21"]
    assert _names(html, "inactive-heading")[0] == "Inaktiv 00"
    # The filter, in both lists.
    html = client.get(url + "?namn=v+01").content.decode()
    assert _names(html, "active-heading") == ["Aktiv 01"]
    assert _names(html, "inactive-heading") == ["Inaktiv 01"]
    html = client.get(url + "?namn=ingen").content.decode()
    assert "Ingen aktiv förvaltning har det namnet." in html
    # Too long: said beside the field, and the list is shown unfiltered.
    response = client.get(url + "?namn=" + "x" * 101)
    assert response.status_code == 200
    assert response.context["filters"].errors
    assert len(_names(response.content.decode(), "active-heading")) == PER_PAGE
