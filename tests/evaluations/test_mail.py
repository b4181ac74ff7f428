"""The evaluation e-mail: one per participant, with the one link, sent once per meeting."""

import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from meetings.evaluations import workflow as evaluations
from meetings.models import Attendance, EvaluationRequest
from tests import factories

pytestmark = pytest.mark.django_db


def test_coordinator_sends_once_on_commit(
    client, held, coordinator, representative, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    path = reverse("evaluation_send", kwargs={"pk": held.pk})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(path)
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [[representative.email]]  # not the absent substitute
    message = mail.outbox[0]
    link = settings.SITE_URL.rstrip("/") + reverse("evaluation_answer", kwargs={"pk": held.pk})
    assert link in message.body
    assert "Kort utvärdering" in message.subject
    request = EvaluationRequest.objects.get(meeting=held)
    assert (request.sent_by, request.recipients) == (coordinator, 1)

    # A second press sends nothing and says why.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, follow=True)
    assert "redan skickad" in response.content.decode()
    assert len(mail.outbox) == 1
    assert EvaluationRequest.objects.count() == 1


def test_nothing_is_sent_before_the_meeting_is_held(neh, representative, coordinator):
    coming = factories.make_meeting(neh, days_ahead=2)
    Attendance.objects.create(meeting=coming, person=representative, answer="coming")
    with pytest.raises(evaluations.EvaluationError, match="hållits"):
        evaluations.send_request(coming, coordinator)
    assert not EvaluationRequest.objects.exists()


def test_nothing_is_sent_without_participants(neh, coordinator):
    meeting = factories.make_meeting(neh, days_ahead=-1)
    with pytest.raises(evaluations.EvaluationError, match="inga registrerade deltagare"):
        evaluations.send_request(meeting, coordinator)
    assert not EvaluationRequest.objects.exists()


def test_the_page_shows_when_it_was_sent(client, held, coordinator):
    EvaluationRequest.objects.create(meeting=held, sent_at=held.ends_at, recipients=1)
    client.force_login(coordinator)
    page = client.get(reverse("evaluation_results", kwargs={"pk": held.pk})).content.decode()
    assert "Automatiskt utskick." in page
    assert "Skicka utvärdering</button>" not in page


def test_daily_command_sends_for_meetings_ended_since_yesterday_once(
    neh, nsh, representative, django_capture_on_commit_callbacks
):
    recent = factories.make_meeting(neh, days_ahead=-1, theme_title="I går")
    old = factories.make_meeting(neh, days_ahead=-5, theme_title="Förra veckan")
    empty = factories.make_meeting(nsh, days_ahead=-1, theme_title="Inga deltagare")
    for meeting in (recent, old):
        Attendance.objects.create(meeting=meeting, person=representative, attended=True)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_evaluations", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert "I går" in mail.outbox[0].body
    assert set(EvaluationRequest.objects.values_list("meeting", flat=True)) == {recent.pk}
    assert not EvaluationRequest.objects.filter(meeting=empty).exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_evaluations", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_meetings_due_window(neh, representative):
    yesterday = factories.make_meeting(neh, days_ahead=-1)
    long_ago = factories.make_meeting(neh, days_ahead=-3)
    factories.make_meeting(neh, days_ahead=1)  # not ended
    due = evaluations.meetings_due(days=1)
    assert yesterday in due and long_ago not in due
    assert long_ago in evaluations.meetings_due(days=3 + 1)
