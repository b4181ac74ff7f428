"""A published agenda version's e-mail is listed and rendered by the worker: the request records
one fan-out, whatever the audience, and the worker sends each person the message the request
used to build (the same subject and text, the calendar part with the SEQUENCE the publishing
raised)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from config.mail import absolute_url, message, render_subject, render_text
from meetings.agenda.versions import as_text, changes_since_previous
from meetings.calendar import outlook
from meetings.documents import workflow as documents
from meetings.models import AgendaVersion, Meeting, OutboxFanout, OutboxMessage
from tests import factories

pytestmark = pytest.mark.django_db

STAMP = re.compile(r"DTSTAMP:[^\r\n]*\r?\n")


def built_in_the_request(version: AgendaVersion) -> dict:
    """Each person's message as the request built it before the worker did (the reference)."""
    meeting = Meeting.objects.select_related("network").get(pk=version.meeting_id)
    previous = meeting.agenda_versions.filter(number__lt=version.number).order_by("-number").first()
    with translation.override("sv"):
        context = {
            "version": version,
            "meeting": meeting,
            "agenda_text": as_text(
                meeting, version, documents=documents.meeting_documents(meeting)
            ),
            "changes": changes_since_previous(version, previous) if previous else None,
            "url": absolute_url(version.get_absolute_url()),
        }
        subject = render_subject("meetings/agenda/email/published_subject.txt", context)
        body = render_text("meetings/agenda/email/published.txt", context)
    built = {}
    for person in outlook.audience(meeting):
        mail = message(subject, body, to=[person.email])
        outlook.attach(mail, meeting, person, outlook._method(person, "REQUEST"))
        built[person.email] = mail
    return built


def calendar_parts(mail) -> list[tuple[str, str]]:
    return [(STAMP.sub("", content), mimetype) for content, mimetype in mail.alternatives]


def test_the_worker_sends_each_person_what_the_request_used_to_build(
    client_for, meeting, on_agenda, representative, substitute, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    substitute.calendar_delivery = "subscription"
    substitute.save()
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agenda_publish", args=[meeting.pk]), {"based_on": 0})
    factories.make_agenda_item(meeting, position=4, title="Ny punkt")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks() as callbacks:  # the worker has not run yet
        response = client.post(
            reverse("agenda_publish", args=[meeting.pk]),
            {"based_on": 1, "change_note": "En punkt till."},
        )
    assert response.status_code == 302
    version = meeting.agenda_versions.get(number=2)
    # The request listed nobody and rendered nothing: one fan-out, no message.
    recorded = OutboxFanout.objects.get(kind="agenda.published", object_id=str(version.pk))
    assert recorded.status == "queued"
    assert not OutboxMessage.objects.filter(kind="agenda.published", version="2").exists()
    expected = built_in_the_request(version)

    for callback in callbacks:
        callback()  # the commit enqueues the worker's task (run at once here)
    assert not OutboxFanout.objects.pending().exists()
    sent = {mail.to[0]: mail for mail in mailoutbox}
    assert sent.keys() == expected.keys() == {representative.email, substitute.email}
    sequence = Meeting.objects.get(pk=meeting.pk).sequence
    for address, built in expected.items():
        mail = sent[address]
        assert (mail.subject, mail.body) == (built.subject, built.body)
        assert calendar_parts(mail) == calendar_parts(built)
    assert "En punkt till." in sent[representative.email].body
    assert "version 2" in sent[representative.email].subject
    ((content, mimetype),) = sent[representative.email].alternatives
    assert "method=REQUEST" in mimetype and "METHOD:REQUEST" in content
    assert f"SEQUENCE:{sequence}\r\n" in content
    assert sent[substitute.email].alternatives == []  # subscription only: the text alone
    assert set(
        OutboxMessage.objects.filter(kind="agenda.published", version="2").values_list(
            "status", flat=True
        )
    ) == {"sent"}


def test_a_version_published_twice_in_a_row_keeps_each_its_own_sequence(
    client_for, meeting, on_agenda, representative, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks() as first:
        client.post(reverse("agenda_publish", args=[meeting.pk]), {"based_on": 0})
    factories.make_agenda_item(meeting, position=4, title="Ny punkt")
    with django_capture_on_commit_callbacks() as second:
        response = client.post(
            reverse("agenda_publish", args=[meeting.pk]), {"based_on": 1, "change_note": "Ny."}
        )
    assert response.status_code == 302
    for callback in [*first, *second]:  # the worker gets to both after the second
        callback()
    sequences = [
        int(re.search(r"SEQUENCE:(\d+)", mail.alternatives[0][0])[1])
        for mail in mailoutbox
        if mail.to == [representative.email]
    ]
    now = Meeting.objects.get(pk=meeting.pk).sequence
    assert sequences == [now - 1, now]  # in order: the first version's copy is superseded
