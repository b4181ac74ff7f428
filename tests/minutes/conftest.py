import pytest

from tests import factories


@pytest.fixture
def held(neh):
    """An NEH meeting held two days ago, with two accepted agenda items."""
    meeting = factories.make_meeting(neh, days_ahead=-2, theme_title="Hållet möte")
    meeting.items = [
        factories.make_agenda_item(meeting, position=1, title="Skyfallsplan"),
        factories.make_agenda_item(meeting, position=2, title="Solel"),
    ]
    return meeting


@pytest.fixture
def next_meeting(neh):
    return factories.make_meeting(neh, days_ahead=20, theme_title="Nästa möte")
