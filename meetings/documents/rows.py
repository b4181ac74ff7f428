"""Long tables of documents, their rows written out in Python: a network's documents, and the
coordinators' table of a consultation's responses.

A consultation asks every administration (hundreds in a large organisation), and a template
row of a few cells with a translation and a date costs tens of microseconds: the rows cost
more than the rest of the page. The markup is the template's own (tests/documents/test_rows.py
compares them).
"""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.content_language import sv
from config.dates import long_date
from meetings.models import ConsultationResponse, Document

NONE = "–"


def document_rows(documents: Iterable[Document]) -> SafeString:
    """A row per document (its work areas prefetched as `area_list`): title and link, kind,
    work areas, deadline and the day it was added."""
    withdrawn = format_html(' <span class="document-meta">({})</span>', gettext("tillbakadraget"))
    # Each kind's name translated once (get_kind_display translates every choice each call).
    kinds = {kind: str(label) for kind, label in Document.Kind.choices}
    return format_html_join(
        "\n",
        "<tr>\n"
        '  <th scope="row"><a href="{}">{}</a>{}</th>\n'
        "  <td>{}</td>\n"
        "  <td>{}</td>\n"
        "  <td>{}</td>\n"
        '  <td><time datetime="{}">{}</time></td>\n'
        "</tr>",
        (
            (
                document.get_absolute_url(),
                sv(document.title),
                withdrawn if document.is_withdrawn else "",
                kinds.get(document.kind, document.kind),
                format_html_join("; ", "{}", ((sv(area.name),) for area in document.area_list))  # type: ignore[attr-defined]
                or NONE,
                format_html(
                    '<time datetime="{}">{}</time>',
                    document.deadline.isoformat(),
                    long_date(document.deadline),
                )
                if document.deadline
                else NONE,
                timezone.localtime(document.created_at).isoformat(),
                long_date(document.created_at),
            )
            for document in documents
        ),
    )


def response_rows(responses: list[ConsultationResponse]) -> SafeString:
    """A row per asked administration: its name, whether and when it answered, and who
    marked the answer sent."""
    not_answered = format_html("<strong>{}</strong>", gettext("Inte svarat"))
    sent = gettext("Skickat %(when)s")
    return format_html_join(
        "\n",
        '<tr>\n  <th scope="row">{}</th>\n  <td>{}</td>\n  <td>{}</td>\n</tr>',
        (
            (
                sv(response.administration.name),
                sent % {"when": long_date(response.sent_at)} if response.is_sent else not_answered,
                (response.sent_by.full_name if response.sent_by else "") or "–",
            )
            for response in responses
        ),
    )
