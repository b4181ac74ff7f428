"""The demo: NEH's latest held meeting, Miljöförvaltningen's pack presented, others not yet."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from meetings.models import ActionItem, Minutes, Question, ReportBack
from meetings.report_back import demo as demo_report_back
from representatives.models import Administration

pytestmark = pytest.mark.django_db


def test_demo_has_one_pack_presented_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    report = ReportBack.objects.get()
    held = report.meeting
    assert (held.network.code, report.administration.short_name) == ("NEH", "MF")
    assert report.marked_by.email == "representant.miljo@example.org"
    counts = (
        Question.objects.count(),
        ActionItem.objects.count(),
        Minutes.objects.count(),
        ReportBack.objects.count(),
    )
    assert demo_report_back.seed() == report
    assert counts == (
        Question.objects.count(),
        ActionItem.objects.count(),
        Minutes.objects.count(),
        ReportBack.objects.count(),
    )

    client.force_login(User.objects.get(email="representant.miljo@example.org"))
    pack = client.get(reverse("report_back_pack", args=[held.pk, report.administration_id]))
    html = pack.content.decode()
    # The questions' demo (or, without it, the pack's own) has an outcome at this meeting.
    dealt_with = Question.objects.filter(meeting=held, administration=report.administration)
    assert dealt_with.exists()
    for question in dealt_with:
        assert question.title in html
    assert "Presenterad för ledningsgruppen" in html

    client.force_login(User.objects.get(email="samordnare@example.org"))
    status = client.get(reverse("report_back_status", args=[held.pk])).content.decode()
    rows = status.split("<tbody>")[1].split("</tr>")
    technical = Administration.objects.get(short_name="TF").name
    assert "Inte ännu" in next(row for row in rows if technical in row)
    assert "Elin Berg" in next(row for row in rows if "Miljöförvaltningen" in row)
