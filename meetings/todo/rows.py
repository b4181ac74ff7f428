"""The rows of a to-do list ("Att göra"), written out in Python.

The start page and Mina nätverk show up to twenty to-dos, each with a link, its subject, its
network, a date and a status tag: as template rows (with an include for the tag) they cost
about a millisecond each, more than the rest of either page. The markup is that of
templates/meetings/todo/_list.html and templates/components/_tag.html. The coordinators'
lists ("Har kommit in", "Försenat") are written the same way (`coordinator_rows`).
"""

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from config.content_language import sv
from config.dates import long_date
from config.reversing import pk_url
from meetings.todo.items import STATUS_LABELS, Item, Row, Status


def _when(item: Item, words: dict[str, str]) -> SafeString | str:
    day, word = (
        (item.due, words["meeting" if item.kind == "answer" else "due"])
        if item.due
        else (item.held_on, words["held"])
    )
    if not day:
        return ""
    return format_html(
        '{} <time datetime="{}">{}</time>', word, day.strftime("%Y-%m-%d"), long_date(day)
    )


def _tag(status: str, text: str) -> SafeString:
    warning = '<span aria-hidden="true">! </span>' if status in (Status.OVERDUE, "late") else ""
    return format_html('<span class="tag tag-{}">{}{}</span>', status, SafeString(warning), text)


def todo_rows(items, *, show_administration: bool, announce: str = "") -> SafeString:
    """The list's <li> rows; with `announce` (a page added by "Visa fler"), the first row takes
    the focus."""
    words = {
        "meeting": gettext("mötet är"),
        "due": gettext("senast"),
        "held": gettext("mötet hölls"),
    }
    # Read once for the list, not per row: the day, and each kind's, status's and action's
    # words in the active language.
    today = timezone.localdate()
    kinds: dict[str, str] = {}
    statuses: dict[str, str] = {}
    actions: dict[int, str] = {}
    rows = []
    for index, item in enumerate(items):
        status = item.status_on(today)
        title = sv(item.title)
        if item.kind not in kinds:
            kinds[item.kind] = item.kind_label
        kind_label = kinds[item.kind]
        names_its_kind = item.title.lower().startswith(kind_label.lower())
        kind = "" if names_its_kind else f"{kind_label}: "
        if status not in statuses:
            statuses[status] = str(STATUS_LABELS[status])
        if id(item.action) not in actions:
            actions[id(item.action)] = str(item.action)
        administration = (
            format_html(" · {}", sv(item.administration))
            if show_administration and item.administration
            else ""
        )
        rows.append(
            (
                " is-overdue" if status == Status.OVERDUE else "",
                SafeString(' tabindex="-1" data-focus') if announce and index == 0 else "",
                item.url,
                actions[id(item.action)],
                title,
                kind,
                title,
                item.network_code,
                administration,
                _when(item, words),
                _tag(status, statuses[status]),
            )
        )
    return format_html_join(
        "\n",
        '<li class="todo-item{}"{}>\n'
        '  <a href="{}">{}<span class="visually-hidden">: {}</span></a>\n'
        '  <span class="todo-subject">{}{}</span>\n'
        '  <span class="meeting-meta">{}{}\n    · {}\n    {}\n</span>\n'
        "</li>",
        rows,
    )


def coordinator_rows(rows: list[Row]) -> SafeString:
    """The <li> rows of a coordinators' list: the link, its network, the day and a tag."""
    written = []
    for row in rows:
        day = ""
        if row.date:
            iso, shown = row.date.strftime("%Y-%m-%d"), long_date(row.date)
            day = format_html(' · <time datetime="{}">{}</time>', iso, shown)
        written.append(
            (
                " is-overdue" if row.late else "",
                row.url,
                sv(row.title),
                row.network_code,
                day,
                _tag("late" if row.late else Status.OPEN, row.tag),
            )
        )
    return format_html_join(
        "\n",
        '<li class="todo-item{}">\n'
        '  <a href="{}">{}</a>\n'
        '  <span class="meeting-meta">{}{}\n    {}\n</span>\n'
        "</li>",
        written,
    )


def question_rows(questions) -> SafeString:
    """The <li> rows of a director's list of their administrations' questions on their way:
    the question linked, its network, the day it was raised and its state as a tag."""
    written = []
    for question in questions:
        day = question.raised_on
        written.append(
            (
                pk_url("question_detail", question.pk),
                sv(question.title),
                question.network.code,
                day.strftime("%Y-%m-%d"),
                long_date(day),
                _tag(Status.OPEN, question.state_label),
            )
        )
    return format_html_join(
        "\n",
        '<li class="todo-item"><a href="{}">{}</a>\n'
        '  <span class="meeting-meta">{} · <time datetime="{}">{}</time>\n'
        "  {}\n</span></li>",
        written,
    )
