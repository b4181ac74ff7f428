"""Coordinators triage proposals, add their own items, order them and set their time."""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Meeting
from tests import factories

pytestmark = pytest.mark.django_db

REFUSED_ROLES = ["staff", "director", "representative", "substitute", "admin"]


def manage_url(meeting):
    return reverse("agenda_manage", kwargs={"pk": meeting.pk})


def triage_url(item):
    return reverse("agenda_triage", kwargs={"pk": item.meeting_id, "item_pk": item.pk})


def move_url(item):
    return reverse("agenda_move", kwargs={"pk": item.meeting_id, "item_pk": item.pk})


def time_url(item):
    return reverse("agenda_time", kwargs={"pk": item.meeting_id, "item_pk": item.pk})


def add_url(meeting):
    return reverse("agenda_add", kwargs={"pk": meeting.pk})


def triage(item, action, reason="", to_meeting=""):
    prefix = f"t{item.pk}"
    return {
        f"{prefix}-action": action,
        f"{prefix}-reason": reason,
        f"{prefix}-to_meeting": to_meeting,
    }


OWN = {
    "title": "Information om remiss: avfallsplan",
    "description": "",
    "kind": AgendaItem.Kind.CONSULTATION,
    "allotted_minutes": "15",
    "presenter": "Sara",
    "work_area": "",
}


# --- who may ---------------------------------------------------------------------------------


def test_manage_page_shows_proposals_draft_and_budget(client_for, proposal, on_agenda, meeting):
    content = client_for("coordinator").get(manage_url(meeting)).content.decode()
    assert "Hantera dagordningen" in content
    assert "Vår skyfallsplan" in content
    assert "Miljöförvaltningen" in content
    for item in on_agenda:
        assert item.title in content
    assert "Tidsbudget: 60 av mötets 120 minuter." in content
    assert "längre tid än mötet" not in content


@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_manage_page_refused_for_non_coordinators(client_for, role, meeting, proposal):
    response = client_for(role).get(manage_url(meeting))
    assert response.status_code == 403
    assert "Vår skyfallsplan" not in response.content.decode()


def test_manage_page_refused_for_coordinator_of_other_network(client, nsh, meeting):
    other = factories.make_user()
    nsh.coordinators.add(other)
    client.force_login(other)
    assert client.get(manage_url(meeting)).status_code == 403


def test_manage_page_sends_anonymous_to_sign_in(client, meeting):
    assert client.get(manage_url(meeting)).status_code == 302


@pytest.mark.parametrize("role", [*REFUSED_ROLES, "anonymous"])
def test_coordinator_actions_refused_for_others(client_for, role, proposal, on_agenda, meeting):
    client = client_for(role)
    expected = 302 if role == "anonymous" else 403
    first = on_agenda[0]
    posts = [
        (triage_url(proposal), triage(proposal, "accept")),
        (add_url(meeting), OWN),
        (move_url(first), {"direction": "down", "position": 1}),
        (time_url(first), {f"m{first.pk}-allotted_minutes": 99, f"m{first.pk}-presenter": "X"}),
        (reverse("agenda_publish", kwargs={"pk": meeting.pk}), {"based_on": 0}),
    ]
    for path, data in posts:
        assert client.post(path, data).status_code == expected
    proposal.refresh_from_db()
    first.refresh_from_db()
    assert proposal.status == AgendaItem.Status.PROPOSED
    assert (first.position, first.allotted_minutes) == (1, 20)
    assert meeting.agenda_items.count() == 4
    assert not meeting.agenda_versions.exists()


# --- accept, defer, decline --------------------------------------------------------------


