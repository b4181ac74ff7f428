"""Who may do what with a meeting and its agenda. Views ask these, never the roles directly."""

import rules

from networks.rules import is_coordinator
from representatives.models import Appointment
from representatives.rules import is_director


def current_appointment(user, network) -> Appointment | None:
    """The user's current appointment (representative or substitute) in the network, if any.

    Cached on the user per network, since a page asks several times.
    """
    if not user.is_authenticated or network is None:
        return None
    cache = user.__dict__.setdefault("_current_appointments", {})
    if network.pk not in cache:
        cache[network.pk] = (
            Appointment.objects.current()
            .filter(person=user, network=network)
            .select_related("administration")
            .order_by("role")
            .first()
        )
    return cache[network.pk]


@rules.predicate
def is_member(user, network) -> bool:
    """A current representative or substitute of the network."""
    return current_appointment(user, network) is not None


@rules.predicate
def can_propose_for(user, meeting) -> bool:
    """May see the proposal form of the meeting (whether proposals are open is asked apart)."""
    return meeting is not None and is_member(user, meeting.network)


rules.add_perm("meetings.propose_agenda_item", can_propose_for)


@rules.predicate
def coordinates_meeting(user, meeting) -> bool:
    """Coordinators of the meeting's network plan, edit, publish, move and cancel it."""
    return meeting is not None and is_coordinator(user, meeting.network)


rules.add_perm("meetings.coordinate_meeting", coordinates_meeting)

# Managing a meeting's agenda is coordinating the meeting: the same people, one predicate.
can_manage_agenda = coordinates_meeting
rules.add_perm("meetings.manage_agenda", can_manage_agenda)


def history_network(obj):
    """The network a history-tracked object belongs to, through its own links."""
    for path in ("network", "meeting", "document", "minutes"):
        linked = getattr(obj, path, None)
        if linked is None:
            continue
        return linked if path == "network" else history_network(linked)
    return None


@rules.predicate
def can_see_history(user, obj) -> bool:
    """Coordinators of an object's network see its change history (meetings/history.py); a
    director also sees the history of the own administration's appointments."""
    if obj is None:
        return False
    if is_coordinator(user, history_network(obj)):
        return True
    return isinstance(obj, Appointment) and is_director(user, obj.administration)


rules.add_perm("meetings.view_history", can_see_history)
