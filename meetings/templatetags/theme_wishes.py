"""`{% theme_wishes network as wishes %}`: whether the network page shows the wishes section.

A tag rather than view context, so the shared network page needs only one include line. It
asks no count: the network page's query budget is shared by every section.
"""

from django import template

from meetings.rules import is_member
from networks.rules import is_coordinator

register = template.Library()


@register.simple_tag(takes_context=True)
def theme_wishes(context, network) -> dict:
    user = context["request"].user
    # The coordinator check first: it is cached per request, so coordinators cost no query.
    return {"visible": is_coordinator(user, network) or is_member(user, network)}
