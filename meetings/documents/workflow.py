"""Documents and consultations: what an upload may be, who may do what, and the workflows.

Uploads are checked by their content, not only by their name: a PDF starts with `%PDF-`; the
Office and OpenDocument formats are ZIP containers, recognised by the parts inside them. The
extension must name the type the content is. A file is written to storage only after the form
is valid, inside the transaction's success path, and removed again if the transaction fails,
so a refused or failed submission leaves no stray file behind.
"""

import dataclasses
import datetime
import os
import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.utils import bulk_create_with_history

from config.prepared import Prepared
from meetings.documents import mail
from meetings.models import ConsultationResponse, Document, document_upload_to
from networks.history import CREATED, one_row, record
from networks.models import Network
from networks.versions import StaleRecordError
from representatives.models import Administration
from representatives.rules import seated_administration_ids

PDF = "pdf"
DOCX = "docx"
XLSX = "xlsx"
PPTX = "pptx"
ODT = "odt"
ODS = "ods"

CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ODT: "application/vnd.oasis.opendocument.text",
    ODS: "application/vnd.oasis.opendocument.spreadsheet",
}
# The part that makes an Office Open XML package a document, a workbook or a presentation.
OOXML_MAIN_PARTS = {
    "word/document.xml": DOCX,
    "xl/workbook.xml": XLSX,
    "ppt/presentation.xml": PPTX,
}
ODF_MIMETYPES = {CONTENT_TYPES[ODT]: ODT, CONTENT_TYPES[ODS]: ODS}
ALLOWED_NAMES = ", ".join(f".{ext}" for ext in CONTENT_TYPES).upper().replace(".", "")

RECENT_ON_NETWORK_PAGE = 5
OPEN_ON_NETWORK_PAGE = 10
DOCUMENT = pgettext_lazy("stale record", "Dokumentet")


# --- Upload checks ---------------------------------------------------------------------------


def max_upload_size() -> int:
    return settings.DOCUMENT_MAX_UPLOAD_SIZE


