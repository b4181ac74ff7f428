"""A network's "Möten" page: the upcoming meetings, then the past ones term by term."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.terms import Term
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def years_of_meetings(neh):
    """A held meeting every 60 days for three years back (about 18)."""
    return [
        factories.make_meeting(neh, days_ahead=-60 * n, theme_title=f"Möte {n:02d}")
        for n in range(1, 19)
    ]


def test_overview_shows_no_past_meetings_and_links_the_meetings_page(client_for, years_of_meetings):
    html = client_for("staff").get(reverse("network_detail", args=["neh"])).content.decode()
    assert "Möte 01" not in html and "Möte 18" not in html
    assert f'href="{reverse("network_meetings", args=["neh"])}"' in html


def test_meetings_page_shows_upcoming_before_past(client_for, years_of_meetings, neh):
    factories.make_meeting(neh, days_ahead=30, theme_title="Nästa möte")
    html = client_for("staff").get(reverse("network_meetings", args=["neh"])).content.decode()
    assert html.index("Nästa möte") < html.index("Möte 01")


def test_old_past_meetings_address_leads_to_the_meetings_page_with_the_term(client_for, neh):
    client = client_for("staff")
    response = client.get(reverse("network_archive", args=["neh"]), {"termin": "HT2024"})
    assert response.status_code == 302
    assert response["Location"] == reverse("network_meetings", args=["neh"]) + "?termin=HT2024"
    plain = client.get(reverse("network_archive", args=["neh"]))
    assert plain["Location"] == reverse("network_meetings", args=["neh"])
    assert client.get("/natverk/xyz/tidigare-moten/").status_code == 404


def test_archive_shows_one_term_and_links_every_term(client_for, years_of_meetings):
    oldest = years_of_meetings[-1]
    term = Term.of(timezone.localdate(oldest.starts_at))
    url = reverse("network_meetings", args=["neh"])
    client = client_for("staff")
    latest = client.get(url).content.decode()
    assert "Möte 01" in latest and "Möte 18" not in latest
    assert f'href="?termin={term.season}{term.year}"' in latest
    old = client.get(url, {"termin": f"{term.season}{term.year}"}).content.decode()
    assert "Möte 18" in old and "Möte 01" not in old
    assert 'aria-current="page"' in old


@pytest.mark.parametrize("asked", ["", "XX2020", "VT1900", "HT", "<script>"])
def test_archive_with_a_term_that_does_not_fit_shows_the_latest(
    client_for, years_of_meetings, asked
):
    response = client_for("staff").get(reverse("network_meetings", args=["neh"]), {"termin": asked})
    assert response.status_code == 200
    assert "Möte 01" in response.content.decode()


def test_archive_keeps_planned_meetings_to_coordinators(client_for, neh):
    factories.make_meeting(neh, days_ahead=-5, status="planned", theme_title="Hemligt")
    url = reverse("network_meetings", args=["neh"])
    assert "Hemligt" not in client_for("staff").get(url).content.decode()
    assert "Hemligt" in client_for("coordinator").get(url).content.decode()


def test_archive_without_meetings(client_for, neh):
    html = client_for("staff").get(reverse("network_meetings", args=["neh"])).content.decode()
    assert "Inga tidigare möten." in html


@pytest.fixture
def term_with_minutes(neh, coordinator):
    """A held NEH meeting with a published agenda and minutes (outcome, action), a document
    presented, and a later draft of the minutes that nobody else may read."""
    from meetings.minutes import workflow as minutes
    from meetings.models import MinutesVersion

    meeting = factories.make_meeting(neh, days_ahead=-20, theme_title="Klimatanpassning")
    item = factories.make_agenda_item(meeting, position=1, title="Skyfallsplanen")
    factories.make_agenda_item(meeting, title="Ett förslag som inte är publicerat")
    factories.publish_agenda(meeting)
    factories.make_document(neh, title="Skyfallsrapport", meeting=meeting)
    factories.make_action(meeting, title="Kartlägg lågpunkter")
    draft = minutes.save_draft(
        meeting, coordinator, "", {item.pk: {"note": "", "outcome": "Planen antogs."}},
        seen_version=0,
    )  # fmt: skip
    MinutesVersion.objects.create(
        minutes=draft, number=1, content=minutes.content(meeting, draft), published_by=coordinator
    )
    minutes.save_draft(
        meeting, coordinator, "", {item.pk: {"note": "", "outcome": "Hemligt utkast."}},
        seen_version=draft.version,
    )  # fmt: skip
    return meeting


def summary_url(meeting) -> str:
    return reverse("term_summary", args=["neh", meeting.term.code])


@pytest.mark.parametrize("role", ["staff", "coordinator", "representative"])
def test_term_summary_shows_the_published_record(client_for, term_with_minutes, role):
    html = client_for(role).get(summary_url(term_with_minutes)).content.decode()
    for shown in ("Klimatanpassning", "Skyfallsplanen", "Planen antogs.", "Skyfallsrapport"):
        assert shown in html
    assert "Kartlägg lågpunkter" in html
    assert "Hemligt utkast" not in html
    assert "Ett förslag som inte är publicerat" not in html


def test_archive_links_the_terms_summary(client_for, term_with_minutes):
    html = client_for("staff").get(reverse("network_meetings", args=["neh"])).content.decode()
    assert summary_url(term_with_minutes) in html


def test_term_summary_keeps_planned_meetings_to_coordinators(client_for, neh):
    planned = factories.make_meeting(neh, days_ahead=-5, status="planned", theme_title="Hemligt")
    url = summary_url(planned)
    assert "Hemligt" not in client_for("staff").get(url).content.decode()
    assert "Hemligt" in client_for("coordinator").get(url).content.decode()


@pytest.mark.parametrize("term", ["XX2020", "HT20", "vt", "HT２０２４", "<script>"])
def test_term_summary_of_no_such_term_is_404(client_for, neh, term):
    assert client_for("staff").get(f"/natverk/neh/termin/{term}/").status_code == 404


def test_term_summary_of_an_empty_term(client_for, neh):
    html = client_for("staff").get(reverse("term_summary", args=["neh", "VT1999"])).content
    assert "Inga möten den här terminen." in html.decode()


def test_term_summary_queries_do_not_grow_with_meetings(
    client_for, neh, term_with_minutes, django_assert_max_num_queries
):
    client = client_for("staff")
    for n in range(3):
        factories.make_meeting(neh, days_ahead=-21 - n, theme_title=f"Fler {n}")
    with django_assert_max_num_queries(12):
        response = client.get(summary_url(term_with_minutes))
    assert response.status_code == 200


def test_a_long_history_links_the_latest_terms_and_selects_the_rest(client_for, neh):
    """Six years of terms: the latest eight are links; every term is in the select, which
    reaches the oldest without JavaScript (a GET form)."""
    for n in range(1, 13):
        factories.make_meeting(neh, days_ahead=-182 * n, theme_title=f"Gammalt {n:02d}")
    url = reverse("network_meetings", args=["neh"])
    client = client_for("staff")
    html = client.get(url).content.decode()
    oldest = Term.of(timezone.localdate(timezone.now() - datetime.timedelta(days=182 * 12)))
    assert html.count('href="?termin=') == 8
    assert f'href="?termin={oldest.code}"' not in html
    assert f'<option value="{oldest.code}">{oldest}</option>' in html
    assert '<select name="termin"' in html
    old = client.get(url, {"termin": oldest.code}).content.decode()
    assert "Gammalt 12" in old and "Gammalt 01" not in old
    assert f'<option value="{oldest.code}" selected>' in old


def test_a_term_without_meetings_in_the_history_says_so(client_for, neh):
    factories.make_meeting(neh, days_ahead=-30, theme_title="Nyss")
    factories.make_meeting(neh, days_ahead=-800, theme_title="Länge sedan")
    between = Term.of(timezone.localdate(timezone.now() - datetime.timedelta(days=400)))
    html = (
        client_for("staff")
        .get(reverse("network_meetings", args=["neh"]), {"termin": between.code})
        .content.decode()
    )
    assert "Inga möten den här terminen." in html
    assert "Nyss" not in html.split("term-heading")[-1] and "Länge sedan" not in html
