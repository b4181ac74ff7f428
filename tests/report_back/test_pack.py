"""The pack's content on a hand-built dataset, its page and its plain text."""

import pytest
from django.urls import reverse

from meetings.models import Minutes, MinutesEntry
from meetings.report_back import pack as report_back
from tests import factories
from tests.report_back.conftest import days

pytestmark = pytest.mark.django_db


def miljo_pack(pack_world, administration):
    return report_back.build_pack(pack_world.held, administration)


def test_questions_are_the_administrations_at_this_meeting_with_their_state(
    pack_world, administration
):
    pack = miljo_pack(pack_world, administration)
    assert [(q.title, q.state) for q in pack.questions] == [
        ("Fossilfria tjänsteresor?", "outcome"),
        ("Laddstolpar?", "on_agenda"),
    ]


def test_outcomes_are_the_published_minutes_entries_with_an_outcome_in_agenda_order(
    pack_world, administration
):
    minutes = report_back.outcomes_from_minutes(pack_world.held)
    assert minutes.is_published
    assert [(e.agenda_item.title, e.outcome) for e in minutes.entries] == [
        ("Miljös punkt om resor", "Nätverket tar fram en resepolicy."),
        ("Information från enheten", "Noterat."),
    ]


def test_minutes_not_published_or_missing_give_no_outcomes(neh, held):
    assert not report_back.outcomes_from_minutes(held).is_published
    item = factories.make_agenda_item(held, position=1)
    minutes = Minutes.objects.create(meeting=held)
    MinutesEntry.objects.create(minutes=minutes, agenda_item=item, outcome="Utkast")
    outcomes = report_back.outcomes_from_minutes(held)
    assert not outcomes.is_published and outcomes.entries == []


def test_actions_of_the_meeting_and_overdue_flag(pack_world, administration):
    pack = miljo_pack(pack_world, administration)
    assert [(a.title, a.status, a.is_overdue) for a in pack.actions] == [
        ("Skicka resestatistik", "open", True),
        ("Redan gjort", "done", False),
        ("Utkast till resepolicy", "open", False),
    ]


def test_material_is_the_meetings_documents_and_open_consultations_asking_it(
    pack_world, administration
):
    pack = miljo_pack(pack_world, administration)
    assert [d.title for d in pack.documents] == ["Presentation om resvanor"]
    assert [(d.title, d.response_sent_at is not None) for d in pack.consultations] == [
        ("Remiss: resepolicy", False),
        ("Remiss: redan besvarad", True),
    ]


def test_expected_is_open_actions_and_unsent_responses_by_date(pack_world, administration):
    pack = miljo_pack(pack_world, administration)
    assert [(e.due_on, e.title, e.overdue) for e in pack.expected] == [
        (days(-7), "Skicka resestatistik", True),
        (days(5), "Gammal öppen åtgärd", False),
        (days(10), "Remiss: resepolicy", False),
        (days(20), "Utkast till resepolicy", False),
    ]


def test_another_administrations_pack_has_its_own_content(pack_world, other_administration):
    pack = report_back.build_pack(pack_world.held, other_administration)
    assert [q.title for q in pack.questions] == ["Socials fråga"]
    assert [a.title for a in pack.actions] == ["Bara Socials åtgärd", "Utkast till resepolicy"]
    assert [d.title for d in pack.consultations] == [
        "Remiss bara till Social",
        "Remiss: redan besvarad",
    ]


def test_pack_page_shows_the_content_to_the_representative(pack_world, administration, client_for):
    url = reverse("report_back_pack", args=[pack_world.held.pk, administration.pk])
    response = client_for("representative").get(url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Fossilfria tjänsteresor?",
        "Utfall registrerat",
        "En gemensam policy tas fram.",
        "Nätverket tar fram en resepolicy.",
        "Presentation om resvanor",
        "Remiss: resepolicy",
        "försenad",
        "Inte presenterad för ledningsgruppen ännu.",
        'data-copy-target="pack-text"',
    ):
        assert text in html, text
    for text in ("Socials fråga", "Bara Socials åtgärd", "NSH-åtgärd", "Stängd remiss"):
        assert text not in html, text
    assert 'action="{}"'.format(reverse("report_back_mark", args=[pack_world.held.pk])) in html


def test_director_reads_the_pack_without_the_form(pack_world, administration, client_for):
    url = reverse("report_back_pack", args=[pack_world.held.pk, administration.pk])
    response = client_for("director").get(url)
    assert response.status_code == 200
    assert "Fossilfria tjänsteresor?" in response.content.decode()
    assert reverse("report_back_mark", args=[pack_world.held.pk]) not in response.content.decode()


def test_plain_text(pack_world, administration, client_for):
    url = reverse("report_back_text", args=[pack_world.held.pk, administration.pk])
    response = client_for("representative").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "<" not in text
    lines = text.splitlines()
    assert lines[0] == (
        "Återrapport från Nätverk för ekologisk hållbarhet till ledningsgruppen, Miljöförvaltningen"
    )
    assert "- Fossilfria tjänsteresor? (Utfall registrerat)" in lines
    assert "  Utfall: En gemensam policy tas fram." in lines
    assert "- Miljös punkt om resor: Nätverket tar fram en resepolicy." in lines
    expected = lines[lines.index("VAD SOM FÖRVÄNTAS AV FÖRVALTNINGEN OCH NÄR") + 1 :]
    assert expected[:4] == [
        f"- {days(-7):%Y-%m-%d} Åtgärd: Skicka resestatistik (försenad)",
        f"- {days(5):%Y-%m-%d} Åtgärd: Gammal öppen åtgärd",
        f"- {days(10):%Y-%m-%d} Remissvar: Remiss: resepolicy",
        f"- {days(20):%Y-%m-%d} Åtgärd: Utkast till resepolicy",
    ]
    assert "Socials fråga" not in text


def test_empty_pack_says_so(held, administration):
    text = report_back.as_text(report_back.build_pack(held, administration))
    assert "- Inga frågor från förvaltningen behandlades på mötet." in text
    assert "- Minnesanteckningarna är inte publicerade ännu." in text
    assert "- Inget är utestående." in text


def test_outcomes_written_in_markdown_are_rendered_and_sanitised_on_the_pack(
    pack_world, administration, client_for
):
    """The minutes' outcomes are Markdown: the pack shows them as the minutes page does."""
    pack_world.outcome_question.outcome = "Vi prioriterar **klimatanpassning**.<script>x()</script>"
    pack_world.outcome_question.save()
    url = reverse("report_back_pack", args=[pack_world.held.pk, administration.pk])
    html = client_for("representative").get(url).content.decode()
    # The page renders it; the copyable plain text (a textarea) has the words, no Markdown.
    page, _, rest = html.partition("<textarea")
    assert "<strong>klimatanpassning</strong>" in page
    assert "**klimatanpassning**" not in page
    assert "Vi prioriterar klimatanpassning." in rest
    assert "**" not in rest
    assert "<script>x()" not in html


def test_plain_text_shows_no_markdown(pack_world, administration):
    pack_world.outcome_question.outcome = (
        "**Beslut:** en *gemensam* mall.\n\n- steg ett\n- steg två"
    )
    pack_world.outcome_question.save()
    text = report_back.as_text(miljo_pack(pack_world, administration))
    assert "Utfall: Beslut: en gemensam mall. steg ett; steg två" in text
    assert "**" not in text and "*gemensam*" not in text
