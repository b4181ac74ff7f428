"""The report-back pack's lists of material and of what is expected, written out in Python.

A pack lists every open consultation asking the administration and every open action, and as
template rows (a translation, a date and a link each) they cost more than the rest of the
page. The markup is the template's own (tests/report_back/test_rows.py compares them).
"""

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.content_language import sv_html
from config.dates import long_date
from meetings.models import Document


def material_rows(documents: Iterable[Document], consultations: Iterable[Document]) -> SafeString:
    """An item per document of the meeting (with its kind), then per open consultation (with
    its deadline, and whether the administration has answered)."""
    kinds = {kind: str(label) for kind, label in Document.Kind.choices}
    due = gettext("remiss, svar senast %(date)s")
    answered = ", " + escape(gettext("svar skickat"))
    parts = []
    for document in documents:
        parts.append(
            f'\n      <li><a href="{escape(document.get_absolute_url())}">'
            f"{sv_html(document.title)}</a> "
            f"({escape(kinds.get(document.kind, document.kind))})</li>"
        )
    for document in consultations:
        parts.append(
            f'\n      <li><a href="{escape(document.get_absolute_url())}">'
            f"{sv_html(document.title)}</a> "
            f"({due % {'date': escape(long_date(document.deadline))}}"
            f"{answered if document.response_sent_at else ''})</li>"  # type: ignore[attr-defined]
        )
    return SafeString("".join(parts))


def expected_rows(expected: Iterable) -> SafeString:
    """A row per `Expectation`: when, what (linked when it has a page) and of which kind."""
    late = f' <strong class="badge badge-warning">{escape(gettext("försenad"))}</strong>'
    parts = []
    for item in expected:
        title: str = sv_html(item.title)
        if item.url:
            title = f'<a href="{escape(item.url)}">{title}</a>'
        parts.append(
            f"\n      <tr><td>{escape(long_date(item.due_on))}{late if item.overdue else ''}"
            f'</td><th scope="row">{title}</th><td>{escape(item.kind)}</td></tr>'
        )
    return SafeString("".join(parts))
