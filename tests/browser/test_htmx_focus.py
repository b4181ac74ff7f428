"""Every htmx interaction, by keyboard only: where the focus lands and what the live region says.

The rule (static/js/app.js): after a successful update the focus goes to the updated thing or its
heading (the fragment's `data-focus`); after a validation error to the error summary, which links
to each field; the live region is emptied and then given the new message. The list of endpoints
is read from the templates (every `hx-get`/`hx-post`), and each needs a case here: a new htmx
endpoint without a keyboard case fails `test_every_htmx_endpoint_has_a_keyboard_case`.
"""

import datetime
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from meetings.models import AgendaItem, Attendance, ConsultationResponse, Meeting
from tests import factories
from tests.browser.htmx import assert_swap_result

HX_URL = re.compile(r"""hx-(?:get|post|put|patch|delete)="\{% url '([a-z_]+)'""")
SETTLING = ".htmx-request, .htmx-added, .htmx-settling, .htmx-swapping"
SUMMARY_HEADING = "Formuläret behöver rättas"

CASES: dict[str, Callable] = {}


def htmx_endpoints() -> set[str]:
    """The URL names every template sends an htmx request to."""
    names: set[str] = set()
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        names.update(HX_URL.findall(template.read_text(encoding="utf-8")))
    return names


def keyboard_case(*names: str) -> Callable:
    def register(case: Callable) -> Callable:
        for name in names:
            CASES[name] = case
        return case

    return register


def press(page, locator, key: str = "Enter") -> None:
    """Move the focus to an element and press a key, as a keyboard user would after tabbing."""
    expect(page.locator(SETTLING)).to_have_count(0)
    locator.focus()
    page.keyboard.press(key)


def type_into(page, locator, text: str) -> None:
    expect(page.locator(SETTLING)).to_have_count(0)
    locator.focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Backspace")
    if text:
        page.keyboard.type(text)


def assert_error_summary(page, *, says: str) -> None:
    """A validation error: the summary has the focus and the live region reads it."""
    assert_swap_result(page, focus=".error-summary")
    expect(page.locator("#live-region")).to_contain_text(SUMMARY_HEADING)
    expect(page.locator("#live-region")).to_contain_text(says)


def test_every_htmx_endpoint_has_a_keyboard_case():
    missing = htmx_endpoints() - set(CASES)
    assert not missing, f"htmx endpoints without a keyboard case in {__name__}: {sorted(missing)}"
    assert htmx_endpoints(), "no htmx endpoint found: is the template scan broken?"


# --- the agenda ------------------------------------------------------------------------------


@keyboard_case("agenda_proposals")
def proposing(page, sign_in_by_cookie, fixture):
    meeting = factories.make_meeting(fixture("neh"), days_ahead=45, theme_title="Solel på taken")
    fixture("representative")
    sign_in_by_cookie(page, "representative")
    page.goto(f"/moten/{meeting.pk}/forslag/")
    send = page.get_by_role("button", name="Skicka förslaget")
    press(page, send)
    assert_error_summary(page, says="Rubrik")
    type_into(page, page.get_by_label("Rubrik"), "Vår plan för solceller")
    type_into(page, page.get_by_label("Önskad tid (minuter)"), "20")
    press(page, page.get_by_role("button", name="Skicka förslaget"))
    assert_swap_result(
        page,
        focus=".message-success",
        announced="Förslaget ”Vår plan för solceller” är skickat till samordnarna.",
    )


def _workspace(page, sign_in_by_cookie, fixture, *, proposal: bool = False):
    neh = fixture("neh")
    fixture("coordinator")
    meeting = factories.make_meeting(neh, days_ahead=30, theme_title="Solel på taken")
    items = [
        factories.make_agenda_item(meeting, position=n, title=f"Punkt {n}", allotted_minutes=30)
        for n in (1, 2)
    ]
    if proposal:
        items.append(
            factories.make_agenda_item(
                meeting, title="Vår plan för solceller", proposed_by=fixture("representative")
            )
        )
    sign_in_by_cookie(page, "coordinator")
    page.goto(f"/moten/{meeting.pk}/dagordning/hantera/")
    return meeting, items


