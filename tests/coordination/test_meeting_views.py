"""Editing a meeting (htmx in place and plain), publishing, moving and cancelling it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from tests import factories
from tests.coordination.conftest import NOT_COORDINATORS

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
ACTIONS = ["meeting_edit", "meeting_publish", "meeting_reschedule", "meeting_cancel"]


def edit_data(meeting: Meeting, **changes) -> dict:
    start = timezone.localtime(meeting.starts_at)
    data = {
        "place": meeting.place,
        "format": meeting.format,
        "online_url": meeting.online_url,
        "theme_title": meeting.theme_title,
        "theme_description": meeting.theme_description,
        "work_areas": [a.pk for a in meeting.work_areas.all()],
        "date": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "end_time": timezone.localtime(meeting.ends_at).strftime("%H:%M"),
        "version": meeting.version,
    }
    data.update(changes)
    return data


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


# --- who may -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", NOT_COORDINATORS)
@pytest.mark.parametrize("action", ACTIONS)
def test_published_meeting_forms_refuse_non_coordinators(client_for, role, action, published):
    client = client_for(role)
    url = reverse(action, args=[published.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x", "version": 1}).status_code == 403
    published.refresh_from_db()
    assert (published.status, published.version) == (Meeting.Status.PUBLISHED, 1)


@pytest.mark.parametrize("role", NOT_COORDINATORS)
@pytest.mark.parametrize("action", ACTIONS)
def test_planned_meeting_forms_are_not_found_for_others(client_for, role, action, planned):
    client = client_for(role)
    url = reverse(action, args=[planned.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": 1}).status_code == 404
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.PLANNED


@pytest.mark.parametrize("action", ACTIONS)
def test_meeting_forms_send_anonymous_to_sign_in(client, action, published):
    response = client.get(reverse(action, args=[published.pk]))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_coordinator_of_another_network_is_refused(client_for, nsh):
    meeting = factories.make_meeting(nsh)
    response = client_for("coordinator").post(
        reverse("meeting_cancel", args=[meeting.pk]), {"reason": "x", "version": 1}
    )
    assert response.status_code == 403
    planned = factories.make_meeting(nsh, status=Meeting.Status.PLANNED)
    assert (
        client_for("coordinator").get(reverse("meeting_edit", args=[planned.pk])).status_code == 404
    )


@pytest.mark.parametrize("role", NOT_COORDINATORS)
def test_meeting_page_hides_controls_from_others(client_for, role, published):
    content = client_for(role).get(published.get_absolute_url()).content.decode()
    assert "Redigera mötet" not in content and "Ställ in mötet" not in content


def test_meeting_page_shows_controls_to_coordinator(client_for, planned, published):
    client = client_for("coordinator")
    content = client.get(planned.get_absolute_url()).content.decode()
    assert "Publicera temat" in content and "Redigera mötet" in content
    assert "Temat ska publiceras minst 21 dagar före mötet." in content
    content = client.get(published.get_absolute_url()).content.decode()
    assert "Flytta mötet" in content and "Ställ in mötet" in content
    assert "40 dagar före mötet" in content


# --- edit --------------------------------------------------------------------------------


def test_edit_htmx_get_returns_the_form_partial(client_for, planned):
    response = client_for("coordinator").get(reverse("meeting_edit", args=[planned.pk]), **HTMX)
    content = response.content.decode()
    assert content.startswith('<div id="meeting-facts-section">')
    assert "<html" not in content and 'name="version" value="1"' in content
    assert 'name="date"' in content


def test_edit_htmx_post_saves_and_returns_facts_with_announcement(client_for, planned, neh):
    area = neh.work_areas.get(name="Klimatanpassning")
    data = edit_data(
        planned,
        theme_title="Värmeböljor",
        place="Sal Vänern",
        work_areas=[area.pk],
        start_time="10:00",
        end_time="12:00",
    )
    response = client_for("coordinator").post(
        reverse("meeting_edit", args=[planned.pk]), data, **HTMX
    )
    content = response.content.decode()
    planned.refresh_from_db()
    assert planned.theme_title == "Värmeböljor" and planned.place == "Sal Vänern"
    assert timezone.localtime(planned.starts_at).hour == 10
    assert list(planned.work_areas.all()) == [area]
    assert (planned.version, planned.sequence) == (2, 1)
    assert 'data-announce="Mötet är sparat."' in content
    assert '<h1 id="meeting-title" hx-swap-oob="true">Värmeböljor</h1>' in content
    assert "Sal Vänern" in content and 'id="edit-meeting"' in content


def test_edit_of_the_theme_raises_the_sequence_it_shows_in_calendars(client_for, planned):
    client_for("coordinator").post(
        reverse("meeting_edit", args=[planned.pk]), edit_data(planned, theme_title="Nytt")
    )
    planned.refresh_from_db()
    assert (planned.theme_title, planned.version, planned.sequence) == ("Nytt", 2, 1)


def test_edit_keeps_the_times_of_a_meeting_past_midnight(client_for, planned):
    """22:30–01:30: the form's one date cannot hold the end; saving the theme must not try."""
    start = timezone.localtime(planned.starts_at).replace(hour=22, minute=30)
    Meeting.objects.filter(pk=planned.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    planned.refresh_from_db()
    response = client_for("coordinator").post(
        reverse("meeting_edit", args=[planned.pk]), edit_data(planned, theme_title="Sent möte")
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.theme_title == "Sent möte"
    assert planned.ends_at - planned.starts_at == datetime.timedelta(hours=3)


def test_edit_plain_post_redirects_with_message(client_for, planned):
    client = client_for("coordinator")
    response = client.post(
        reverse("meeting_edit", args=[planned.pk]), edit_data(planned, theme_title="Nytt")
    )
    assert response.status_code == 302 and response["Location"] == planned.get_absolute_url()
    assert "Mötet är sparat." in client.get(response["Location"]).content.decode()


def test_edit_plain_get_is_a_full_page(client_for, published):
    content = client_for("coordinator").get(reverse("meeting_edit", args=[published.pk])).content
    content = content.decode()
    assert "<html" in content and "Redigera mötet i NEH" in content
    assert 'name="date"' not in content  # a published meeting is moved, not edited
    assert "Flytta mötet" in content


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # With its own times: the fixture's meeting starts at the hour the test runs, and
        # after 22.00 its two hours would end past midnight, a different refusal.
        (
            {"date": in_days(-3), "start_time": "09:00", "end_time": "11:00"},
            "redan har passerat",
        ),
        ({"start_time": "12:00", "end_time": "10:00"}, "Mötet måste sluta efter att det börjar."),
        ({"online_url": "teams möte"}, "Ange en fullständig webbadress"),
        ({"online_url": "javascript:alert(1)"}, "Ange en fullständig webbadress"),
        ({"format": "telepati"}, "Välj ett giltigt alternativ"),
        ({"date": "2027-02-30"}, "Fyll i ett giltigt datum"),
        ({"version": "abc"}, "heltal"),
    ],
)
@pytest.mark.parametrize("headers", [{}, HTMX])
def test_edit_refuses_bad_input_and_saves_nothing(client_for, planned, changes, message, headers):
    response = client_for("coordinator").post(
        reverse("meeting_edit", args=[planned.pk]),
        edit_data(planned, theme_title="Får inte sparas", **changes),
        **headers,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    planned.refresh_from_db()
    assert planned.theme_title == "Solel på taken" and planned.version == 1


def test_edit_with_stale_version_is_refused_and_keeps_the_other_save(client_for, planned):
    client = client_for("coordinator")
    url = reverse("meeting_edit", args=[planned.pk])
    first = edit_data(planned, theme_title="Första samordnaren")
    second = edit_data(planned, theme_title="Andra samordnaren")
    assert client.post(url, first).status_code == 302
    response = client.post(url, second, **HTMX)
    assert "Mötet har ändrats av någon annan under tiden" in response.content.decode()
    planned.refresh_from_db()
    assert planned.theme_title == "Första samordnaren" and planned.version == 2


def test_edit_of_cancelled_meeting_is_refused(client_for, published):
    published.cancel("Sjukdom")
    client = client_for("coordinator")
    response = client.post(
        reverse("meeting_edit", args=[published.pk]), edit_data(published, theme_title="x")
    )
    assert response.status_code == 302
    response = client.get(reverse("meeting_edit", args=[published.pk]), **HTMX)
    assert response["HX-Redirect"] == published.get_absolute_url()
    published.refresh_from_db()
    assert published.theme_title == "Kemikaliesmart förskola"


# --- publish -----------------------------------------------------------------------------


def test_publish_page_says_how_many_get_mail(client_for, planned, network_people):
    content = client_for("coordinator").get(reverse("meeting_publish", args=[planned.pk])).content
    assert "3 representanter och ersättare i NEH" in content.decode()


def test_publish_publishes_and_mails_the_network(
    client_for, planned, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meeting_publish", args=[planned.pk]), {"version": 1})
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.PUBLISHED and planned.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in network_people)
    assert all("Solel på taken" in m.subject for m in mailoutbox)
    page = client.get(planned.get_absolute_url()).content.decode()
    assert "Temat är publicerat. 3 e-postmeddelanden skickas till nätverket." in page


def test_publish_refuses_empty_theme_and_sends_nothing(
    client_for, planned, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=planned.pk).update(theme_title="")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            reverse("meeting_publish", args=[planned.pk]), {"version": 1}
        )
    assert "Mötet behöver ett tema innan det kan publiceras." in response.content.decode()
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.PLANNED and mailoutbox == []


