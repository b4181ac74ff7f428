"""The plan-a-term page: proposal, warnings, creation in one go, refusals."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.coordination import planning
from meetings.models import Meeting
from tests.coordination.conftest import NOT_COORDINATORS

pytestmark = pytest.mark.django_db
URL = reverse("plan_term", args=["neh"])


def next_term():
    return planning.selectable_terms(timezone.localdate())[1]


def row_data(rows: list[dict], term_value: str, action: str = "create") -> dict:
    """The plan form as its page sends it, with the page's one-time token."""
    data = {
        "submission": str(uuid.uuid4()),
        "term": term_value,
        "action": action,
        "form-TOTAL_FORMS": len(rows),
        "form-INITIAL_FORMS": 0,
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 8,
    }
    for index, row in enumerate(rows):
        full = {
            "start_time": "09:00",
            "end_time": "11:00",
            "place": "",
            "format": "on_site",
            "online_url": "",
            **row,
        }
        for key, value in full.items():
            data[f"form-{index}-{key}"] = value
    return data


def term_days(term, count=4) -> list[str]:
    return [d.isoformat() for d in planning.propose_dates(term, count, today=timezone.localdate())]


@pytest.mark.parametrize("role", NOT_COORDINATORS)
def test_plan_term_refuses_non_coordinators(client_for, role, neh):
    client = client_for(role)
    term = next_term()
    assert client.get(URL).status_code == 403
    data = row_data([{"date": d} for d in term_days(term)], planning.term_value(term))
    assert client.post(URL, data).status_code == 403
    assert not Meeting.objects.exists()


def test_plan_term_sends_anonymous_to_sign_in(client):
    assert "/konto/login/" in client.get(URL)["Location"]


def test_plan_term_for_nsh_refused_to_neh_coordinator(client_for, nsh):
    assert client_for("coordinator").get(reverse("plan_term", args=["nsh"])).status_code == 403


def test_plan_term_proposes_next_term_with_default_length(client_for, neh):
    content = client_for("coordinator").get(URL).content.decode()
    term = next_term()
    assert f"2. Möten {term}" in content
    for day in term_days(term):
        assert f'value="{day}"' in content
    assert content.count('value="11:00"') == 4  # 09:00 plus the network's 120 minutes


def test_plan_term_proposal_follows_the_chosen_options(client_for, neh):
    term = next_term().next()
    content = (
        client_for("coordinator")
        .get(
            URL,
            {"term": planning.term_value(term), "count": 3, "weekday": 3, "start_time": "13:00"},
        )
        .content.decode()
    )
    days = planning.propose_dates(term, 3, weekday=3, today=timezone.localdate())
    assert all(f'value="{d.isoformat()}"' in content for d in days)
    assert content.count('value="15:00"') == 3


