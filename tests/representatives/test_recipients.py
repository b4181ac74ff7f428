"""Who in a network can be written to: its current people, reachable, each once."""

import datetime

import pytest
from django.utils import timezone

from representatives.models import Appointment
from representatives.recipients import network_recipients
from tests import factories

pytestmark = pytest.mark.django_db


def _emails(people) -> list[str]:
    return [person.email for person in people]


def test_network_recipients_are_the_current_people_of_that_network(network_people, neh):
    # network_people also holds an ended appointment in NEH and a representative of NSH only.
    assert _emails(network_recipients(neh)) == sorted(_emails(network_people))


def test_network_recipients_include_substitutes(substitute, neh):
    assert _emails(network_recipients(neh)) == [substitute.email]


def test_network_recipients_leave_out_an_ended_and_a_later_appointment(
    representative, other_administration, neh
):
    today = timezone.localdate()
    ended = factories.make_appointment(
        factories.make_user("slutat@example.org"), other_administration, neh
    )
    ended.end()
    factories.make_appointment(
        factories.make_user("snart@example.org"),
        other_administration,
        neh,
        Appointment.Role.SUBSTITUTE,
        start_date=today + datetime.timedelta(days=3),
    )
    assert _emails(network_recipients(neh)) == [representative.email]


def test_network_recipients_leave_out_another_networks_people(representative, neh, nsh):
    assert _emails(network_recipients(nsh)) == []
    assert _emails(network_recipients(neh.pk)) == [representative.email]


def test_network_recipients_leave_out_inactive_accounts_and_people_without_address(
    representative, substitute, other_administration, neh
):
    substitute.is_active = False
    substitute.save(update_fields=["is_active"])
    no_address = factories.make_user("ingen@example.org")
    no_address.email = ""
    no_address.save(update_fields=["email"])
    factories.make_appointment(no_address, other_administration, neh)
    assert _emails(network_recipients(neh)) == [representative.email]


def test_network_recipients_count_a_person_with_two_seats_once(
    representative, other_administration, neh, django_assert_num_queries
):
    factories.make_appointment(representative, other_administration, neh, "substitute")
    with django_assert_num_queries(1):
        assert _emails(network_recipients(neh)) == [representative.email]


def test_network_recipients_without_the_excluded(representative, substitute, neh):
    assert _emails(network_recipients(neh, exclude=[representative])) == [substitute.email]
    assert _emails(network_recipients(neh, exclude=[substitute.pk, None])) == [representative.email]
    assert _emails(network_recipients(neh, exclude=[None])) == sorted(
        [representative.email, substitute.email]
    )


def test_network_recipients_is_a_queryset_callers_filter_further(representative, substitute, neh):
    people = network_recipients(neh).filter(full_name__startswith="Rita")
    assert _emails(people) == [representative.email]
