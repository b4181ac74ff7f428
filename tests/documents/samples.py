"""Real, small sample files made in the test: a minimal valid PDF and Office/OpenDocument
packages built with zipfile, plus things that only pretend to be one of them."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.documents.demo import minimal_pdf
from meetings.documents.workflow import CONTENT_TYPES


def pdf(text: str = "Remiss") -> bytes:
    # The demo's generator: a small, valid one-page PDF.
    return minimal_pdf(text)


CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


# Every entry's time: the same bytes whenever a sample is made. (An entry named by a string gets
# the clock's time, to two seconds, and the samples are parameters of tests: two xdist workers
# collecting either side of such a second saw different tests, and the run stopped.)
ENTRY_TIME = (2026, 1, 1, 12, 0, 0)


def _entry(name: str, compress_type: int) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=ENTRY_TIME)
    entry.compress_type = compress_type
    return entry


def _zip(entries: dict[str, str], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first is not None:
            archive.writestr(_entry("mimetype", zipfile.ZIP_STORED), stored_first)
        for name, text in entries.items():
            archive.writestr(_entry(name, zipfile.ZIP_DEFLATED), text)
    return buffer.getvalue()


def ooxml(main_part: str) -> bytes:
    return _zip({"[Content_Types].xml": CONTENT_TYPES_XML, main_part: "<x/>"})


def docx() -> bytes:
    return ooxml("word/document.xml")


def xlsx() -> bytes:
    return ooxml("xl/workbook.xml")


def pptx() -> bytes:
    return ooxml("ppt/presentation.xml")


def odf(mimetype: str) -> bytes:
    return _zip({"content.xml": "<office:document-content/>"}, stored_first=mimetype)


def odt() -> bytes:
    return odf(CONTENT_TYPES["odt"])


def ods() -> bytes:
    return odf(CONTENT_TYPES["ods"])


def plain_zip() -> bytes:
    return _zip({"readme.txt": "hej"})


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