def test_publish_refuses_stale_version_and_sends_nothing(
    client_for, planned, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            reverse("meeting_publish", args=[planned.pk]), {"version": 0}
        )
        response = client_for("coordinator").post(
            reverse("meeting_publish", args=[planned.pk]), {"version": 7}
        )
    assert "ändrats av någon annan" in response.content.decode()
    assert Meeting.objects.get(pk=planned.pk).status == Meeting.Status.PLANNED
    assert mailoutbox == []


def test_publish_twice_is_refused(client_for, published, mailoutbox):
    response = client_for("coordinator").post(
        reverse("meeting_publish", args=[published.pk]), {"version": 1}
    )
    assert "Bara ett planerat möte" in response.content.decode()
    assert mailoutbox == []


# --- reschedule --------------------------------------------------------------------------


def test_reschedule_moves_and_tells_everyone(
    client_for, published, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    data = {
        "date": in_days(45),
        "start_time": "13:00",
        "end_time": "15:00",
        "place": "Sal Vättern",
        "version": 1,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            reverse("meeting_reschedule", args=[published.pk]), data
        )
    assert response.status_code == 302
    published.refresh_from_db()
    assert timezone.localtime(published.starts_at).hour == 13 and published.sequence == 1
    assert len(mailoutbox) == 3 and "Ny tid:" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": in_days(-1)}, "redan har passerat"),
        ({"start_time": "15:00", "end_time": "13:00"}, "Mötet måste sluta efter att det börjar."),
        ({"date": ""}, "Detta fält måste fyllas i"),
        ({"version": 5}, "ändrats av någon annan"),
    ],
)
def test_reschedule_refuses_bad_input(client_for, published, mailoutbox, changes, message):
    data = {
        "date": in_days(45),
        "start_time": "13:00",
        "end_time": "15:00",
        "place": "",
        "version": 1,
        **changes,
    }
    response = client_for("coordinator").post(
        reverse("meeting_reschedule", args=[published.pk]), data
    )
    assert message in response.content.decode()
    published.refresh_from_db()
    assert published.sequence == 0 and published.version == 1 and mailoutbox == []


