"""History rows are written for each kind of change, with the acting person; the page shows
them readably and costs the same number of queries however long the history is."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.agenda import workflow as agenda
from meetings.documents import workflow as documents
from meetings.models import AgendaItem, ConsultationResponse, Document, Meeting
from networks.history import tracked_models
from representatives.models import Appointment
from tests import factories
from tests.security.matrix import meeting_edit_data

pytestmark = pytest.mark.django_db


def test_meeting_edit_through_the_view_writes_one_row_with_the_coordinator(
    client, coordinator, neh
):
    meeting = factories.make_meeting(neh)
    area = neh.work_areas.active().first()
    client.force_login(coordinator)
    before = meeting.history.count()
    data = meeting_edit_data(meeting) | {"work_areas": [area.pk]}
    response = client.post(reverse("meeting_edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    rows = list(meeting.history.order_by("-history_id"))
    assert len(rows) == before + 1  # the optimistic UPDATE and the areas: one row
    latest = rows[0]
    assert latest.history_user == coordinator
    assert latest.theme_title == "Nytt tema"
    assert latest.version == meeting.version + 1
    assert [r.workarea_id for r in latest.work_areas.all()] == [area.pk]
    delta = latest.diff_against(rows[1])
    assert "theme_title" in delta.changed_fields
    assert "work_areas" in delta.changed_fields


def test_state_change_through_save_changes_is_recorded(neh):
    meeting = factories.make_meeting(neh, status=Meeting.Status.PLANNED)
    meeting.publish_theme()
    latest = meeting.history.latest()
    assert latest.status == Meeting.Status.PUBLISHED
    assert latest.history_type == "~"


def test_stale_save_writes_no_row(neh):
    meeting = factories.make_meeting(neh)
    stale = Meeting.objects.get(pk=meeting.pk)
    meeting.cancel("Sjukdom")
    count = meeting.history.count()
    with pytest.raises(Exception):  # noqa: B017 - StaleMeetingError or MeetingStateError
        stale.cancel("Igen")
    assert meeting.history.count() == count


def test_reorder_records_each_moved_item_once(neh, coordinator):
    meeting = factories.make_meeting(neh)
    first = factories.make_agenda_item(meeting, position=1)
    second = factories.make_agenda_item(meeting, position=2)
    counts = (first.history.count(), second.history.count())
    agenda.move(meeting, first.pk, agenda.DOWN, 1)
    assert first.history.count() == counts[0] + 1
    assert second.history.count() == counts[1] + 1
    assert first.history.latest().position == 2
    assert second.history.latest().position == 1


def test_decline_records_the_state_change_once(neh, coordinator):
    meeting = factories.make_meeting(neh)
    item = factories.make_agenda_item(meeting, position=1)
    count = item.history.count()
    agenda.decline(meeting, item.pk, "Passar inte", coordinator)
    assert item.history.count() == count + 1
    latest = item.history.latest()
    assert latest.status == AgendaItem.Status.DECLINED
    assert latest.position is None


def test_consultation_and_marked_response_are_recorded(neh, administration, representative):
    document = factories.make_consultation(neh, asked=[administration])
    response = ConsultationResponse.objects.get(document=document)
    assert response.history.filter(history_type="+").count() == 1
    assert documents.mark_response_sent(response, representative)
    latest = response.history.latest()
    assert latest.sent_by_id == representative.pk
    assert latest.sent_at is not None


def test_appointment_end_is_recorded(representative):
    appointment = representative.appointments.get()
    appointment.end()
    assert appointment.history.latest().end_date == appointment.end_date


def test_history_page_shows_readable_changes(client, coordinator, neh):
    meeting = factories.make_meeting(neh, status=Meeting.Status.PLANNED, theme_title="Gammalt")
    client.force_login(coordinator)
    client.post(
        reverse("meeting_edit", args=[meeting.pk]),
        meeting_edit_data(meeting) | {"theme_title": "Nytt tema", "format": "digital"},
    )
    response = client.get(reverse("object_history", args=["mote", meeting.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Tema" in text and "Gammalt" in text and "Nytt tema" in text
    assert "Digitalt" in text  # a choice by its label
    assert coordinator.full_name in text


def _history_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_history_page_query_count_is_flat(client, coordinator, neh):
    meeting = factories.make_meeting(neh, status=Meeting.Status.PLANNED)
    client.force_login(coordinator)
    url = reverse("object_history", args=["mote", meeting.pk])
    areas = list(neh.work_areas.active()[:2])
    meeting.work_areas.set(areas[:1])
    small = _history_queries(client, url)
    for index in range(15):
        meeting.refresh_from_db()
        meeting.theme_title = f"Tema {index}"
        meeting.save_changes(["theme_title"])
        meeting.work_areas.set(areas[index % 2 : index % 2 + 1])
    large = _history_queries(client, url)
    assert large == small


def test_admin_cannot_delete_tracked_records(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    registered = [m for m in tracked_models() if m in admin.site._registry]
    assert {Meeting, AgendaItem, Document, Appointment} <= set(registered)
    for model in registered:
        model_admin = admin.site._registry[model]
        assert not model_admin.has_delete_permission(request)
        for inline in model_admin.get_inline_instances(request):
            if inline.model in tracked_models():
                assert not inline.has_delete_permission(request)


def test_document_and_appointment_history_query_counts_are_flat(
    client, coordinator, neh, representative
):
    client.force_login(coordinator)
    document = factories.make_document(neh, title="Dokument")
    appointment = representative.appointments.get()
    areas = list(neh.work_areas.active()[:2])
    urls = [
        reverse("object_history", args=["dokument", document.pk]),
        reverse("object_history", args=["uppdrag", appointment.pk]),
    ]
    document.work_areas.set(areas[:1])  # one related model's names to look up, as later
    small = [_history_queries(client, url) for url in urls]
    for index in range(12):
        document.title = f"Dokument {index}"
        document.save()
        document.work_areas.set(areas[index % 2 : index % 2 + 1])
        appointment.mandate_confirmed_at = None if index % 2 else document.created_at
        appointment.save()
    assert [_history_queries(client, url) for url in urls] == small
