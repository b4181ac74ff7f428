"""Who may do what with a meeting. Views ask these predicates, never the roles directly."""

import rules

from networks.rules import is_coordinator


@rules.predicate
def coordinates_meeting(user, meeting) -> bool:
    """Coordinators of the meeting's network plan, edit, publish, move and cancel it."""
    return meeting is not None and is_coordinator(user, meeting.network)


rules.add_perm("meetings.coordinate_meeting", coordinates_meeting)
