"""One question all around the loop in a real Chromium: the representative
registers and proposes it; the coordinator accepts it; after the meeting the coordinator writes
the minutes with its outcome and an action and publishes them, which gives the question its
outcome; the representative opens the report-back pack, sees the outcome and the action, marks
the pack presented, which reports the question back, and closes the question."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.agenda import workflow as agenda
from meetings.models import Meeting, Question, ReportBack
from tests import factories

pytestmark = pytest.mark.browser
TITLE = "Kan vi upphandla solceller tillsammans?"
OUTCOME = "Nätverket tar fram en gemensam upphandlingsmall."
ACTION = "Ta fram ett utkast till upphandlingsmall"


def test_question_goes_from_proposal_to_the_presented_pack(
    page, sign_in_by_cookie, representative, coordinator, administration, neh
):
    meeting = factories.make_meeting(neh, days_ahead=30, theme_title="Solel")
    today = timezone.localdate()

    # The representative registers the question and proposes it to the meeting.
    sign_in_by_cookie(page, "representative")
    page.goto("/mina-natverk/")
    page.get_by_role("link", name="Registrera en fråga från ledningsgruppen").click()
    page.get_by_label("Rubrik").fill(TITLE)
    # Raised yesterday: the meeting below is held three hours ago, which after midnight is
    # yesterday, and a question can only be dealt with at a meeting held since it was raised.
    raised = today - datetime.timedelta(days=1)
    page.get_by_label("Datum då ledningsgruppen väckte frågan").fill(raised.isoformat())
    page.get_by_label("Föreslå frågan till dagordningen för ett möte").check()
    page.get_by_role("combobox", name="Möte").select_option(str(meeting.pk))
    page.get_by_role("button", name="Registrera frågan").click()
    expect(page.locator(".question-facts")).to_contain_text("Föreslagen till dagordningen")
    question = Question.objects.get(title=TITLE)
    item = question.agenda_item

    # The coordinator accepts it.
    page.context.clear_cookies()
    sign_in_by_cookie(page, "coordinator")
    page.goto(f"/moten/{meeting.pk}/dagordning/hantera/")
    card = page.locator(f"#proposal-{item.pk}")
    card.get_by_label("Acceptera").check()
    card.get_by_role("button", name="Spara beslut").click()
    expect(page.locator("#live-region")).to_contain_text("står nu sist på dagordningen")
    expect(page.locator(".htmx-added, .htmx-settling, .htmx-swapping")).to_have_count(0)
    # The agenda is published (its own browser test does that through the page).
    agenda.publish(meeting, coordinator, "", 0)

    # The meeting is held (time passes).
    starts = timezone.now() - datetime.timedelta(hours=3)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )

    # The coordinator writes the minutes with the outcome and an action, and publishes them.
    page.goto(f"/moten/{meeting.pk}/")
    page.get_by_role("link", name="Skriv minnesanteckningarna").click()
    page.locator(f"#id_e{item.pk}-note").fill("Miljöförvaltningen presenterade frågan.")
    page.locator(f"#id_e{item.pk}-outcome").fill(OUTCOME)
    page.get_by_role("button", name="Spara utkastet").click()
    page.get_by_text("Utkastet är sparat").wait_for()
    page.get_by_role("link", name=f"Ny åtgärd från ”{TITLE}”").click()
    page.get_by_label("Vad ska göras?").fill(ACTION)
    page.get_by_label(administration.name).check()
    page.get_by_label("Klart senast").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Skapa åtgärden").click()
    page.get_by_text(f"Åtgärden ”{ACTION}” är skapad.").wait_for()
    page.get_by_role("button", name="Publicera minnesanteckningarna").click()
    page.get_by_text("Version 1 av minnesanteckningarna är publicerad").wait_for()

    # The question shows the outcome, both steps on its trail.
    page.goto(f"/fragor/{question.pk}/")
    expect(page.locator(".question-facts")).to_contain_text("Utfall registrerat")
    expect(page.locator("main")).to_contain_text(OUTCOME)
    expect(page.locator("#trail + .table-wrap tbody tr")).to_have_count(4)

    # The representative opens the pack from the meeting page and marks it presented.
    page.context.clear_cookies()
    sign_in_by_cookie(page, "representative")
    page.goto(f"/moten/{meeting.pk}/")
    expect(page.locator("#meeting-questions")).to_contain_text(TITLE)
    page.get_by_role("link", name=f"Återrapport för {administration.name}").click()
    expect(page.locator("#pack-questions")).to_contain_text(OUTCOME)
    expect(page.locator("#pack-actions")).to_contain_text(ACTION)
    expect(page.get_by_label("Presenterad för ledningsgruppen den")).to_have_value(
        today.isoformat()
    )
    page.get_by_role("button", name="Markera som presenterad").click()
    expect(page.locator("#pack-state")).to_contain_text("Presenterad för ledningsgruppen")
    expect(page.locator("main")).to_contain_text("1 fråga med utfall från mötet är nu")
    expect(page.locator("#pack-questions")).to_contain_text("Återrapporterad")

    # The question shows it reported back; the representative closes it.
    page.locator("#pack-questions").get_by_role("link", name=TITLE).click()
    expect(page.locator(".question-facts")).to_contain_text("Återrapporterad")
    close = page.get_by_role("heading", name="Avsluta frågan")
    page.locator("form.question-step", has=close).get_by_role("button").click()
    expect(page.locator(".question-facts")).to_contain_text("Avslutad")

    question.refresh_from_db()
    assert question.reported_back_on == ReportBack.objects.get().presented_on == today
    assert list(question.events.values_list("state", flat=True)) == [
        "raised", "on_agenda", "dealt_with", "outcome", "reported_back", "closed",
    ]  # fmt: skip
