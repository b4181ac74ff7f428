"""Who may do what with a meeting and its agenda. Views ask these, never the roles directly."""

import rules

from networks.rules import is_coordinator
from representatives.models import Appointment


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


# --- Goal steering (issue 11) -----------------------------------------------------------------


def represented_administration_ids(user, network) -> frozenset[int]:
    """The administrations the user is a current representative or substitute of in the
    network. Cached on the user per network, since a goal page asks once per indicator."""
    if not user.is_authenticated or network is None:
        return frozenset()
    cache = user.__dict__.setdefault("_represented_administrations", {})
    if network.pk not in cache:
        cache[network.pk] = frozenset(
            Appointment.objects.current()
            .filter(person=user, network=network)
            .values_list("administration_id", flat=True)
        )
    return cache[network.pk]


@rules.predicate
def may_record_indicator(user, indicator) -> bool:
    """Coordinators of the goal's network, and the representative or substitute of the
    administration a coordinator made responsible for the indicator, record its values."""
    if indicator is None:
        return False
    network = indicator.goal.work_area.network
    if is_coordinator(user, network):
        return True
    responsible = indicator.responsible_administration_id
    return responsible is not None and responsible in represented_administration_ids(user, network)


rules.add_perm("meetings.record_indicator_value", may_record_indicator)
