"""`{% todo_rows items show_administration announce %}`: a to-do list's rows,
`{% coordinator_rows rows %}`: a coordinators' list's and `{% question_rows questions %}`: a
director's questions' (todo/rows.py). `{% todo_list %}` and `{% coordinator_list %}` write the
list, or the words for an empty one, as the start page's includes of meetings/todo/_list.html
(without `announce`) and of the coordinators' list template did (tests/todo/test_rows.py): the
start page's lists without an include each."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from meetings.todo.rows import coordinator_rows as _coordinator_rows
from meetings.todo.rows import question_rows as _question_rows
from meetings.todo.rows import todo_rows as _todo_rows

register = template.Library()


@register.simple_tag
def todo_rows(items, show_administration=False, announce="") -> SafeString:
    return _todo_rows(items, show_administration=bool(show_administration), announce=announce or "")


@register.simple_tag
def coordinator_rows(rows) -> SafeString:
    return _coordinator_rows(rows)


@register.simple_tag
def question_rows(questions) -> SafeString:
    return _question_rows(questions)


def _list(list_id, rows: str | None, empty) -> SafeString:
    """The included template's output: its rows in a list, or `empty` (escaped unless safe,
    as `{{ }}` wrote them)."""
    if rows is None:
        body = f'<p class="empty-state">{conditional_escape(empty)}</p>'
    else:
        body = f'<ul class="todo-list" id="{conditional_escape(list_id)}">\n  {rows}\n</ul>'
    return SafeString(f"\n\n{body}\n\n")


@register.simple_tag
def todo_list(items, list_id, empty, show_administration=False) -> SafeString:
    rows = _todo_rows(items, show_administration=bool(show_administration)) if items else None
    return _list(list_id, rows, empty)


@register.simple_tag
def coordinator_list(rows, list_id, empty) -> SafeString:
    return _list(list_id, _coordinator_rows(rows) if rows else None, empty)
