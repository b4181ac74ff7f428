"""Meeting evaluations in a real Chromium: the coordinator sends the
evaluation of a held meeting, the participant follows the e-mail's link, signs in, answers,
and the coordinator sees the result."""

import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from meetings.models import Attendance, Evaluation
from tests import factories

pytestmark = pytest.mark.browser


def test_participant_answers_from_the_email_and_coordinator_sees_it(
    page, sign_in_by_cookie, live_server, representative, coordinator, neh
):
    meeting = factories.make_meeting(neh, days_ahead=-1, theme_title="Klimatanpassning")
    Attendance.objects.create(meeting=meeting, person=representative, attended=True)
    mail.outbox.clear()

    # The coordinator sends the evaluation from the meeting page.
    sign_in_by_cookie(page, "coordinator")
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Utvärdering av mötet: skicka och se resultat").click()
    page.get_by_role("button", name="Skicka utvärdering").click()
    expect(page.locator(".messages")).to_contain_text("Utvärderingen är skickad till 1 deltagare")
    assert [m.to for m in mail.outbox] == [[representative.email]]
    link = re.search(r"https?://\S+/utvardering/", mail.outbox[0].body).group(0)

    # The participant follows the link, signs in, and answers.
    page.context.clear_cookies()
    page.goto(link.replace(settings.SITE_URL.rstrip("/"), live_server.url))
    page.get_by_label("E-post").fill(representative.email)
    page.get_by_label("Lösenord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utvärdera mötet")
    page.get_by_role("button", name="Skicka utvärderingen").click()
    expect(page.locator(".error-summary")).to_contain_text("Välj ett av alternativen.")
    usefulness = page.get_by_role("group", name="Hur användbart var mötet")
    usefulness.get_by_label("5 – mycket användbart").check()
    page.get_by_role("group", name="längd").get_by_label("Lagom").check()
    page.get_by_role("group", name="mötesform").get_by_label("Hybrid").check()
    page.get_by_label("Något annat du vill säga om mötet?").fill("Bra exempel från länet.")
    page.get_by_role("button", name="Skicka utvärderingen").click()
    expect(page.locator(".messages")).to_contain_text("Tack! Din utvärdering är sparad.")
    # Changing it is the same page; it stays one answer.
    page.get_by_role("group", name="Hur användbart var mötet").get_by_label("4").check()
    page.get_by_role("button", name="Spara ändringen").click()
    expect(page.locator(".messages")).to_contain_text("Din utvärdering är ändrad.")
    assert Evaluation.objects.get(meeting=meeting).usefulness == 4

    # The coordinator sees the result.
    page.context.clear_cookies()
    sign_in_by_cookie(page, "coordinator")
    page.goto(f"/moten/{meeting.pk}/utvardering/resultat/")
    expect(page.locator("#evaluation-summary")).to_contain_text("1 svar av 1 deltagare.")
    expect(page.locator("#evaluation-summary")).to_contain_text("Genomsnittlig nytta: 4,0 av 5.")
    expect(page.locator("#evaluation-comments")).to_contain_text("Bra exempel från länet.")
    expect(page.locator("#evaluation-sent")).to_contain_text("Skickad")
    page.goto("/natverk/neh/utvarderingar/")
    expect(page.locator("#term-table")).to_contain_text("Klimatanpassning")
