"""The lookups compiled once (config/prepared.py) answer exactly what their querysets answer."""

import datetime

import pytest
from django.db import connection
from django.db.models import F, QuerySet
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.prepared import Joined, Prepared, columns, numbered, numbering, rows_by_shape
from meetings.models import IndicatorValue
from networks.access import network_by_code
from networks.models import Network
from networks.rules import coordinated_network_ids
from representatives.models import Administration, Appointment
from representatives.rules import current_seats, directed_administration_ids
from tests import factories
from tests.factories import make_administration, make_appointment, make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def fresh(user):
    """The user as a new request sees it: nothing cached from an earlier question."""
    for name in (
        "_current_seats",
        "_coordinated_network_ids",
        "_directed_administrations",
        "_directed_administration_ids",
    ):
        user.__dict__.pop(name, None)
    return user


@pytest.mark.parametrize(
    ("start", "end", "current"),
    [
        (TODAY - 100 * DAY, None, True),
        (TODAY, None, True),
        (TODAY + DAY, None, False),  # appointed from tomorrow
        (TODAY - 100 * DAY, TODAY + DAY, True),
        (TODAY - 100 * DAY, TODAY, False),  # the end date is the first day without the seat
        (TODAY - 100 * DAY, TODAY - DAY, False),
    ],
)
def test_current_seats_are_the_current_appointments_with_their_administrations(
    neh, start, end, current
):
    person = make_user()
    administration = make_administration("Kulturförvaltningen")
    appointment = make_appointment(person, administration, neh, start_date=start, end_date=end)

    seats = current_seats(fresh(person))

    assert [seat.pk for seat in seats] == ([appointment.pk] if current else [])
    expected = list(
        Appointment.objects.current().for_person(person).select_related("administration")
    )
    assert [seat.pk for seat in seats] == [seat.pk for seat in expected]
    if current:
        seat = seats[0]
        # Read back as the ORM reads it: dates as dates, the administration already there.
        assert seat.start_date == start and isinstance(seat.start_date, datetime.date)
        assert seat.end_date == end
        assert seat.network_id == neh.pk and seat.role == Appointment.Role.REPRESENTATIVE
        assert seat.administration.name == "Kulturförvaltningen"
        assert not seat._state.adding


def test_seats_come_representative_first_and_only_the_persons_own(neh, nsh):
    person, other = make_user(), make_user()
    first, second = make_administration(), make_administration()
    substitute = make_appointment(person, first, neh, role=Appointment.Role.SUBSTITUTE)
    representative = make_appointment(person, second, nsh)
    make_appointment(other, second, neh)

    assert [seat.pk for seat in current_seats(fresh(person))] == [representative.pk, substitute.pk]


def test_coordinated_networks_and_directed_administrations(neh, nsh):
    person = make_user()
    assert coordinated_network_ids(fresh(person)) == frozenset()
    neh.coordinators.add(person)
    assert coordinated_network_ids(fresh(person)) == {neh.pk}
    led = make_administration(director=person)
    make_administration(director=make_user())
    assert directed_administration_ids(fresh(person)) == {led.pk}
    assert directed_administration_ids(fresh(make_user())) == frozenset()


def test_network_by_code_reads_the_whole_network_whatever_the_case(neh):
    found = network_by_code("neh")
    assert found == neh and found.name == neh.name and found.version == neh.version
    assert network_by_code("NeH").pk == neh.pk
    with pytest.raises(Http404):
        network_by_code("xyz")
    with pytest.raises(Http404):
        network_by_code("")


def test_a_value_that_does_not_reach_the_sql_is_an_error():
    ignoring = Prepared(lambda user_id: Network.objects.values_list("pk"), user_id=int)
    with pytest.raises(ValueError, match="did not reach"):
        ignoring.rows(user_id=1)


def test_a_value_changed_on_its_way_to_the_sql_is_an_error():
    # `icontains` wraps the value in wildcards: the prepared SQL could not take a new one.
    wrapped = Prepared(
        lambda name: Administration.objects.filter(name__icontains=name).values_list("pk"),
        name=str,
    )
    with pytest.raises(ValueError):
        wrapped.rows(name="kultur")


def test_prepared_rows_follow_their_values_from_call_to_call(neh):
    by_director = Prepared(
        lambda user_id: (
            Administration.objects.filter(director_id=user_id)
            .order_by("name")
            .values_list(*columns(Administration))
        ),
        user_id=int,
    )
    first, second = make_user(), make_user()
    make_administration("B", director=first)
    make_administration("A", director=first)
    make_administration("C", director=second)

    assert [row[1] for row in by_director.rows(user_id=first.pk)] == ["A", "B"]
    assert [row[1] for row in by_director.rows(user_id=second.pk)] == ["C"]
    assert by_director.rows(user_id=-1) == []


