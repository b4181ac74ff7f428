"""A network's section "Frågor" (/natverk/<kod>/fragor/): the list across networks, of that
network's questions only, as each role may see them, under the network's sub-navigation."""

import re

import pytest
from django.urls import reverse

from meetings.paging import PER_PAGE
from tests import factories

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="sub-navigation".*?</nav>', re.S)
CURRENT = re.compile(r'<a class="sub-navigation__link" href="([^"]+)" aria-current="page">([^<]+)<')
NO_ROLE = "Frågor från ledningsgrupperna syns för förvaltningens direktör"

TITLES = {
    ("NEH", "own"): "Miljöns fråga i NEH",
    ("NEH", "other"): "Socials fråga i NEH",
    ("NSH", "own"): "Miljöns fråga i NSH",
    ("NSH", "other"): "Socials fråga i NSH",
}
# What each role sees on each network's page. The coordinator coordinates NEH (every question
# in it); the director directs Miljöförvaltningen (its questions in every network); the
# representative and substitute hold Miljöförvaltningen's seats in NEH; nsh_coordinator
# coordinates NSH. Nobody else has a role, and an administrator is no exception.
SEES = {
    "coordinator": {"NEH": {"own", "other"}, "NSH": set()},
    "nsh_coordinator": {"NEH": set(), "NSH": {"own", "other"}},
    "director": {"NEH": {"own"}, "NSH": {"own"}},
    "representative": {"NEH": {"own"}, "NSH": set()},
    "substitute": {"NEH": {"own"}, "NSH": set()},
    "staff": {"NEH": set(), "NSH": set()},
    "admin": {"NEH": set(), "NSH": set()},
}


@pytest.fixture
def four_questions(neh, nsh, administration, other_administration):
    networks = {"NEH": neh, "NSH": nsh}
    owners = {"own": administration, "other": other_administration}
    for (code, owner), title in TITLES.items():
        factories.make_question(networks[code], owners[owner], title=title)


def _url(code: str) -> str:
    return reverse("network_questions", args=[code.lower()])


@pytest.mark.parametrize("role", sorted(SEES))
@pytest.mark.parametrize("code", ["NEH", "NSH"])
def test_network_list_shows_that_networks_questions_the_role_may_see(
    client_for, four_questions, nsh_coordinator, role, code
):
    html = client_for(role).get(_url(code)).content.decode()
    shown = {owner for (network, owner), title in TITLES.items() if title in html}
    # Never another network's question, whoever asks.
    assert not any(
        TITLES[other, owner] in html
        for other in {"NEH", "NSH"} - {code}
        for owner in ("own", "other")
    )
    assert shown == SEES[role][code]
    assert (NO_ROLE in html) == (role in {"staff", "admin"} or not SEES[role][code])
    # The network's page, its section marked.
    assert CURRENT.findall(NAV.search(html).group(0)) == [(_url(code), "Frågor")]
    assert f"Frågor från ledningsgrupperna i {code}</h1>" in html


def test_list_across_networks_still_shows_every_network(client_for, four_questions):
    html = client_for("director").get(reverse("question_list")).content.decode()
    assert TITLES["NEH", "own"] in html and TITLES["NSH", "own"] in html
    assert 'class="sub-navigation"' not in html
    # Each network's own list, one link away.
    assert f'href="{_url("NEH")}"' in html and f'href="{_url("NSH")}"' in html


@pytest.mark.parametrize(
    ("role", "code", "may_register"),
    [
        ("representative", "NEH", True),
        ("substitute", "NEH", True),
        ("representative", "NSH", False),  # no seat in NSH
        ("director", "NEH", False),
        ("coordinator", "NEH", False),
        ("staff", "NEH", False),
    ],
)
def test_register_action_only_for_a_seat_in_that_network(
    client_for, neh, nsh, role, code, may_register
):
    html = client_for(role).get(_url(code)).content.decode()
    assert (reverse("question_create", args=[code.lower()]) in html) == may_register
    # Never the other network's, even where the person holds a seat there.
    other = "nsh" if code == "NEH" else "neh"
    assert reverse("question_create", args=[other]) not in html


def test_representative_on_the_list_across_networks_registers_where_seated(client_for, nsh):
    html = client_for("representative").get(reverse("question_list")).content.decode()
    assert reverse("question_create", args=["neh"]) in html
    assert reverse("question_create", args=["nsh"]) not in html


def test_filters_and_paging_stay_on_the_networks_page(client_for, neh, nsh, administration, held):
    factories.make_question(neh, administration, state="closed", meeting=held, title="Stängd")
    factories.make_question(nsh, administration, title="NSH öppen")
    for n in range(PER_PAGE + 2):
        factories.make_question(neh, administration, title=f"Öppen {n:02d}")
    client = client_for("director")
    url = _url("NEH")
    html = client.get(url).content.decode()
    assert f'<form method="get" action="{url}"' in html
    assert html.count("Öppen ") == PER_PAGE and "NSH öppen" not in html and "Stängd" not in html
    assert 'href="?page=2"' in html
    closed = client.get(url, {"lage": "avslutade"}).content.decode()
    assert "Stängd" in closed and "Öppen " not in closed
    # "Visa fler" by htmx: only the next rows of this network, the count of this network.
    more = client.get(url, {"page": "2"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in more and more.count("Öppen ") == 2 and "NSH öppen" not in more
    total = PER_PAGE + 2
    assert f'data-announce="Visar 1–{total} av {total} frågor."' in more


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"lage": "nonsens"}, "lage"),
        ({"termin": "XX1999"}, "termin"),
        ({"forvaltning": "abc"}, "forvaltning"),
        ({"forvaltning": "999999"}, "forvaltning"),
    ],
)
def test_a_filter_that_does_not_fit_is_left_out_with_a_message(
    client_for, neh, question, query, field
):
    response = client_for("coordinator").get(_url("NEH"), query)
    html = response.content.decode()
    assert response.status_code == 200
    assert question.title in html  # the list as if the filter had not been given
    assert "Valet finns inte och används inte. Välj i listan." in html
    assert response.context["filters"].errors.keys() == {field}


def test_bad_page_number_answers_the_nearest_page(client_for, question):
    for page in ("-1", "abc", "9999"):
        html = client_for("coordinator").get(_url("NEH"), {"page": page}).content.decode()
        assert question.title in html


def test_unknown_network_is_not_found(client_for):
    assert client_for("coordinator").get(_url("XYZ")).status_code == 404


def test_sign_in_first(client):
    response = client.get(_url("NEH"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
