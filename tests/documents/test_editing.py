"""Coordinators edit a document (with its version check and history), withdraw it (kept,
marked, never twice), follow a governance document's drafting steps, and see the documents
presented at a meeting on the meeting's page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.documents import workflow as documents
from meetings.models import Document
from tests import factories
from tests.conftest import ROLES
from tests.factories import at_version

pytestmark = pytest.mark.django_db


def edit_url(document) -> str:
    return reverse("document_edit", kwargs={"pk": document.pk})


def withdraw_url(document) -> str:
    return reverse("document_withdraw", kwargs={"pk": document.pk})


@pytest.fixture
def steering(neh):
    return factories.make_document(neh, kind=Document.Kind.STEERING, title="Klimatprogram")


@pytest.fixture
def meeting(neh):
    return factories.make_meeting(neh)


def edit_data(document, **changes) -> dict:
    data = {"title": document.title, "url": document.url, "work_areas": [], "meeting": ""}
    data.update(changes)
    return at_version(document, data)


# --- Editing --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_document_edit_only_for_the_coordinator(role, client_for, steering):
    response = client_for(role).post(edit_url(steering), edit_data(steering, title="Nytt namn"))
    steering.refresh_from_db()
    if role == "coordinator":
        assert response.status_code == 302
        assert steering.title == "Nytt namn"
    else:
        assert response.status_code in (302, 403)
        if role == "anonymous":
            assert reverse("account_login") in response["Location"]
        assert steering.title == "Klimatprogram"


def test_document_edit_attaches_to_a_meeting_and_writes_history(client_for, steering, meeting):
    client = client_for("coordinator")
    response = client.post(edit_url(steering), edit_data(steering, meeting=meeting.pk))
    assert response.status_code == 302
    steering.refresh_from_db()
    assert steering.meeting == meeting
    # One row for the edit with its work areas, after the factory's row for the creation.
    assert steering.history.count() == 2
    assert steering.history.first().meeting_id == meeting.pk
    page = client_for("staff").get(meeting.get_absolute_url()).content.decode()
    assert "Klimatprogram" in page


def test_document_edit_from_a_stale_page_is_refused(client_for, steering):
    client = client_for("coordinator")
    stale = edit_data(steering, title="Först")
    client.post(edit_url(steering), edit_data(steering, title="Någon annan"))
    response = client.post(edit_url(steering), stale)
    assert response.status_code == 200
    assert "har ändrats av någon annan" in response.content.decode()
    steering.refresh_from_db()
    assert steering.title == "Någon annan"


def test_drafting_steps_with_dates_shown_on_the_page(client_for, steering):
    today = timezone.localdate()
    data = edit_data(
        steering,
        drafting_status="consultation",
        drafting_since=str(today - datetime.timedelta(days=60)),
        consultation_since=str(today),
    )
    response = client_for("coordinator").post(edit_url(steering), data)
    assert response.status_code == 302
    steering.refresh_from_db()
    assert steering.drafting_status == Document.Drafting.CONSULTATION
    assert steering.consultation_since == today
    page = client_for("representative").get(steering.get_absolute_url()).content.decode()
    assert "På remiss" in page
    assert "Under framtagande" in page


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"drafting_status": "decided"}, "Ange när dokumentet nådde det här steget."),
        (
            {
                "drafting_status": "drafting",
                "drafting_since": "2026-01-01",
                "decided_on": "2026-02-01",
            },
            "Dokumentet har inte nått det här steget än.",
        ),
        (
            {
                "drafting_status": "consultation",
                "drafting_since": "2026-03-01",
                "consultation_since": "2026-01-01",
            },
            "Datumet kan inte ligga före det föregående steget.",
        ),
        ({"drafting_status": "beslutad!"}, "Välj ett giltigt alternativ"),
        (
            {"drafting_since": "2026-13-45", "drafting_status": "drafting"},
            "Fyll i ett giltigt datum",
        ),
    ],
)
def test_drafting_bad_input_is_refused_in_swedish(client_for, steering, changes, message):
    response = client_for("coordinator").post(edit_url(steering), edit_data(steering, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    steering.refresh_from_db()
    assert steering.drafting_status == ""


def test_only_governance_documents_have_a_drafting_status(client_for, neh):
    report = factories.make_document(neh, kind=Document.Kind.REPORT)
    response = client_for("coordinator").get(edit_url(report))
    assert "drafting_status" not in response.content.decode()
    client_for("coordinator").post(
        edit_url(report), edit_data(report, drafting_status="decided", decided_on="2026-01-01")
    )
    report.refresh_from_db()
    assert report.drafting_status == ""


# --- Withdrawing ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_only_by_the_coordinator(role, client_for, steering):
    data = at_version(steering, {"reason": "Ersatt av ett nyare program."})
    response = client_for(role).post(withdraw_url(steering), data)
    steering.refresh_from_db()
    if role == "coordinator":
        assert response.status_code == 302
        assert steering.is_withdrawn
        assert steering.withdrawn_reason == "Ersatt av ett nyare program."
    else:
        assert response.status_code in (302, 403)
        assert not steering.is_withdrawn


def test_withdrawn_document_is_kept_and_marked(client_for, neh, steering):
    client_for("coordinator").post(
        withdraw_url(steering), at_version(steering, {"reason": "Ersatt."})
    )
    assert Document.objects.filter(pk=steering.pk).exists()
    page = client_for("staff").get(steering.get_absolute_url()).content.decode()
    assert "Dokumentet drogs tillbaka" in page
    assert "Ersatt." in page
    listing = client_for("staff").get(reverse("document_list", kwargs={"code": "neh"}))
    assert "tillbakadraget" in listing.content.decode()
    assert steering.history.first().withdrawn_reason == "Ersatt."


def test_withdrawing_twice_says_so_in_swedish(client_for, steering):
    client = client_for("coordinator")
    first = at_version(steering, {"reason": "Första skälet."})
    client.post(withdraw_url(steering), first)
    response = client.post(withdraw_url(steering), at_version(steering, {"reason": "Andra."}))
    assert response.status_code == 409
    assert "Dokumentet är redan tillbakadraget" in response.content.decode()
    steering.refresh_from_db()
    assert steering.withdrawn_reason == "Första skälet."
    again = client.get(withdraw_url(steering))
    assert "Dokumentet är redan tillbakadraget" in again.content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"reason": ""}, "Detta fält måste fyllas i."),
        ({"reason": "x" * 1001}, "som mest 1000 tecken"),
        ({"reason": "Skäl", "version": "abc"}, "Formulärets version är ogiltig"),
    ],
)
def test_withdraw_bad_input(client_for, steering, data, message):
    response = client_for("coordinator").post(withdraw_url(steering), at_version(steering) | data)
    assert response.status_code == 200
    assert message in response.content.decode()
    steering.refresh_from_db()
    assert not steering.is_withdrawn


def test_withdrawn_consultation_leaves_open_consultations(neh, administration):
    consultation = factories.make_consultation(neh, asked=[administration])
    assert documents.current_for_network(neh).open_consultations == [consultation]
    documents.withdraw_document(consultation, None, "Fel remiss.", consultation.version)
    assert documents.current_for_network(neh).open_consultations == []
    assert list(Document.objects.open_consultations()) == []


def test_an_edit_form_read_before_the_withdrawal_is_stale(client_for, steering):
    client = client_for("coordinator")
    stale = edit_data(steering, title="Nytt")
    client.post(withdraw_url(steering), at_version(steering, {"reason": "Ersatt."}))
    response = client.post(edit_url(steering), stale)
    assert "har ändrats av någon annan" in response.content.decode()


# --- The meeting page -----------------------------------------------------------------------


def test_meeting_page_lists_its_documents(client_for, neh, meeting):
    factories.make_document(neh, title="Presentation om solceller", meeting=meeting)
    other = factories.make_meeting(neh, days_ahead=60)
    factories.make_document(neh, title="Annat mötes dokument", meeting=other)
    page = client_for("representative").get(meeting.get_absolute_url()).content.decode()
    assert "Presentation om solceller" in page
    assert "Annat mötes dokument" not in page


def test_meeting_page_link_picks_the_meeting_on_the_create_form(client_for, neh, meeting):
    url = reverse("document_create", kwargs={"code": "neh"}) + f"?meeting={meeting.pk}"
    page = client_for("coordinator").get(url).content.decode()
    assert f'<option value="{meeting.pk}" selected>' in page


def test_edit_page_of_a_governance_document_offers_the_drafting_steps(client_for, steering):
    page = client_for("coordinator").get(edit_url(steering)).content.decode()
    assert "<legend>Framtagande</legend>" in page
    assert 'name="drafting_since"' in page and 'name="decided_on"' in page
    assert f'name="version" value="{steering.version}"' in page


# --- Under an agenda item ---------------------------------------------------------------------


def test_document_under_an_agenda_item_shows_there_and_in_the_plain_text(
    client_for, steering, meeting, settings
):
    settings.SITE_URL = "https://hallbarhet.example.se"
    item = factories.make_agenda_item(meeting, position=1, title="Klimatfrågan")
    factories.make_agenda_item(meeting, position=2, title="Övrigt")
    factories.publish_agenda(meeting)
    client = client_for("coordinator")
    # The meeting is filled in from the item when left empty.
    response = client.post(edit_url(steering), edit_data(steering, agenda_item=item.pk))
    assert response.status_code == 302
    steering.refresh_from_db()
    assert (steering.agenda_item, steering.meeting) == (item, meeting)
    page = client_for("staff").get(meeting.get_absolute_url()).content.decode()
    assert "under punkt 1: Klimatfrågan" in page
    text = client_for("staff").get(reverse("agenda_text", kwargs={"pk": meeting.pk}))
    lines = text.content.decode().splitlines()
    at = next(n for n, line in enumerate(lines) if "Klimatfrågan" in line)
    assert lines[at + 1] == (
        "   Dokument: Klimatprogram (Styrdokument): "
        f"https://hallbarhet.example.se{steering.get_absolute_url()}"
    )
    assert "Dokument som presenteras på mötet:" not in lines  # listed under its item only


def test_an_agenda_item_of_another_meeting_is_refused(client_for, steering, meeting, neh):
    other = factories.make_meeting(neh, days_ahead=60)
    item = factories.make_agenda_item(other, position=1, title="Annan punkt")
    response = client_for("coordinator").post(
        edit_url(steering), edit_data(steering, meeting=meeting.pk, agenda_item=item.pk)
    )
    assert response.status_code == 200
    assert "Punkten hör till ett annat möte än det valda." in response.content.decode()
    steering.refresh_from_db()
    assert steering.agenda_item is None and steering.meeting is None


def test_only_accepted_items_of_coming_meetings_are_offered(client_for, steering, meeting, neh):
    factories.make_agenda_item(meeting, position=1, title="Kommande punkt")
    factories.make_agenda_item(meeting, title="Bara föreslagen")  # not accepted
    held = factories.make_meeting(neh, days_ahead=-10)
    factories.make_agenda_item(held, position=1, title="Hållen punkt")
    page = client_for("coordinator").get(edit_url(steering)).content.decode()
    assert "Kommande punkt" in page
    assert "Bara föreslagen" not in page and "Hållen punkt" not in page


def test_network_page_documents_read_once_compiled_are_the_querysets(neh, nsh):
    """The network page's "Aktuellt" (read by a query compiled once) holds what its queryset
    finds: the soonest open consultations (one more than shown) and the latest documents,
    latest first, with only the columns the list shows."""
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    for days in (-3, 40, *range(documents.OPEN_ON_NETWORK_PAGE, 0, -1)):
        factories.make_document(
            neh, kind=Document.Kind.CONSULTATION, deadline=today + datetime.timedelta(days)
        )
    for _ in range(documents.RECENT_ON_NETWORK_PAGE + 2):
        factories.make_document(neh)
    factories.make_document(nsh)
    withdrawn = factories.make_document(neh)
    Document.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    expected = list(documents._current(neh.pk, today))
    found = documents._CURRENT.objects(network_id=neh.pk, today=today)
    fields = ["pk", "title", "kind", "deadline", "created_at", "withdrawn_at"]
    assert [[getattr(d, f) for f in fields] for d in found] == [
        [getattr(d, f) for f in fields] for d in expected
    ]
    assert found[0].get_deferred_fields() == expected[0].get_deferred_fields() != set()
    current = documents.current_for_network(neh)
    assert len(current.open_consultations) == documents.OPEN_ON_NETWORK_PAGE
    assert current.more_open and len(current.recent) == documents.RECENT_ON_NETWORK_PAGE
