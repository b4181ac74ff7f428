"""A goal's page's lists of meetings that dealt with it and of the work area's documents,
written in Python: a reversed URL, a date and a `|sv` per item in a template loop cost more
than reading them. tests/goals/test_rows.py holds them to the template loops they replaced, in
both languages."""

from collections.abc import Iterable
from typing import Any, cast

from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from config.content_language import sv
from config.dates import long_date
from config.paging import announced
from config.reversing import pk_url
from meetings.models import ActionItem, Document


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
    kinds = {kind: escape(str(label).lower()) for kind, label in Document.Kind.choices}
    return mark_safe(  # noqa: S308 (all escaped)
        "".join(
            f'<li><a href="{escape(pk_url("document_detail", document.pk))}">'
            f"{_sv(document.title)}</a> "
            f"({kinds.get(document.kind) or escape(document.kind.lower())})</li>"
            for document in documents
        )
    )


def action_plan_rows(actions: Iterable[Any], today: Any, page: Any, htmx: bool) -> SafeString:
    """The `<tr>`s of a page of a goal's action plan (actions with `is_done` and
    `responsible_names`): title, who, by when (late or not), status. For htmx's "Visa fler"
    the first announces the page and takes the focus."""
    statuses = {status: escape(str(label)) for status, label in ActionItem.Status.choices}
    late = f' <span class="badge badge-warning">{gettext("försenad")}</span>'
    rows = []
    for n, action in enumerate(actions):
        announce = focus = ""
        if htmx and n == 0:
            announce = announced(gettext("Visar 1–%(last)s av %(total)s åtgärder."), page)
            focus = ' tabindex="-1" data-focus'
        names = _sv(", ".join(action.responsible_names) or "–")
        due_on = action.due_on
        overdue = late if not action.is_done and due_on < today else ""
        rows.append(
            f'\n        <tr{announce}><th scope="row"{focus}>{_sv(action.title)}</th>'
            f'<td>{names}</td><td><time datetime="{due_on.isoformat()}">'
            f"{escape(long_date(due_on))}</time>{overdue}</td>"
            f"<td>{statuses.get(action.status) or escape(action.status)}</td></tr>\n        "
        )
    return mark_safe("".join(rows))  # noqa: S308 (all escaped)
