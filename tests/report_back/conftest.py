"""A hand-built report-back dataset with known contents: Miljöförvaltningen's pack of a held NEH
meeting, surrounded by what must stay out of it (another administration's, another network's,
an earlier meeting's done actions, a later meeting's, closed consultations)."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from meetings.models import (
    ActionItem,
    ConsultationResponse,
    Minutes,
    MinutesEntry,
    MinutesVersion,
    Question,
)
from tests import factories


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def action(meeting, title, due_on, administrations, status=ActionItem.Status.OPEN):
    done = status == ActionItem.Status.DONE
    item = ActionItem.objects.create(
        meeting=meeting,
        title=title,
        due_on=due_on,
        status=status,
        done_at=timezone.now() if done else None,
    )
    item.administrations.set(administrations)
    return item


def question(network, administration, title, **extra):
    return Question.objects.create(
        network=network, administration=administration, title=title, raised_on=days(-60), **extra
    )


def publish_minutes(meeting, outcomes: dict, coordinator=None) -> Minutes:
    """Minutes of the meeting with one entry per (agenda item → outcome), published as v1."""
    minutes = Minutes.objects.create(meeting=meeting, written_by=coordinator)
    for item, outcome in outcomes.items():
        MinutesEntry.objects.create(minutes=minutes, agenda_item=item, outcome=outcome)
    MinutesVersion.objects.create(minutes=minutes, number=1, content={}, published_by=coordinator)
    return minutes


@pytest.fixture
def held(neh):
    return factories.make_meeting(neh, days_ahead=-10, theme_title="Cirkulär upphandling")


@pytest.fixture
def pack_world(neh, nsh, held, administration, other_administration, coordinator):
    earlier = factories.make_meeting(neh, days_ahead=-40, theme_title="Tidigare möte")
    later = factories.make_meeting(neh, days_ahead=-2, theme_title="Senare möte")
    nsh_meeting = factories.make_meeting(nsh, days_ahead=-10, theme_title="NSH-möte")
    own_item = factories.make_agenda_item(
        held, position=1, title="Miljös punkt om resor", administration=administration
    )
    info_item = factories.make_agenda_item(held, position=2, title="Information från enheten")
    quiet_item = factories.make_agenda_item(held, position=3, title="Övrigt")
    publish_minutes(
        held,
        {own_item: "Nätverket tar fram en resepolicy.", info_item: "Noterat.", quiet_item: ""},
        coordinator,
    )
    w = SimpleNamespace(held=held, earlier=earlier, later=later, nsh_meeting=nsh_meeting)
    w.outcome_question = question(
        neh,
        administration,
        "Fossilfria tjänsteresor?",
        state=Question.State.OUTCOME,
        meeting=held,
        outcome="En gemensam policy tas fram.",
    )
    w.agenda_question = question(
        neh, administration, "Laddstolpar?", state=Question.State.ON_AGENDA, agenda_item=info_item
    )
    question(neh, other_administration, "Socials fråga", state=Question.State.OUTCOME, meeting=held)
    question(neh, administration, "Fråga från förr", state=Question.State.OUTCOME, meeting=earlier)
    action(held, "Utkast till resepolicy", days(20), [administration, other_administration])
    action(held, "Skicka resestatistik", days(-7), [administration])
    action(held, "Redan gjort", days(-5), [administration], ActionItem.Status.DONE)
    action(held, "Bara Socials åtgärd", days(3), [other_administration])
    action(earlier, "Gammal öppen åtgärd", days(5), [administration])
    action(earlier, "Gammal klar åtgärd", days(-20), [administration], ActionItem.Status.DONE)
    action(later, "Senare mötes åtgärd", days(4), [administration])
    action(nsh_meeting, "NSH-åtgärd", days(6), [administration])
    factories.make_document(neh, title="Presentation om resvanor", meeting=held)
    factories.make_document(neh, title="Annat mötes bilaga", meeting=earlier)
    factories.make_consultation(
        neh, asked=[administration], title="Remiss: resepolicy", deadline=days(10)
    )
    sent = factories.make_consultation(
        neh, asked=[administration, other_administration], title="Remiss: redan besvarad"
    )
    ConsultationResponse.objects.filter(document=sent, administration=administration).update(
        sent_at=timezone.now()
    )
    factories.make_consultation(neh, asked=[other_administration], title="Remiss bara till Social")
    factories.make_consultation(
        neh, asked=[administration], title="Stängd remiss", deadline=days(-1)
    )
    factories.make_consultation(nsh, asked=[administration], title="NSH-remiss")
    return w
