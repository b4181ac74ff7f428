"""Deactivation ends sessions and calendar links and keeps history; coordinators are prompted
to deactivate people whose last appointment has ended."""

import datetime
import logging

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts import lifecycle
from accounts.models import User
from meetings.calendar import ics as calendar
from meetings.models import CalendarToken
from representatives.lifecycle import people_to_deactivate
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_deactivate_ends_sessions_revokes_tokens_and_keeps_history(representative, neh, caplog):
    meeting = factories.make_meeting(neh)
    item = factories.make_agenda_item(
        meeting, title="Cirkulär upphandling", proposed_by=representative
    )
    secret = calendar.new_token(representative)
    calendar.new_token(representative, neh)
    laptop, phone = signed_in_client(representative), signed_in_client(representative)
    assert Session.objects.count() == 2
    other = signed_in_client(factories.make_user())

    with caplog.at_level(logging.INFO, logger="audit"):
        lifecycle.deactivate(representative, by=None)

    representative.refresh_from_db()
    assert not representative.is_active
    assert Session.objects.count() == 1  # only the other person's
    for client in (laptop, phone):
        response = client.get(reverse("home"))
        assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert other.get(reverse("home")).status_code == 200
    assert not CalendarToken.objects.active().filter(user=representative).exists()
    assert CalendarToken.objects.filter(user=representative).count() == 2  # revoked, kept
    assert Client().get(calendar.feed_url(secret).split("127.0.0.1:8000")[1]).status_code == 404
    # History: the appointment and the agenda item are as they were.
    appointment = Appointment.objects.get(person=representative)
    assert appointment.end_date is None and appointment.administration.name == "Miljöförvaltningen"
    item.refresh_from_db()
    assert item.proposed_by == representative and item.title == "Cirkulär upphandling"
    assert f"account_deactivated user={representative.pk}" in caplog.text


def test_calendar_revocation_is_a_registered_deactivation_step():
    assert calendar.revoke_all_for_user in lifecycle.deactivation_steps()


def test_a_failing_step_rolls_the_deactivation_back(representative, monkeypatch):
    calendar.new_token(representative)

    def broken(user):
        raise RuntimeError("step failed")

    monkeypatch.setattr(lifecycle, "_deactivation_steps", [*lifecycle.deactivation_steps(), broken])
    with pytest.raises(RuntimeError):
        lifecycle.deactivate(representative)
    representative.refresh_from_db()
    assert representative.is_active
    assert CalendarToken.objects.active().filter(user=representative).exists()


def test_admin_action_deactivates_selected_accounts_but_not_ones_own(
    client, admin_user, representative, staff
):
    signed_in_client(representative)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "deactivate_accounts",
            "_selected_action": [representative.pk, staff.pk, admin_user.pk],
        },
        follow=True,
    )
    assert "2 konton avaktiverades." in response.content.decode()
    assert "Ditt eget konto hoppades över." in response.content.decode()
    assert set(User.objects.filter(is_active=False)) == {representative, staff}
    assert User.objects.get(pk=admin_user.pk).is_active
    assert not Session.objects.exclude(
        session_key=client.session.session_key
    ).exists()  # the representative's session ended


def test_people_to_deactivate_lists_only_those_whose_appointments_all_ended(
    former_representative,
    representative,
    substitute,
    director,
    coordinator,
    staff,
    admin_user,
    administration,
    nsh,
):
    # Someone whose earlier appointment ended but who holds a current one: not listed.
    reappointed = factories.make_user("ateranvand@example.org", "Åsa Återvald")
    old = factories.make_appointment(
        reappointed,
        administration,
        nsh,
        Appointment.Role.SUBSTITUTE,
        start_date=datetime.date(2023, 1, 1),
    )
    old.end(datetime.date(2023, 12, 31))
    factories.make_appointment(
        reappointed, factories.make_administration(), nsh, Appointment.Role.SUBSTITUTE
    )
    # A coordinator whose appointment ended still coordinates: not listed.
    ended = factories.make_appointment(
        coordinator, factories.make_administration(), nsh, start_date=datetime.date(2024, 1, 1)
    )
    ended.end(datetime.date(2024, 6, 30))
    # Already deactivated: not listed.
    gone = factories.make_user("borta@example.org", "Gun Gången", is_active=False)
    factories.make_appointment(
        gone,
        factories.make_administration(),
        nsh,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 2, 1),
    )

    people = list(people_to_deactivate())

    assert people == [former_representative]
    assert people[0].last_appointment_ended == datetime.date(2025, 12, 31)


