"""`{% network_nav network "meetings" %}`: a network's sub-navigation, the current section marked.

Every page of a network shows the same list of its sections (Översikt, Möten, Frågor, ...),
the coordinators' own sections only to its coordinators. A tag rather than view context, so
each page needs one line; it asks no query of its own (the coordinator check is cached per
request).
"""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from meetings.rules import is_member
from networks.rules import is_coordinator

register = template.Library()

EVERYONE, MEMBERS, COORDINATORS = "everyone", "members", "coordinators"
# (section, URL name, who sees the link), in the order shown; each section is the network's
# own page (Frågor shows what the person may see of the network's questions).
# Temaförslag is its members' and coordinators' (can_see_theme_suggestions).
SECTIONS = (
    ("overview", "network_detail", EVERYONE),
    ("meetings", "network_meetings", EVERYONE),
    ("questions", "network_questions", EVERYONE),
    ("documents", "document_list", EVERYONE),
    ("goals", "goal_list", EVERYONE),
    ("wishes", "theme_suggestions", MEMBERS),
    ("representatives", "network_representatives", EVERYONE),
    ("coordination", "coordination_dashboard", COORDINATORS),
    ("report", "participation_report", COORDINATORS),
)


def _labels() -> dict[str, str]:
    # Spelled out so makemessages finds each msgid.
    return {
        "overview": _("Översikt"),
        "meetings": _("Möten"),
        "questions": _("Frågor"),
        "documents": _("Dokument och remisser"),
        "goals": _("Mål"),
        "wishes": _("Temaförslag"),
        "representatives": _("Representanter"),
        "coordination": _("Samordning"),
        "report": _("Rapport"),
    }


@register.inclusion_tag("meetings/pages/_network_nav.html", takes_context=True)
def network_nav(context, network, current: str) -> dict:
    if current not in {section for section, _name, _only in SECTIONS}:
        raise template.TemplateSyntaxError(f"network_nav: no section {current!r}")
    user = context["request"].user
    # The coordinator check is cached per request; only a non-coordinator costs one query
    # (whether they hold a seat in the network).
    coordinates = is_coordinator(user, network)
    shown = {EVERYONE}
    if coordinates:
        shown |= {MEMBERS, COORDINATORS}
    elif is_member(user, network):
        shown.add(MEMBERS)
    code = network.code.lower()
    labels = _labels()
    links = [
        {
            "label": labels[section],
            "href": reverse(name, args=[code]),
            "current": section == current,
        }
        for section, name, who in SECTIONS
        if who in shown
    ]
    return {"network": network, "links": links}
