"""Goal steering (målstyrning): goals, indicators and their values, action plans, and the goal
report."""
