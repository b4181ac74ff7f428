"""The change-history link on pages whose views pass no "may see the history" flag.

    {% load history_links %}
    {% if request.user|may_see_history:question %}
      {% include "meetings/history/_link.html" with key="fraga" pk=question.pk %}
    {% endif %}

The same predicate as the history page (meetings/rules.py `can_see_history`), so the link shows
exactly for the people the page answers; the coordinator check is cached per request.
"""

from django import template

from meetings.rules import can_see_history

register = template.Library()


@register.filter
def may_see_history(user, obj) -> bool:
    return can_see_history(user, obj)