@keyboard_case("agenda_triage")
def triaging(page, sign_in_by_cookie, fixture):
    _, items = _workspace(page, sign_in_by_cookie, fixture, proposal=True)
    proposal = items[-1]
    card = page.locator(f"#proposal-{proposal.pk}")
    press(page, card.get_by_role("button", name="Spara beslut"))
    assert_error_summary(page, says="Välj om förslaget ska accepteras, flyttas eller avböjas.")
    # The error is on the radios and their group, and the summary links to the group.
    card = page.locator(f"#proposal-{proposal.pk}")
    error_id = f"id_t{proposal.pk}-action_error"
    expect(card.get_by_role("group", name=re.compile("Beslut"))).to_have_attribute(
        "aria-describedby", error_id
    )
    for radio in card.get_by_role("radio").all():
        expect(radio).to_have_attribute("aria-invalid", "true")
        expect(radio).to_have_attribute("aria-describedby", error_id)
    expect(card.locator(".error-summary a")).to_have_attribute("href", f"#id_t{proposal.pk}-action")
    press(page, card.get_by_label("Acceptera"), "Space")
    press(page, card.get_by_role("button", name="Spara beslut"))
    assert_swap_result(
        page,
        focus=".message-success",
        announced="”Vår plan för solceller” står nu sist på dagordningen.",
    )
    proposal.refresh_from_db()
    assert proposal.status == AgendaItem.Status.ACCEPTED


@keyboard_case("agenda_move")
def moving(page, sign_in_by_cookie, fixture):
    _, items = _workspace(page, sign_in_by_cookie, fixture)
    press(page, page.locator(f"#move-up-{items[1].pk}"))
    assert_swap_result(
        page,
        focus=f"#move-down-{items[1].pk}",
        announced="”Punkt 2” flyttades till plats 1 av 2.",
    )


@keyboard_case("agenda_time")
def timing(page, sign_in_by_cookie, fixture):
    _, items = _workspace(page, sign_in_by_cookie, fixture)
    item = page.locator(f"#item-{items[0].pk}")
    press(page, item.locator("summary"))
    type_into(page, item.get_by_label("Tid (minuter)"), "0")
    press(page, item.get_by_role("button", name=re.compile(r"^Spara\s*:")))
    assert_error_summary(page, says="Tid (minuter)")
    item = page.locator(f"#item-{items[0].pk}")
    type_into(page, item.get_by_label("Tid (minuter)"), "15")
    press(page, item.get_by_role("button", name=re.compile(r"^Spara\s*:")))
    assert_swap_result(page, focus=".message-success", announced="”Punkt 1”: 15 minuter.")


@keyboard_case("agenda_add")
def adding(page, sign_in_by_cookie, fixture):
    _workspace(page, sign_in_by_cookie, fixture)
    add = page.locator("#add-heading + form")
    press(page, add.get_by_role("button", name="Lägg till sist på dagordningen"))
    assert_error_summary(page, says="Rubrik")
    add = page.locator("#add-heading + form")
    type_into(page, add.get_by_label("Rubrik"), "Lägesbild solel")
    type_into(page, add.get_by_label("Tid (minuter)"), "10")
    press(page, add.get_by_role("button", name="Lägg till sist på dagordningen"))
    assert_swap_result(
        page,
        focus=".message-success",
        announced="”Lägesbild solel” är tillagd sist på dagordningen.",
    )


@keyboard_case("agenda_publish")
def publishing(page, sign_in_by_cookie, fixture):
    _workspace(page, sign_in_by_cookie, fixture)
    press(page, page.get_by_role("button", name="Publicera dagordningen"))
    # htmx answers with a full-page redirect: the page starts at its message.
    messages = page.locator("main .messages")
    expect(messages).to_contain_text("Version 1 av dagordningen är publicerad")
    expect(messages).to_be_focused()


# --- the meeting page ------------------------------------------------------------------------


