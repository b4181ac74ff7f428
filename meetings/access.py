"""Fetch the object this person may see, or answer 404/403. Views start here.

404 when the person may not know the object exists (a planned meeting for anyone but its
coordinators, someone else's question); 403 when they may see it but not do what they asked.
The permissions are the named rules of `meetings/rules.py`, asked through `rules.has_perm`, so
an administrator is not a coordinator unless appointed one (no superuser shortcut).
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from config.prepared import Joined, Prepared
from meetings.models import ActionItem, Meeting, Question
from networks.access import coordinated_network, network_by_code

__all__ = [
    "coordinated_meeting",
    "coordinated_network",
    "held_meeting",
    "network_by_code",
    "visible_action",
    "visible_meeting",
    "visible_question",
]


def visible_meeting(request: HttpRequest, pk: int, annotations: dict | None = None) -> Meeting:
    """The meeting, with its network, if the person may know it exists (planned ones: its
    coordinators only). `annotations`: read along in the same query (what a page would
    otherwise ask apart); the same names must always mean the same expressions, as the query
    is compiled once per set of names (config/prepared.py: nearly every page of a meeting
    starts here)."""
    names = tuple(sorted(annotations or {}))
    prepared = _MEETINGS.get(names)
    if prepared is None:
        prepared = _MEETINGS[names] = Prepared(
            lambda pk: (
                Meeting.objects.filter(pk=pk)
                .annotate(**(annotations or {}))
                .values_list(*_MEETING.columns, *names)
            ),
            pk=int,
        )
    found = prepared.rows(pk=pk)
    if not found:
        raise Http404
    row = found[0]
    meeting = _MEETING.instance(row)
    if not meeting.is_visible_to(request.user):
        raise Http404
    for name, value in zip(names, row[len(_MEETING.columns) :], strict=True):
        setattr(meeting, name, value)
    return meeting


_MEETING = Joined(Meeting, "network")
_MEETINGS: dict[tuple[str, ...], Prepared] = {}


def coordinated_meeting(
    request: HttpRequest, pk: int, permission: str = "meetings.coordinate_meeting"
) -> Meeting:
    """The meeting (404 as `visible_meeting`), if the person has the named permission on it
    (403 otherwise)."""
    meeting = visible_meeting(request, pk)
    if not rules.has_perm(permission, request.user, meeting):
        raise PermissionDenied
    return meeting


def held_meeting(request: HttpRequest, pk: int) -> Meeting:
    """A visible meeting that has been held (published and ended); 404 before that."""
    meeting = visible_meeting(request, pk)
    if not meeting.is_held:
        raise Http404
    return meeting


def visible_question(request: HttpRequest, pk: int) -> Question:
    """A management group's question, for the people who may see it; 404 for everyone else."""
    question = get_object_or_404(
        Question.objects.select_related(
            "network",
            "administration",
            "raised_by",
            "agenda_item__meeting",
            "meeting",
            "referred_to",
        ),
        pk=pk,
    )
    if not rules.has_perm("meetings.view_question", request.user, question):
        raise Http404
    return question


# An action with its meeting, network, agenda item and who marked it done, by a query compiled
# once: the queryset with the visible meetings as a subquery cost SQLite milliseconds, and
# building it more than the database's answer.
_ACTION = Prepared(
    lambda action_id: ActionItem.objects.filter(pk=action_id).select_related(
        "meeting__network", "agenda_item", "done_by"
    ),
    action_id=int,
)


def visible_action(request: HttpRequest, pk: int) -> ActionItem:
    """An action of a meeting the person sees (`Meeting.objects.visible_to`, asked of the
    meeting read with it); 404 for everyone else."""
    found = _ACTION.objects(action_id=pk)
    if not found or not found[0].meeting.is_visible_to(request.user):
        raise Http404
    return found[0]
