"""The question list's rows, written in Python: the template row (a `{% url %}`, the title
through `|sv`, two tests of htmx per row) and its cells cost more than the rest of the list.
tests/questions/test_rows.py holds them to the template row they replaced, in both languages,
as a page and as htmx's "Visa fler"."""

from collections.abc import Iterable
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.content_language import sv_html
from config.dates import long_date
from config.paging import announced
from config.reversing import pk_url


def row_cells(question: Any, meeting_word: str) -> str:
    """A row's cells after the title: administration, raised, state, where (the network, and
    the meeting it was raised at or is on the agenda of). `meeting_word`: "möte", translated
    once for the page."""
    meeting = question.meeting or (question.agenda_item.meeting if question.agenda_item else None)
    where = str(escape(question.network.code))
    if meeting is not None:
        where += f" · {meeting_word} {escape(long_date(meeting.starts_at))}"
    administration = sv_html(question.administration.name)
    return (
        f"<td>{administration}</td><td>{question.raised_on.isoformat()}</td>"
        f"<td>{escape(question.state_label)}</td><td>{where}</td>"
    )


def question_rows(questions: Iterable[Any], page: Any, htmx: bool) -> SafeString:
    """The `<tr>`s of a page of questions (loaded with their network, administration, meeting
    and agenda item's meeting); for htmx's "Visa fler" the first announces the page and takes
    the focus."""
    meeting_word = escape(_("möte"))
    rows = []
    for n, question in enumerate(questions):
        announce = focus = ""
        if htmx and n == 0:
            announce = announced(_("Visar 1–%(last)s av %(total)s frågor."), page)
            focus = " data-focus"
        title = sv_html(question.title)
        rows.append(
            f"<tr{announce}>"
            f'<th scope="row"><a href="{escape(pk_url("question_detail", question.pk))}"{focus}>'
            f"{title}</a></th>"
            f"{row_cells(question, meeting_word)}"
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (all escaped)