@keyboard_case("meeting_edit")
def editing_a_meeting(page, sign_in_by_cookie, fixture):
    neh = fixture("neh")
    fixture("coordinator")
    meeting = factories.make_meeting(
        neh, days_ahead=60, status=Meeting.Status.PLANNED, theme_title="Utkast"
    )
    sign_in_by_cookie(page, "coordinator")
    page.goto(meeting.get_absolute_url())
    press(page, page.locator("#edit-meeting"))
    assert_swap_result(page, focus="#edit-heading", announced="")
    type_into(page, page.get_by_label("Länk till digitalt möte"), "inte en länk")
    press(page, page.get_by_role("button", name="Spara", exact=True))
    assert_error_summary(page, says="Länk till digitalt möte")
    # A real change (an edit that changes nothing is not saved, and says so).
    type_into(page, page.get_by_label("Länk till digitalt möte"), "https://teams.example.org/neh")
    press(page, page.get_by_role("button", name="Spara", exact=True))
    assert_swap_result(page, focus="#edit-meeting", announced="Mötet är sparat.")
    expect(page.locator("#meeting-facts-section .message-success")).to_be_visible()


@keyboard_case("attendance_answer")
def answering(page, sign_in_by_cookie, fixture):
    meeting = factories.make_meeting(fixture("neh"), theme_title="Kemikaliesmart förskola")
    fixture("representative")
    sign_in_by_cookie(page, "representative")
    page.goto("/mina-natverk/")
    form = page.locator(f"#answer-{meeting.pk}")
    press(page, form.get_by_role("button", name="Spara svar"))
    expect(page.locator("#live-region")).to_have_text("Välj ett svar.")
    expect(form.get_by_label("Kommer", exact=True)).to_be_focused()
    # Choosing saves at once, and the focus stays on the choice.
    press(page, form.get_by_label("Kommer", exact=True), "Space")
    assert_swap_result(
        page, focus=f"#answer-{meeting.pk}-answer_0", announced="Ditt svar är sparat: Kommer."
    )


@keyboard_case("attendance_record")
def recording_attendance(page, sign_in_by_cookie, fixture):
    neh = fixture("neh")
    fixture("coordinator")
    representative = fixture("representative")
    meeting = factories.make_meeting(neh, days_ahead=-1, theme_title="Hållet möte")
    sign_in_by_cookie(page, "coordinator")
    page.goto(meeting.get_absolute_url())
    press(page, page.locator(f"#present-{representative.pk}"), "Space")
    assert_swap_result(page, focus=f"#present-{representative.pk}", announced="Närvaron är sparad.")
    assert Attendance.objects.get(meeting=meeting, person=representative).attended


# --- calendar, documents, wishes, accounts, work areas ---------------------------------------


@keyboard_case("calendar_delivery")
def choosing_delivery(page, sign_in_by_cookie, fixture):
    fixture("representative")
    sign_in_by_cookie(page, "representative")
    page.goto("/kalender/")
    delivery = page.locator("#delivery")
    radios = delivery.get_by_role("radio")
    target = radios.nth(1) if radios.nth(0).is_checked() else radios.nth(0)
    press(page, target, "Space")
    press(page, delivery.get_by_role("button", name="Spara"))
    assert_swap_result(page, focus="#delivery .notice", announced="Ditt val är sparat.")


@keyboard_case("calendar_new_link")
def making_a_calendar_link(page, sign_in_by_cookie, fixture):
    fixture("representative")
    sign_in_by_cookie(page, "representative")
    page.goto("/kalender/")
    press(page, page.locator("#feeds button").first)
    assert_swap_result(
        page, focus="#feeds .calendar-links", announced="En ny kalenderlänk är skapad."
    )


@keyboard_case("consultation_response_mark")
def marking_a_response(page, sign_in_by_cookie, fixture):
    administration = fixture("administration")
    fixture("representative")
    document = factories.make_consultation(
        fixture("neh"), asked=[administration], title="Remiss: ny avfallsplan"
    )
    sign_in_by_cookie(page, "representative")
    page.goto(document.get_absolute_url())
    press(page, page.get_by_role("button", name=re.compile("Markera svaret")))
    message = f"Svaret från {administration.name} är markerat som skickat."
    assert_swap_result(page, focus="#responses .notice", announced=message)
    assert ConsultationResponse.objects.get(document=document).is_sent


