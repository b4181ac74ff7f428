import pytest

from tests import factories


@pytest.fixture
def goal(neh, administration):
    """NEH's carbon goal: one indicator (Miljöförvaltningen responsible) with three values."""
    goal = factories.make_goal(
        neh, title="Klimatneutral organisation", description="Klimatneutral 2030."
    )
    factories.make_indicator(
        goal,
        name="Utsläpp",
        responsible_administration=administration,
        values={2020: "900", 2022: "700", 2024: "500.5"},
    )
    return goal


@pytest.fixture
def indicator(goal):
    return goal.indicators.get()
