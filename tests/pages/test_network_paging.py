"""The network page stays bounded as administrations and documents pile up: the
representatives' table a page at a time ("Visa fler", its total read with the rows), the
open consultations nearest their deadline only."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from meetings.documents.workflow import OPEN_ON_NETWORK_PAGE
from meetings.models import Document
from meetings.paging import PER_PAGE, counted_page
from representatives.models import Administration
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("network_representatives", kwargs={"code": "neh"})
OVERVIEW = reverse("network_detail", kwargs={"code": "neh"})


@pytest.fixture
def many_administrations(db):
    # Names sort after the fixtures' (Miljö-, Social-): the table is by name.
    return [
        factories.make_administration(name=f"Ö-förvaltning {n:02d}") for n in range(PER_PAGE + 3)
    ]


def names(html: str) -> set[str]:
    return {f"Ö-förvaltning {n:02d}" for n in range(60) if f">Ö-förvaltning {n:02d}<" in html}


def test_representatives_table_is_a_page_with_visa_fler(many_administrations, client_for):
    html = client_for("staff").get(URL).content.decode()
    total = Administration.objects.count()
    assert len(names(html)) == PER_PAGE - (total - len(many_administrations))
    assert f"Visar 1–{PER_PAGE} av {total}." in html
    assert 'hx-get="?forvaltningar=2"' in html


def test_representatives_next_page_by_htmx_is_only_the_next_rows(many_administrations, client_for):
    total = Administration.objects.count()
    response = client_for("staff").get(URL + "?forvaltningar=2", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Representanter i NEH" not in html
    assert len(names(html)) == total - PER_PAGE
    assert f'data-announce="Visar 1–{total} av {total} förvaltningar."' in html
    assert html.count("data-focus") == 1 and "Visa fler" not in html


@pytest.mark.parametrize("number", ["99", "9" * 30])
def test_representatives_page_past_the_end_shows_the_last(many_administrations, client_for, number):
    # A number no list reaches (30 digits made an offset SQLite refused: a 500) is the last
    # page too.
    response = client_for("staff").get(URL + f"?forvaltningar={number}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "Ö-förvaltning 22" in html


def test_counted_page_reads_the_total_with_the_rows(
    many_administrations, django_assert_num_queries
):
    request = RequestFactory().get("/?page=2")
    with django_assert_num_queries(1):
        page = counted_page(request, Administration.objects.order_by("name"))
        rows = list(page.object_list)
    total = Administration.objects.count()
    assert page.paginator.count == total and len(rows) == total - PER_PAGE
    assert page.number == 2 and not page.has_next()


def test_network_page_lists_the_open_consultations_nearest_their_deadline(neh, client_for):
    today = timezone.localdate()
    for n in range(OPEN_ON_NETWORK_PAGE + 2):
        factories.make_document(
            neh,
            kind=Document.Kind.CONSULTATION,
            title=f"Remiss {n:02d}",
            deadline=today + datetime.timedelta(days=n + 1),
        )
    html = client_for("staff").get(OVERVIEW).content.decode()
    open_list = html.split("Öppna remisser")[1].split("Senaste dokument")[0]
    shown = {f"Remiss {n:02d}" for n in range(30) if f">Remiss {n:02d}<" in open_list}
    assert shown == {f"Remiss {n:02d}" for n in range(OPEN_ON_NETWORK_PAGE)}
    assert "Fler öppna remisser finns i dokumentlistan" in html