@keyboard_case("theme_suggestion_support")
def supporting_a_theme(page, sign_in_by_cookie, fixture):
    from meetings.wishes import workflow as wishes

    neh = fixture("neh")
    fixture("substitute")
    area = neh.work_areas.active().first()
    suggestion = wishes.suggest(
        neh,
        fixture("representative"),
        {"title": "Laddinfrastruktur", "why": "Alla bygger.", "work_area": area},
    )
    sign_in_by_cookie(page, "substitute")
    page.goto("/natverk/neh/temaforslag/")
    press(page, page.locator(f"#support-button-{suggestion.pk}"))
    assert_swap_result(
        page,
        focus=f"#support-button-{suggestion.pk}",
        announced="Du stöder ”Laddinfrastruktur”. 1 stöder förslaget.",
    )


@keyboard_case("person_deactivate")
def deactivating(page, sign_in_by_cookie, fixture):
    fixture("coordinator")
    person = factories.make_user("tidigare@example.org", "Tove Tidigare")
    appointment = factories.make_appointment(
        person, fixture("administration"), fixture("neh"), start_date=datetime.date(2024, 1, 1)
    )
    appointment.end(datetime.date(2025, 12, 31))
    sign_in_by_cookie(page, "coordinator")
    page.goto("/personer/utan-uppdrag/")
    press(page, page.get_by_role("button", name="Avaktivera – Tove Tidigare"))
    assert_swap_result(
        page, focus="#people .notice", announced="Kontot för Tove Tidigare är avaktiverat."
    )


@keyboard_case("work_area_move", "work_area_archive", "work_area_restore", "work_area_add")
def keeping_work_areas(page, sign_in_by_cookie, fixture):
    neh = fixture("neh")
    fixture("coordinator")
    first, second = neh.work_areas.active()[:2]
    sign_in_by_cookie(page, "coordinator")
    page.goto("/natverk/neh/")
    section = page.locator("#work-areas-section")
    # Moving keeps the focus on the button used (or its pair at the end of the list).
    press(page, section.locator(f"#move-up-{second.pk}"))
    assert_swap_result(page, focus=f"#work-area-{second.pk}", announced=None)
    expect(page.locator("#live-region")).to_contain_text(f"”{second.name}” är nu nummer 1")
    # Archiving removes the item: the focus goes to the list's heading.
    press(
        page,
        section.locator(f"#work-area-{first.pk}").get_by_role(
            "button", name=re.compile("^Arkivera")
        ),
    )
    assert_swap_result(page, focus="#work-areas", announced=None)
    expect(page.locator("#live-region")).to_contain_text(f"”{first.name}” är arkiverat.")
    # Restoring (from the folded list of archived areas).
    press(page, section.locator(".archived-work-areas summary"))
    press(
        page, section.locator(".archived-work-areas li", has_text=first.name).get_by_role("button")
    )
    expect(page.locator("#live-region")).to_have_text(f"”{first.name}” är återställt.")
    expect(page.locator("body")).not_to_be_focused()
    # Adding: an error goes to the summary, a success to the new item.
    add = page.locator("form.work-area-add")
    press(page, add.get_by_role("button", name="Lägg till"))
    assert_error_summary(page, says="Namn")
    type_into(page, page.locator("form.work-area-add").get_by_label("Namn"), "Buller")
    press(page, page.locator("form.work-area-add").get_by_role("button", name="Lägg till"))
    expect(page.locator("#live-region")).to_have_text("Arbetsområdet ”Buller” är tillagt.")
    assert page.evaluate("document.activeElement.id").startswith("work-area-")


@pytest.mark.browser
@pytest.mark.parametrize("case", sorted({case.__name__ for case in CASES.values()}))
def test_htmx_interaction_by_keyboard(case, page, sign_in_by_cookie, request):
    page.set_default_timeout(10_000)
    globals()[case](page, sign_in_by_cookie, request.getfixturevalue)
