"""The rows of a to-do list ("Att göra"), written out in Python.

The start page and Mina nätverk show up to twenty to-dos, each with a link, its subject, its
network, a date and a status tag: as template rows (with an include for the tag) they cost
about a millisecond each, more than the rest of either page. The markup is that of
templates/meetings/todo/_list.html and templates/components/_tag.html. The coordinators'
lists ("Har kommit in", "Försenat") are written the same way (`coordinator_rows`).
"""

import html

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.content_language import interface_is_swedish, sv_text
from config.dates import long_date
from config.reversing import pk_url
from meetings.todo.items import STATUS_LABELS, Item, Row, Status

# The rows are written with f-strings and `html.escape`, not `format_html`: Django's escaping
# goes through a lazy-string wrapper per value, which for a list of fifty rows cost more than
# the rest of writing them. Every value put into the HTML is escaped here (`_e`), as the
# template's autoescaping did.
_e = html.escape


class _Days(dict):
    """Each day as a list writes it (`<time>` and its long date), written once a list: the
    month's name is translated on each `long_date`."""

    def __missing__(self, day) -> str:
        written = self[day] = (
            f'<time datetime="{day.strftime("%Y-%m-%d")}">{_e(long_date(day))}</time>'
        )
        return written


def _when(item: Item, words: dict[str, str], days: _Days) -> str:
    day, word = (
        (item.due, words["meeting" if item.kind == "answer" else "due"])
        if item.due
        else (item.held_on, words["held"])
    )
    if not day:
        return ""
    return f"{word} {days[day]}"


def _tag(status: str, text: str) -> str:
    """templates/components/_tag.html: `text` escaped."""
    warning = '<span aria-hidden="true">! </span>' if status in (Status.OVERDUE, "late") else ""
    return f'<span class="tag tag-{status}">{warning}{_e(text)}</span>'


def todo_rows(items, *, show_administration: bool, announce: str = "") -> SafeString:
    """The list's <li> rows; with `announce` (a page added by "Visa fler"), the first row takes
    the focus."""
    words = {
        "meeting": _e(gettext("mötet är")),
        "due": _e(gettext("senast")),
        "held": _e(gettext("mötet hölls")),
    }
    # Read once for the list, not per row: the day, the language, and each kind's, status's
    # and action's words in the active language.
    today = timezone.localdate()
    swedish = interface_is_swedish()
    days = _Days()
    kinds: dict[str, str] = {}
    tags: dict[str, str] = {}
    actions: dict[int, str] = {}
    rows = []
    for index, item in enumerate(items):
        status = item.status_on(today)
        title = sv_text(item.title, swedish)
        if item.kind not in kinds:
            kinds[item.kind] = item.kind_label
        kind_label = kinds[item.kind]
        names_its_kind = item.title.lower().startswith(kind_label.lower())
        kind = "" if names_its_kind else f"{_e(kind_label)}: "
        if status not in tags:
            tags[status] = _tag(status, str(STATUS_LABELS[status]))
        if id(item.action) not in actions:
            actions[id(item.action)] = _e(str(item.action))
        administration = (
            f" · {sv_text(item.administration, swedish)}"
            if show_administration and item.administration
            else ""
        )
        overdue = " is-overdue" if status == Status.OVERDUE else ""
        focus = ' tabindex="-1" data-focus' if announce and index == 0 else ""
        rows.append(
            f'<li class="todo-item{overdue}"{focus}>\n'
            f'  <a href="{_e(item.url)}">{actions[id(item.action)]}'
            f'<span class="visually-hidden">: {title}</span></a>\n'
            f'  <span class="todo-subject">{kind}{title}</span>\n'
            f'  <span class="meeting-meta">{_e(item.network_code)}{administration}\n'
            f"    · {_when(item, words, days)}\n    {tags[status]}\n</span>\n"
            "</li>"
        )
    return SafeString("\n".join(rows))


def coordinator_rows(rows: list[Row]) -> SafeString:
    """The <li> rows of a coordinators' list: the link, its network, the day and a tag."""
    swedish = interface_is_swedish()
    days = _Days()
    tags: dict[tuple[bool, str], str] = {}  # each tag written once
    written = []
    for row in rows:
        day = f" · {days[row.date]}" if row.date else ""
        tag = tags.get((row.late, row.tag))
        if tag is None:
            tag = tags[row.late, row.tag] = _tag("late" if row.late else Status.OPEN, row.tag)
        written.append(
            f'<li class="todo-item{" is-overdue" if row.late else ""}">\n'
            f'  <a href="{_e(row.url)}">{sv_text(row.title, swedish)}</a>\n'
            f'  <span class="meeting-meta">{_e(row.network_code)}{day}\n    {tag}\n</span>\n'
            "</li>"
        )
    return SafeString("\n".join(written))


def question_rows(questions) -> SafeString:
    """The <li> rows of a director's list of their administrations' questions on their way:
    the question linked, its network, the day it was raised and its state as a tag."""
    swedish = interface_is_swedish()
    days = _Days()
    written = []
    for question in questions:
        written.append(
            f'<li class="todo-item"><a href="{_e(pk_url("question_detail", question.pk))}">'
            f"{sv_text(question.title, swedish)}</a>\n"
            f'  <span class="meeting-meta">{_e(question.network_code)} · '
            f"{days[question.raised_on]}\n"
            f"  {_tag(Status.OPEN, str(question.state_label))}\n</span></li>"
        )
    return SafeString("\n".join(written))
