import datetime

import pytest
from django.urls import reverse

from meetings.demo import build_demo
from meetings.evaluations import workflow as evaluations
from meetings.evaluations.demo import build_evaluation_demo
from meetings.models import Evaluation, EvaluationRequest
from networks.models import Network

pytestmark = pytest.mark.django_db


def test_demo_has_evaluated_neh_meetings_and_is_idempotent(client):
    # A day late in a term, so the demo's current term has held meetings.
    accounts = build_demo(datetime.date(2026, 11, 30))
    neh = Network.objects.get(code="NEH")
    representative = accounts["representant.miljo@example.org"]
    latest = Evaluation.objects.filter(person=representative).order_by("-meeting__starts_at")[0]
    meeting = latest.meeting
    assert meeting.network == neh
    assert meeting.evaluations.count() >= 4
    assert EvaluationRequest.objects.filter(meeting=meeting).exists()
    counts = (Evaluation.objects.count(), EvaluationRequest.objects.count())

    build_evaluation_demo(neh, accounts)
    assert (Evaluation.objects.count(), EvaluationRequest.objects.count()) == counts

    # The coordinator sees the results; the representative's answer is still open if the
    # network's next meeting has not started.
    client.force_login(accounts["samordnare@example.org"])
    page = client.get(reverse("evaluation_results", kwargs={"pk": meeting.pk})).content.decode()
    assert "Genomsnittlig nytta" in page
    assert representative.pk in evaluations.participant_ids(meeting)
