"""The network page's "Aktuellt" lists (meetings/documents/_aktuellt.html): the open
consultations and the latest documents, one `<li>` each, written here rather than by template
loops, whose filters and lookups per row (a reversed URL, `|sv`, two date filters, the kind's
label) cost a good part of the page. The output is what the loops wrote
(tests/documents/test_document_rows.py compares them, in Swedish and English)."""

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.content_language import sv_html
from config.dates import long_date
from config.reversing import pk_url

register = template.Library()


def _link(document) -> str:
    url = escape(pk_url("document_detail", document.pk))
    return f'<a href="{url}">{sv_html(document.title)}</a>'


@register.simple_tag
def open_consultation_rows(documents) -> SafeString:
    """A consultation a row: its link and the day it must be answered by."""
    due = _("svar senast")  # as `{% translate %}` writes it: not escaped
    return mark_safe(  # noqa: S308 (every value is escaped)
        "\n".join(
            f'<li>{_link(document)} <span class="document-meta">{due} <time datetime="'
            f'{document.deadline.isoformat()}">{escape(long_date(document.deadline))}</time>'
            "</span></li>"
            for document in documents
        )
    )


@register.simple_tag
def recent_document_rows(documents) -> SafeString:
    """A document a row: its link, its kind and the day it was added."""
    return mark_safe(  # noqa: S308 (every value is escaped)
        "\n".join(
            f'<li>{_link(document)} <span class="document-meta">'
            f"{conditional_escape(document.get_kind_display())}, <time datetime="
            f'"{timezone.localtime(document.created_at).isoformat()}">'
            f"{escape(long_date(document.created_at))}</time></span></li>"
            for document in documents
        )
    )
