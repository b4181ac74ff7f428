"""`{% meeting_summary meeting heading_level %}`: a meeting's card, and
`{% network_panels networks %}`: the start page's panels of the networks with their next
meetings (meetings/pages/cards.py)."""

from django import template
from django.utils.safestring import SafeString

from meetings.pages.cards import meeting_summary as _meeting_summary
from meetings.pages.cards import network_panels as _network_panels

register = template.Library()


@register.simple_tag
def meeting_summary(meeting, heading_level=3) -> SafeString:
    return _meeting_summary(meeting, int(heading_level or 3))


@register.simple_tag
def network_panels(networks) -> SafeString:
    return _network_panels(networks)
