"""Appointments from a later day and the mandate's scope: the seat shows "från …: …", the
holder until then keeps the seat, the coordinator reads the scope, and an appointment that
would start before the seat's present holding ends is refused in Swedish with nothing saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from representatives.appointing import AppointmentError, appoint
from representatives.models import Appointment
from representatives.rules import seated_administration_ids
from tests import factories

pytestmark = pytest.mark.django_db

TICKS = {"mandate": "on", "management_access": "on", "management_forwards": "on"}


def create_url(administration, code="neh", role="representant"):
    return reverse(
        "appointment_create", kwargs={"pk": administration.pk, "code": code, "role": role}
    )


def appoint_data(**extra):
    data = {"full_name": "Nora Ny", "email": "nora.ny@example.org", **TICKS}
    data.update(extra)
    return factories.submitted(data)


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def seat(administration, network):
    return Appointment.objects.filter(
        administration=administration, network=network, role=Appointment.Role.REPRESENTATIVE
    )


def test_appointment_from_a_later_day_keeps_the_holder_until_then(
    client, director, administration, representative, neh
):
    client.force_login(director)
    start = in_days(27)
    response = client.post(
        create_url(administration),
        appoint_data(start_date=start.isoformat(), mandate_scope="Beslut om inköp upp till 1 Mkr"),
    )
    assert response.status_code == 302
    old = Appointment.objects.get(person=representative)
    new = Appointment.objects.get(person__email="nora.ny@example.org")
    assert old.end_date == start and old.is_current  # still the holder until then
    assert new.start_date == start and not new.is_current and new.is_upcoming
    assert new.mandate_scope == "Beslut om inköp upp till 1 Mkr"
    assert list(seat(administration, neh).current()) == [old]
    assert administration.pk in seated_administration_ids(representative, neh)
    assert administration.pk not in seated_administration_ids(new.person, neh)
    page = client.get(reverse("administration_detail", kwargs={"pk": administration.pk}))
    text = page.content.decode()
    assert f"från {start.day} " in text and "Nora Ny" in text
    assert "Beslut om inköp upp till 1 Mkr" in text  # on the seat's history


def test_on_the_start_day_the_new_appointment_is_current(
    director, administration, representative, neh
):
    start = in_days(10)
    appoint(
        administration=administration,
        network=neh,
        role=Appointment.Role.REPRESENTATIVE,
        name="Nora Ny",
        email="nora.ny@example.org",
        appointed_by=director,
        start_date=start,
    )
    [current] = (
        seat(administration, neh).filter(start_date__lte=start).filter(end_date__isnull=True)
    )
    assert current.person.email == "nora.ny@example.org"
    old = Appointment.objects.get(person=representative)
    assert old.end_date == start  # the first day without it


def test_coordinator_sees_the_mandate_scope_and_who_comes(
    client_for, director, administration, representative, neh
):
    appoint(
        administration=administration,
        network=neh,
        role=Appointment.Role.SUBSTITUTE,
        name="Sara Snart",
        email="sara.snart@example.org",
        appointed_by=director,
        start_date=in_days(20),
        mandate_scope="Får företräda förvaltningen i frågor om energi.",
    )
    page = client_for("coordinator").get(reverse("network_contacts", kwargs={"code": "neh"}))
    text = page.content.decode()
    assert "Sara Snart" in text
    assert "Får företräda förvaltningen i frågor om energi." in text


def test_appointment_before_an_upcoming_one_starts_is_refused(
    client, director, administration, representative, neh
):
    appoint(
        administration=administration,
        network=neh,
        role=Appointment.Role.REPRESENTATIVE,
        name="Nora Ny",
        email="nora.ny@example.org",
        appointed_by=director,
        start_date=in_days(30),
    )
    before = list(seat(administration, neh).values_list("pk", "end_date"))
    client.force_login(director)
    response = client.post(
        create_url(administration),
        appoint_data(
            full_name="Tidig Tor", email="tor@example.org", start_date=in_days(5).isoformat()
        ),
    )
    assert response.status_code == 200
    assert "är redan utsedd från" in response.content.decode()
    assert list(seat(administration, neh).values_list("pk", "end_date")) == before
    assert not Appointment.objects.filter(person__email="tor@example.org").exists()


def test_appointment_before_the_holders_set_end_is_refused(
    director, administration, representative, neh
):
    holding = Appointment.objects.get(person=representative)
    holding.end_date = in_days(40)  # the holder's appointment ends on a day already set
    holding.save()
    with pytest.raises(AppointmentError, match="slutar först"):
        appoint(
            administration=administration,
            network=neh,
            role=Appointment.Role.REPRESENTATIVE,
            name="Nora Ny",
            email="nora.ny@example.org",
            appointed_by=director,
            start_date=in_days(10),
        )
    assert seat(administration, neh).count() == 1


@pytest.mark.parametrize(
    "start, message",
    [
        (-1, "Uppdraget kan inte börja i det förflutna."),
        (400, "högst ett år fram i tiden"),
    ],
)
def test_start_date_bad_input(client, director, administration, neh, start, message):
    client.force_login(director)
    response = client.post(
        create_url(administration), appoint_data(start_date=in_days(start).isoformat())
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Appointment.objects.filter(person__email="nora.ny@example.org").exists()


def test_start_date_left_empty_means_today(client, director, administration, neh):
    client.force_login(director)
    client.post(create_url(administration), appoint_data(start_date=""))
    new = Appointment.objects.get(person__email="nora.ny@example.org")
    assert new.start_date == timezone.localdate() and new.is_current
