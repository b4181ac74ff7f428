"""The report-back lookups compiled once (config/prepared.py) answer what their querysets
answer: the dashboard's summary (the latest held meetings of the network, each with the
administrations that presented the pack and those expected to) and the pack's material."""

import datetime

import pytest
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from meetings.models import ActionItem, ConsultationResponse, Document, Meeting, ReportBack
from meetings.report_back.pack import (
    _ACTIONS,
    _MATERIAL,
    DASHBOARD_MEETINGS,
    build_pack,
    dashboard_summary,
)
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db


def _expected(network) -> list[tuple]:
    seated = (
        Appointment.objects.current()
        .filter(network=network)
        .values("network")
        .annotate(n=Count("administration", distinct=True))
        .values("n")
    )
    meetings = (
        Meeting.objects.held()
        .filter(network=network)
        .annotate(presented=Count("report_backs"), expected=Subquery(seated))
        .order_by("-starts_at")[:DASHBOARD_MEETINGS]
    )
    return [
        (m.pk, m.starts_at, m.theme_title, m.presented, max(m.expected or 0, m.presented))
        for m in meetings
    ]


def _summary(network) -> list[tuple]:
    return [
        (m.pk, m.starts_at, m.theme_title, m.presented, m.expected)
        for m in dashboard_summary(network)
    ]


def test_summary_is_its_queryset(neh, nsh, administration, other_administration):
    today = timezone.localdate()
    held = [
        factories.make_meeting(neh, days_ahead=-7 * n, theme_title=f"Möte {n}")
        for n in range(1, DASHBOARD_MEETINGS + 3)
    ]
    factories.make_meeting(neh, days_ahead=10)  # not held yet
    factories.make_meeting(neh, days_ahead=-3, status=Meeting.Status.CANCELLED)
    factories.make_meeting(nsh, days_ahead=-2)  # another network's
    # Seated: Miljöförvaltningen twice (counted once), Socialförvaltningen's seat has ended.
    for role in Appointment.Role:
        factories.make_appointment(factories.make_user(), administration, neh, role)
    factories.make_appointment(
        factories.make_user(),
        other_administration,
        neh,
        end_date=today - datetime.timedelta(days=1),
    )
    for meeting in held[:2]:
        ReportBack.objects.create(
            meeting=meeting, administration=administration, presented_on=today
        )
    # More presented than seated: the expected count is at least the presented one.
    ReportBack.objects.create(
        meeting=held[0], administration=other_administration, presented_on=today
    )

    summary = _summary(neh)

    assert summary == _expected(neh)
    assert [row[0] for row in summary] == [m.pk for m in held[:DASHBOARD_MEETINGS]]
    assert [(row[3], row[4]) for row in summary][:3] == [(2, 2), (1, 1), (0, 1)]
    assert _summary(nsh) == _expected(nsh) and len(_summary(nsh)) == 1


def test_summary_of_a_network_without_held_meetings(neh):
    factories.make_meeting(neh, days_ahead=10)
    assert dashboard_summary(neh) == []


def test_pack_material_is_its_queryset(pack_world, administration, other_administration):
    """The pack's documents and consultations (compiled once) are what the queryset finds: the
    meeting's documents, and the open consultations asking the administration, each with
    whether it is asked and when it answered."""
    held = pack_world.held
    today = timezone.localdate()
    for asked_administration in (administration, other_administration):
        asked = ConsultationResponse.objects.filter(
            document=OuterRef("pk"), administration=asked_administration
        )
        expected = list(
            Document.objects.current()
            .filter(
                Q(meeting=held)
                | Q(
                    Exists(asked),
                    network=held.network,
                    kind=Document.Kind.CONSULTATION,
                    deadline__gte=today,
                )
            )
            .annotate(
                is_asked=Exists(asked), response_sent_at=Subquery(asked.values("sent_at")[:1])
            )
            .order_by("deadline", "title", "pk")
        )
        rows = _MATERIAL.rows(
            meeting_id=held.pk,
            administration_id=asked_administration.pk,
            network_id=held.network_id,
            today=today,
        )
        assert [(row[0], row[-2], row[-1]) for row in rows] == [
            (d.pk, d.is_asked, d.response_sent_at) for d in expected
        ]
        assert len(rows) >= 2


