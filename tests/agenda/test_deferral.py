"""Deferring an item: only to a later, published meeting of the network, and a management
group's question carried by the item goes with it, through to the minutes of the new meeting."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.agenda import workflow as agenda
from meetings.minutes import workflow as minutes
from meetings.models import AgendaItem, Meeting, Question, QuestionEvent
from meetings.questions import steps as questions
from tests import factories

pytestmark = pytest.mark.django_db

REFUSED = "Punkten kan bara flyttas till ett senare möte i samma nätverk"


def triage_url(item):
    return reverse("agenda_triage", kwargs={"pk": item.meeting_id, "item_pk": item.pk})


def defer_data(item, to_meeting, reason="Passar bättre senare."):
    prefix = f"t{item.pk}"
    return {
        f"{prefix}-action": "defer",
        f"{prefix}-reason": reason,
        f"{prefix}-to_meeting": to_meeting.pk,
    }


@pytest.fixture
def others(neh, meeting):
    """Meetings of NEH around `meeting` (30 days ahead) that are no target for a deferral."""
    return {
        "earlier": factories.make_meeting(neh, days_ahead=10, theme_title="Tidigare"),
        "planned": factories.make_meeting(
            neh, days_ahead=90, status=Meeting.Status.PLANNED, theme_title="Planerat"
        ),
        "cancelled": factories.make_meeting(
            neh, days_ahead=75, status=Meeting.Status.CANCELLED, theme_title="Inställt"
        ),
    }


def test_only_later_published_meetings_are_offered(client_for, proposal, later_meeting, others):
    page = client_for("coordinator").get(
        reverse("agenda_manage", kwargs={"pk": proposal.meeting_id})
    )
    # The options of the deferral selects only: other selects on the page (a goal, say) have
    # numbers of their own, which on PostgreSQL may be a meeting's pk too.
    selects = re.findall(
        r'<select name="[^"]*to_meeting"[^>]*>(.*?)</select>', page.content.decode(), re.S
    )
    assert selects
    offered = {int(pk) for html in selects for pk in re.findall(r'<option value="(\d+)"', html)}
    assert later_meeting.pk in offered
    assert not offered & {meeting.pk for meeting in others.values()}


@pytest.mark.parametrize("target", ["earlier", "planned", "cancelled"])
def test_a_hand_posted_deferral_elsewhere_is_refused_and_nothing_saved(
    client_for, proposal, others, target, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            triage_url(proposal), defer_data(proposal, others[target])
        )
    assert REFUSED in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.PROPOSED
    assert AgendaItem.objects.count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize("target", ["earlier", "planned", "cancelled"])
def test_the_workflow_refuses_the_same_targets(proposal, others, target, coordinator):
    with pytest.raises(agenda.AgendaError, match=REFUSED):
        agenda.defer(proposal.meeting, proposal.pk, others[target], "", coordinator)
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.PROPOSED


def test_a_target_cancelled_after_the_form_was_shown_is_refused(
    client_for, proposal, later_meeting
):
    later_meeting.cancel("Sjukdom")
    response = client_for("coordinator").post(
        triage_url(proposal), defer_data(proposal, later_meeting)
    )
    assert REFUSED in response.content.decode()
    assert AgendaItem.objects.count() == 1


def test_the_link_sent_to_the_proposer_opens_for_them(
    client_for, proposal, later_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(triage_url(proposal), defer_data(proposal, later_meeting))
    (mail,) = mailoutbox
    assert mail.to == ["representant@example.org"]
    links = re.findall(r"https?://\S+", mail.body)
    assert links
    proposer = client_for("representative")
    for link in links:
        path = re.sub(r"^https?://[^/]+", "", link)
        assert proposer.get(path).status_code == 200, link


# --- the question travels with its item ------------------------------------------------------


@pytest.fixture
def question_on_agenda(neh, administration, representative, meeting):
    question = factories.make_question(neh, administration, raised_by=representative)
    return questions.propose(question, representative, meeting)


def test_deferring_moves_the_question_to_the_new_meeting(
    client_for, question_on_agenda, later_meeting
):
    item = question_on_agenda.agenda_item
    client_for("coordinator").post(triage_url(item), defer_data(item, later_meeting))
    question = Question.objects.get(pk=question_on_agenda.pk)
    assert question.state == Question.State.ON_AGENDA
    assert question.agenda_item.meeting == later_meeting
    assert question.agenda_item.status == AgendaItem.Status.PROPOSED
    assert QuestionEvent.objects.filter(question=question, meeting=later_meeting).exists()
    page = client_for("representative").get(reverse("question_detail", kwargs={"pk": question.pk}))
    assert later_meeting.get_absolute_url() in page.content.decode()


def test_the_new_meetings_minutes_carry_the_outcome_back(
    question_on_agenda, later_meeting, coordinator
):
    item = question_on_agenda.agenda_item
    agenda.defer(item.meeting, item.pk, later_meeting, "", coordinator)
    moved = Question.objects.get(pk=question_on_agenda.pk).agenda_item
    agenda.accept(later_meeting, moved.pk, coordinator)
    # Time passes: the later meeting has been held.
    held_at = timezone.now() - datetime.timedelta(days=1)
    Meeting.objects.filter(pk=later_meeting.pk).update(
        starts_at=held_at, ends_at=held_at + datetime.timedelta(hours=2)
    )
    later_meeting.refresh_from_db()
    entries = {moved.pk: {"note": "", "outcome": "Nätverket tar fram en gemensam mall."}}
    draft = minutes.save_draft(later_meeting, coordinator, "", entries, seen_version=0)
    minutes.publish(later_meeting, coordinator, "", 0, draft_version=draft.version)
    question = Question.objects.get(pk=question_on_agenda.pk)
    assert question.state == Question.State.OUTCOME
    assert question.meeting == later_meeting
    assert question.outcome == "Nätverket tar fram en gemensam mall."
