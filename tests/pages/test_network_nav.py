"""A network is a place: every page of it shows the same sub-navigation of its sections, each
one click from the overview, the current one marked, the coordinators' own only to them."""

import re

import pytest
from django.urls import reverse

from meetings.templatetags import network_nav

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


def test_the_kept_navigation_follows_the_audience_and_the_language(client_for, monkeypatch, neh):
    """The navigation is rendered once per network, section, audience and language and then
    kept: a page read after another's gets its own links, in its own language."""
    monkeypatch.setattr(network_nav, "_KEPT", {})
    url = reverse("network_meetings", args=["neh"])
    for role in ("coordinator", "staff", "representative", "coordinator"):
        links = nav_links(client_for(role).get(url).content.decode())
        assert {label: href for label, href, _ in links} == SEES[role]
        assert [label for label, _, current in links if current] == ["Möten"]
    english = client_for("coordinator")
    english.post(reverse("set_language"), {"language": "en"})
    html = english.get(url).content.decode()
    labels = [label for label, _, _ in nav_links(html)]
    assert "Meetings" in labels and "Möten" not in labels
    assert 'aria-label="The NEH network"' in html
    assert len(network_nav._KEPT) == 4
