"""The coordinators' answer list compared in the database (a row per administration, then the
shown page's seats) is the list the overview made from every seat and answer of the network:
the same order, counts, rows and pages."""

import datetime
import random

import pytest
from django.utils import timezone

from meetings import paging
from meetings.models import Attendance
from meetings.participation.workflow import (
    COMING,
    COMING_ANSWERS,
    NOT_ANSWERED,
    NOT_COMING,
    AnswerCounts,
    answer_counts,
    answer_overview,
)
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db


def reference(meeting):
    """The overview as it was computed from every seat and answer (the former
    answer_overview): (counts, order, seats by administration, answers by person)."""
    seats: dict[int, list[tuple]] = {}
    for seat in (
        Appointment.objects.current()
        .filter(network_id=meeting.network_id)
        .order_by("administration__name", "administration_id", "role")
        .values_list(
            "administration_id", "administration__name", "role", "person_id", "person__full_name"
        )
    ):
        seats.setdefault(seat[0], []).append(seat)
    answers = {
        row[0]: row[1:]
        for row in meeting.attendances.order_by().values_list(
            "person_id", "answer", "attended", "tentative", "source", "comment"
        )
    }
    counts = AnswerCounts()
    status = {}
    for administration_id, held in seats.items():
        given = [answers[seat[3]] for seat in held if seat[3] in answers]
        if any(answer[0] in COMING_ANSWERS for answer in given):
            status[administration_id] = COMING
            counts.coming += 1
        elif any(answer[0] for answer in given):
            status[administration_id] = NOT_COMING
            counts.not_coming += 1
        else:
            status[administration_id] = NOT_ANSWERED
            counts.not_answered += 1
        ticked = [answer[1] for answer in given if answer[1] is not None]
        if any(ticked):
            counts.present += 1
        elif ticked:
            counts.absent += 1
        else:
            counts.not_ticked += 1
    return counts, sorted(seats, key=status.__getitem__), seats, answers


def rows_of(groups):
    return [
        (
            group.administration.pk,
            group.administration.name,
            seat.appointment.role,
            seat.appointment.person.pk,
            seat.appointment.person.full_name,
            None
            if seat.attendance is None
            else (
                seat.attendance.answer,
                seat.attendance.attended,
                seat.attendance.tentative,
                seat.attendance.source,
                seat.attendance.comment,
            ),
        )
        for group in groups
        for seat in group.seats
    ]


def expected_rows(administration_ids, seats, answers):
    return [
        (pk, name, role, person_id, full_name, answers.get(person_id))
        for pk in administration_ids
        for pk, name, role, person_id, full_name in seats[pk]
    ]


@pytest.fixture
def network_answers(neh, nsh):
    """A held meeting in a network of a page and a half of administrations (named out of the
    order they were made in) answering in every way, one person sitting for two, an ended
    seat, another network's seat and answers to another meeting."""
    rng = random.Random(5)
    held = factories.make_meeting(neh, days_ahead=-2)
    other = factories.make_meeting(neh, days_ahead=-30)
    answers = [None, "", "coming", "not_coming", "substitute_coming"]
    people = []
    for n in range(paging.PER_PAGE + 9):
        administration = factories.make_administration(name=f"Förvaltning {n * 7 % 29:02}")
        for role in [Appointment.Role.REPRESENTATIVE, Appointment.Role.SUBSTITUTE][: 1 + n % 2]:
            person = factories.make_user()
            factories.make_appointment(person, administration, neh, role)
            people.append(person)
            answer = rng.choice(answers)
            if answer is not None:
                Attendance.objects.create(
                    meeting=held,
                    person=person,
                    answer=answer,
                    attended=rng.choice([None, True, False]),
                    tentative=rng.random() < 0.2,
                    source=rng.choice(["app", "outlook"]),
                    comment=rng.choice(["", "Sen <ankomst> & tidig avfärd"]),
                )
            Attendance.objects.create(meeting=other, person=person, answer="coming", attended=True)
    factories.make_appointment(
        people[0], factories.make_administration(name="Förvaltning 14 b"), neh, "substitute"
    )
    factories.make_appointment(
        factories.make_user(),
        factories.make_administration(),
        neh,
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    factories.make_appointment(people[1], factories.make_administration(), nsh)
    return held, people


def test_the_overview_is_the_one_made_from_every_seat(network_answers):
    held, people = network_answers
    counts, order, seats, answers = reference(held)
    overview = answer_overview(held)
    assert overview.counts == counts == answer_counts(held)
    assert overview.order == order
    assert len(order) > paging.PER_PAGE
    for start in range(0, len(order), paging.PER_PAGE):
        page = order[start : start + paging.PER_PAGE]
        assert rows_of(overview.groups(page)) == expected_rows(page, seats, answers)
    # Several pages at once (the list saved by htmx comes back as it was shown).
    assert rows_of(overview.groups(order)) == expected_rows(order, seats, answers)
    assert overview.groups([]) == []  # (one query still, the same on every page)
    # The pages holding some people's administrations.
    last = [people[-1].pk]
    holding = [i for i, pk in enumerate(order) if any(s[3] in last for s in seats[pk])]
    assert overview.pages_showing(set(last)) == (
        holding[0] // paging.PER_PAGE + 1,
        holding[-1] // paging.PER_PAGE + 1,
    )
    assert overview.pages_showing(set()) == (1, 1)