def test_an_id_no_column_can_hold_finds_nothing(client_for):
    assert current_seats(fresh(make_user())) == []
    response = client_for("staff").get(f"/moten/{2**70}/")
    assert response.status_code == 404


@pytest.mark.parametrize("status", ["planned", "published", "cancelled"])
def test_a_meeting_read_once_is_visible_exactly_as_the_queryset_says(neh, nsh, status):
    from django.contrib.auth.models import AnonymousUser

    from meetings.models import Meeting
    from tests.factories import make_meeting

    meeting = make_meeting(neh, status=status)
    coordinator, other_coordinator, staff = make_user(), make_user(), make_user()
    neh.coordinators.add(coordinator)
    nsh.coordinators.add(other_coordinator)
    for user in (coordinator, other_coordinator, staff, AnonymousUser()):
        in_queryset = Meeting.objects.visible_to(user).filter(pk=meeting.pk).exists()
        assert meeting.is_visible_to(user) == in_queryset
    assert meeting.is_visible_to(coordinator)
    assert meeting.is_visible_to(staff) == (status != "planned")


def test_joined_reads_a_model_with_its_relations_as_select_related_does(neh, administration):
    """`Joined`: the seat and its administration and network from one row, equal field for
    field to what `select_related` reads, and the relations asked no query of their own."""
    seat = make_appointment(make_user(), administration, neh)
    joined = Joined(Appointment, "administration", "network")
    row = Appointment.objects.filter(pk=seat.pk).values_list(*joined.columns, "pk").get()
    expected = Appointment.objects.select_related("administration", "network").get(pk=seat.pk)

    with CaptureQueriesContext(connection) as queries:
        found = joined.instance(row)
        read = [
            (found.__dict__ | {"_state": None}) == (expected.__dict__ | {"_state": None}),
            found.administration.name,
            found.network.code,
            row[len(joined.columns)],  # what follows the columns is the caller's
        ]
    assert read == [True, administration.name, "NEH", seat.pk]
    assert len(queries) == 0
    assert (found.administration.pk, found.network.pk) == (administration.pk, neh.pk)


def test_objects_are_what_iterating_the_queryset_makes(neh, nsh, administration):
    """`Prepared.objects`: instances with their select_related objects and annotations, as
    the ORM makes them, the relations asking no query of their own."""
    person = make_user()
    for network in (neh, nsh):
        make_appointment(person, administration, network)

    def seats(person_id):
        return (
            Appointment.objects.filter(person_id=person_id)
            .select_related("administration__director", "network")
            .annotate(code=F("network__code"))
            .order_by("network__code")
        )

    found = Prepared(seats, person_id=int).objects(person_id=person.pk)
    expected = list(seats(person.pk))
    with CaptureQueriesContext(connection) as queries:
        read = [
            (s.pk, s.code, s.network.name, s.administration.name, s.administration.director.email)
            for s in found
        ]
    assert read == [
        (s.pk, s.code, s.network.name, s.administration.name, s.administration.director.email)
        for s in expected
    ]
    assert [s.code for s in found] == ["NEH", "NSH"] and len(queries) == 0
    assert Prepared(seats, person_id=int).objects(person_id=make_user().pk) == []


def test_objects_refuse_prefetching():
    prepared = Prepared(
        lambda pk: Appointment.objects.filter(pk=pk).prefetch_related("network"), pk=int
    )
    with pytest.raises(ValueError, match="prefetch_related"):
        prepared.objects(pk=1)


def test_a_clock_read_while_building_is_an_error():
    """A moment the build reads itself would be compiled in and never move on."""
    prepared = Prepared(
        lambda person_id: Appointment.objects.filter(
            person_id=person_id, start_date__lte=timezone.localdate()
        ).values_list("pk"),
        person_id=int,
    )
    with pytest.raises(ValueError, match="day or moment"):
        prepared.rows(person_id=1)


def test_a_number_fits_a_small_column(neh):
    """A year is a small integer column: the stand-in must fit it, or Django compiles the
    comparison into nothing at all."""
    goal = factories.make_goal(neh)
    factories.make_indicator(goal, values={2022: "5", 2024: "7"})
    years = Prepared(
        lambda year: IndicatorValue.objects.filter(year__gte=year).values_list("year"),
        year=int,
    )
    assert years.rows(year=2023) == [(2024,)]


