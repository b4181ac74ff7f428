"""The coordinators' work on meetings: plan a term, edit, publish, move and cancel a meeting, and
the coordination dashboard."""
