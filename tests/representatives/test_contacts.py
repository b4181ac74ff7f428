"""The coordinators' list of a network's representatives: page, CSV and e-mail addresses."""

import csv
import io

import pytest
from django.urls import reverse

from representatives.models import Appointment
from tests import factories
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

PAGES = {
    "page": lambda code: reverse("network_contacts", kwargs={"code": code}),
    "csv": lambda code: reverse("network_contacts_csv", kwargs={"code": code}),
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_contacts_only_for_coordinators(role, page, client_for, representative, substitute):
    response = client_for(role).get(PAGES[page]("neh"))
    if role == "coordinator":
        assert response.status_code == 200
        assert "representant@example.org" in response.content.decode("utf-8-sig")
    elif role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", sorted(PAGES))
def test_contacts_of_a_network_not_coordinated_is_403(page, client, coordinator, nsh):
    client.force_login(coordinator)  # coordinates NEH only
    assert client.get(PAGES[page]("nsh")).status_code == 403


def test_contacts_csv_content(
    client, coordinator, representative, substitute, administration, other_administration, neh
):
    ended = factories.make_user("slutat@example.org", "Sune Slutat")
    factories.make_appointment(ended, other_administration, neh, end_date=None).end()
    client.force_login(coordinator)
    response = client.get(PAGES["csv"]("neh"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="representanter-neh-' in response["Content-Disposition"]
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")  # BOM, so Excel reads UTF-8 (å, ä, ö)
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";"))
    start = Appointment.objects.get(person=representative).start_date.isoformat()
    assert rows == [
        ["Förvaltning", "Roll", "Namn", "E-postadress", "Sedan"],
        [
            "Miljöförvaltningen",
            "Representant",
            "Rita Representant",
            "representant@example.org",
            start,
        ],
        ["Miljöförvaltningen", "Ersättare", "Erik Ersättare", "ersattare@example.org", start],
    ]


def test_contacts_page_offers_semicolon_separated_addresses(
    client, coordinator, representative, substitute
):
    client.force_login(coordinator)
    page = client.get(PAGES["page"]("neh")).content.decode()
    assert "ersattare@example.org; representant@example.org</textarea>" in page
    assert 'data-copy-target="email-list"' in page
    assert "readonly" in page


def test_representatives_page_links_contacts_for_coordinators_only(client, coordinator, staff, neh):
    url = reverse("network_contacts", kwargs={"code": "neh"})
    page = reverse("network_representatives", kwargs={"code": "neh"})
    client.force_login(coordinator)
    assert url in client.get(page).content.decode()
    client.force_login(staff)
    assert url not in client.get(page).content.decode()


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("size", [1, 8])
def test_contacts_query_count(page, size, client, coordinator, neh, django_assert_num_queries):
    for _ in range(size):
        administration = factories.make_administration()
        factories.make_appointment(factories.make_user(), administration, neh)
        factories.make_appointment(
            factories.make_user(), administration, neh, Appointment.Role.SUBSTITUTE
        )
    client.force_login(coordinator)
    # session, user, network, coordinated ids, appointments; the page also those appointed
    # from a later day and every address for the copy field (its table is a page of seats)
    with django_assert_num_queries(7 if page == "page" else 5):
        response = client.get(PAGES[page]("neh"))
    assert response.content.decode("utf-8-sig").count("@example.org") >= size * 2
