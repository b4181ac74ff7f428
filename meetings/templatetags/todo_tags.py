"""`{% todo_rows items show_administration announce %}`: a to-do list's rows, and
`{% coordinator_rows rows %}`: a coordinators' list's (todo/rows.py)."""

from django import template
from django.utils.safestring import SafeString

from meetings.todo.rows import coordinator_rows as _coordinator_rows
from meetings.todo.rows import todo_rows as _todo_rows

register = template.Library()


@register.simple_tag
def todo_rows(items, show_administration=False, announce="") -> SafeString:
    return _todo_rows(items, show_administration=bool(show_administration), announce=announce or "")


@register.simple_tag
def coordinator_rows(rows) -> SafeString:
    return _coordinator_rows(rows)