def test_accept_puts_proposal_last_and_tells_proposer(
    client_for, proposal, on_agenda, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(triage_url(proposal), triage(proposal, "accept"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.ACCEPTED
    assert proposal.position == 4
    assert proposal.allotted_minutes == 20
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["representant@example.org"]
    assert "Vår skyfallsplan" in mail.subject
    assert "accepterad" in mail.subject
    assert "/forslag/" in mail.body


def test_defer_moves_proposal_to_later_meeting_with_reason(
    client_for, proposal, later_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    data = triage(proposal, "defer", "Passar bättre till solelsmötet.", later_meeting.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(triage_url(proposal), data)
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.DEFERRED
    assert proposal.deferred_to == later_meeting
    copy = later_meeting.agenda_items.get()
    assert (copy.title, copy.status, copy.proposed_by) == (
        "Vår skyfallsplan",
        AgendaItem.Status.PROPOSED,
        proposal.proposed_by,
    )
    assert "Passar bättre till solelsmötet." in mailoutbox[0].body
    assert later_meeting.get_absolute_url() in mailoutbox[0].body


def test_defer_needs_a_meeting_of_the_same_network(client_for, proposal, nsh, neh, meeting):
    other_network = factories.make_meeting(nsh, days_ahead=60)
    past = factories.make_meeting(neh, days_ahead=-5)
    cancelled = factories.make_meeting(neh, days_ahead=50, status=Meeting.Status.CANCELLED)
    for target in ("", other_network.pk, past.pk, cancelled.pk, meeting.pk):
        response = client_for("coordinator").post(
            triage_url(proposal), triage(proposal, "defer", "", target)
        )
        assert response.status_code == 200
        assert "Formuläret behöver rättas" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.PROPOSED
    assert AgendaItem.objects.count() == 1


def test_decline_needs_a_reason(client_for, proposal, mailoutbox):
    response = client_for("coordinator").post(triage_url(proposal), triage(proposal, "decline"))
    content = response.content.decode()
    assert "Skriv varför förslaget avböjs." in content
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.PROPOSED
    assert mailoutbox == []


def test_decline_with_reason_tells_proposer(
    client_for, proposal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(
            triage_url(proposal), triage(proposal, "decline", "Tas upp i ledningsgruppen.")
        )
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.DECLINED
    assert proposal.decision_reason == "Tas upp i ledningsgruppen."
    assert "avböjd" in mailoutbox[0].subject
    assert "Motivering: Tas upp i ledningsgruppen." in mailoutbox[0].body
    page = client_for("representative").get(
        reverse("agenda_proposals", kwargs={"pk": proposal.meeting_id})
    )
    assert "Tas upp i ledningsgruppen." in page.content.decode()


def test_triage_of_already_handled_proposal_is_refused(client_for, proposal, mailoutbox):
    proposal.status = AgendaItem.Status.WITHDRAWN
    proposal.save()
    response = client_for("coordinator").post(
        triage_url(proposal), triage(proposal, "accept"), follow=True
    )
    assert "redan behandlat" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.WITHDRAWN
    assert proposal.position is None
    assert mailoutbox == []


def test_declining_an_accepted_item_closes_the_gap(client_for, on_agenda):
    first = on_agenda[0]
    client_for("coordinator").post(triage_url(first), triage(first, "decline", "Utgår."))
    positions = {item.title: item.position for item in AgendaItem.objects.all()}
    assert positions == {"Punkt 1": None, "Punkt 2": 1, "Punkt 3": 2}


def test_triage_by_htmx_returns_workspace(client_for, proposal, on_agenda):
    response = client_for("coordinator").post(
        triage_url(proposal), triage(proposal, "accept"), HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert "<html" not in content
    assert 'data-announce="”Vår skyfallsplan” står nu sist på dagordningen."' in content


# --- own items, time -------------------------------------------------------------------------


def test_coordinator_adds_own_item_last(client_for, on_agenda, meeting):
    client_for("coordinator").post(add_url(meeting), factories.submitted(OWN))
    item = meeting.agenda_items.get(title=OWN["title"])
    assert (item.status, item.position, item.allotted_minutes, item.presenter) == (
        AgendaItem.Status.ACCEPTED,
        4,
        15,
        "Sara",
    )
    assert item.proposed_by is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Skriv en rubrik."),
        ({"title": "y" * 201}, "högst 200 tecken"),
        ({"allotted_minutes": "0"}, "Ange mellan 1 och 120 minuter."),
        ({"allotted_minutes": "500"}, "Ange mellan 1 och 120 minuter."),
    ],
)
def test_own_item_bad_input_saves_nothing(client_for, meeting, change, message):
    response = client_for("coordinator").post(add_url(meeting), factories.submitted(OWN, **change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not meeting.agenda_items.exists()


def test_time_and_presenter_and_budget_warning(client_for, on_agenda, meeting):
    item = on_agenda[0]
    client = client_for("coordinator")
    client.post(
        time_url(item), {f"m{item.pk}-allotted_minutes": 90, f"m{item.pk}-presenter": "Ali"}
    )
    item.refresh_from_db()
    assert (item.allotted_minutes, item.presenter) == (90, "Ali")
    content = client.get(manage_url(meeting)).content.decode()
    assert "Tidsbudget: 130 av mötets 120 minuter." in content
    assert "längre tid än mötet" in content


def test_time_outside_range_is_refused(client_for, on_agenda):
    item = on_agenda[0]
    response = client_for("coordinator").post(
        time_url(item), {f"m{item.pk}-allotted_minutes": 121, f"m{item.pk}-presenter": ""}
    )
    assert "Ange mellan 1 och 120 minuter." in response.content.decode()
    item.refresh_from_db()
    assert item.allotted_minutes == 20


# --- order -----------------------------------------------------------------------------------


def order(meeting):
    return list(
        meeting.agenda_items.filter(position__isnull=False)
        .order_by("position")
        .values_list("title", flat=True)
    )


def test_move_up_and_down(client_for, on_agenda, meeting):
    client = client_for("coordinator")
    client.post(move_url(on_agenda[2]), {"direction": "up", "position": 3})
    assert order(meeting) == ["Punkt 1", "Punkt 3", "Punkt 2"]
    client.post(move_url(on_agenda[0]), {"direction": "down", "position": 1})
    assert order(meeting) == ["Punkt 3", "Punkt 1", "Punkt 2"]


def test_move_by_htmx_keeps_focus_and_announces(client_for, on_agenda):
    client = client_for("coordinator")
    response = client.post(
        move_url(on_agenda[2]), {"direction": "up", "position": 3}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert f'id="move-up-{on_agenda[2].pk}" data-focus' in content
    assert "flyttades till plats 2 av 3" in content
    # At the top the up button is gone, so the focus goes to the down button.
    response = client.post(
        move_url(on_agenda[2]), {"direction": "up", "position": 2}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert f'id="move-up-{on_agenda[2].pk}"' not in content
    assert f'id="move-down-{on_agenda[2].pk}" data-focus' in content
    assert "flyttades till plats 1 av 3" in content


def test_stale_move_is_refused(client_for, on_agenda, meeting):
    client = client_for("coordinator")
    client.post(move_url(on_agenda[0]), {"direction": "down", "position": 1})
    # A second coordinator's page still shows Punkt 2 at position 2.
    response = client.post(move_url(on_agenda[1]), {"direction": "up", "position": 2}, follow=True)
    assert "Någon annan har ändrat ordningen" in response.content.decode()
    assert order(meeting) == ["Punkt 2", "Punkt 1", "Punkt 3"]


@pytest.mark.parametrize(
    "data", [{"direction": "up", "position": 1}, {"direction": "sideways", "position": 1}, {}]
)
def test_impossible_moves_change_nothing(client_for, on_agenda, meeting, data):
    client_for("coordinator").post(move_url(on_agenda[0]), data)
    assert order(meeting) == ["Punkt 1", "Punkt 2", "Punkt 3"]


def test_move_of_a_proposal_is_refused(client_for, proposal, on_agenda, meeting):
    response = client_for("coordinator").post(
        move_url(proposal), {"direction": "up", "position": 1}, follow=True
    )
    assert "finns inte längre på dagordningen" in response.content.decode()
    assert order(meeting) == ["Punkt 1", "Punkt 2", "Punkt 3"]


def test_item_of_another_meeting_cannot_be_triaged_through_this_one(
    client_for, proposal, later_meeting
):
    path = reverse("agenda_triage", kwargs={"pk": later_meeting.pk, "item_pk": proposal.pk})
    assert client_for("coordinator").post(path, triage(proposal, "accept")).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.PROPOSED


def test_triage_without_a_choice_says_choose_and_ties_the_error_to_the_radios(
    client_for, proposal, on_agenda
):
    response = client_for("coordinator").post(
        triage_url(proposal), triage(proposal, ""), HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    error_id = f"id_t{proposal.pk}-action_error"
    assert "Välj om förslaget ska accepteras, flyttas eller avböjas." in content
    assert "Detta fält måste fyllas i" not in content
    fieldset = (
        f'<fieldset id="id_t{proposal.pk}-action" tabindex="-1" aria-describedby="{error_id}"'
    )
    assert fieldset in content
    assert content.count(f'aria-invalid="true" aria-describedby="{error_id}"') == 3
    assert f'<a href="#id_t{proposal.pk}-action">' in content
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.PROPOSED