def test_pack_actions_are_their_queryset(pack_world, administration, other_administration):
    """The pack's actions (compiled once): the meeting's for the administration and every
    earlier one still open, each with its meeting, as the queryset finds them."""
    held = pack_world.held
    for asked_administration in (administration, other_administration):
        expected = list(
            ActionItem.objects.filter(
                administrations=asked_administration, meeting__network=held.network
            )
            .filter(Q(meeting=held) | Q(status=ActionItem.Status.OPEN))
            .filter(meeting__starts_at__lte=held.starts_at)
            .select_related("meeting")
            .order_by("due_on", "pk")
        )
        rows = _ACTIONS.rows(
            administration_id=asked_administration.pk,
            network_id=held.network_id,
            meeting_id=held.pk,
            starts_at=held.starts_at,
        )
        assert [row[0] for row in rows] == [action.pk for action in expected]
        pack = build_pack(held, asked_administration)
        assert [(a.pk, a.meeting.pk, a.meeting.starts_at) for a in pack.actions] == [
            (a.pk, a.meeting.pk, a.meeting.starts_at) for a in expected if a.meeting_id == held.pk
        ]
    assert (
        len(
            _ACTIONS.rows(
                administration_id=administration.pk,
                network_id=held.network_id,
                meeting_id=held.pk,
                starts_at=held.starts_at,
            )
        )
        >= 2
    )


def test_my_packs_are_the_queryset_they_replaced(neh, nsh, administration, other_administration):
    """ "Mina nätverk"'s packs (`my_packs`, compiled once per number of networks): the recently
    held meetings of the person's seats' networks, newest first, at most MY_PACKS, each with
    the day one of the seats' administrations presented it, as the queryset said."""
    from meetings.report_back.pack import MY_PACKS, MY_PACKS_DAYS, my_packs
    from representatives.rules import current_seats

    person = factories.make_user()
    factories.make_appointment(person, administration, neh)
    factories.make_appointment(person, other_administration, nsh)
    for network in (neh, nsh):
        for n in range(MY_PACKS + 1):
            held = factories.make_meeting(network, days_ahead=-3 - 9 * n)
            if n % 2:
                ReportBack.objects.create(
                    meeting=held,
                    administration=administration if network == neh else other_administration,
                    presented_on=timezone.localdate() - datetime.timedelta(days=n),
                )
        factories.make_meeting(network, days_ahead=-MY_PACKS_DAYS - 20)  # too long ago
        factories.make_meeting(network, days_ahead=4)  # not held yet
        factories.make_meeting(network, days_ahead=-2, status=Meeting.Status.CANCELLED)
    seats = current_seats(person)
    own = [a.administration_id for a in seats]
    presented = ReportBack.objects.filter(meeting=OuterRef("pk"), administration_id__in=own)
    expected = list(
        Meeting.objects.held()
        .filter(
            network_id__in=[a.network_id for a in seats],
            ends_at__gte=timezone.now() - datetime.timedelta(days=MY_PACKS_DAYS),
        )
        .annotate(presented_on=Subquery(presented.values("presented_on")[:1]))
        .order_by("-starts_at")[:MY_PACKS]
    )
    found = my_packs(seats)
    assert [(m.pk, m.presented_on) for m in found] == [(m.pk, m.presented_on) for m in expected]
    assert any(m.presented_on for m in found) and any(not m.presented_on for m in found)
    by_network = {a.network_id: a for a in seats}
    for meeting in found:
        assert meeting.network.code == by_network[meeting.network_id].network.code
        assert meeting.pack_administration == by_network[meeting.network_id].administration
    assert my_packs([]) == []


