import pytest

from meetings.models import AgendaItem
from tests import factories


@pytest.fixture
def meeting(neh):
    """A published NEH meeting a month ahead: proposals are open."""
    return factories.make_meeting(neh, days_ahead=30, theme_title="Klimatanpassning")


@pytest.fixture
def later_meeting(neh):
    return factories.make_meeting(neh, days_ahead=60, theme_title="Solel")


@pytest.fixture
def proposal(meeting, representative, administration):
    return factories.make_agenda_item(
        meeting,
        title="Vår skyfallsplan",
        status=AgendaItem.Status.PROPOSED,
        wished_minutes=20,
        proposed_by=representative,
        administration=administration,
    )


@pytest.fixture
def on_agenda(meeting):
    """Three accepted items, positions 1–3."""
    return [
        factories.make_agenda_item(meeting, position=n, title=f"Punkt {n}", allotted_minutes=20)
        for n in (1, 2, 3)
    ]
