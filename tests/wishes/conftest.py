import pytest

from meetings.models import Meeting, ThemeSuggestion
from tests import factories


def make_suggestion(network, person, administration, **extra) -> ThemeSuggestion:
    extra.setdefault("title", "Laddinfrastruktur")
    extra.setdefault("why", "Alla bygger laddplatser samtidigt.")
    extra.setdefault("work_area", network.work_areas.active().first())
    return ThemeSuggestion.objects.create(
        network=network, suggested_by=person, administration=administration, **extra
    )


@pytest.fixture
def suggestion(neh, representative, administration):
    """The representative's open suggestion in NEH."""
    return make_suggestion(neh, representative, administration)


@pytest.fixture
def planned(neh):
    """A planned NEH meeting ahead, without a theme: where a suggestion can be adopted."""
    return factories.make_meeting(neh, days_ahead=50, status=Meeting.Status.PLANNED, theme_title="")


@pytest.fixture
def other_member(neh, other_administration):
    """A third person in NEH (Socialförvaltningen's representative)."""
    person = factories.make_user("tredje@example.org", "Tora Tredje")
    factories.make_appointment(person, other_administration, neh)
    return person
