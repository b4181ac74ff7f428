"""Upload checks with real sample files, and no stray file left in storage."""

import datetime
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from meetings.documents import workflow as documents
from meetings.models import ConsultationResponse, Document
from tests import factories
from tests.documents import samples

pytestmark = pytest.mark.django_db

GOOD = {
    "rapport.pdf": samples.pdf,
    "beslut.docx": samples.docx,
    "budget.xlsx": samples.xlsx,
    "bilder.pptx": samples.pptx,
    "text.odt": samples.odt,
    "tabell.ods": samples.ods,
}


def stored_files(root) -> list[str]:
    if not os.path.isdir(root):
        return []
    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files]


def create_url(code: str = "neh") -> str:
    return reverse("document_create", kwargs={"code": code})


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


# --- The checks themselves --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GOOD))
def test_check_upload_accepts_each_allowed_type(name):
    kind = documents.check_upload(samples.upload(name, GOOD[name]()))
    assert kind == name.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("falsk.pdf", b"MZ\x90\x00 this is a Windows program", "content"),
        ("falsk.pdf", b"<html><script>alert(1)</script></html>", "content"),
        ("falsk.docx", samples.plain_zip(), "content"),
        ("falsk.docx", b"PK\x03\x04 but not really a zip", "content"),
        ("fel.pdf", samples.docx(), "mismatch"),
        ("fel.docx", samples.xlsx(), "mismatch"),
        ("fel.odt", samples.ods(), "mismatch"),
        ("fel.xlsx", samples.pdf(), "mismatch"),
        ("program.exe", samples.pdf(), "extension"),
        ("utan-filandelse", samples.pdf(), "extension"),
        ("bild.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "extension"),
        ("tom.pdf", b"", "empty"),
        ("odf.odt", samples.odf("application/x-annat"), "content"),
    ],
)
def test_check_upload_refuses_by_content_not_name(name, content, code):
    with pytest.raises(ValidationError) as refused:
        documents.check_upload(samples.upload(name, content))
    assert refused.value.code == code