def test_term_seats_and_questions_are_their_querysets(neh, nsh):
    """The term report's seats and questions (meetings/reports/figures.py): a seat counts when
    it starts by the term's last day and does not end before its first, with its first and
    last day as numbers only where they fall inside the term; questions raised in the term
    are counted by administration (raised, and reported back: reported back or closed, or
    with a report-back date); in the network only."""
    from meetings.models import Question
    from meetings.reports.figures import QUESTIONS, SEATS, day_number
    from meetings.terms import Term
    from tests.factories import make_question

    term = Term(2025, "VT")
    first, last = term.first_day, term.last_day
    administration = make_administration("Kulturförvaltningen")
    for n, (start, end, network) in enumerate(
        [
            (first - 100 * DAY, None, neh),
            (last, None, neh),  # starts on the last day
            (last + DAY, None, neh),  # after the term
            (first - 100 * DAY, first, neh),  # ends on the first day
            (first - 100 * DAY, first - DAY, neh),  # ended before the term
            (first - 100 * DAY, None, nsh),  # another network
        ]
    ):
        seated = make_administration(f"Förvaltning för plats {n}")
        make_appointment(make_user(), seated, network, start_date=start, end_date=end)
    for day, network in [(first, neh), (last, neh), (first - DAY, neh), (last + DAY, neh)]:
        make_question(network, administration, raised_on=day)
    make_question(nsh, administration, raised_on=first)
    other = make_administration("Socialförvaltningen")
    for state, reported_back_on in [
        ("raised", None),
        ("reported_back", None),
        ("closed", None),
        ("answered", last + DAY),  # a report-back date
        ("on_agenda", None),
    ]:
        make_question(
            neh, other, state=state, raised_on=first + DAY, reported_back_on=reported_back_on
        )

    seats = SEATS.rows(network_id=neh.pk, first_day=first, last_day=last)
    # A seat's first and last day only where they fall inside the term, else None.
    expected_seats = [
        (
            *seat,
            day_number(start) if start > first else None,
            day_number(end) if end is not None and end < last else None,
        )
        for *seat, start, end in Appointment.objects.filter(network=neh, start_date__lte=last)
        .exclude(end_date__lt=first)
        .values_list(
            "administration_id",
            "administration__name",
            "administration__short_name",
            "person_id",
            "start_date",
            "end_date",
        )
    ]
    assert set(seats) == set(expected_seats) and len(seats) == len(expected_seats) == 3
    # The seat that starts on the last day keeps its day; the one that ends on the first keeps
    # its; the one over the whole term has neither.
    assert {(start, end) for *_seat, start, end in seats} == {
        (None, None),
        (None, day_number(first)),
        (day_number(last), None),
    }
    assert day_number(first) == 20250101 and day_number(first) < day_number(first + DAY)
    questions = QUESTIONS.rows(network_id=neh.pk, first_day=first, last_day=last)
    reported = {Question.State.REPORTED_BACK, Question.State.CLOSED}
    expected: dict[tuple, list[int]] = {}
    for *key, state, reported_back_on in Question.objects.filter(
        network=neh, raised_on__gte=first, raised_on__lte=last
    ).values_list(
        "administration_id",
        "administration__name",
        "administration__short_name",
        "state",
        "reported_back_on",
    ):
        counts = expected.setdefault(tuple(key), [0, 0])
        counts[0] += 1
        counts[1] += state in reported or reported_back_on is not None
    assert sorted(questions) == sorted((*key, *counts) for key, counts in expected.items())
    assert sorted((raised, back) for *_key, raised, back in questions) == [(2, 0), (5, 3)]


def test_prepared_numbers_are_the_rows_prepared_gives_and_refuse_other_columns(neh, nsh):
    """PreparedNumbers reads integers and texts as the database gives them, without Django's
    converters: the same rows as Prepared's, counts, numbers made in SQL and None included;
    a column of another type (a date) is refused when compiling."""
    from django.db.models import Case, Count, IntegerField, Value, When
    from django.db.models.functions import Cast

    from config.prepared import PreparedNumbers

    for n in range(3):
        seated = make_administration(f"Förvaltning {n}")
        make_appointment(make_user(), seated, neh if n else nsh)

    def build(network_id):
        return (
            Appointment.objects.all()
            .annotate(
                seats=Count("administration__appointments"),
                later=Case(When(network_id=network_id, then=Value(1))),
                number=Cast(F("person_id") * 10, IntegerField()),
            )
            .order_by("pk")
            .values_list(
                "pk", "administration_id", "administration__name", "seats", "later", "number"
            )
        )

    numbers, prepared = PreparedNumbers(build, network_id=int), Prepared(build, network_id=int)
    plain = numbers.rows(network_id=nsh.pk)
    converted = prepared.rows(network_id=nsh.pk)
    assert plain == converted and len(plain) == 3
    assert all(type(value) is int for row in plain for value in (row[0], row[1], row[3], row[5]))
    assert {row[4] for row in plain} == {1, None}
    dates = PreparedNumbers(
        lambda network_id: Appointment.objects.filter(network_id=network_id).values_list(
            "pk", "start_date"
        ),
        network_id=int,
    )
    with pytest.raises(ValueError, match="DateField"):
        dates.rows(network_id=neh.pk)