def test_reschedule_of_planned_meeting_is_refused(client_for, planned):
    data = {"date": in_days(45), "start_time": "13:00", "end_time": "15:00", "version": 1}
    response = client_for("coordinator").post(
        reverse("meeting_reschedule", args=[planned.pk]), data
    )
    assert "Bara ett publicerat möte kan flyttas" in response.content.decode()


# --- cancel ------------------------------------------------------------------------------


def test_cancel_keeps_meeting_visible_and_tells_everyone(
    client_for, published, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meeting_cancel", args=[published.pk]),
            {"reason": "Lokalen är upptagen.", "version": 1},
        )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == Meeting.Status.CANCELLED and published.sequence == 1
    assert len(mailoutbox) == 3 and "Lokalen är upptagen." in mailoutbox[0].body
    page = client_for("staff").get(published.get_absolute_url()).content.decode()
    assert "INSTÄLLT:" in page and "Lokalen är upptagen." in page


def test_cancel_refuses_empty_reason(client_for, published, mailoutbox):
    response = client_for("coordinator").post(
        reverse("meeting_cancel", args=[published.pk]), {"reason": "   ", "version": 1}
    )
    assert "Ange varför mötet ställs in." in response.content.decode()
    assert Meeting.objects.get(pk=published.pk).status == Meeting.Status.PUBLISHED
    assert mailoutbox == []


def test_cancel_get_shows_the_form(client_for, published):
    content = client_for("coordinator").get(reverse("meeting_cancel", args=[published.pk])).content
    assert "Anledning" in content.decode() and "Ställ in och meddela" in content.decode()


def test_publish_button_is_disabled_while_the_theme_is_empty(client_for, planned):
    client = client_for("coordinator")
    url = reverse("meeting_publish", args=[planned.pk])
    html = client.get(url).content.decode()
    assert '<button type="submit">Publicera och skicka</button>' in html
    Meeting.objects.filter(pk=planned.pk).update(theme_title="  ")
    html = client.get(url).content.decode()
    assert (
        '<button type="submit" disabled aria-describedby="publish-needs-theme">'
        "Publicera och skicka</button>"
    ) in html
    assert 'id="publish-needs-theme">Mötet behöver ett tema innan det kan publiceras.' in html


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_an_edit_that_changes_nothing_saves_nothing(
    client_for, published, headers, mailoutbox, django_capture_on_commit_callbacks
):
    """Nothing saved, nobody told: the meeting's version (and with it every calendar feed's
    validators) and its history stay as they were."""
    from meetings.models import OutboxFanout, OutboxMessage

    client = client_for("coordinator")
    published.refresh_from_db()
    before = (published.version, published.updated_at, published.history.count())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meeting_edit", args=[published.pk]), edit_data(published), **headers
        )
    assert response.status_code in (200, 302)
    published.refresh_from_db()
    assert (published.version, published.updated_at, published.history.count()) == before
    assert not OutboxFanout.objects.exists() and not OutboxMessage.objects.exists()
    assert mailoutbox == []
    if headers:
        assert "Inga ändringar att spara." in response.content.decode()
    else:
        page = client.get(response["Location"]).content.decode()
        assert "Inga ändringar att spara." in page
    # A real change is still saved.
    client.post(
        reverse("meeting_edit", args=[published.pk]),
        edit_data(published, place="Stadshuset, sal Vänern"),
        **headers,
    )
    published.refresh_from_db()
    assert published.place == "Stadshuset, sal Vänern"
    assert published.version == before[0] + 1
