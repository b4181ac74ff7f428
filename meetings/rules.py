"""Who may do what with a meeting and its agenda. Views ask these, never the roles directly."""

from collections.abc import Collection, Iterable
from typing import NamedTuple

import rules
from django.db.models import Q

from meetings.models import Question
from networks.models import Network
from networks.rules import coordinated_network_ids, is_coordinator
from representatives.models import Administration, Appointment
from representatives.rules import (
    current_appointment,
    current_seats,
    directed_administration_ids,
    is_director,
    may_manage_administrations,
    seated_administration_ids,
)


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


# --- Theme wishes -----------------------------------------------------------------------------


@rules.predicate
def can_see_theme_suggestions(user, network) -> bool:
    """The network's members (who suggest and vote) and its coordinators (who decide)."""
    return network is not None and (is_member(user, network) or is_coordinator(user, network))


@rules.predicate
def can_suggest_theme(user, network) -> bool:
    return is_member(user, network)


@rules.predicate
def can_support_suggestion(user, suggestion) -> bool:
    """Other people's suggestions only: one's own suggestion is not a vote."""
    return (
        suggestion is not None
        and suggestion.suggested_by_id != user.pk
        and is_member(user, suggestion.network)
    )


@rules.predicate
def can_handle_suggestion(user, suggestion) -> bool:
    """Adopting as a theme or closing: the coordinators of the suggestion's network."""
    return suggestion is not None and is_coordinator(user, suggestion.network)


rules.add_perm("meetings.see_theme_suggestions", can_see_theme_suggestions)
rules.add_perm("meetings.suggest_theme", can_suggest_theme)
rules.add_perm("meetings.support_theme_suggestion", can_support_suggestion)
rules.add_perm("meetings.handle_theme_suggestion", can_handle_suggestion)
# --- The report-back pack ---------------------------------------------------------------------
# The object is the pair (meeting, administration id): a pack is one administration's view of one
# held meeting. Cheapest question first: each asks the database at most once per request.


@rules.predicate
def marks_report_back(user, target) -> bool:
    """The administration's current representative or substitute in the meeting's network."""
    meeting, administration_id = target
    return administration_id in seated_administration_ids(user, meeting.network)


@rules.predicate
def reads_report_back(user, target) -> bool:
    """Its representative and substitute, its director, and the network's coordinators."""
    if not user.is_authenticated:
        return False
    meeting, administration_id = target
    return (
        meeting.network_id in coordinated_network_ids(user)
        or administration_id in directed_administration_ids(user)
        or marks_report_back(user, target)
    )


rules.add_perm("meetings.mark_report_back", marks_report_back)
rules.add_perm("meetings.read_report_back", reads_report_back)
# --- Minutes and action items -----------------------------------------------------------------

# The minutes' draft and the meeting's actions are the coordinators' work.
can_write_minutes = coordinates_meeting
rules.add_perm("meetings.write_minutes", can_write_minutes)


@rules.predicate
def can_mark_action_done(user, action) -> bool:
    """Coordinators of the network, and the current representative or substitute of an
    administration that answers for the action."""
    if action is None:
        return False
    network = action.meeting.network
    if is_coordinator(user, network):
        return True
    seated = seated_administration_ids(user, network)
    return any(administration.pk in seated for administration in action.administrations.all())


rules.add_perm("meetings.mark_action_done", can_mark_action_done)


def is_member_for(user, question) -> bool:
    """A current representative or substitute of the question's administration in its network."""
    appointment = current_appointment(user, question.network)
    return appointment is not None and appointment.administration_id == question.administration_id


@rules.predicate
def can_see_question(user, question) -> bool:
    """A management group's question: its administration's director, its representative and
    substitute in the question's network, and that network's coordinators. Nobody else."""
    return question is not None and (
        is_coordinator(user, question.network)
        or question.administration_id in directed_administration_ids(user)
        or is_member_for(user, question)
    )


rules.add_perm("meetings.view_question", can_see_question)


def history_network(obj):
    """The network a history-tracked object belongs to, through its own links."""
    if isinstance(obj, Network):
        return obj
    for path in ("network", "meeting", "document", "minutes", "goal"):
        linked = getattr(obj, path, None)
        if linked is None:
            continue
        return linked if path == "network" else history_network(linked)
    return None


@rules.predicate
def can_see_history(user, obj) -> bool:
    """Coordinators of an object's network see its change history (meetings/history/entries.py); a
    director also sees the history of the own administration's appointments. An
    administration's history: everyone who keeps the list of administrations."""
    if obj is None:
        return False
    if isinstance(obj, Administration):
        # Shared by both networks: whoever keeps the list reads its history.
        return may_manage_administrations(user)
    if is_coordinator(user, history_network(obj)):
        return True
    return isinstance(obj, Appointment) and is_director(user, obj.administration)


rules.add_perm("meetings.view_history", can_see_history)


# --- Goal steering ----------------------------------------------------------------------------


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
    return responsible is not None and responsible in seated_administration_ids(user, network)


rules.add_perm("meetings.record_indicator_value", may_record_indicator)


# --- The governance loop: questions on a meeting page ---------------------------------------


class Roles(NamedTuple):
    """What a person's view of the questions and meetings depends on, read once a request:
    `questions_seen_by(*roles)`, `Meeting.objects.seen_by(roles.coordinated)`."""

    coordinated: tuple[int, ...]  # network ids
    directed: tuple[int, ...]  # administration ids
    seats: tuple[tuple[int, int], ...]  # current (network id, administration id) pairs


def roles_of(user) -> Roles:
    if not user.is_authenticated:
        return Roles((), (), ())
    return Roles(
        tuple(sorted(coordinated_network_ids(user))),
        tuple(sorted(directed_administration_ids(user))),
        tuple(dict.fromkeys((s.network_id, s.administration_id) for s in current_seats(user))),
    )


def visible_questions(user):
    """`can_see_question` as a filter, for lists (the meeting page, search, the network's
    changes): the questions of the networks the user coordinates, of the administrations the
    user directs, and of the administrations the user currently sits for in the question's
    network; none at all for someone with none of these roles (no table scanned). Built from
    the person's roles, read once a request; tests/pages/test_meeting_questions.py checks it
    agrees with `can_see_question`."""
    return questions_seen_by(*roles_of(user))


def questions_seen_by(
    coordinated: Collection[int], directed: Collection[int], seats: Iterable[tuple[int, int]]
):
    """`visible_questions` from the person's roles as ids: the networks coordinated, the
    administrations directed, the seats as (network, administration)."""
    visible = question_seen_condition(coordinated, directed, seats)
    if visible is None:
        return Question.objects.none()
    return Question.objects.filter(visible)


def question_seen_condition(
    coordinated: Collection[int],
    directed: Collection[int],
    seats: Iterable[tuple[int, int]],
    through: str = "",
) -> Q | None:
    """The condition `questions_seen_by` filters by, on the question behind the relation
    `through` if given (a question's events: filtered on their joined question, no list of
    the question ids); None for someone who sees no question."""
    prefix = f"{through}__" if through else ""
    visible = Q()
    if coordinated:
        visible |= Q(**{f"{prefix}network_id__in": coordinated})
    if directed:
        visible |= Q(**{f"{prefix}administration_id__in": directed})
    for network_id, administration_id in seats:
        visible |= Q(
            **{f"{prefix}network_id": network_id, f"{prefix}administration_id": administration_id}
        )
    return visible or None
