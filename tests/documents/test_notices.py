"""A network hears of a new document, and of a document being drawn up reaching its next step,
through the outbox: its representatives and substitutes, not the coordinator who made the
change, not the other network, not those who switched the notices off."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.documents import mail as notices
from meetings.models import Document, OutboxMessage, ReminderPreferences
from representatives.models import Appointment
from tests import factories
from tests.factories import at_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_network_member(other_administration, nsh):
    person = factories.make_user("nsh.representant@example.org", "Nils Nsh")
    factories.make_appointment(person, other_administration, nsh, Appointment.Role.REPRESENTATIVE)
    return person


def add(client, **data):
    values = {"title": "Remiss: ny avfallsplan", "kind": "report", "url": "https://a.se/plan"}
    values.update(data)
    return client.post(
        reverse("document_create", kwargs={"code": "neh"}), factories.submitted(values)
    )


def test_a_new_document_is_announced_to_the_network(
    client_for,
    representative,
    substitute,
    coordinator,
    other_network_member,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = add(client_for("coordinator"), title="Klimatrapport 2026")
    assert response.status_code == 302
    document = Document.objects.get()
    assert sorted(m.to[0] for m in mailoutbox) == [
        "ersattare@example.org",
        "representant@example.org",
    ]
    mail = mailoutbox[0]
    assert "Nytt dokument i NEH: Klimatrapport 2026" in mail.subject
    assert "Rapport: Klimatrapport 2026" in mail.body
    assert document.get_absolute_url() in mail.body
    assert reverse("reminder_preferences") in mail.body
    kinds = set(OutboxMessage.objects.values_list("kind", flat=True))
    assert kinds == {notices.ADDED}


def test_people_who_switched_document_notices_off_get_none(
    client_for,
    representative,
    substitute,
    coordinator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    ReminderPreferences.objects.create(user=substitute, documents=False)
    with django_capture_on_commit_callbacks(execute=True):
        add(client_for("coordinator"))
    assert [m.to[0] for m in mailoutbox] == ["representant@example.org"]


def test_a_refused_document_announces_nothing(client_for, representative, coordinator, mailoutbox):
    response = add(client_for("coordinator"), url="inte en adress")
    assert response.status_code in (200, 422)
    assert not Document.objects.exists()
    assert not OutboxMessage.objects.exists()


def step_data(document, status, **dates) -> dict:
    data = {"title": document.title, "url": document.url, "work_areas": [], "meeting": ""}
    data.update(drafting_status=status, **dates)
    return at_version(document, data)


def test_a_drafting_step_is_announced_once(
    client_for, neh, representative, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    document = factories.make_document(
        neh,
        kind=Document.Kind.STEERING,
        title="Klimatprogram",
        drafting_status="drafting",
        drafting_since=timezone.localdate() - datetime.timedelta(days=30),
    )
    client = client_for("coordinator")
    url = reverse("document_edit", kwargs={"pk": document.pk})
    dates = {
        "drafting_since": str(document.drafting_since),
        "consultation_since": str(timezone.localdate()),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, step_data(document, "consultation", **dates))
    assert response.status_code == 302
    [mail] = mailoutbox
    assert mail.to == ["representant@example.org"]
    assert "NEH: nu på remiss: Klimatprogram" in mail.subject
    assert "- På remiss:" in mail.body
    # Saved again with the same step (a title fixed): no second notice.
    document.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, step_data(document, "consultation", title="Klimatprogrammet", **dates))
    assert len(mailoutbox) == 1
    assert Document.objects.get().title == "Klimatprogrammet"
