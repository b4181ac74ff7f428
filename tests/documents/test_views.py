"""The document pages for every role: list, adding, a document's page, its file, and marking
a consultation response as sent."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.documents import workflow as documents
from meetings.models import ConsultationResponse, Document
from representatives.models import Appointment
from tests import factories
from tests.conftest import ROLES
from tests.documents import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(neh, administration, other_administration):
    return factories.make_consultation(
        neh, asked=[administration, other_administration], title="Remiss: ny avfallsplan"
    )


@pytest.fixture
def file_document(neh, coordinator):
    return documents.add_document(
        network=neh,
        user=coordinator,
        document=Document(title="Årsrapport", kind=Document.Kind.REPORT),
        work_areas=list(neh.work_areas.all()[:1]),
        upload=samples.upload("Årsrapport 2025.pdf", samples.pdf()),
        upload_kind=documents.PDF,
        asked=[],
    )


def mark_url(document) -> str:
    return reverse("consultation_response_mark", kwargs={"pk": document.pk})


def own_response(consultation, administration) -> ConsultationResponse:
    return consultation.responses.get(administration=administration)


# --- The list and the network page ----------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_document_list_for_every_role(role, client_for, neh, consultation, file_document):
    response = client_for(role).get(reverse("document_list", kwargs={"code": "neh"}))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        return
    content = response.content.decode()
    assert "Remiss: ny avfallsplan" in content
    assert "Årsrapport" in content
    assert ("Lägg till dokument" in content) == (role == "coordinator")


def test_document_list_shows_only_the_network_and_the_newest_first(client_for, neh, nsh):
    factories.make_document(neh, title="Äldre")
    factories.make_document(neh, title="Nyare")
    factories.make_document(nsh, title="I NSH")
    content = client_for("staff").get(reverse("document_list", kwargs={"code": "neh"})).content
    content = content.decode()
    assert content.index("Nyare") < content.index("Äldre")
    assert "I NSH" not in content


def test_network_page_shows_aktuellt(client_for, neh, administration):
    today = timezone.localdate()
    later = factories.make_consultation(
        neh, asked=[administration], title="Remiss B", deadline=today + datetime.timedelta(20)
    )
    sooner = factories.make_consultation(
        neh, asked=[administration], title="Remiss A", deadline=today
    )
    closed = factories.make_consultation(
        neh, asked=[administration], title="Stängd remiss", deadline=today
    )
    Document.objects.filter(pk=closed.pk).update(deadline=today - datetime.timedelta(days=1))
    report = factories.make_document(neh, title="Rapport om giftfri miljö")
    response = client_for("staff").get(reverse("network_detail", kwargs={"code": "neh"}))
    current = response.context["current"]
    assert current.open_consultations == [sooner, later]
    assert report in current.recent and closed in current.recent
    assert sooner not in current.recent
    content = response.content.decode()
    assert "Aktuellt" in content and "Öppna remisser" in content
    assert content.index("Remiss A") < content.index("Remiss B")
    assert "Lägg till dokument" not in content


def test_network_page_lists_at_most_five_recent_documents(client_for, neh):
    made = [factories.make_document(neh, title=f"Rapport {n}") for n in range(8)]
    response = client_for("coordinator").get(reverse("network_detail", kwargs={"code": "neh"}))
    assert response.context["current"].recent == made[::-1][:5]
    assert "Lägg till dokument" in response.content.decode()


def test_network_page_without_documents(client_for, neh):
    content = client_for("staff").get(reverse("network_detail", kwargs={"code": "neh"}))
    assert "Inga öppna remisser." in content.content.decode()


# --- Adding ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_document_create_for_every_role(role, client_for, neh, administration):
    client = client_for(role)
    url = reverse("document_create", kwargs={"code": "neh"})
    page = client.get(url)
    data = {
        "title": "Remiss: klimatanpassning",
        "kind": "consultation",
        "url": "https://www.example.org/remiss",
        "deadline": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        "asked_administrations": [str(administration.pk)],
        "work_areas": [str(neh.work_areas.first().pk)],
        "meeting": str(factories.make_meeting(neh).pk),
    }
    response = client.post(url, factories.submitted(data))
    if role == "anonymous":
        assert page.status_code == response.status_code == 302
        assert not Document.objects.exists()
    elif role == "coordinator":
        assert page.status_code == 200
        assert 'enctype="multipart/form-data"' in page.content.decode()
        document = Document.objects.get()
        assert response["Location"] == document.get_absolute_url()
        assert document.network == neh and document.is_consultation
        assert list(document.work_areas.all()) == [neh.work_areas.first()]
        assert document.meeting is not None
        assert [r.administration for r in document.responses.all()] == [administration]
        assert not document.responses.get().is_sent
    else:
        assert page.status_code == response.status_code == 403
        assert "Bara nätverkets samordnare" in page.content.decode()
        assert not Document.objects.exists()


def test_coordinator_of_one_network_cannot_add_to_the_other(client_for, nsh):
    client = client_for("coordinator")
    url = reverse("document_create", kwargs={"code": "nsh"})
    response = client.post(url, {"title": "X", "kind": "report", "url": "https://a.se/"})
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_link_document_is_saved_without_a_file(client_for, neh, media_root):
    response = client_for("coordinator").post(
        reverse("document_create", kwargs={"code": "neh"}),
        factories.submitted(
            {"title": "Klimatprogrammet", "kind": "steering", "url": "www.example.org/program"}
        ),
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert document.url == "https://www.example.org/program"
    assert not document.has_file and document.deadline is None
    assert not list(media_root.rglob("*.*")) if media_root.exists() else True


# --- A document's page ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_document_detail_for_every_role(
    role, client_for, consultation, administration, other_administration
):
    sent = own_response(consultation, other_administration)
    sent.sent_at = timezone.now()
    sent.save(update_fields=["sent_at"])
    response = client_for(role).get(consultation.get_absolute_url())
    if role == "anonymous":
        assert response.status_code == 302
        return
    content = response.content.decode()
    assert "Remiss: ny avfallsplan" in content
    assert "Socialförvaltningen" in content and "Miljöförvaltningen" in content
    # Coordinators see who has and has not answered.
    assert ("1 av 2 förvaltningar har svarat." in content) == (role == "coordinator")
    assert ("Inte svarat" in content) == (role == "coordinator")
    # The representative and substitute of Miljöförvaltningen get the button.
    button = "Markera svaret från Miljöförvaltningen som skickat"
    assert (button in content) == (role in ("representative", "substitute"))
    assert "Markera svaret från Socialförvaltningen" not in content


def test_the_coordinators_response_table_says_who_answered_when_and_who_marked_it(
    client_for, consultation, other_administration, coordinator
):
    sent = own_response(consultation, other_administration)
    sent.sent_at = timezone.make_aware(datetime.datetime(2026, 11, 3, 10, 0))
    sent.sent_by = coordinator
    sent.save(update_fields=["sent_at", "sent_by"])
    client = client_for("coordinator")
    content = client.get(consultation.get_absolute_url()).content.decode()
    assert (
        '<th scope="row">Socialförvaltningen</th>\n  <td>Skickat 3 november 2026</td>\n'
        f"  <td>{coordinator.full_name}</td>"
    ) in content
    unanswered = "<td><strong>Inte svarat</strong></td>\n  <td>–</td>"
    assert f'<th scope="row">Miljöförvaltningen</th>\n  {unanswered}' in content
    client.post(reverse("set_language"), {"language": "en"})
    english = client.get(consultation.get_absolute_url()).content.decode()
    assert '<th scope="row"><span lang="sv">Socialförvaltningen</span></th>' in english
    assert "Sent 3 November 2026" in english


def test_document_detail_shows_the_file_and_a_published_meeting_only(
    client_for, file_document, neh
):
    planned = factories.make_meeting(neh, status="planned", theme_title="Hemligt tema")
    Document.objects.filter(pk=file_document.pk).update(meeting=planned)
    staff_page = client_for("staff").get(file_document.get_absolute_url()).content.decode()
    assert file_document.get_file_url() in staff_page
    assert "Årsrapport 2025.pdf" in staff_page
    assert "Hemligt tema" not in staff_page


def test_document_detail_unknown_is_404(client_for):
    assert (
        client_for("staff").get(reverse("document_detail", kwargs={"pk": 999})).status_code == 404
    )


# --- The file ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_file_is_served_only_to_signed_in_people(role, client_for, file_document):
    response = client_for(role).get(file_document.get_file_url())
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        return
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%C3%85rsrapport%202025.pdf" in disposition
    assert "private" in response["Cache-Control"]


def test_file_url_is_not_guessable(client_for, file_document):
    url = file_document.get_file_url()
    assert str(file_document.file_key) in url
    assert f"/{file_document.pk}/" not in url
    assert uuid.UUID(str(file_document.file_key)).version == 4
    client = client_for("staff")
    assert client.get(reverse("document_file", kwargs={"key": uuid.uuid4()})).status_code == 404
    assert client.get(f"/dokument/fil/{file_document.pk}/").status_code == 404


def test_file_is_not_reachable_as_a_public_media_url(client, file_document, settings):
    assert not settings.MEDIA_URL or settings.MEDIA_URL == "/"
    for path in (f"/media/{file_document.file.name}", f"/{file_document.file.name}"):
        assert client.get(path).status_code == 404


def test_missing_file_in_storage_is_404(client_for, file_document):
    from django.core.files.storage import default_storage

    default_storage.delete(file_document.file.name)
    assert client_for("staff").get(file_document.get_file_url()).status_code == 404


# --- Marking a response ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_mark_response_for_every_role(role, client_for, consultation, administration):
    response_row = own_response(consultation, administration)
    client = client_for(role)
    answer = client.post(mark_url(consultation), {"response": response_row.pk})
    response_row.refresh_from_db()
    if role in ("representative", "substitute"):
        assert answer.status_code == 302
        assert answer["Location"] == consultation.get_absolute_url()
        assert response_row.is_sent
        assert response_row.sent_by.email.startswith(
            "representant" if role == "representative" else "ersattare"
        )
        page = client.get(answer["Location"]).content.decode()
        assert "Svaret från Miljöförvaltningen är markerat som skickat." in page
    elif role == "anonymous":
        assert answer.status_code == 302
        assert answer["Location"].startswith(reverse("account_login"))
        assert not response_row.is_sent
    else:
        assert answer.status_code == 403
        assert (
            "Bara representanten eller ersättaren för Miljöförvaltningen" in answer.content.decode()
        )
        assert not response_row.is_sent


def test_response_marked_by_another_administration_is_refused(
    client_for, consultation, other_administration
):
    other = own_response(consultation, other_administration)
    answer = client_for("representative").post(mark_url(consultation), {"response": other.pk})
    other.refresh_from_db()
    assert answer.status_code == 403
    assert "Bara representanten eller ersättaren för Socialförvaltningen" in answer.content.decode()
    assert not other.is_sent
    assert not ConsultationResponse.objects.filter(sent_at__isnull=False).exists()


def test_former_representative_cannot_mark(client_for, consultation, administration, neh):
    former = factories.make_user("tidigare@example.org")
    factories.make_appointment(
        former,
        administration,
        neh,
        start_date=timezone.localdate() - datetime.timedelta(days=400),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    client = client_for("anonymous")
    client.force_login(former)
    row = own_response(consultation, administration)
    assert client.post(mark_url(consultation), {"response": row.pk}).status_code == 403
    row.refresh_from_db()
    assert not row.is_sent


def test_representative_in_the_other_network_cannot_mark(
    client_for, consultation, administration, nsh
):
    person = factories.make_user("nsh.rep@example.org")
    factories.make_appointment(person, administration, nsh, Appointment.Role.REPRESENTATIVE)
    client = client_for("anonymous")
    client.force_login(person)
    row = own_response(consultation, administration)
    assert client.post(mark_url(consultation), {"response": row.pk}).status_code == 403
    row.refresh_from_db()
    assert not row.is_sent


def test_response_of_another_consultation_is_refused(client_for, consultation, neh, administration):
    other = factories.make_consultation(neh, asked=[administration])
    row = own_response(other, administration)
    answer = client_for("representative").post(mark_url(consultation), {"response": row.pk})
    assert answer.status_code == 200
    assert "Den förvaltningen är inte tillfrågad i remissen." in answer.content.decode()
    row.refresh_from_db()
    assert not row.is_sent


def test_marking_twice_changes_nothing(client_for, consultation, administration, substitute):
    row = own_response(consultation, administration)
    client = client_for("representative")
    client.post(mark_url(consultation), {"response": row.pk})
    row.refresh_from_db()
    first = (row.sent_at, row.sent_by)
    client.force_login(substitute)
    answer = client.post(mark_url(consultation), {"response": row.pk}, follow=True)
    row.refresh_from_db()
    assert (row.sent_at, row.sent_by) == first
    assert "var redan markerat som skickat" in answer.content.decode()


def test_mark_by_htmx_returns_the_responses_partial(client_for, consultation, administration):
    row = own_response(consultation, administration)
    answer = client_for("representative").post(
        mark_url(consultation), {"response": row.pk}, headers={"HX-Request": "true"}
    )
    content = answer.content.decode()
    assert answer.status_code == 200
    assert content.lstrip().startswith('<section id="responses"')
    assert "<html" not in content
    assert 'data-announce="Svaret från Miljöförvaltningen är markerat som skickat."' in content
    assert "Miljöförvaltningens svar är markerat som skickat" in content
    row.refresh_from_db()
    assert row.is_sent


def test_mark_on_a_document_that_is_no_consultation_is_404(client_for, neh):
    report = factories.make_document(neh)
    assert client_for("representative").post(mark_url(report), {"response": 1}).status_code == 404


def test_coordinator_sees_who_marked(client_for, consultation, administration, representative):
    documents.mark_response_sent(own_response(consultation, administration), representative)
    content = client_for("coordinator").get(consultation.get_absolute_url()).content.decode()
    assert "Rita Representant" in content
    assert "1 av 2 förvaltningar har svarat." in content


# --- Query counts ------------------------------------------------------------------------------


def build(neh, size: int) -> Document:
    administrations = [factories.make_administration() for _ in range(size)]
    for administration in administrations:
        factories.make_appointment(factories.make_user(), administration, neh)
    first = None
    for _ in range(size):
        consultation = factories.make_consultation(neh, asked=administrations)
        consultation.work_areas.set(neh.work_areas.all()[:2])
        factories.make_document(neh).work_areas.set(neh.work_areas.all()[:3])
        first = first or consultation
    for row in first.responses.all()[: size // 2]:
        documents.mark_response_sent(row, factories.make_user())
    return first


@pytest.mark.parametrize("size", [1, 8])
@pytest.mark.parametrize(
    ("page", "queries"),
    # sessions + user, then the page's own queries
    [("list", 7), ("detail", 7)],
)
def test_document_pages_query_count_does_not_grow(
    client, coordinator, neh, size, page, queries, django_assert_num_queries
):
    first = build(neh, size)
    client.force_login(coordinator)
    url = (
        reverse("document_list", kwargs={"code": "neh"})
        if page == "list"
        else first.get_absolute_url()
    )
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
