"""The director's pages: Min förvaltning, appointing, replacing and ending appointments."""

import datetime

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from representatives.models import Appointment
from tests import factories
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

TICKS = {"mandate": "on", "management_access": "on", "management_forwards": "on"}


def detail_url(administration):
    return reverse("administration_detail", kwargs={"pk": administration.pk})


def create_url(administration, code="neh", role="representant"):
    return reverse(
        "appointment_create", kwargs={"pk": administration.pk, "code": code, "role": role}
    )


def appoint_data(**extra):
    data = {"full_name": "Nora Ny", "email": "nora.ny@example.org", **TICKS}
    data.update(extra)
    return factories.submitted(data)


@pytest.mark.parametrize("role", ROLES)
def test_administration_detail_only_for_its_director(role, client_for, administration):
    client = client_for(role)
    response = client.get(detail_url(administration))
    if role == "anonymous":
        assert response.status_code == 302
        assert "/konto/login/" in response["Location"]
    elif role == "director":
        assert response.status_code == 200
        assert "Miljöförvaltningen" in response.content.decode()
    else:
        assert response.status_code == 404


def test_administration_detail_of_another_administration_is_404(
    client, director, other_administration
):
    client.force_login(director)
    assert client.get(detail_url(other_administration)).status_code == 404
    assert client.get(create_url(other_administration)).status_code == 404


def test_administration_detail_shows_current_seats_and_history(
    client, director, administration, representative, neh
):
    earlier = factories.make_user("gammal@example.org", "Gustav Gammal")
    factories.make_appointment(
        earlier,
        administration,
        neh,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 6, 30),
        appointed_by=director,
    )
    client.force_login(director)
    page = client.get(detail_url(administration)).content.decode()
    assert "Rita Representant" in page
    assert "Gustav Gammal" in page
    assert "2020-01-01" in page and "2021-06-30" in page
    assert "Dora Direktör" in page  # appointed by
    assert "Vakant" in page  # no substitute in NEH, nobody in NSH


@pytest.mark.parametrize("role", ROLES)
def test_my_administration_redirects_director_only(role, client_for, administration):
    response = client_for(role).get(reverse("my_administration"))
    if role == "director":
        assert response.status_code == 302
        assert response["Location"] == detail_url(administration)
    elif role == "anonymous":
        assert response.status_code == 302
        assert "/konto/login/" in response["Location"]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_appointment_form_get_only_for_director(role, client_for, administration, neh):
    response = client_for(role).get(create_url(administration))
    if role == "director":
        assert response.status_code == 200
        page = response.content.decode()
        # The assignment document's words, as the three confirmations.
        assert "Utse representant med tydligt mandat att få representera förvaltningen" in page
        assert "Möjliggöra för representanten att föra fram frågor till ledningsgruppen." in page
        assert "Att ledningsgruppen tar ansvar för att föra frågor vidare" in page
    elif role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("director", "anonymous")])
def test_appointment_post_refused_for_others(role, client_for, administration, neh, mailoutbox):
    response = client_for(role).post(create_url(administration), appoint_data())
    assert response.status_code == 403
    assert not User.objects.filter(email="nora.ny@example.org").exists()
    assert (
        not Appointment.objects.exists()
        or not Appointment.objects.filter(person__email="nora.ny@example.org").exists()
    )
    assert mailoutbox == []


def test_appointment_post_for_another_administration_is_403(
    client, director, other_administration, neh
):
    client.force_login(director)
    response = client.post(create_url(other_administration), appoint_data())
    assert response.status_code == 403
    assert not Appointment.objects.filter(administration=other_administration).exists()


