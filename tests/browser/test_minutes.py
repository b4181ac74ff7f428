"""Minutes in a real Chromium: a coordinator writes the minutes of a held meeting,
adds an action from an agenda item, publishes (the network is mailed), and the action shows
under "Uppföljning" on the next meeting. The `page` fixture fails the test on any console
error, failed request or CSP violation."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import ActionItem, MinutesVersion
from tests import factories

pytestmark = pytest.mark.browser


def test_coordinator_writes_and_publishes_minutes_with_an_action(
    page, sign_in_by_cookie, coordinator, representative, administration, neh, mailoutbox
):
    held = factories.make_meeting(neh, days_ahead=-3, theme_title="Klimatanpassning")
    item = factories.make_agenda_item(held, position=1, title="Skyfallsplanen")
    upcoming = factories.make_meeting(neh, days_ahead=20, theme_title="Solel")

    sign_in_by_cookie(page, "coordinator")
    page.goto(held.get_absolute_url())
    page.get_by_role("link", name="Skriv minnesanteckningarna").click()
    page.get_by_label("Allmänna anteckningar").fill("Mötet var **välbesökt**. <script>x</script>")
    page.locator(f"#id_e{item.pk}-note").fill("Miljöförvaltningen presenterade planen.")
    page.locator(f"#id_e{item.pk}-outcome").fill("Planen ska tas fram till våren.")
    page.get_by_role("button", name="Spara utkastet").click()
    page.get_by_text("Utkastet är sparat").wait_for()

    # An action from the agenda item; a due date before the meeting is refused first.
    page.get_by_role("link", name="Ny åtgärd från ”Skyfallsplanen”").click()
    page.get_by_label("Vad ska göras?").fill("Ta fram en skyfallsplan")
    page.get_by_label(administration.name).check()
    before = timezone.localdate(held.starts_at) - datetime.timedelta(days=1)
    page.get_by_label("Klart senast").fill(before.isoformat())
    page.get_by_role("button", name="Skapa åtgärden").click()
    page.get_by_text("Sista dag kan inte ligga före mötet.").first.wait_for()
    due = timezone.localdate() + datetime.timedelta(days=14)
    page.get_by_label("Klart senast").fill(due.isoformat())
    page.get_by_role("button", name="Skapa åtgärden").click()
    page.get_by_text("Åtgärden ”Ta fram en skyfallsplan” är skapad.").wait_for()
    action = ActionItem.objects.get()
    assert action.agenda_item == item and list(action.administrations.all()) == [administration]

    page.get_by_role("button", name="Publicera minnesanteckningarna").click()
    page.get_by_role("heading", name="Minnesanteckningar: Klimatanpassning").wait_for()
    page.get_by_text("Version 1 av minnesanteckningarna är publicerad").wait_for()
    assert page.locator(".markdown strong", has_text="välbesökt").count() == 1
    assert page.locator(".markdown script").count() == 0
    assert page.get_by_text("Ta fram en skyfallsplan").count() == 1
    assert MinutesVersion.objects.get().number == 1
    assert representative.email in [m.to[0] for m in mailoutbox]

    # The open action, due by the next meeting, is followed up on its agenda.
    page.goto(upcoming.get_absolute_url())
    follow_up = page.locator("section.follow-up")
    follow_up.get_by_role("heading", name="Uppföljning").wait_for()
    assert "Ta fram en skyfallsplan" in follow_up.inner_text()
    assert administration.name in follow_up.inner_text()