def _seats_of(person_id: int, limit: int | None, **ids) -> QuerySet:
    """A person's seats in the numbered networks: a few columns, one annotated."""
    return (
        Appointment.objects.filter(person_id=person_id, network_id__in=numbered(ids, "network_"))
        .annotate(code=F("network__code"))
        .order_by("network__code")
        .values_list("pk", "code", "administration__name", "start_date")[:limit]
    )


def test_rows_by_shape_are_the_querysets_rows_whatever_the_values(neh, nsh, administration):
    """`rows_by_shape`: compiled once per shape (how many networks, the limit), then each
    call's values give exactly the rows the queryset gives, converted as it converts them."""
    person, other = make_user(), make_user()
    for network in (neh, nsh):
        make_appointment(person, administration, network)
    make_appointment(other, make_administration("Kulturförvaltningen"), neh)
    for who, networks, limit in [
        (person, [neh.pk, nsh.pk], None),
        (person, [neh.pk, nsh.pk], 1),
        (person, [nsh.pk], None),
        (other, [neh.pk, nsh.pk], None),
        (other, [nsh.pk], None),
    ]:
        values = numbering("network_", networks)
        found = rows_by_shape(_seats_of, limit, person_id=who.pk, **values)
        assert found == list(_seats_of(who.pk, limit, **values))
    assert [row[1] for row in rows_by_shape(_seats_of, person_id=person.pk, **values)] == ["NSH"]
    two = numbering("network_", [neh.pk, nsh.pk])
    assert [row[1] for row in rows_by_shape(_seats_of, person_id=person.pk, **two)] == [
        "NEH",
        "NSH",
    ]
    assert isinstance(rows_by_shape(_seats_of, person_id=person.pk, **two)[0][3], datetime.date)


def test_a_lookup_made_after_another_is_collected_has_its_own_sql(neh, nsh):
    """Each lookup keeps its compiled SQL under a key of its own, never reused: a lookup made
    where a collected one was (the same id()) must not run the other's query."""
    import gc

    for _ in range(20):
        codes = Prepared(lambda pk: Network.objects.filter(pk=pk).values_list("code"), pk=int)
        assert codes.rows(pk=neh.pk) == [(neh.code,)]
        del codes
        gc.collect()
        names = Prepared(lambda pk: Network.objects.filter(pk=pk).values_list("name"), pk=int)
        assert names.rows(pk=nsh.pk) == [(nsh.name,)]
        del names
        gc.collect()


def test_instance_maker_makes_what_from_db_makes(neh):
    """`instance_maker` gives the instance `from_db` gives: the same fields (the ones not
    named deferred), not adding, of the database read; saved again as an update. A model
    with a `post_init` receiver is made by `from_db` itself."""
    from django.db.models.signals import post_init

    from config.prepared import instance_maker

    administration = make_administration("Kulturförvaltningen")
    names = [field.attname for field in Administration._meta.concrete_fields]
    row = Administration.objects.filter(pk=administration.pk).values_list(*names).get()
    made = instance_maker(Administration, names)(row)
    read = Administration.from_db("default", names, row)

    def state(instance):
        fields = {k: v for k, v in instance.__dict__.items() if k != "_state"}
        return fields, instance._state.adding, instance._state.db, instance.get_deferred_fields()

    assert type(made) is Administration and state(made) == state(read)
    assert state(made)[1:3] == (False, "default") and made == administration
    shown = ["id", "name"]
    part = instance_maker(Administration, shown)(row[:2])
    assert state(part) == state(Administration.from_db("default", shown, row[:2]))
    assert part.get_deferred_fields() == set(names) - set(shown)
    with CaptureQueriesContext(connection) as queries:
        made.name = "Kultur"
        made.save()
    sql = [query["sql"] for query in queries.captured_queries]
    assert any(q.startswith('UPDATE "representatives_administration"') for q in sql)
    assert not any(q.startswith('INSERT INTO "representatives_administration"') for q in sql)
    assert Administration.objects.get().name == "Kultur"

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=Administration)
    try:
        instance_maker(Administration, names)(row)
    finally:
        post_init.disconnect(receiver, sender=Administration)
    assert len(seen) == 1