def test_check_upload_refuses_a_file_over_the_limit(settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1000
    content = samples.pdf("x" * 2000)
    with pytest.raises(ValidationError) as refused:
        documents.check_upload(samples.upload("stor.pdf", content))
    assert refused.value.code == "too_large"
    assert "för stor" in refused.value.message


def test_the_limit_is_twenty_megabytes_by_default(settings):
    assert settings.DOCUMENT_MAX_UPLOAD_SIZE == 20 * 1024 * 1024


def test_file_name_is_cleaned():
    assert documents.clean_file_name("C:\\Users\\x\\Rapport\x00 2025.pdf") == "Rapport 2025.pdf"
    assert documents.clean_file_name("../../etc/passwd.pdf") == "passwd.pdf"
    long = documents.clean_file_name("a" * 300 + ".pdf")
    assert len(long) == 200 and long.endswith(".pdf")


# --- Through the form ------------------------------------------------------------------------


def post_document(client, media_root, **overrides):
    data = {"title": "Avfallsrapport", "kind": "report", **overrides}
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(create_url(), factories.submitted(data))


def test_upload_is_stored_under_a_random_name(client_for, coordinator, media_root):
    client = client_for("coordinator")
    response = post_document(
        client, media_root, upload=samples.upload("Årsrapport.pdf", samples.pdf())
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert document.file_name == "Årsrapport.pdf"
    assert document.file_content_type == "application/pdf"
    assert document.file_size == len(samples.pdf())
    assert "Årsrapport" not in document.file.name
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".pdf")
    assert len(document.file.name) > len("documents/") + 30  # 128 random bits in hex
    assert stored_files(media_root) == [str(media_root / document.file.name)]
    with default_storage.open(document.file.name) as handle:
        assert handle.read() == samples.pdf()
    assert document.created_by == coordinator


@pytest.mark.parametrize("name", sorted(GOOD))
def test_each_allowed_type_can_be_uploaded(client_for, coordinator, media_root, name):
    response = post_document(
        client_for("coordinator"), media_root, upload=samples.upload(name, GOOD[name]())
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file_content_type == documents.CONTENT_TYPES[name.rsplit(".", 1)[1]]
    assert len(stored_files(media_root)) == 1


def refused(response, message: str) -> None:
    assert response.status_code == 200
    assert response.context["form"].errors
    assert message in response.content.decode()


BAD_SUBMISSIONS = {
    "a program renamed to .pdf": (
        {"upload": ("program.pdf", b"MZ\x90\x00\x03 not a pdf")},
        "även om namnet säger så",
    ),
    "a spreadsheet named .pdf": (
        {"upload": ("kalkyl.pdf", samples.xlsx())},
        "namnet slutar på .pdf",
    ),
    "both link and file": (
        {"url": "https://www.example.org/r", "upload": ("r.pdf", samples.pdf())},
        "antingen en länk eller en fil, inte båda",
    ),
    "neither link nor file": ({}, "Ange en länk eller ladda upp en fil."),
    "a deadline in the past": (
        {
            "kind": "consultation",
            "upload": ("remiss.pdf", samples.pdf()),
            "deadline": in_days(-1),
            "asked_administrations": "ASKED",
        },
        "Sista svarsdag kan inte ligga i det förflutna.",
    ),
    "a consultation without a deadline": (
        {
            "kind": "consultation",
            "upload": ("remiss.pdf", samples.pdf()),
            "asked_administrations": "ASKED",
        },
        "En remiss behöver en sista svarsdag.",
    ),
    "a consultation nobody is asked to answer": (
        {"kind": "consultation", "upload": ("remiss.pdf", samples.pdf()), "deadline": in_days(9)},
        "Välj minst en förvaltning som ska svara.",
    ),
    "a report with a deadline": (
        {"upload": ("r.pdf", samples.pdf()), "deadline": in_days(9)},
        "Bara remisser har en sista svarsdag.",
    ),
    "another network's work area": (
        {"upload": ("r.pdf", samples.pdf()), "work_areas": "NSH_AREA"},
        "Välj ett giltigt alternativ",
    ),
    "another network's meeting": (
        {"upload": ("r.pdf", samples.pdf()), "meeting": "NSH_MEETING"},
        "Välj ett giltigt alternativ",
    ),
    "an archived work area": (
        {"upload": ("r.pdf", samples.pdf()), "work_areas": "ARCHIVED_AREA"},
        "Välj ett giltigt alternativ",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_SUBMISSIONS))
def test_bad_submission_is_refused_and_leaves_no_file(
    case, client_for, coordinator, administration, neh, nsh, media_root
):
    overrides, message = BAD_SUBMISSIONS[case]
    archived = neh.work_areas.last()
    archived.archived_at = timezone.now()
    archived.save(update_fields=["archived_at"])
    ids = {
        "ASKED": str(administration.pk),
        "NSH_AREA": str(nsh.work_areas.first().pk),
        "NSH_MEETING": str(factories.make_meeting(nsh).pk),
        "ARCHIVED_AREA": str(archived.pk),
    }
    data = {}
    for key, value in overrides.items():
        if key == "upload":
            value = samples.upload(*value)
        data[key] = ids.get(value, value) if isinstance(value, str) else value
    response = post_document(client_for("coordinator"), media_root, **data)
    refused(response, message)
    assert not Document.objects.exists()
    assert not ConsultationResponse.objects.exists()
    assert stored_files(media_root) == []


def test_oversized_file_is_refused_and_not_stored(client_for, coordinator, media_root, settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1024
    response = post_document(
        client_for("coordinator"),
        media_root,
        upload=samples.upload("stor.pdf", samples.pdf("x" * 3000)),
    )
    refused(response, "Filen är för stor")
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_files_above_the_memory_limits_go_through_a_temporary_file(
    client_for, coordinator, media_root, settings
):
    """Django keeps uploads under FILE_UPLOAD_MAX_MEMORY_SIZE in memory and writes larger ones
    to a temporary file; DATA_UPLOAD_MAX_MEMORY_SIZE counts the form fields, not files. So
    the checks must work on both, and our own limit is the one that refuses big files."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    content = samples.docx() + b""  # a ZIP read from a temporary file
    assert len(content) > 100
    response = post_document(
        client_for("coordinator"), media_root, upload=samples.upload("stor.docx", content)
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file_size == len(content)
    assert len(stored_files(media_root)) == 1


def test_form_fields_over_the_data_limit_are_refused(client_for, coordinator, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = client_for("coordinator").post(
        create_url(), {"title": "x" * 200, "kind": "report", "url": "https://a.se/"}
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_a_failing_transaction_removes_the_stored_file(
    client_for, coordinator, administration, media_root, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("databasen svarar inte")

    monkeypatch.setattr(ConsultationResponse.objects, "bulk_create", fail)
    client = client_for("coordinator")
    client.raise_request_exception = False
    response = post_document(
        client,
        media_root,
        kind="consultation",
        deadline=in_days(10),
        asked_administrations=str(administration.pk),
        upload=samples.upload("remiss.pdf", samples.pdf()),
    )
    assert response.status_code == 500
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_samples_are_the_same_bytes_whenever_made(monkeypatch):
    """The samples are test parameters: each xdist worker collects them, and workers that made
    different bytes (a zip entry's time, from the clock) would see different tests and stop."""
    import time

    made = [samples.docx(), samples.odt(), samples.plain_zip()]
    later = time.localtime(time.time() + 3600)
    monkeypatch.setattr(time, "localtime", lambda *args: later)
    assert [samples.docx(), samples.odt(), samples.plain_zip()] == made
