"""Representatives and substitutes propose, edit and withdraw agenda items."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from networks.models import WorkArea
from tests import factories

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Vår skyfallsplan",
    "description": "Vi vill berätta om planen.",
    "kind": AgendaItem.Kind.DISCUSSION,
    "wished_minutes": "25",
    "work_area": "",
}


def url(meeting):
    return reverse("agenda_proposals", kwargs={"pk": meeting.pk})


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("staff", 403),
        ("director", 403),
        ("coordinator", 403),
        ("admin", 403),
        ("representative", 200),
        ("substitute", 200),
    ],
)
def test_proposal_page_is_for_representatives_and_substitutes(client_for, role, status, meeting):
    response = client_for(role).get(url(meeting))
    assert response.status_code == status
    if status == 200:
        assert "Föreslå punkter till dagordningen" in response.content.decode()


def test_proposal_page_sends_anonymous_to_sign_in(client, meeting):
    response = client.get(url(meeting))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


@pytest.mark.parametrize("role", ["staff", "director", "coordinator", "admin"])
def test_proposal_refused_for_non_members(client_for, role, meeting):
    response = client_for(role).post(url(meeting), factories.submitted(GOOD))
    assert response.status_code == 403
    assert not AgendaItem.objects.exists()


def test_proposal_refused_for_anonymous(client, meeting):
    assert client.post(url(meeting), factories.submitted(GOOD)).status_code == 302
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("role", ["representative", "substitute"])
def test_proposal_is_saved_with_proposer_and_administration(
    client_for, role, meeting, administration, user_for_role
):
    response = client_for(role).post(
        url(meeting), factories.submitted(GOOD, is_management_question="on")
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert item.status == AgendaItem.Status.PROPOSED
    assert item.proposed_by == user_for_role(role)
    assert item.administration == administration
    assert item.wished_minutes == 25
    assert item.is_management_question
    assert item.position is None
    page = client_for(role).get(url(meeting)).content.decode()
    assert "Vår skyfallsplan" in page
    assert "Föreslagen" in page


def test_proposal_by_htmx_returns_the_area_with_the_new_proposal(client_for, meeting):
    response = client_for("representative").post(
        url(meeting), factories.submitted(GOOD), HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content  # the partial only
    assert "Vår skyfallsplan" in content
    assert "data-announce" in content
    assert AgendaItem.objects.count() == 1


def test_proposal_work_area_must_be_active_and_of_the_network(client_for, meeting, nsh, neh):
    foreign = nsh.work_areas.first()
    archived = WorkArea.objects.create(network=neh, name="Gammalt", archived_at=timezone.now())
    for area in (foreign, archived):
        response = client_for("representative").post(
            url(meeting), factories.submitted(GOOD, work_area=area.pk)
        )
        assert response.status_code == 200
        assert "Välj ett giltigt alternativ" in response.content.decode()
    own = neh.work_areas.active().first()
    client_for("representative").post(url(meeting), factories.submitted(GOOD, work_area=own.pk))
    assert AgendaItem.objects.get().work_area == own


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Skriv en rubrik."),
        ({"title": "x" * 201}, "Rubriken får vara högst 200 tecken"),
        ({"wished_minutes": "0"}, "Ange mellan 1 och 120 minuter."),
        ({"wished_minutes": "121"}, "Ange mellan 1 och 120 minuter."),
        ({"wished_minutes": "en timme"}, "Ange ett heltal mellan 1 och 120."),
        ({"kind": "party"}, "Välj ett giltigt alternativ"),
    ],
)
def test_proposal_bad_input_is_refused_inline_and_in_summary(client_for, meeting, change, message):
    for htmx in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client_for("representative").post(
            url(meeting), factories.submitted(GOOD, **change), **htmx
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert "Formuläret behöver rättas" in content
        assert content.count(message) >= 2  # in the summary and next to the field
    assert not AgendaItem.objects.exists()


def test_proposals_close_days_before_the_meeting(client_for, neh):
    neh.proposal_close_days = 10
    neh.save()
    meeting = factories.make_meeting(neh, days_ahead=9)
    client = client_for("representative")
    page = client.get(url(meeting)).content.decode()
    assert "Förslag till dagordningen stängde" in page
    assert "Skicka förslaget" not in page
    response = client.post(url(meeting), factories.submitted(GOOD))
    assert "Förslag till dagordningen stängde" in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_proposals_still_open_the_day_before_closing(client_for, neh):
    meeting = factories.make_meeting(neh, days_ahead=8)  # default: closes 7 days before
    response = client_for("representative").post(url(meeting), factories.submitted(GOOD))
    assert response.status_code == 302
    assert AgendaItem.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("past", "Mötet har redan varit"),
        ("cancelled", "Mötet är inställt"),
    ],
)
def test_proposal_for_past_or_cancelled_meeting_is_refused(client_for, neh, kind, message):
    if kind == "past":
        meeting = factories.make_meeting(neh, days_ahead=-3)
    else:
        meeting = factories.make_meeting(
            neh, days_ahead=30, status=Meeting.Status.CANCELLED, cancelled_at=timezone.now()
        )
    response = client_for("representative").post(url(meeting), factories.submitted(GOOD))
    assert message in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_proposal_for_other_networks_meeting_is_refused(client_for, nsh):
    meeting = factories.make_meeting(nsh, days_ahead=30)
    response = client_for("representative").post(url(meeting), factories.submitted(GOOD))
    assert response.status_code == 403
    assert not AgendaItem.objects.exists()


def test_proposal_for_planned_meeting_is_not_found(client_for, neh):
    meeting = factories.make_meeting(neh, days_ahead=30, status=Meeting.Status.PLANNED)
    assert (
        client_for("representative").post(url(meeting), factories.submitted(GOOD)).status_code
        == 404
    )
    assert not AgendaItem.objects.exists()


def test_ended_appointment_cannot_propose(client, representative, meeting):
    representative.appointments.update(end_date=timezone.localdate())
    client.force_login(representative)
    assert client.post(url(meeting), factories.submitted(GOOD)).status_code == 403
    assert not AgendaItem.objects.exists()


def edit_url(item):
    return reverse("agenda_proposal_edit", kwargs={"pk": item.meeting_id, "item_pk": item.pk})


def withdraw_url(item):
    return reverse("agenda_proposal_withdraw", kwargs={"pk": item.meeting_id, "item_pk": item.pk})


def test_proposer_edits_own_proposal(client_for, proposal):
    client = client_for("representative")
    assert "Vår skyfallsplan" in client.get(edit_url(proposal)).content.decode()
    response = client.post(edit_url(proposal), {**GOOD, "title": "Ny rubrik", "wished_minutes": 40})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Ny rubrik"
    assert proposal.wished_minutes == 40


def test_edit_with_bad_input_saves_nothing(client_for, proposal):
    response = client_for("representative").post(edit_url(proposal), {**GOOD, "title": ""})
    assert "Skriv en rubrik." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "Vår skyfallsplan"


@pytest.mark.parametrize("role", ["substitute", "coordinator", "staff", "director", "admin"])
def test_someone_elses_proposal_cannot_be_edited_or_withdrawn(client_for, role, proposal):
    client = client_for(role)
    assert client.get(edit_url(proposal)).status_code == 404
    assert client.post(edit_url(proposal), {**GOOD, "title": "Kapad"}).status_code == 404
    assert client.post(withdraw_url(proposal)).status_code == 404
    proposal.refresh_from_db()
    assert proposal.title == "Vår skyfallsplan"
    assert proposal.status == AgendaItem.Status.PROPOSED


def test_anonymous_cannot_edit_or_withdraw(client, proposal):
    assert client.get(edit_url(proposal)).status_code == 302
    assert client.post(withdraw_url(proposal)).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.PROPOSED


def test_handled_proposal_can_no_longer_be_edited(client_for, proposal):
    proposal.status = AgendaItem.Status.DECLINED
    proposal.decision_reason = "Passar inte."
    proposal.save()
    client = client_for("representative")
    response = client.post(edit_url(proposal), {**GOOD, "title": "Ändrad ändå"})
    assert "redan behandlat" in response.content.decode()
    response = client.post(withdraw_url(proposal), follow=True)
    assert "redan behandlat" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "Vår skyfallsplan"
    assert proposal.status == AgendaItem.Status.DECLINED
    page = client.get(url(proposal.meeting)).content.decode()
    assert "Avböjd" in page
    assert "Passar inte." in page


def test_proposer_withdraws(client_for, proposal):
    response = client_for("representative").post(withdraw_url(proposal), follow=True)
    assert "Du har tagit tillbaka" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.WITHDRAWN


def test_closes_at_is_computed_from_network_setting(meeting):
    from meetings.agenda.workflow import proposals_close_at

    assert proposals_close_at(meeting) == meeting.starts_at - datetime.timedelta(days=7)
