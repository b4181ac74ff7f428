"""A goal's page's lists of meetings that dealt with it and of the work area's documents,
written in Python: a reversed URL, a date and a `|sv` per item in a template loop cost more
than reading them. tests/goals/test_rows.py holds them to the template loops they replaced, in
both languages."""

from collections.abc import Iterable
from typing import Any, cast

from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from config.content_language import sv
from config.dates import long_date
from config.reversing import pk_url


def _sv(value: Any) -> str:
    return conditional_escape(cast(str, sv(value)))


def follow_up_items(items: Iterable[Any]) -> SafeString:
    """The `<li>`s of agenda items (with their meetings): the meeting's day linked, the title."""
    return mark_safe(  # noqa: S308 (all escaped)
        "".join(
            f'\n    <li><a href="{escape(pk_url("meeting_detail", item.meeting_id))}">'
            f"{escape(long_date(item.meeting.starts_at))}</a>: {_sv(item.title)}</li>\n    "
            for item in items
        )
    )


def document_items(documents: Iterable[Any]) -> SafeString:
    """The `<li>`s of documents: the title linked, the kind."""
    return mark_safe(  # noqa: S308 (all escaped)
        "".join(
            f'<li><a href="{escape(pk_url("document_detail", document.pk))}">'
            f"{_sv(document.title)}</a> ({escape(document.get_kind_display().lower())})</li>"
            for document in documents
        )
    )
