"""The network's action list is bounded: open actions (due first first) and done ones (latest
first), each a page at a time, so the page does not grow with every action ever decided. A bad
page number gives the nearest page; "Visa fler" under htmx answers only that list's next rows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import ActionItem
from meetings.paging import PER_PAGE
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("action_list", args=["neh"])


@pytest.fixture
def many(neh, administration):
    meeting = factories.make_meeting(neh, days_ahead=-20)
    today = timezone.localdate()
    open_ = [
        factories.make_action(
            meeting,
            administrations=[administration],
            title=f"Öppen {n:02d}",
            due_on=today + datetime.timedelta(days=n),
        )
        for n in range(PER_PAGE + 5)
    ]
    done = [
        factories.make_action(
            meeting,
            title=f"Klar {n:02d}",
            status=ActionItem.Status.DONE,
            done_at=timezone.now() - datetime.timedelta(days=n),
        )
        for n in range(PER_PAGE + 3)
    ]
    return open_, done


def test_each_list_shows_a_page_the_most_urgent_first(client_for, many):
    html = client_for("coordinator").get(URL).content.decode()
    assert "Öppen 00" in html and f"Öppen {PER_PAGE - 1:02d}" in html
    assert f"Öppen {PER_PAGE:02d}" not in html  # on the next page
    assert "Klar 00" in html and f"Klar {PER_PAGE:02d}" not in html
    assert "Miljöförvaltningen" in html  # the responsible administration, for the page's rows
    assert "?oppna=2" in html and "?klara=2" in html
    assert f"Visar 1–{PER_PAGE} av {PER_PAGE + 5}." in html


def test_visa_fler_without_javascript_opens_the_next_page(client_for, many):
    html = client_for("coordinator").get(URL + "?oppna=2").content.decode()
    assert f"Öppen {PER_PAGE:02d}" in html and "Öppen 00" not in html
    assert "Klar 00" in html  # the other list stays on its first page


def test_visa_fler_under_htmx_answers_only_that_lists_rows(client_for, many):
    client = client_for("coordinator")
    response = client.get(URL + "?klara=2", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" not in html and "Öppen 00" not in html
    assert f"Klar {PER_PAGE:02d}" in html and "data-focus" in html
    assert f"Visar 1–{PER_PAGE + 3} av {PER_PAGE + 3} åtgärder." in html


@pytest.mark.parametrize("number", ["999", "0", "-3", "abc", ""])
def test_a_bad_page_number_gives_the_nearest_page(client_for, many, number):
    response = client_for("coordinator").get(URL + f"?oppna={number}&klara={number}")
    assert response.status_code == 200
    html = response.content.decode()
    expected = f"Öppen {PER_PAGE:02d}" if number == "999" else "Öppen 00"
    assert expected in html


def test_only_the_networks_coordinators_see_it(client_for, many):
    assert client_for("representative").get(URL).status_code == 403
    assert client_for("coordinator").get(reverse("action_list", args=["nsh"])).status_code == 403
