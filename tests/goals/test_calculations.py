"""Goal and indicator calculations against hand-computed cases (meetings/goals/figures.py)."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from meetings.goals import figures as goals

# Lower is better: 1000 t in 2019, 0 t by 2030. The path in 2024: 1000 − 1000 × 5/11 ≈ 545.45.
LOWER = {
    "baseline_year": 2019,
    "baseline_value": D(1000),
    "target_year": 2030,
    "target_value": D(0),
}
# Higher is better: 20 % in 2020, 70 % by 2030. The path in 2025: 20 + 50 × 5/10 = 45.
HIGHER = {
    "baseline_year": 2020,
    "baseline_value": D(20),
    "target_year": 2030,
    "target_value": D(70),
}


def test_expected_value_on_the_straight_path():
    assert goals.expected_value(2020, D(20), 2030, D(70), 2025) == D(45)
    assert round(goals.expected_value(2019, D(1000), 2030, D(0), 2024), 2) == D("545.45")
    # Before the baseline year: the baseline; after the target year: the target.
    assert goals.expected_value(2019, D(1000), 2030, D(0), 2010) == D(1000)
    assert goals.expected_value(2019, D(1000), 2030, D(0), 2035) == D(0)


@pytest.mark.parametrize(
    ("year", "value", "status", "progress"),
    [
        (2024, D(500), goals.ON_TRACK, 50),  # 500 ≤ 545.45
        (2024, D(546), goals.OFF_TRACK, 45),  # 546 > 545.45; (546−1000)/(0−1000) = 45.4 %
        (2024, D(1100), goals.OFF_TRACK, -10),  # moved away from the target
        (2030, D(0), goals.REACHED, 100),
        (2028, D(-10), goals.REACHED, 101),  # overshoot
        (2032, D(10), goals.OFF_TRACK, 99),  # past the target year, target not reached
        (2018, D(1000), goals.ON_TRACK, 0),  # before the baseline year: on the baseline
    ],
)
def test_lower_is_better(year, value, status, progress):
    assert goals.track_status(**LOWER, lower_is_better=True, latest=(year, value)) == status
    assert goals.progress_percent(D(1000), D(0), value) == progress


@pytest.mark.parametrize(
    ("year", "value", "status", "progress"),
    [
        (2025, D(50), goals.ON_TRACK, 60),
        (2025, D(45), goals.ON_TRACK, 50),  # exactly on the path counts as on track
        (2025, D(40), goals.OFF_TRACK, 40),
        (2025, D(10), goals.OFF_TRACK, -20),
        (2027, D(70), goals.REACHED, 100),
        (2029, D(80), goals.REACHED, 120),  # overshoot
    ],
)
def test_higher_is_better(year, value, status, progress):
    assert goals.track_status(**HIGHER, lower_is_better=False, latest=(year, value)) == status
    assert goals.progress_percent(D(20), D(70), value) == progress


def test_no_values():
    assert goals.track_status(**LOWER, lower_is_better=True, latest=None) == goals.NO_VALUES
    assert goals.progress_percent(D(1000), D(0), None) is None


def test_baseline_equal_to_target():
    assert goals.progress_percent(D(5), D(5), D(5)) == 100
    assert goals.progress_percent(D(5), D(5), D(6)) == 0


def _indicator(**values):
    return SimpleNamespace(
        baseline_year=values["baseline_year"],
        baseline_value=values["baseline_value"],
        target_value=values["target_value"],
        lower_is_better=values.get("lower_is_better", True),
    )


def test_indicator_figures_use_the_latest_year_whatever_the_order():
    indicator = _indicator(**LOWER)
    rows = [SimpleNamespace(year=2024, value=D(500)), SimpleNamespace(year=2021, value=D(900))]
    figures = goals.indicator_figures(indicator, 2030, rows)
    assert [p.year for p in figures.points] == [2021, 2024]
    assert figures.latest.value == D(500)
    assert figures.progress == 50
    assert figures.status == goals.ON_TRACK
    # 2021: path 1000 − 1000 × 2/11 ≈ 818.2, 900 is above it.
    assert [p.on_track for p in figures.points] == [False, True]


def test_goal_status_is_its_worst_indicator():
    on = SimpleNamespace(status=goals.ON_TRACK)
    off = SimpleNamespace(status=goals.OFF_TRACK)
    none = SimpleNamespace(status=goals.NO_VALUES)
    assert goals.GoalFigures(None, [on, off]).status == goals.OFF_TRACK
    assert goals.GoalFigures(None, [on, none]).status == goals.ON_TRACK
    assert goals.GoalFigures(None, [none]).status == goals.NO_VALUES
    assert goals.GoalFigures(None, []).status == goals.NO_VALUES


@pytest.mark.parametrize(
    ("value", "text"),
    [(D("12000.000"), "12000"), (D("1.500"), "1,5"), (D("-3.25"), "−3,25"), (None, "–")],
)
def test_display_number(value, text):
    assert goals.display_number(value) == text


def test_expected_label_rounds_the_path_to_one_decimal():
    point = goals.Point(2024, D(500), "500", D("545.4545"), True)
    assert point.expected_label == "545,5"
