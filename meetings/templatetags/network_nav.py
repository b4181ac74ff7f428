"""`{% network_nav network "meetings" %}`: a network's sub-navigation, the current section marked.

Every page of a network shows the same list of its sections (Översikt, Möten, Frågor, ...),
the coordinators' own sections only to its coordinators. A tag rather than view context, so
each page needs one line; it asks no query of its own (the coordinator check is cached per
request), and its HTML is rendered once per process for each network, section, audience and
language.
"""

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language
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


# The written navigation, kept per process: it depends only on the network's code, the
# section, who sees which links, the language and the URL prefix (the key), and rendering
# it (a template and nine reversed URLs) cost about as much as a small page's own content.
_KEPT: dict[tuple, SafeString] = {}
KEPT_MAX = 2048


@register.simple_tag(takes_context=True)
def network_nav(context, network, current: str) -> SafeString:
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
    key = (network.code, current, tuple(sorted(shown)), get_language(), get_script_prefix())
    written = _KEPT.get(key)
    if written is None:
        if len(_KEPT) >= KEPT_MAX:
            _KEPT.clear()
        written = _KEPT[key] = render_to_string(
            "meetings/pages/_network_nav.html", _context(network, current, shown)
        )
    return written


def _context(network, current: str, shown: set[str]) -> dict:
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
