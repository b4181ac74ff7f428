"""The coordinators' list of a network's representatives: page, CSV and e-mail addresses."""

import csv
import io
import re

import pytest
from django.urls import reverse

from meetings.paging import PER_PAGE
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


def _seat(neh, n: int) -> None:
    administration = factories.make_administration(name=f"Förvaltning {n:02d}")
    person = factories.make_user(f"kontakt{n:02d}@example.org", f"Kontakt {n:02d}")
    factories.make_appointment(person, administration, neh)


def test_contacts_table_is_paged_and_the_copy_field_has_every_address(client, coordinator, neh):
    for n in range(PER_PAGE + 3):
        _seat(neh, n)
    client.force_login(coordinator)
    url = PAGES["page"]("neh")

    html = client.get(url).content.decode()

    rows = re.findall(r'<a href="mailto:(kontakt\d+@example.org)">', html)
    assert rows == [f"kontakt{n:02d}@example.org" for n in range(PER_PAGE)]
    copy_field = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1)
    assert copy_field.count("@example.org") == PER_PAGE + 3
    assert "Visar 1–20 av 23." in html
    # The rest one click away; by htmx only its rows, with the count for the live region.
    more = client.get(url + "?page=2", headers={"HX-Request": "true"}).content.decode()
    assert re.findall(r"mailto:(kontakt\d+)@", more) == ["kontakt20", "kontakt21", "kontakt22"]
    assert "<textarea" not in more and "Visa fler" not in more
    assert 'data-announce="Visar 1–23 av 23 uppdrag."' in more
    # A bad page number answers the nearest page.
    assert "kontakt22@" in client.get(url + "?page=99").content.decode()
    assert "kontakt00@" in client.get(url + "?page=x").content.decode()


def test_contacts_filter_by_name_keeps_it_in_the_pager(client, coordinator, neh):
    for n in range(PER_PAGE + 3):
        _seat(neh, n)
    client.force_login(coordinator)
    url = PAGES["page"]("neh")

    html = client.get(url + "?namn=kontakt2").content.decode()
    assert re.findall(r"mailto:(kontakt\d+)@", html) == ["kontakt20", "kontakt21", "kontakt22"]
    assert "Visa fler" not in html
    nothing = client.get(url + "?namn=ingen+alls").content.decode()
    assert "Inga uppdrag med det namnet." in nothing
    # The copy field is the whole network's, whatever the filter.
    copy_field = re.search(r"<textarea[^>]*>(.*?)</textarea>", nothing, re.S).group(1)
    assert copy_field.count("@example.org") == PER_PAGE + 3
    # The filter is kept in the next page's link.
    page = client.get(url + "?namn=F%C3%B6rvaltning").content.decode()
    assert "?namn=F%C3%B6rvaltning&amp;page=2" in page


def test_the_upcoming_seats_and_the_addresses_are_their_querysets(
    neh, nsh, administration, other_administration, representative, substitute
):
    """The contact list's upcoming seats and the current seats' addresses, read by compiled
    queries, are what the querysets find: not an ended seat, not another network's, and the
    seat that starts tomorrow only among the upcoming."""
    import datetime

    from django.utils import timezone

    from representatives import views

    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    coming = factories.make_appointment(
        factories.make_user("kommande@example.org", "Kim Kommande"),
        other_administration,
        neh,
        start_date=tomorrow,
    )
    factories.make_appointment(
        factories.make_user("slutat@example.org"), other_administration, neh, end_date=today
    )
    factories.make_appointment(factories.make_user("nsh@example.org"), administration, nsh)
    factories.make_appointment(
        factories.make_user("nsh.kommande@example.org"),
        administration,
        nsh,
        role=Appointment.Role.SUBSTITUTE,
        start_date=tomorrow,
    )
    for network in (neh, nsh):
        upcoming = views._UPCOMING_SEATS.objects(network_id=network.pk, today=today)
        expected = list(views._seats_of(Appointment.objects.upcoming(), network.pk))
        assert [(s.pk, s.person.email, s.administration.name) for s in upcoming] == [
            (s.pk, s.person.email, s.administration.name) for s in expected
        ]
        emails = views._SEAT_EMAILS.rows(network_id=network.pk, today=today)
        assert sorted(emails) == sorted(
            Appointment.objects.current().filter(network=network).values_list("person__email")
        )
    upcoming = views._UPCOMING_SEATS.objects(network_id=neh.pk, today=today)
    assert [s.pk for s in upcoming] == [coming.pk]
    emails = {e for (e,) in views._SEAT_EMAILS.rows(network_id=neh.pk, today=today)}
    assert emails == {representative.email, substitute.email}


def test_contacts_pages_read_by_the_compiled_query_are_the_querysets(neh, nsh):
    """The unfiltered list's pages come from a query compiled once per page (`_contacts_page`,
    config/prepared.py `by_shape`): the same seats, fields and total as the queryset's page
    (`counted_page` without `fetch`), on the first page, the last, and past the end."""
    import datetime

    from django.test import RequestFactory
    from django.utils import timezone

    from config import paging
    from config.prepared import by_shape
    from representatives import views

    today = timezone.localdate()
    for n in range(13):
        administration = factories.make_administration(f"Förvaltning {n:02d}")
        for role in (Appointment.Role.REPRESENTATIVE, Appointment.Role.SUBSTITUTE):
            factories.make_appointment(
                factories.make_user(), administration, neh, role=role, mandate_scope=f"Mandat {n}"
            )
    # Not listed: another network's seat and one from a later day.
    factories.make_appointment(factories.make_user(), administration, nsh)
    later = factories.make_administration("Senare")
    factories.make_appointment(
        factories.make_user(), later, neh, start_date=today + datetime.timedelta(days=3)
    )

    def seen(page):
        return (
            page.number,
            page.paginator.count,
            [
                (
                    seat.pk,
                    seat.role,
                    seat.start_date,
                    seat.mandate_scope,
                    seat.person.full_name,
                    seat.person.email,
                    seat.administration.name,
                )
                for seat in page.object_list
            ],
        )

    for number in ("1", "2", "9"):
        request = RequestFactory().get("/", {"page": number})
        rows = views._contacts(neh.pk, today)
        expected = paging.counted_page(request, rows)
        found = paging.counted_page(
            request,
            rows,
            fetch=lambda offset, limit: by_shape(
                views._contacts_page, limit, offset, network_id=neh.pk, today=today
            ),
        )
        assert seen(found) == seen(expected)
        assert expected.paginator.count == 26 and len(expected.object_list) in (20, 6)
