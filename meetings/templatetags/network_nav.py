"""`{% network_nav network "meetings" %}`: a network's sub-navigation, the current section marked.

Every page of a network shows the same list of its sections (Översikt, Möten, Frågor, ...),
the coordinators' own sections only to its coordinators. A tag rather than view context, so
each page needs one line; it asks no query of its own (the coordinator check is cached per
request).
"""

from html import escape

from django import template
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


# The sub-navigation as written, by the network's code, the current section, the sections shown,
# the language and the script prefix: the same HTML on every request of that kind, and its nine
# reversed URLs and the template cost a quarter of a millisecond per page. At most WRITTEN_KEPT.
_WRITTEN: dict[tuple, SafeString] = {}
WRITTEN_KEPT = 1024


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
    written = _WRITTEN.get(key)
    if written is None:
        if len(_WRITTEN) >= WRITTEN_KEPT:
            _WRITTEN.clear()
        written = _WRITTEN[key] = _written(network.code, current, shown)
    return written


def _written(code: str, current: str, shown: set[str]) -> SafeString:
    """The sub-navigation's markup (GOV.UK's sub-navigation), as its template wrote it
    (tests/pages/test_network_nav.py compares them)."""
    labels = _labels()
    items = []
    for section, name, who in SECTIONS:
        if who not in shown:
            continue
        here = section == current
        marked = " sub-navigation__item--current" if here else ""
        aria = ' aria-current="page"' if here else ""
        href = escape(reverse(name, args=[code.lower()]))
        items.append(
            f'<li class="sub-navigation__item{marked}"><a class="sub-navigation__link" '
            f'href="{href}"{aria}>{escape(labels[section])}</a></li>\n    '
        )
    name = _("Nätverket %(code)s") % {"code": escape(code)}
    return SafeString(
        f'\n<nav class="sub-navigation" aria-label="{name}">\n'
        '  <ul class="sub-navigation__list">\n'
        f"    {''.join(items)}\n"
        "  </ul>\n"
        "</nav>\n"
    )