def test_pack_questions_minutes_and_report_back_are_their_querysets(
    pack_world, administration, other_administration, coordinator
):
    """The pack's questions (the administration's, raised at the meeting or on one of its
    agenda items), its minutes' outcomes and the administration with its report-back are
    the querysets they stand for (meetings/report_back/pack.py, compiled once)."""
    from django.db.models import F, FilteredRelation, Max

    from meetings.models import Minutes, MinutesEntry, Question
    from meetings.report_back.pack import (
        _ENTRIES,
        _MINUTES,
        _QUESTIONS,
        administration_with_report_back,
    )

    held = pack_world.held
    for who in (administration, other_administration):
        found = _QUESTIONS.objects(
            administration_id=who.pk, network_id=held.network_id, meeting_id=held.pk
        )
        expected = list(
            Question.objects.filter(administration=who, network=held.network)
            .filter(Q(meeting=held) | Q(agenda_item__meeting=held))
            .select_related("agenda_item")
            .order_by("raised_on", "pk")
        )
        assert found == expected and found
        assert [q.agenda_item for q in found] == [q.agenda_item for q in expected]
    minutes = (
        Minutes.objects.filter(meeting=held)
        .annotate(published_at=Max("versions__published_at"))
        .values_list("pk", "published_at")
        .first()
    )
    assert _MINUTES.rows(meeting_id=held.pk) == [minutes] and minutes[1] is not None
    assert _MINUTES.rows(meeting_id=pack_world.later.pk) == []
    entries = _ENTRIES.objects(minutes_id=minutes[0], meeting_id=held.pk)
    assert entries == list(
        MinutesEntry.objects.filter(minutes_id=minutes[0], agenda_item__meeting=held)
        .exclude(outcome="")
        .order_by(F("agenda_item__position").asc(nulls_last=True), "pk")
    )
    assert [entry.agenda_item.title for entry in entries] == [
        "Miljös punkt om resor",
        "Information från enheten",
    ]
    ReportBack.objects.create(
        meeting=held,
        administration=administration,
        presented_on=timezone.localdate(),
        marked_by=coordinator,
    )
    ReportBack.objects.create(
        meeting=pack_world.earlier,
        administration=other_administration,
        presented_on=timezone.localdate(),
    )
    for who in (administration, other_administration):
        found = administration_with_report_back(held, who.pk)
        expected = (
            type(who)
            .objects.annotate(
                rb=FilteredRelation("report_backs", condition=Q(report_backs__meeting=held))
            )
            .annotate(
                rb_presented_on=F("rb__presented_on"),
                rb_marked_at=F("rb__marked_at"),
                rb_marked_by_name=F("rb__marked_by__full_name"),
            )
            .get(pk=who.pk)
        )
        assert found == expected
        shown = ("rb_presented_on", "rb_marked_at", "rb_marked_by_name")
        assert [getattr(found, name) for name in shown] == [
            getattr(expected, name) for name in shown
        ]
    assert administration_with_report_back(held, administration.pk).rb_marked_by_name
    assert administration_with_report_back(held, other_administration.pk).rb_presented_on is None
    assert administration_with_report_back(held, 10**9) is None


def test_readable_administrations_are_the_querysets(neh, nsh, held):
    """The meeting page's pack links (compiled once per number of seats) are the queryset's:
    the administrations a person sits for in the meeting's network and those they direct, by
    name; none for someone with neither."""
    from meetings.report_back.pack import readable_administrations
    from representatives.models import Administration
    from representatives.rules import current_seats

    person = factories.make_user()
    seated = [factories.make_administration(f"Sits {n}") for n in range(2)]
    directed = factories.make_administration("A directed", director=person)
    elsewhere = factories.make_administration("Other network")
    for administration, role in zip(seated, ["representative", "substitute"], strict=True):
        factories.make_appointment(person, administration, neh, role=role)
    factories.make_appointment(person, elsewhere, nsh)

    def expected(user):
        ids = [s.administration_id for s in current_seats(user) if s.network_id == held.network_id]
        return list(
            Administration.objects.filter(Q(pk__in=ids) | Q(director=user)).order_by("name")
        )

    for user in (person, factories.make_user()):
        user.__dict__.pop("_current_seats", None)
        found = readable_administrations(user, held)
        assert found == expected(user)
    assert readable_administrations(person, held) == [directed, *seated]
    assert readable_administrations(factories.make_user(), held) == []
