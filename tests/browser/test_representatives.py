"""In a real Chromium: a director replaces a representative; a representative answers and
invites a colleague. The `page` fixture fails the test on any console error,
failed request or CSP violation."""

import pytest

from meetings.models import Attendance, Invitation
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.browser


def test_director_replaces_representative_in_browser(
    page, sign_in, administration, representative, coordinator, mailoutbox
):
    sign_in(page, "director")
    page.get_by_role("link", name="Representanter för Miljöförvaltningen").click()
    page.locator("section", has=page.locator("#network-NEH")).get_by_role(
        "link", name="Byt representant"
    ).click()
    page.get_by_label("Namn").fill("Nora Ny")
    page.get_by_label("E-postadress").fill("nora.ny@example.org")
    page.get_by_role("button", name="Utse").click()
    assert page.get_by_text("Bekräfta alla tre förväntningarna").first.is_visible()
    for box in page.locator("input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Utse").click()
    page.get_by_text("Nora Ny är utsedd till representant i NEH.").wait_for()
    history = page.locator("table.history").first.inner_text()
    assert "Rita Representant" in history and "Nora Ny" in history
    assert Appointment.objects.get(person=representative).end_date is not None
    current = Appointment.objects.current().get(
        administration=administration, role=Appointment.Role.REPRESENTATIVE, network__code="NEH"
    )
    assert current.person.email == "nora.ny@example.org"
    assert {m.to[0] for m in mailoutbox} == {
        "nora.ny@example.org",
        "representant@example.org",
        "samordnare@example.org",
    }


def test_representative_answers_and_invites_in_browser(
    page, sign_in, representative, substitute, neh, mailoutbox
):
    meeting = factories.make_meeting(neh, theme_title="Kemikaliesmart förskola")
    sign_in(page, "representative")
    page.get_by_role("link", name="Svara och bjud in kollegor").click()
    form = page.locator(f"#answer-{meeting.pk}")
    form.get_by_label("Kommer", exact=True).check()
    form.get_by_role("button", name="Spara svar").click()
    # htmx swaps the form in place (no page load) and announces the answer.
    page.locator(f"#answer-{meeting.pk}").get_by_text("Sparat: Kommer").wait_for()
    page.locator("#live-region", has_text="Ditt svar är sparat: Kommer.").wait_for(state="attached")
    # The invitation is behind the meeting's "Mer".
    page.locator(".rsvp-more summary").first.click()
    page.get_by_role("link", name="Bjud in en kollega").first.click()
    page.get_by_label("Kollegans namn").fill("Kalle Kollega")
    page.get_by_label("Kollegans e-postadress").fill("kalle@example.org")
    page.get_by_label("Varför kollegan bjuds in").fill("Ansvarar för kemikalieplanen.")
    page.get_by_role("button", name="Skicka inbjudan").click()
    page.get_by_text("Kalle Kollega är inbjuden").wait_for()
    assert Attendance.objects.get(meeting=meeting, person=representative).answer == "coming"
    assert Invitation.objects.get().email == "kalle@example.org"
    invitation_mail = next(m for m in mailoutbox if m.to == ["kalle@example.org"])
    assert invitation_mail.attachments[0][0].endswith(".ics")
