"""`{% theme_wishes network as wishes %}`: what the network page's wishes section shows.

A tag rather than view context, so the shared network page needs only one include line.
"""

from django import template

from meetings.models_wishes import ThemeSuggestion
from meetings.rules import is_member
from networks.rules import is_coordinator

register = template.Library()


@register.simple_tag(takes_context=True)
def theme_wishes(context, network) -> dict:
    user = context["request"].user
    # The coordinator check first: it is cached per request, so coordinators cost no query.
    if not (is_coordinator(user, network) or is_member(user, network)):
        return {"visible": False}
    return {
        "visible": True,
        "open_count": ThemeSuggestion.objects.filter(
            network=network, status=ThemeSuggestion.Status.OPEN
        ).count(),
    }
