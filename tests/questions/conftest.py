import pytest

from tests import factories


@pytest.fixture
def meeting(neh):
    """A published NEH meeting a month ahead: proposals are open."""
    return factories.make_meeting(neh, days_ahead=30, theme_title="Klimatanpassning")


@pytest.fixture
def held(neh):
    """An NEH meeting held two days ago."""
    return factories.make_meeting(neh, days_ahead=-2, theme_title="Hållet möte")


@pytest.fixture
def question(neh, administration, representative):
    return factories.make_question(
        neh, administration, raised_by=representative, title="Hur mäter vi matsvinnet?"
    )


@pytest.fixture
def nsh_coordinator(nsh):
    person = factories.make_user("samordnare.nsh@example.org", "Nina NSH")
    nsh.coordinators.add(person)
    return person
