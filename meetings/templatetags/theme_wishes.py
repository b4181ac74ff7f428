"""`{% theme_wishes network as wishes %}`: what the network page's wishes section shows.

A tag rather than view context, so the shared network page needs only one include line.
"""

from django import template

from meetings.models_wishes import ThemeSuggestion
from meetings.rules import can_see_theme_suggestions, can_suggest_theme

register = template.Library()


@register.simple_tag(takes_context=True)
def theme_wishes(context, network) -> dict:
    user = context["request"].user
    if not can_see_theme_suggestions(user, network):
        return {"visible": False}
    return {
        "visible": True,
        "can_suggest": can_suggest_theme(user, network),
        "open_count": ThemeSuggestion.objects.filter(
            network=network, status=ThemeSuggestion.Status.OPEN
        ).count(),
    }