def test_plan_term_creates_all_meetings_and_warns_about_too_few(client_for, neh):
    term = next_term()
    days = term_days(term, 2)
    client = client_for("coordinator")
    response = client.post(
        URL, row_data([{"date": d, "place": "Sal Vänern"} for d in days], planning.term_value(term))
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("coordination_dashboard", args=["neh"])
    meetings = list(Meeting.objects.filter(network=neh))
    assert len(meetings) == 2
    assert all(m.status == Meeting.Status.PLANNED and m.place == "Sal Vänern" for m in meetings)
    assert all(m.duration_minutes == 120 for m in meetings)
    page = client.get(response["Location"]).content.decode()
    assert f"2 möten planerade för {term}." in page
    assert f"{term} får bara 2 möten; målet är 3–4 per termin." in page


def test_plan_term_check_shows_warnings_without_saving(client_for, neh):
    term = next_term()
    days = term_days(term, 4)
    holiday = next(
        day
        for day in (term.first_day + datetime.timedelta(days=n) for n in range(180))
        if planning.holiday_name(day) and day.weekday() < 5 and day > timezone.localdate()
    )
    rows = [{"date": d} for d in days] + [
        {"date": holiday.isoformat()},
        {"date": days[0], "start_time": "10:00", "end_time": "12:00"},
    ]
    response = client_for("coordinator").post(
        URL, row_data(rows, planning.term_value(term), "check")
    )
    content = response.content.decode()
    assert f"{term} får 6 möten; målet är 3–4 per termin." in content
    assert f"{holiday.isoformat()} är en helgdag ({planning.holiday_name(holiday)})." in content
    assert f"Två möten i NEH krockar den {days[0]}." in content
    assert not Meeting.objects.exists()


def test_plan_term_skips_deleted_and_empty_rows(client_for, neh):
    term = next_term()
    days = term_days(term, 3)
    empty = {"date": "", "start_time": "", "end_time": ""}  # the page always offers one
    rows = [{"date": days[0]}, {"date": days[1], "DELETE": "on"}, {"date": days[2]}, empty]
    data = row_data(rows, planning.term_value(term))
    data["form-INITIAL_FORMS"] = 3
    response = client_for("coordinator").post(URL, data)
    assert response.status_code == 302
    dates = sorted(timezone.localdate(m.starts_at).isoformat() for m in Meeting.objects.all())
    assert dates == [days[0], days[2]]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"date": "2020-03-03"}, "Datumet ligger utanför"),
        ({"start_time": "11:00", "end_time": "09:00"}, "Mötet måste sluta efter att det börjar."),
        ({"online_url": "inte en länk"}, "Ange en fullständig webbadress"),
        ({"date": "nästa tisdag"}, "Fyll i ett giltigt datum"),
        ({"format": "brev"}, "Välj ett giltigt alternativ"),
    ],
)
def test_plan_term_refuses_bad_rows_and_creates_nothing(client_for, neh, row, message):
    term = next_term()
    days = term_days(term, 3)
    rows = [{"date": days[0]}, {"date": days[1], **row}, {"date": days[2]}]
    response = client_for("coordinator").post(URL, row_data(rows, planning.term_value(term)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_plan_term_refuses_a_date_already_past_in_the_current_term(client_for, neh):
    today = timezone.localdate()
    term = planning.selectable_terms(today)[0]
    past = max(term.first_day, today - datetime.timedelta(days=1))
    if past >= today:
        pytest.skip("today is the term's first day")
    response = client_for("coordinator").post(
        URL, row_data([{"date": past.isoformat()}], planning.term_value(term))
    )
    assert "redan har passerat" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("VT-2001", "Terminen har redan passerat; välj en kommande termin."),
        ("HT-2099", "Du kan planera innevarande och de två närmaste terminerna."),
        ("garbage", "Välj en termin i listan."),
        ("", "Välj en termin i listan."),
    ],
)
def test_plan_term_refuses_past_or_unknown_terms(client_for, neh, value, message):
    response = client_for("coordinator").post(URL, row_data([{"date": "2001-02-06"}], value))
    content = response.content.decode()
    assert message in content
    assert not Meeting.objects.exists()
    response = client_for("coordinator").get(
        URL, {"term": value or "x", "count": 4, "weekday": 1, "start_time": "09:00"}
    )
    assert response.status_code == 200 and "2. Möten" not in response.content.decode()


def test_plan_term_refuses_no_rows(client_for, neh):
    term = next_term()
    response = client_for("coordinator").post(URL, row_data([], planning.term_value(term)))
    assert "Lägg till minst ett möte." in response.content.decode()


def test_plan_term_proposes_only_what_the_term_lacks_and_avoids_its_days(client_for, neh):
    term = next_term()
    existing_day = planning.propose_dates(term, 1, today=timezone.localdate())[0]
    start = timezone.make_aware(datetime.datetime.combine(existing_day, datetime.time(9)))
    Meeting.objects.create(
        network=neh, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    content = client_for("coordinator").get(URL).content.decode()
    assert 'name="count" value="3"' in content
    assert content.count('value="11:00"') == 3
    assert f'value="{existing_day.isoformat()}"' not in content
    assert "Redan planerat den här terminen:" in content
