"""The issue's "done when", on the demo data: answer and invite, replace, export."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from meetings.demo import build_demo
from meetings.models import Attendance, Invitation, Meeting
from representatives.models import Administration, Appointment
from tests import factories

pytestmark = pytest.mark.django_db


def test_demo_story(client, mailoutbox, django_capture_on_commit_callbacks):
    accounts = build_demo()
    assert Attendance.objects.exists(), "the demo has answers"
    assert Invitation.objects.exists(), "the demo has an invitation"
    meeting = (
        Meeting.objects.filter(network__code="NEH", status=Meeting.Status.PUBLISHED)
        .upcoming()
        .first()
    )

    # representant.miljo answers and invites a colleague.
    client.force_login(accounts["representant.miljo@example.org"])
    client.post(reverse("attendance_answer", kwargs={"pk": meeting.pk}), {"answer": "coming"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("invitation_create", kwargs={"pk": meeting.pk}),
            factories.submitted(
                full_name="Kim Kollega", email="kim@example.org", reason="Kan temat."
            ),
        )
    assert (
        Attendance.objects.get(
            meeting=meeting, person=accounts["representant.miljo@example.org"]
        ).answer
        == "coming"
    )
    link = re.search(r"/moten/\d+/inbjudan/\S+/", mailoutbox[-1].body).group(0)
    client.logout()
    assert meeting.theme_title in client.get(link).content.decode()

    # direktor.miljo replaces Miljöförvaltningen's NEH representative.
    miljo = Administration.objects.get(short_name="MF")
    client.force_login(accounts["direktor.miljo@example.org"])
    response = client.post(
        reverse(
            "appointment_create", kwargs={"pk": miljo.pk, "code": "neh", "role": "representant"}
        ),
        factories.submitted(
            full_name="Nora Ny",
            email="nora.ny@example.org",
            mandate="on",
            management_access="on",
            management_forwards="on",
        ),
    )
    assert response.status_code == 302
    seat = Appointment.objects.current().get(
        administration=miljo, network__code="NEH", role=Appointment.Role.REPRESENTATIVE
    )
    assert seat.person == User.objects.get(email="nora.ny@example.org")

    # samordnare exports the list.
    client.force_login(accounts["samordnare@example.org"])
    csv_text = client.get(reverse("network_contacts_csv", kwargs={"code": "neh"})).content.decode(
        "utf-8-sig"
    )
    assert "Miljöförvaltningen;Representant;Nora Ny;nora.ny@example.org;" in csv_text
    assert "representant.miljo@example.org" not in csv_text
