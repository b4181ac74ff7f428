"""The network's action list's rows, written in Python: the template row (a `{% url %}`, a
meeting's URL, two dates and four `|sv` per action) was most of the page.
tests/minutes/test_rows.py holds them to the template row they replaced, in both languages."""

from collections.abc import Iterable
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from config.content_language import sv_html
from config.dates import long_date
from config.paging import announced
from config.reversing import pk_url
from meetings.models import ActionItem


def action_rows(actions: Iterable[Any], page: Any, htmx: bool) -> SafeString:
    """The `<tr>`s of a page of actions (described by `actions.describe`); for htmx's "Visa
    fler" the first announces the page and takes the focus."""
    statuses = dict(ActionItem.Status.choices)
    late = f' <span class="badge badge-warning">{_("försenad")}</span>'
    rows = []
    for n, action in enumerate(actions):
        first = htmx and n == 0
        announce = focus = ""
        if first:
            announce = announced(_("Visar 1–%(last)s av %(total)s åtgärder."), page)
            focus = " data-focus"
        meeting_url = escape(pk_url("meeting_detail", action.meeting_id))
        comment = ""
        if action.done_comment:
            comment = ": " + sv_html(Truncator(action.done_comment).chars(120))
        overdue = late if action.is_overdue else ""
        rows.append(
            f"<tr{announce}>"
            f'<td><a href="{escape(pk_url("action_done", action.pk))}"{focus}>'
            f"{sv_html(action.title)}</a></td>"
            f'<td><a href="{meeting_url}">{escape(long_date(action.meeting.starts_at))}</a></td>'
            f"<td>{sv_html(action.responsible_names)}</td>"
            f"<td>{escape(long_date(action.due_on))}{overdue}</td>"
            f"<td>{escape(statuses[action.status])}{comment}</td>"
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (all escaped)