def test_appoint_new_person_creates_account_and_sends_password_link(
    client,
    director,
    administration,
    neh,
    coordinator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(director)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(create_url(administration), appoint_data())
    assert response.status_code == 302
    person = User.objects.get(email="nora.ny@example.org")
    assert person.full_name == "Nora Ny"
    assert not person.has_usable_password()
    assert EmailAddress.objects.get(user=person).verified
    appointment = Appointment.objects.get(person=person)
    assert appointment.is_current
    assert appointment.role == Appointment.Role.REPRESENTATIVE
    assert appointment.appointed_by == director
    assert appointment.start_date == timezone.localdate()
    assert appointment.mandate_confirmed_at is not None
    to_person = [m for m in mailoutbox if m.to == ["nora.ny@example.org"]]
    assert len(to_person) == 1
    body = to_person[0].body
    assert "Välj ditt lösenord" in body
    link = next(line for line in body.splitlines() if "/konto/password/reset/key/" in line)
    uidb36_key = link.rsplit("/key/", 1)[1].strip("/")
    key = uidb36_key.split("-", 1)[1]
    assert default_token_generator.check_token(person, key)
    # The link opens allauth's set-password page.
    client.logout()
    response = client.get(link.replace("http://127.0.0.1:8000", ""), follow=True)
    assert response.status_code == 200
    assert 'name="password1"' in response.content.decode()
    # The coordinators are told too.
    assert any(m.to == ["samordnare@example.org"] for m in mailoutbox)


def test_replace_ends_predecessor_and_tells_everyone(
    client,
    director,
    administration,
    representative,
    coordinator,
    neh,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    existing = factories.make_user("befintlig@example.org", "Bo Befintlig")
    client.force_login(director)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            create_url(administration),
            appoint_data(full_name="Annat Namn", email="BEFINTLIG@example.org"),
        )
    assert response.status_code == 302
    old = Appointment.objects.get(person=representative)
    assert old.end_date == timezone.localdate()
    new = Appointment.objects.current().get(
        administration=administration, network=neh, role=Appointment.Role.REPRESENTATIVE
    )
    assert new.person == existing  # the existing account is linked, not duplicated
    assert User.objects.filter(email__iexact="befintlig@example.org").count() == 1
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == [
        "befintlig@example.org",
        "representant@example.org",
        "samordnare@example.org",
    ]
    new_mail = next(m for m in mailoutbox if m.to == ["befintlig@example.org"])
    assert "lösenord" not in new_mail.body
    assert "Rita Representant" in new_mail.body  # whom they succeed
    # History keeps both.
    page = client.get(detail_url(administration)).content.decode()
    assert "Rita Representant" in page and "Bo Befintlig" in page


def test_appoint_substitute(client, director, administration, neh):
    client.force_login(director)
    client.post(create_url(administration, role="ersattare"), appoint_data())
    appointment = Appointment.objects.get(person__email="nora.ny@example.org")
    assert appointment.role == Appointment.Role.SUBSTITUTE


def test_appoint_same_person_again_is_refused(
    client, director, administration, representative, mailoutbox
):
    client.force_login(director)
    response = client.post(
        create_url(administration), appoint_data(email="representant@example.org")
    )
    assert response.status_code == 200
    assert "Personen har redan det här uppdraget." in response.content.decode()
    assert Appointment.objects.get(person=representative).is_current
    assert Appointment.objects.count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (appoint_data(email="inte-en-adress"), "Fyll i en giltig e-postadress."),
        (appoint_data(mandate=""), "Bekräfta alla tre förväntningarna på förvaltningsdirektören"),
        (appoint_data(full_name=""), "Detta fält måste fyllas i."),
    ],
)
def test_appoint_bad_input_saves_nothing(client, director, administration, neh, data, message):
    client.force_login(director)
    data = {k: v for k, v in data.items() if v != ""}
    response = client.post(create_url(administration), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Appointment.objects.exists()
    assert not User.objects.filter(email="nora.ny@example.org").exists()


def test_appoint_unknown_role_or_network_is_404(client, director, administration, neh):
    client.force_login(director)
    assert client.get(create_url(administration, role="ordforande")).status_code == 404
    assert client.get(create_url(administration, code="xyz")).status_code == 404


def test_appoint_database_constraint_is_last_defence(
    client, director, administration, representative, monkeypatch
):
    # If the predecessor were somehow not ended, the constraint refuses a second current person.
    monkeypatch.setattr(Appointment, "end", lambda self, when=None: None)
    client.force_login(director)
    response = client.post(create_url(administration), appoint_data())
    assert response.status_code == 200
    assert "ändrades samtidigt" in response.content.decode()
    assert Appointment.objects.count() == 1
    assert not User.objects.filter(email="nora.ny@example.org").exists()


def end_url(appointment):
    return reverse("appointment_end", kwargs={"pk": appointment.pk})


def test_end_without_successor_leaves_seat_vacant(
    client,
    director,
    administration,
    representative,
    coordinator,
    neh,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    appointment = Appointment.objects.get(person=representative)
    client.force_login(director)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(end_url(appointment))
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.end_date == timezone.localdate()
    assert sorted(m.to[0] for m in mailoutbox) == [
        "representant@example.org",
        "samordnare@example.org",
    ]
    assert "vakant" in next(m for m in mailoutbox if m.to == ["samordnare@example.org"]).body
    seats = reverse("network_representatives", kwargs={"code": "neh"})
    network_page = client.get(seats).content.decode()
    row = network_page.split("Miljöförvaltningen", 1)[1].split("</tr>", 1)[0]
    assert "Rita Representant" not in row
    assert "Vakant" in row


@pytest.mark.parametrize("role", [r for r in ROLES if r != "director"])
def test_end_refused_for_others(role, client_for, representative, mailoutbox):
    appointment = Appointment.objects.get(person=representative)
    response = client_for(role).post(end_url(appointment))
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 403
    appointment.refresh_from_db()
    assert appointment.is_current
    assert mailoutbox == []


def test_end_already_ended_says_so(client, director, administration, representative):
    appointment = Appointment.objects.get(person=representative)
    appointment.end()
    client.force_login(director)
    response = client.post(end_url(appointment), follow=True)
    assert "Uppdraget är redan avslutat." in response.content.decode()


def test_end_requires_post(client, director, representative):
    appointment = Appointment.objects.get(person=representative)
    client.force_login(director)
    assert client.get(end_url(appointment)).status_code == 405
    appointment.refresh_from_db()
    assert appointment.is_current


@pytest.mark.parametrize("size", [1, 6])
def test_administration_detail_query_count(
    size, client, director, administration, neh, nsh, django_assert_num_queries
):
    for n in range(size):
        for network in (neh, nsh):
            factories.make_appointment(
                factories.make_user(),
                administration,
                network,
                start_date=datetime.date(2010 + n, 1, 1),
                end_date=datetime.date(2010 + n, 12, 31),
                appointed_by=director,
            )
    client.force_login(director)
    # session, user, directed ids, administration, networks, appointments
    with django_assert_num_queries(6):
        response = client.get(detail_url(administration))
    assert response.content.decode().count("<tr>") >= size * 2


def test_appoint_representative_as_substitute_is_refused(
    client, director, administration, representative, mailoutbox
):
    client.force_login(director)
    response = client.post(
        create_url(administration, role="ersattare"),
        appoint_data(email="representant@example.org"),
    )
    assert "Personen har redan den andra rollen" in response.content.decode()
    assert Appointment.objects.count() == 1
    assert mailoutbox == []