def content_type_of(upload: UploadedFile) -> str | None:
    """The type the content is (a key of CONTENT_TYPES), or None if it is none of ours."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                for part, kind in OOXML_MAIN_PARTS.items():
                    if part in names:
                        return kind
                return None
            if "mimetype" in names:
                # ODF stores its type as the first, uncompressed entry; read a few bytes only.
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(100).decode("ascii", errors="replace").strip()
                return ODF_MIMETYPES.get(mimetype)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)
    return None


def clean_file_name(name: str) -> str:
    """The original name, as shown and offered on download: no folders, no control characters."""
    name = os.path.basename(name.replace("\\", "/"))
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    if len(name) > 200:
        stem, dot, suffix = name.rpartition(".")
        name = stem[: 200 - len(suffix) - 1] + dot + suffix if dot else name[:200]
    return name


def check_upload(upload: UploadedFile) -> str:
    """Refuse what we do not accept, with a Swedish message; return the file's type."""
    if upload.size > max_upload_size():  # type: ignore[operator]
        raise ValidationError(
            _("Filen är för stor (%(size)s). Största tillåtna storlek är %(max)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(max_upload_size())},  # type: ignore[arg-type]
        )
    if upload.size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    name = clean_file_name(upload.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CONTENT_TYPES:
        raise ValidationError(
            _("Filtypen tillåts inte. Tillåtna filtyper är %(allowed)s."),
            code="extension",
            params={"allowed": ALLOWED_NAMES},
        )
    kind = content_type_of(upload)
    if kind is None:
        raise ValidationError(
            _(
                "Filens innehåll är inte en fil av de tillåtna typerna (%(allowed)s), "
                "även om namnet säger så."
            ),
            code="content",
            params={"allowed": ALLOWED_NAMES},
        )
    if kind != extension:
        raise ValidationError(
            _("Filens innehåll är en %(kind)s-fil men namnet slutar på .%(extension)s."),
            code="mismatch",
            params={"kind": kind.upper(), "extension": extension},
        )
    return kind


# --- Who may do what -------------------------------------------------------------------------


def may_mark_response(user, response: ConsultationResponse, network: Network) -> bool:
    return response.administration_id in seated_administration_ids(user, network)


# --- Workflows -------------------------------------------------------------------------------


def add_document(
    *,
    network: Network,
    user,
    document: Document,
    work_areas,
    upload: UploadedFile | None,
    upload_kind: str | None,
    asked: list[Administration],
) -> Document:
    """Save a validated document, its file (if any) and its consultation rows.

    The file is written only here, after validation; if anything in the transaction fails,
    the written file is deleted again before the error goes on.
    """
    stored_name = None
    try:
        with transaction.atomic():
            document.network = network
            document.created_by = user
            if upload is not None and upload_kind is not None:
                upload.seek(0)
                stored_name = default_storage.save(
                    document_upload_to(document, f"x.{upload_kind}"), upload
                )
                document.file.name = stored_name
                document.file_name = clean_file_name(upload.name or "")
                document.file_size = upload.size
                document.file_content_type = CONTENT_TYPES[upload_kind]
            with one_row(document, CREATED):  # the document with its work areas
                document.save()
                document.work_areas.set(work_areas)
            mail.document_added(document, user)
            if document.is_consultation:
                bulk_create_with_history(
                    [
                        ConsultationResponse(document=document, administration=administration)
                        for administration in asked
                    ],
                    ConsultationResponse,
                )
    except BaseException:
        if stored_name is not None:
            default_storage.delete(stored_name)
        raise
    return document


def mark_response_sent(response: ConsultationResponse, user) -> bool:
    """Mark an administration's answer as sent. False if it already was (nothing changes)."""
    updated = ConsultationResponse.objects.filter(pk=response.pk, sent_at__isnull=True).update(
        sent_at=timezone.now(), sent_by=user
    )
    if updated:  # update() sends no signals: the history row is written here
        response.refresh_from_db(fields=["sent_at", "sent_by"])
        record(response)
    return bool(updated)


def save_document_changes(form, user=None) -> Document:
    """Save a coordinator's edit of a document (a `DocumentEditForm`) through its version check,
    the document and its work areas as one history row. Raises StaleRecordError if someone else
    saved (or withdrew) it since the form was rendered. A drafting step reached is announced to
    the network (meetings/documents/mail.py)."""
    document = form.instance
    with transaction.atomic():
        with one_row(document):
            document = form.save()
        if "drafting_status" in form.changed_data:
            mail.drafting_step_reached(document, user)
        return document


def withdraw_document(document: Document, user, reason: str, seen_version: int) -> None:
    """Mark a document withdrawn, with the day and the reason; it is kept, never deleted.

    Raises AlreadyWithdrawn if it already was (nothing changes), StaleRecordError if it was
    changed since the page was read. The version moves on, so an open edit form is refused."""
    with transaction.atomic():
        rows = Document.objects.filter(pk=document.pk)
        current = rows.select_for_update().values_list("withdrawn_at", "version").first()
        if current is None:
            raise StaleRecordError(DOCUMENT)
        withdrawn_at, version = current
        if withdrawn_at is not None:
            raise AlreadyWithdrawn(withdrawn_at)
        if version != seen_version:
            raise StaleRecordError(DOCUMENT)
        rows.update(
            withdrawn_at=timezone.now(),
            withdrawn_reason=reason,
            withdrawn_by=user,
            version=F("version") + 1,
        )
        document.refresh_from_db()
        record(document)  # update() sends no signals


class AlreadyWithdrawn(Exception):
    """The document was withdrawn before; the message says when, in Swedish."""

    def __init__(self, withdrawn_at) -> None:
        self.message = _("Dokumentet är redan tillbakadraget (%(when)s).") % {
            "when": date_format(timezone.localtime(withdrawn_at), "j F Y")
        }
        super().__init__(self.message)


# --- The network page's "Aktuellt" -----------------------------------------------------------


@dataclasses.dataclass
class Current:
    open_consultations: list[Document]
    recent: list[Document]
    more_open: bool = False  # more open consultations than the page shows


def _current(network_id: int, today: datetime.date) -> QuerySet[Document]:
    latest = (
        Document.objects.filter(network_id=network_id)
        .current()
        .recent()
        .values("pk")[:RECENT_ON_NETWORK_PAGE]
    )
    # One more than shown, to know whether there are more.
    soonest = (
        Document.objects.filter(
            network_id=network_id,
            kind=Document.Kind.CONSULTATION,
            deadline__gte=today,
            withdrawn_at__isnull=True,
        )
        .order_by("deadline", "pk")
        .values("pk")[: OPEN_ON_NETWORK_PAGE + 1]
    )
    return (
        Document.objects.filter(network_id=network_id)
        .filter(Q(pk__in=soonest) | Q(pk__in=latest))
        .recent()
        # Only what the list shows (a document row is wide: files, UUIDs, two datetimes).
        .only("pk", "title", "kind", "deadline", "created_at", "withdrawn_at")
    )


# Compiled once per connection (config/prepared.py): the network page is read often, and
# building these nested querysets cost more than the database's answer.
_CURRENT = Prepared(_current, network_id=int, today=datetime.date)


def current_for_network(network: Network) -> Current:
    """The open consultations with the nearest deadlines (OPEN_ON_NETWORK_PAGE; the rest are
    on the document list) and the most recent documents, in one query; withdrawn documents are
    on the document list and their own pages, not here."""
    rows = _CURRENT.objects(network_id=network.pk, today=timezone.localdate())
    open_consultations = sorted(
        (d for d in rows if d.is_open),
        key=lambda d: (d.deadline, d.pk),
    )
    shown = {d.pk for d in open_consultations}  # a set: `d not in list` compares models, O(n²)
    recent = [d for d in rows if d.pk not in shown][:RECENT_ON_NETWORK_PAGE]
    return Current(
        open_consultations=open_consultations[:OPEN_ON_NETWORK_PAGE],
        recent=recent,
        more_open=len(open_consultations) > OPEN_ON_NETWORK_PAGE,
    )


def meeting_documents(meeting) -> list[Document]:
    """The documents presented at a meeting, withdrawn ones last (they stay on the record)."""
    return _MEETING_DOCUMENTS.objects(meeting_id=meeting.pk)


def _meeting_documents(meeting_id: int) -> QuerySet[Document]:
    return (
        Document.objects.filter(meeting_id=meeting_id)
        .select_related("agenda_item")
        .only(
            "pk",
            "title",
            "kind",
            "deadline",
            "withdrawn_at",
            "drafting_status",
            "agenda_item__title",
            "agenda_item__position",
        )
        .order_by(F("withdrawn_at").asc(nulls_first=True), "title", "pk")
    )


# Compiled once per connection: the meeting page lists them on every view.
_MEETING_DOCUMENTS = Prepared(_meeting_documents, meeting_id=int)
