import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from meetings.terms import Term
from networks.models import Network, WorkArea
from representatives.models import Appointment
from tests import factories

pytestmark = pytest.mark.django_db

NSH_AREAS = [
    "Implementering av CEMR-deklarationen och kommunens jämställdhetsintegrering",
    "Mänskliga rättigheter och rättighetsfrågor kopplade till diskrimineringsgrunderna",
    "Landsbygdsfrågor",
    "Samordning av kommunens samverkan med civilsamhället",
    "Folkhälsofrågor",
    "Nationella minoriteter",
    "Barnkonventionen, barnperspektiv",
    "Arbetet mot segregation",
]
NEH_AREAS = [
    "Koldioxidmålet; klimat- och energifrågor (exempelvis handlingsplan för koldioxidneutralitet, "
    "framtagande av handlingsplan för solel, samt energi- och klimatprogram)",
    "Giftfri miljö",
    "Ny avfallsplan",
    "Klimatanpassning",
    "Miljökommunikation",
]


def test_migration_creates_networks_with_work_areas_word_for_word():
    assert list(Network.objects.values_list("code", flat=True)) == ["NEH", "NSH"]
    nsh = list(WorkArea.objects.filter(network__code="NSH").values_list("name", flat=True))
    neh = list(WorkArea.objects.filter(network__code="NEH").values_list("name", flat=True))
    assert nsh == NSH_AREAS
    assert neh == NEH_AREAS


def test_network_code_is_unique():
    with pytest.raises(IntegrityError):
        Network.objects.create(code="NSH", name="En kopia")


def test_second_current_representative_is_refused_by_database(administration, neh):
    factories.make_appointment(factories.make_user(), administration, neh)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_appointment(factories.make_user(), administration, neh)


def test_ended_representative_does_not_block_a_new_one(administration, neh):
    first = factories.make_appointment(factories.make_user(), administration, neh)
    first.end()
    second = factories.make_appointment(factories.make_user(), administration, neh)
    assert first.end_date == timezone.localdate()
    assert list(Appointment.objects.current().filter(network=neh)) == [second]


def test_representative_and_substitute_can_be_current_together(administration, neh, nsh):
    factories.make_appointment(factories.make_user(), administration, neh)
    factories.make_appointment(
        factories.make_user(), administration, neh, Appointment.Role.SUBSTITUTE
    )
    # the same administration in the other network is another seat
    factories.make_appointment(factories.make_user(), administration, nsh)
    assert Appointment.objects.current().count() == 3


def test_meeting_must_end_after_it_starts(neh):
    starts = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(IntegrityError):
        Meeting.objects.create(network=neh, starts_at=starts, ends_at=starts)


def test_agenda_position_is_unique_within_a_meeting(neh):
    meeting = factories.make_meeting(neh)
    factories.make_agenda_item(meeting, position=1)
    other = factories.make_meeting(neh, days_ahead=60)
    factories.make_agenda_item(other, position=1)  # another meeting may use the same position
    with pytest.raises(IntegrityError):
        factories.make_agenda_item(meeting, position=1)


def test_only_accepted_items_have_a_position(neh):
    meeting = factories.make_meeting(neh)
    with pytest.raises(IntegrityError):
        factories.make_agenda_item(meeting, position=1, status=AgendaItem.Status.PROPOSED)


def test_agenda_minutes_outside_range_are_refused(neh):
    meeting = factories.make_meeting(neh)
    with pytest.raises(IntegrityError):
        factories.make_agenda_item(meeting, wished_minutes=121)


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (datetime.date(2027, 1, 1), Term(2027, "VT")),
        (datetime.date(2027, 6, 30), Term(2027, "VT")),
        (datetime.date(2027, 8, 1), Term(2027, "HT")),
        (datetime.date(2026, 12, 31), Term(2026, "HT")),
    ],
)
def test_term_of_a_date(day, term):
    assert Term.of(day) == term
    assert term.first_day <= day <= term.last_day


def test_terms_sort_in_time():
    spring, autumn, next_spring = Term(2027, "VT"), Term(2027, "HT"), Term(2028, "VT")
    assert spring < autumn < next_spring
    assert sorted([next_spring, autumn, spring]) == [spring, autumn, next_spring]
    assert spring.next() == autumn and autumn.next() == next_spring
    assert max(spring, autumn) == autumn and autumn <= autumn


def test_meeting_term_uses_local_date(neh):
    # 23:30 UTC on 30 June is already 1 July in Stockholm: an autumn-term meeting.
    starts = datetime.datetime(2027, 6, 30, 23, 30, tzinfo=datetime.UTC)
    meeting = Meeting(network=neh, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    assert meeting.term == Term(2027, "HT")


def test_user_email_is_stored_in_lower_case():
    user = factories.make_user("Anna.Andersson@Example.ORG")
    assert user.email == "anna.andersson@example.org"
