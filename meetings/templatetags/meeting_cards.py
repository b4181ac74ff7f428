"""`{% meeting_summary meeting heading_level %}`: a meeting's card (meetings/pages/cards.py)."""

from django import template
from django.utils.safestring import SafeString

from meetings.pages.cards import meeting_summary as _meeting_summary

register = template.Library()


@register.simple_tag
def meeting_summary(meeting, heading_level=3) -> SafeString:
    return _meeting_summary(meeting, int(heading_level or 3))