def test_prompt_page_lists_the_people_for_a_coordinator(client_for, former_representative):
    response = client_for("coordinator").get(reverse("people_to_deactivate"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Tove Tidigare" in content and "tidigare@example.org" in content
    assert "31 december 2025" in content
    assert reverse("person_deactivate", kwargs={"pk": former_representative.pk}) in content


@pytest.mark.parametrize("role", ["staff", "representative", "substitute", "director"])
def test_prompt_page_is_refused_to_others(client_for, role, former_representative):
    client = client_for(role)
    assert client.get(reverse("people_to_deactivate")).status_code == 403
    response = client.post(
        reverse("person_deactivate", kwargs={"pk": former_representative.pk}), {"confirm": "ja"}
    )
    assert response.status_code == 403
    assert User.objects.get(pk=former_representative.pk).is_active


def test_coordinator_deactivates_from_the_prompt(client_for, former_representative):
    calendar.new_token(former_representative)
    client = client_for("coordinator")
    response = client.post(
        reverse("person_deactivate", kwargs={"pk": former_representative.pk}),
        {"confirm": "ja"},
        follow=True,
    )
    assert "Kontot för Tove Tidigare är avaktiverat." in response.content.decode()
    assert not User.objects.get(pk=former_representative.pk).is_active
    assert not CalendarToken.objects.active().filter(user=former_representative).exists()
    assert "Ingen just nu." in response.content.decode()


def test_htmx_deactivation_returns_the_list_partial(client_for, former_representative):
    response = client_for("admin").post(
        reverse("person_deactivate", kwargs={"pk": former_representative.pk}),
        {"confirm": "ja"},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<section id="people"')
    assert "data-announce" in content and "Tove Tidigare" in content
    assert not User.objects.get(pk=former_representative.pk).is_active


def test_deactivation_without_confirmation_is_refused(client_for, former_representative):
    response = client_for("coordinator").post(
        reverse("person_deactivate", kwargs={"pk": former_representative.pk}), {}
    )
    assert response.status_code == 400
    assert "Bekräfta att kontot ska avaktiveras." in response.content.decode()
    assert User.objects.get(pk=former_representative.pk).is_active


def test_coordinator_cannot_deactivate_someone_with_a_current_role(
    client_for, representative, director
):
    client = client_for("coordinator")
    for person in (representative, director):
        response = client.post(
            reverse("person_deactivate", kwargs={"pk": person.pk}), {"confirm": "ja"}
        )
        assert response.status_code == 404
        assert User.objects.get(pk=person.pk).is_active


@pytest.mark.parametrize("size", [1, 6])
def test_prompt_page_query_count_does_not_grow(
    size, client_for, administration, nsh, django_assert_num_queries
):
    for n in range(size):
        person = factories.make_user()
        appointment = factories.make_appointment(
            person, factories.make_administration(), nsh, start_date=datetime.date(2024, 1, 1)
        )
        appointment.end(datetime.date(2025, 1, n + 1))
    client = client_for("coordinator")
    # session, user, coordinated networks, the list's page of people with its total
    with django_assert_num_queries(4):
        response = client.get(reverse("people_to_deactivate"))
    assert response.content.decode().count("Avaktivera<span") == size


def test_prompt_page_shows_a_page_of_people_and_visa_fler(client_for, administration, nsh):
    for n in range(23):
        person = factories.make_user(f"tidigare{n}@example.org", f"Tidigare {n:02d}")
        appointment = factories.make_appointment(
            person, administration, nsh, start_date=datetime.date(2024, 1, 1)
        )
        appointment.end(datetime.date(2025, 1, 1))
    client = client_for("coordinator")
    html = client.get(reverse("people_to_deactivate")).content.decode()
    assert html.count("Avaktivera<span") == 20
    assert "Visar 1–20 av 23." in html and 'hx-get="?page=2"' in html
    more = client.get(reverse("people_to_deactivate") + "?page=2", HTTP_HX_REQUEST="true")
    rows = more.content.decode()
    assert "<html" not in rows and rows.count("Avaktivera<span") == 3
    assert 'data-announce="Visar 1–23 av 23 personer."' in rows and "Tidigare 22" in rows


def test_unticking_active_in_the_admin_form_is_a_full_deactivation(client_for, representative):
    calendar.new_token(representative)
    signed_in_client(representative)
    client = client_for("admin")
    url = reverse("admin:accounts_user_change", args=[representative.pk])
    response = client.post(
        url,
        {
            "email": representative.email,
            "full_name": representative.full_name,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    representative.refresh_from_db()
    assert not representative.is_active
    assert not CalendarToken.objects.active().filter(user=representative).exists()
    assert not Session.objects.exclude(session_key=client.session.session_key).exists()


def _coordinators_mail(mailoutbox):
    return next(m for m in mailoutbox if m.to == ["samordnare@example.org"]).body


def test_coordinators_are_told_when_a_last_appointment_ends(
    client_for, representative, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    appointment = Appointment.objects.get(person=representative)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("director").post(reverse("appointment_end", kwargs={"pk": appointment.pk}))
    body = _coordinators_mail(mailoutbox)
    assert "Rita Representant har inte längre något uppdrag i nätverken." in body
    assert "http://127.0.0.1:8000/personer/utan-uppdrag/" in body


def test_coordinators_are_not_prompted_while_the_person_holds_another_role(
    client_for, representative, coordinator, nsh, mailoutbox, django_capture_on_commit_callbacks
):
    factories.make_appointment(representative, factories.make_administration(), nsh)
    appointment = Appointment.objects.get(person=representative, network__code="NEH")
    with django_capture_on_commit_callbacks(execute=True):
        client_for("director").post(reverse("appointment_end", kwargs={"pk": appointment.pk}))
    body = _coordinators_mail(mailoutbox)
    assert "vakant" in body and "har inte längre något uppdrag" not in body


def test_appointing_a_deactivated_person_again_reactivates_the_account(
    client_for, former_representative, caplog
):
    lifecycle.deactivate(former_representative)
    with caplog.at_level(logging.INFO, logger="audit"):
        response = client_for("director").post(
            reverse(
                "appointment_create",
                kwargs={
                    "pk": former_representative.appointments.get().administration.pk,
                    "code": "neh",
                    "role": "ersattare",
                },
            ),
            factories.submitted(
                {
                    "full_name": "Tove Tidigare",
                    "email": "tidigare@example.org",
                    "mandate": "on",
                    "management_access": "on",
                    "management_forwards": "on",
                }
            ),
        )
    assert response.status_code == 302
    former_representative.refresh_from_db()
    assert former_representative.is_active
    assert Appointment.objects.current().filter(person=former_representative).exists()
    assert f"account_reactivated user={former_representative.pk}" in caplog.text
