"""A question goes around the loop in a real Chromium: the representative registers it
and proposes it to a meeting in one step; the coordinator accepts it in the ordinary triage,
marks it dealt with at the (then held) meeting and records the outcome; the representative
reports back to the management group and closes it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting, Question
from tests import factories

pytestmark = pytest.mark.browser


def step(page, heading):
    return page.locator("form.question-step", has=page.get_by_role("heading", name=heading))


def test_question_goes_around_the_loop(page, sign_in_by_cookie, representative, coordinator, neh):
    meeting = factories.make_meeting(neh, days_ahead=30, theme_title="Kemikaliesmart förskola")
    today = timezone.localdate().isoformat()
    # Raised yesterday: the meeting below is held three hours ago, which after midnight is
    # yesterday, and a question can only be dealt with at a meeting held since it was raised.
    raised = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()

    # The representative registers the question and proposes it to the meeting.
    sign_in_by_cookie(page, "representative")
    page.goto("/mina-natverk/")
    page.get_by_role("link", name="Registrera en fråga från ledningsgruppen").click()
    page.get_by_role("button", name="Registrera frågan").click()
    page.get_by_text("Formuläret behöver rättas").wait_for()
    page.get_by_label("Rubrik").fill("Gemensamma kriterier för inköp?")
    page.get_by_label("Beskrivning").fill("Ledningsgruppen vill veta om nätverket kan enas.")
    page.get_by_label("Datum då ledningsgruppen väckte frågan").fill(raised)
    page.get_by_label("Föreslå frågan till dagordningen för ett möte").check()
    page.get_by_role("combobox", name="Möte").select_option(str(meeting.pk))
    page.get_by_role("button", name="Registrera frågan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemensamma kriterier för inköp?")
    expect(page.locator(".question-facts")).to_contain_text("Föreslagen till dagordningen")
    question = Question.objects.get(title="Gemensamma kriterier för inköp?")
    item = question.agenda_item

    # The coordinator accepts it in the ordinary triage.
    page.context.clear_cookies()
    sign_in_by_cookie(page, "coordinator")
    page.goto(f"/moten/{meeting.pk}/dagordning/hantera/")
    card = page.locator(f"#proposal-{item.pk}")
    card.get_by_label("Acceptera").check()
    card.get_by_role("button", name="Spara beslut").click()
    expect(page.locator("#live-region")).to_contain_text("står nu sist på dagordningen")
    expect(page.locator(".htmx-added, .htmx-settling, .htmx-swapping")).to_have_count(0)

    # The meeting is held (time passes).
    starts = timezone.now() - datetime.timedelta(hours=3)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )

    # From the coordinators' list of open questions: dealt with, then the outcome.
    page.goto("/fragor/")
    page.get_by_role("link", name="Gemensamma kriterier för inköp?").click()
    dealt = step(page, "Markera som behandlad på möte")
    expect(dealt.get_by_label("Behandlad på mötet")).to_have_value(str(meeting.pk))
    dealt.get_by_role("button").click()
    expect(page.locator(".question-facts")).to_contain_text("Behandlad på möte")
    outcome = step(page, "Registrera utfall")
    outcome.get_by_role("button").click()
    expect(outcome.locator(".errorlist")).to_contain_text("Skriv utfallet.")
    outcome = step(page, "Registrera utfall")
    outcome.get_by_label("Utfall").fill("Nätverket tar fram gemensamma kriterier till hösten.")
    outcome.get_by_role("button").click()
    expect(page.locator(".question-facts")).to_contain_text("Utfall registrerat")

    # The representative reports back and closes it.
    page.context.clear_cookies()
    sign_in_by_cookie(page, "representative")
    page.goto(f"/fragor/{question.pk}/")
    expect(page.locator("main")).to_contain_text("Nätverket tar fram gemensamma kriterier")
    report = step(page, "Återrapportera till ledningsgruppen")
    report.get_by_label("Återrapporterad till ledningsgruppen den").fill(today)
    report.get_by_role("button").click()
    expect(page.locator(".question-facts")).to_contain_text("Återrapporterad")
    step(page, "Avsluta frågan").get_by_role("button").click()
    expect(page.locator(".question-facts")).to_contain_text("Avslutad")

    trail = page.locator("#trail + .table-wrap tbody tr")
    expect(trail).to_have_count(6)
    question.refresh_from_db()
    assert question.state == Question.State.CLOSED
    assert list(question.events.values_list("state", flat=True)) == [
        "raised", "on_agenda", "dealt_with", "outcome", "reported_back", "closed",
    ]  # fmt: skip
