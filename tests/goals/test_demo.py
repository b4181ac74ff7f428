import pytest

from meetings.demo import build_demo
from meetings.goals import demo as demo_goals
from meetings.models import ActionItem, Goal, IndicatorValue

pytestmark = pytest.mark.django_db


def test_demo_has_the_carbon_goal_with_values_and_an_action_plan():
    build_demo()
    goal = Goal.objects.get(title="Koldioxidmålet")
    assert goal.work_area.network.code == "NEH" and goal.target_year == 2030
    emissions = goal.indicators.get(unit="ton CO2e")
    assert emissions.baseline_year == 2019
    assert emissions.responsible_administration.name == "Miljöförvaltningen"
    assert emissions.values.count() >= 4
    assert ActionItem.objects.filter(goal=goal).count() == 3
    assert goal.agenda_items.count() == 1
    # Idempotent.
    counts = (Goal.objects.count(), IndicatorValue.objects.count(), ActionItem.objects.count())
    demo_goals.build_goals()
    assert counts == (
        Goal.objects.count(),
        IndicatorValue.objects.count(),
        ActionItem.objects.count(),
    )
