"""The meeting page's management-group questions (the governance loop), as a template tag so the
shared page needs one include line and no change to its view."""

from django import template
from django.db.models import Q

from meetings.models import Meeting
from meetings.rules import visible_questions

register = template.Library()


def _has_management_question(agenda) -> bool:
    for item in agenda or ():
        flag = (
            item.get("is_management_question")
            if isinstance(item, dict)
            else getattr(item, "is_management_question", False)
        )
        if flag:
            return True
    return False


@register.simple_tag(takes_context=True)
def meeting_questions(context, meeting, agenda=None):
    """The questions on the meeting's agenda or dealt with at it that the person may see
    (`rules.visible_questions`), by administration.

    One query, and only for a published meeting whose agenda (as the page shows it) carries a
    management group's question; otherwise none and an empty list. So a question marked dealt
    with at a meeting without being on its agenda is not listed here (it is on the question
    lists and in the report-back pack): the meeting page stays within its query budget."""
    request = context.get("request")
    if request is None or meeting.status != Meeting.Status.PUBLISHED:
        return []
    if not _has_management_question(agenda):
        return []
    return list(
        visible_questions(request.user)
        .filter(Q(meeting=meeting) | Q(agenda_item__meeting=meeting))
        .select_related("administration", "agenda_item")
        .order_by("administration__name", "raised_on", "pk")
    )
