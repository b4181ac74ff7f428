"""The demo's consultation: Miljöförvaltningen is asked, and its representative can mark it."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from meetings.models import Document
from tests.documents import samples

pytestmark = pytest.mark.django_db


def test_demo_has_the_waste_plan_consultation_and_documents(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    consultation = Document.objects.get(title="Remiss: ny avfallsplan")
    assert consultation.network.code == "NEH"
    assert consultation.is_open
    assert consultation.has_file
    asked = {r.administration.name: r.is_sent for r in consultation.responses.all()}
    assert asked["Miljöförvaltningen"] is False
    assert True in asked.values()  # someone has already answered
    assert [a.name for a in consultation.work_areas.all()] == ["Ny avfallsplan"]
    assert Document.objects.count() >= 3

    client.force_login(User.objects.get(email="representant.miljo@example.org"))
    download = client.get(consultation.get_file_url())
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    page = client.get(reverse("network_detail", kwargs={"code": "neh"})).content.decode()
    assert "Remiss: ny avfallsplan" in page
    row = consultation.responses.get(administration__name="Miljöförvaltningen")
    response = client.post(
        reverse("consultation_response_mark", kwargs={"pk": consultation.pk}),
        {"response": row.pk},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.is_sent


def test_demo_pdf_passes_the_upload_checks():
    from meetings.documents import demo as documents_demo
    from meetings.documents import workflow as documents

    upload = samples.upload("demo.pdf", documents_demo.minimal_pdf("Remiss"))
    assert documents.check_upload(upload) == "pdf"


def test_demo_consultation_is_on_its_meeting_page_and_a_programme_is_out_for_consultation(
    settings, client
):
    settings.DEBUG = True
    call_command("seed_demo")
    consultation = Document.objects.get(title="Remiss: ny avfallsplan")
    client.force_login(User.objects.get(email="representant.miljo@example.org"))
    meeting_page = client.get(consultation.meeting.get_absolute_url()).content.decode()
    assert "Remiss: ny avfallsplan" in meeting_page
    programme = Document.objects.get(title__startswith="Energi- och klimatprogram")
    assert programme.drafting_status == Document.Drafting.CONSULTATION
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "På remiss" in page and "Under framtagande" in page
