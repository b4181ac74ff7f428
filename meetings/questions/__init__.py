"""Questions from the management groups (ledningsgruppernas frågor): registered, proposed to a
meeting or answered in writing, dealt with, given an outcome, reported back, closed."""
