"""The search's shared test data: a varied world to search in (the trigram index's tests and
the full-text plans' tests compare two ways of searching it)."""

import pytest

from meetings.minutes import workflow as minutes
from meetings.models import (
    AgendaItem,
    Document,
    Meeting,
    Minutes,
    MinutesEntry,
    MinutesVersion,
    Question,
)
from meetings.search import engine
from tests import factories


@pytest.fixture
def varied(neh, nsh, coordinator, administration, other_administration):
    """Meetings, agenda items, minutes, documents and questions of every status, in both
    networks, with Swedish letters in both cases, words inside other words and words found
    only in a body text."""
    texts = [
        ("Remiss om Åland", "Kommunstyrelsen vill ha svar på remissen."),
        ("ÅLANDSFÄRJAN", "Beskrivning av punkten. ÅTERVINNINGEN av plast."),
        ("Återvinning i skolor", "Förskolor och skolor: erfarenheter."),
        ("Solceller", "Solcellerna på taket gav mer än väntat; ett ärende om ÄRENDEN."),
        ("Kort", "enbartibrödtext står bara här, och Ö."),
        ("Klimatplan 2030", "Ledningsgruppen har en fråga om remiss av planen."),
        ("Budget", "Inget om det andra: el, av, ö."),
        ("Laddstolpar", "REMISSVAR från förvaltningen; Åland åland ÅLAND."),
    ]
    for n, network in enumerate([neh, nsh] * 4):
        title, body = texts[n % len(texts)]
        status = [Meeting.Status.PUBLISHED, Meeting.Status.PLANNED, Meeting.Status.CANCELLED][n % 3]
        meeting = factories.make_meeting(
            network,
            days_ahead=-40 + 9 * n,
            status=status,
            theme_title=title,
            theme_description=body,
        )
        items = []
        for m, (item_title, item_body) in enumerate(texts):
            items.append(
                factories.make_agenda_item(
                    meeting,
                    position=m + 1 if m % 3 == 0 else None,
                    status=[
                        AgendaItem.Status.ACCEPTED,
                        AgendaItem.Status.PROPOSED,
                        AgendaItem.Status.DECLINED,
                    ][m % 3],
                    title=item_title,
                    description=item_body,
                )
            )
        if n % 2 == 0:
            factories.publish_agenda(meeting)
        draft = Minutes.objects.create(
            meeting=meeting, summary="Mötet öppnades.", written_by=coordinator
        )
        for item in items[:3]:
            MinutesEntry.objects.create(
                minutes=draft,
                agenda_item=item,
                note=f"{item.description} hemligt",
                outcome="Noterat.",
            )
        if n % 2 == 1:
            MinutesVersion.objects.create(
                minutes=draft,
                number=1,
                content=minutes.content(meeting, draft),
                published_by=coordinator,
            )
        factories.make_document(network, title=f"{title} {n}")
        for m, (q_title, q_body) in enumerate(texts[:4]):
            factories.make_question(
                network,
                [administration, other_administration][(n + m) % 2],
                title=f"{q_title} {n}",
                description=q_body,
                written_answer="Svar: " + texts[(m + 1) % len(texts)][1],
                outcome="Utfall: " + texts[(m + 2) % len(texts)][0],
            )
    # Many hits of one word, more than a page of each kind.
    for n in range(engine.HITS_PER_KIND + 5):
        Document.objects.create(network=neh, title=f"Remiss nummer {n}", url="https://x.se")
    assert Question.objects.exists()
