"""A network is a place: every page of it shows the same sub-navigation of its sections, each
one click from the overview, the current one marked, the coordinators' own only to them."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="sub-navigation".*?</nav>', re.S)
LINK = re.compile(
    r'<a class="sub-navigation__link" href="([^"]+)"( aria-current="page")?>([^<]+)</a>'
)

EVERYONE = {
    "Översikt": reverse("network_detail", args=["neh"]),
    "Möten": reverse("network_meetings", args=["neh"]),
    "Frågor": reverse("network_questions", args=["neh"]),
    "Dokument och remisser": reverse("document_list", args=["neh"]),
    "Mål": reverse("goal_list", args=["neh"]),
    "Representanter": reverse("network_representatives", args=["neh"]),
}
MEMBERS = {"Temaförslag": reverse("theme_suggestions", args=["neh"])}
COORDINATORS = {
    "Samordning": reverse("coordination_dashboard", args=["neh"]),
    "Rapport": reverse("participation_report", args=["neh"]),
}
SEES = {
    "staff": EVERYONE,
    "director": EVERYONE,
    "admin": EVERYONE,
    "representative": {**EVERYONE, **MEMBERS},
    "substitute": {**EVERYONE, **MEMBERS},
    "coordinator": {**EVERYONE, **MEMBERS, **COORDINATORS},
}


def nav_links(html: str) -> list[tuple[str, str, bool]]:
    navs = NAV.findall(html)
    assert len(navs) == 1, "one sub-navigation per network page"
    return [(label, href, bool(current)) for href, current, label in LINK.findall(navs[0])]


@pytest.mark.parametrize("role", sorted(SEES))
def test_overview_links_every_section_the_role_may_open(client_for, role, neh):
    client = client_for(role)
    links = nav_links(client.get(reverse("network_detail", args=["neh"])).content.decode())
    assert {label: href for label, href, _ in links} == SEES[role]
    assert [label for label, _, current in links if current] == ["Översikt"]
    # One click away: each link opens, and that page marks itself as the current section.
    for label, href, _ in links:
        response = client.get(href)
        assert response.status_code == 200, label
        marked = [name for name, _, current in nav_links(response.content.decode()) if current]
        assert marked == [label]


def test_other_networks_coordinator_gets_no_coordination_links(client_for, nsh):
    html = client_for("coordinator").get(reverse("network_detail", args=["nsh"])).content.decode()
    labels = [label for label, _, _ in nav_links(html)]
    assert "Samordning" not in labels and "Rapport" not in labels
    assert "Temaförslag" not in labels


def test_representatives_page_links_the_contact_list_to_coordinators_only(client_for, neh):
    url = reverse("network_representatives", args=["neh"])
    contacts = reverse("network_contacts", args=["neh"])
    assert contacts in client_for("coordinator").get(url).content.decode()
    assert contacts not in client_for("representative").get(url).content.decode()


# The sub-navigation as templates/meetings/pages/_network_nav.html wrote it (an inclusion tag's
# template, given the links).
TEMPLATE_NAV = """{% load i18n %}{# A network's sections (GOV.UK's sub-navigation): on every page of the network. #}
<nav class="sub-navigation" aria-label="{% blocktranslate with code=network.code %}Nätverket {{ code }}{% endblocktranslate %}">
  <ul class="sub-navigation__list">
    {% for link in links %}<li class="sub-navigation__item{% if link.current %} sub-navigation__item--current{% endif %}"><a class="sub-navigation__link" href="{{ link.href }}"{% if link.current %} aria-current="page"{% endif %}>{{ link.label }}</a></li>
    {% endfor %}
  </ul>
</nav>
"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_written_navigation_is_the_template(rf, neh, language):
    """`network_nav` writes what its template wrote, for every section and every set of
    sections shown, and keeps it per network, section, sections and language."""
    from django.template import Context, Template
    from django.utils import translation

    from meetings.templatetags import network_nav

    code = neh.code.lower()
    with translation.override(language):
        labels = network_nav._labels()
        for shown in (
            {network_nav.EVERYONE},
            {network_nav.EVERYONE, network_nav.MEMBERS},
            {network_nav.EVERYONE, network_nav.MEMBERS, network_nav.COORDINATORS},
        ):
            for current, _name, _who in network_nav.SECTIONS:
                links = [
                    {
                        "label": labels[section],
                        "href": reverse(name, args=[code]),
                        "current": section == current,
                    }
                    for section, name, who in network_nav.SECTIONS
                    if who in shown
                ]
                expected = Template(TEMPLATE_NAV).render(Context({"network": neh, "links": links}))
                assert network_nav._written(neh.code, current, shown) == expected
        written = network_nav._written(neh.code, "report", {network_nav.EVERYONE})
    assert "Rapport" not in written and "Report" not in written
    assert 'aria-current="page"' not in written
