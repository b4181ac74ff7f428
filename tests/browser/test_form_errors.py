"""Forms answered again with their errors, in a real Chromium. The app's rule (docs/architecture.md,
"htmx"): a form's errors come back with 422, and htmx is configured once (base.html) to swap a
422 like a 200. Every form that can answer 422 to htmx is here: the error is shown, tied to its
field (aria-invalid, aria-describedby) and announced (the live region); nothing is saved.
The plain forms that answer 422 (a full page) start at their error summary."""

import pytest
from playwright.sync_api import expect

from meetings.models import Attendance, Invitation
from tests import factories

pytestmark = pytest.mark.browser


def assert_tied_to(page, field, error_id: str, message: str) -> None:
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", error_id)
    expect(page.locator(f"#{error_id}")).to_have_text(message)


def test_answer_without_a_choice_shows_and_announces_the_error(
    page, sign_in_by_cookie, representative, substitute, neh
):
    meeting = factories.make_meeting(neh, theme_title="Kemikaliesmart förskola")
    sign_in_by_cookie(page, "representative")
    for url in ("/mina-natverk/", meeting.get_absolute_url()):
        page.goto(url)
        form = page.locator(f"#answer-{meeting.pk}")
        form.get_by_role("button", name="Spara svar").click()
        # htmx swapped the 422 in place: the message, on the radio buttons, read out, and the
        # focus on the first choice (the button that was clicked is gone with the old form).
        error = f"answer-{meeting.pk}-answer-error"
        expect(form.locator(f"#{error}")).to_have_text("Välj ett svar.")
        expect(page.locator("#live-region")).to_have_text("Välj ett svar.")
        for radio in form.get_by_role("radio").all():
            assert_tied_to(page, radio, error, "Välj ett svar.")
        expect(form.get_by_label("Kommer", exact=True)).to_be_focused()
        expect(form.get_by_role("group")).to_have_attribute("aria-describedby", error)
        assert not Attendance.objects.filter(meeting=meeting).exists()
        # Choosing an answer then saves it at once, in the same swapped form.
        form.get_by_label("Kommer", exact=True).check()
        expect(form).to_contain_text("Sparat: Kommer")
        expect(page.locator("#live-region")).to_have_text("Ditt svar är sparat: Kommer.")
        expect(form.get_by_label("Kommer", exact=True)).to_be_focused()
        assert Attendance.objects.get(meeting=meeting).answer == "coming"
        Attendance.objects.filter(meeting=meeting).delete()


def test_attendance_list_that_went_stale_shows_and_announces_the_error(
    page, sign_in_by_cookie, representative, substitute, coordinator, neh
):
    meeting = factories.make_meeting(neh, days_ahead=-1, theme_title="Hållet möte")
    sign_in_by_cookie(page, "coordinator")
    page.goto(meeting.get_absolute_url())
    # While the page is open, the substitute's seat ends: ticking them is refused with 422.
    substitute.appointments.get().end()
    # A click, not check(): the refused list comes back unticked, which check() would wait
    # to see ticked (under load the answer could arrive before it looked, and it timed out).
    page.get_by_label("Erik Ersättare var där").click()
    attendance = page.locator("#attendance")
    message = "Listan kunde inte sparas. Ladda om sidan och försök igen."
    expect(attendance.locator("#attendance-error")).to_have_text(message)
    expect(page.locator("#live-region")).to_have_text(message)
    assert_tied_to(page, attendance.get_by_role("group"), "attendance-error", message)
    assert not Attendance.objects.filter(meeting=meeting, attended=True).exists()


def test_plain_form_with_errors_starts_at_its_error_summary(
    page, sign_in_by_cookie, representative, neh
):
    meeting = factories.make_meeting(neh, theme_title="Kemikaliesmart förskola")
    sign_in_by_cookie(page, "representative")
    page.goto(f"/moten/{meeting.pk}/bjud-in/")
    page.get_by_label("Kollegans e-postadress").fill("inte-en-adress")
    page.get_by_role("button", name="Skicka inbjudan").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("Kollegans namn")
    name = page.get_by_label("Kollegans namn")
    expect(name).to_have_attribute("aria-invalid", "true")
    described_by = name.get_attribute("aria-describedby") or ""
    assert "id_full_name_error" in described_by.split()
    expect(page.locator("#id_full_name_error")).to_contain_text("Detta fält måste fyllas i.")
    assert not Invitation.objects.exists()
