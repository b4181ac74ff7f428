"""Participation and coverage figures per network and term, for coordinators: the report page,
its CSVs and the printable term report."""
