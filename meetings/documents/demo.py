"""The documents demo: a consultation in NEH that Miljöförvaltningen is asked to answer, and a
few documents."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile

from meetings.documents import workflow as documents
from meetings.models import ConsultationResponse, Document, Meeting

if TYPE_CHECKING:
    from meetings.demo import World


def minimal_pdf(text: str) -> bytes:
    """A small, valid one-page PDF with one line of text, so the demo has a file to download."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body


def _build_documents(networks, administrations, coordinator, accounts, today) -> None:
    """A consultation in NEH that Miljöförvaltningen is asked to answer, and a few documents."""
    neh, nsh = networks["NEH"], networks["NSH"]
    waste = [area for area in neh.work_areas.all() if area.name == "Ny avfallsplan"]
    upload = ContentFile(minimal_pdf("Remiss: ny avfallsplan"), name="Remiss ny avfallsplan.pdf")
    consultation = documents.add_document(
        network=neh,
        user=coordinator,
        document=Document(
            title="Remiss: ny avfallsplan",
            kind=Document.Kind.CONSULTATION,
            deadline=today + datetime.timedelta(days=30),
            meeting=neh.meetings.filter(status=Meeting.Status.PUBLISHED)
            .filter(starts_at__date__gte=today)
            .first(),
        ),
        work_areas=waste,
        upload=upload,  # type: ignore[arg-type]
        upload_kind=documents.PDF,
        asked=[administrations[short] for short in ("MF", "SBF", "TF", "KLF")],
    )
    # Tekniska förvaltningen has already answered; Miljöförvaltningen has not yet.
    documents.mark_response_sent(
        ConsultationResponse.objects.get(
            document=consultation, administration=administrations["TF"]
        ),
        None,
    )
    documents.add_document(
        network=neh,
        user=coordinator,
        document=Document(
            title="Energi- och klimatprogram 2024–2030",
            kind=Document.Kind.STEERING,
            url="https://www.example.org/styrdokument/energi-och-klimatprogram",
            # A governance document being drawn up: out for consultation since last week.
            drafting_status=Document.Drafting.CONSULTATION,
            drafting_since=today - datetime.timedelta(days=120),
            consultation_since=today - datetime.timedelta(days=7),
        ),
        work_areas=[area for area in neh.work_areas.all() if area.name.startswith("Koldioxid")],
        upload=None,
        upload_kind=None,
        asked=[],
    )
    documents.add_document(
        network=nsh,
        user=coordinator,
        document=Document(
            title="Rapport: barnrättsbaserade beslut 2025",
            kind=Document.Kind.REPORT,
            url="https://www.example.org/rapporter/barnratt-2025",
        ),
        work_areas=[area for area in nsh.work_areas.all() if area.name.startswith("Barn")],
        upload=None,
        upload_kind=None,
        asked=[],
    )


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    _build_documents(
        world.networks, world.administrations, world.coordinator, world.accounts, world.today
    )
