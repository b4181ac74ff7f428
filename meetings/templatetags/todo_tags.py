"""`{% todo_rows items show_administration announce %}`: a to-do list's rows,
`{% coordinator_rows rows %}`: a coordinators' list's and `{% question_rows questions %}`: a
director's questions' (todo/rows.py)."""

from django import template
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
