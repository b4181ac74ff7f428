"""Actions due in N days (reminder_action_days, 7) and consultation answers due in N days
(reminder_consultation_days, 7): to the person who answers for each responsible or asked
administration: its representative, or its substitute while it has no representative."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import ActionItem, ConsultationResponse
from tests import factories
from tests.reminders.support import day, meeting_on, recipients, run, sent, switch_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(neh):
    return meeting_on(neh, -20)


# --- actions --------------------------------------------------------------------------------


def test_action_not_sent_n_plus_one_days_before(held, administration, representative, now):
    factories.make_action(held, administrations=[administration], due_on=day(8))
    run(now)
    assert recipients("action_due") == []


def test_action_sent_n_days_before_to_the_representative(
    held, administration, representative, substitute, now
):
    action = factories.make_action(
        held, administrations=[administration], due_on=day(7), title="Inventera kemikalier"
    )
    run(now)
    assert recipients("action_due") == ["representant@example.org"]
    reminder = sent("action_due")[0]
    assert "Åtgärd ska vara klar" in reminder.subject and "Inventera kemikalier" in reminder.subject
    assert "Miljöförvaltningen svarar för i" in reminder.body
    assert "om 7 dagar" in reminder.body
    assert f"/atgarder/{action.pk}/klar/" in reminder.body


def test_action_without_a_representative_goes_to_the_substitute(
    held, other_administration, neh, now
):
    person = factories.make_user("ersattare2@example.org", "Siv Ersättare")
    factories.make_appointment(person, other_administration, neh, "substitute")
    factories.make_action(held, administrations=[other_administration], due_on=day(7))
    run(now)
    assert recipients("action_due") == ["ersattare2@example.org"]


def test_action_reminder_running_twice_sends_once(held, administration, representative, now):
    factories.make_action(held, administrations=[administration], due_on=day(7))
    run(now)
    run(now + datetime.timedelta(hours=1))
    assert recipients("action_due") == ["representant@example.org"]


def test_action_reminder_switched_off(held, administration, representative, now):
    switch_off(representative, "action_due")
    factories.make_action(held, administrations=[administration], due_on=day(7))
    run(now)
    assert recipients("action_due") == []


def test_done_action_gets_no_reminder(held, administration, representative, now):
    factories.make_action(
        held, administrations=[administration], due_on=day(7), status=ActionItem.Status.DONE
    )
    run(now)
    assert recipients("action_due") == []


def test_the_networks_own_number_of_days(held, neh, administration, representative, now):
    neh.reminder_action_days = 2
    neh.save(update_fields=["reminder_action_days"])
    factories.make_action(held, administrations=[administration], due_on=day(7))
    factories.make_action(held, administrations=[administration], due_on=day(2))
    run(now)
    assert len(sent("action_due")) == 1
    assert "om 2 dagar" in sent("action_due")[0].body


# --- consultation answers --------------------------------------------------------------------


def test_consultation_not_sent_n_plus_one_days_before(neh, administration, representative, now):
    factories.make_consultation(neh, asked=[administration], deadline=day(8))
    run(now)
    assert recipients("consultation_due") == []


def test_consultation_sent_n_days_before_to_the_representative(
    neh, administration, other_administration, representative, substitute, now
):
    document = factories.make_consultation(
        neh, asked=[administration, other_administration], deadline=day(7), title="Avfallsplan"
    )
    run(now)
    # Socialförvaltningen has nobody in NEH: nobody to remind.
    assert recipients("consultation_due") == ["representant@example.org"]
    reminder = sent("consultation_due")[0]
    assert "Remissvar senast" in reminder.subject and "Avfallsplan" in reminder.subject
    assert "Miljöförvaltningen är tillfrågad om en remiss" in reminder.body
    assert document.get_absolute_url() in reminder.body


def test_consultation_reminder_running_twice_sends_once(neh, administration, representative, now):
    factories.make_consultation(neh, asked=[administration], deadline=day(7))
    run(now)
    run(now + datetime.timedelta(hours=1))
    assert recipients("consultation_due") == ["representant@example.org"]


def test_consultation_reminder_switched_off(neh, administration, representative, now):
    switch_off(representative, "consultation_due")
    factories.make_consultation(neh, asked=[administration], deadline=day(7))
    run(now)
    assert recipients("consultation_due") == []


def test_answered_or_withdrawn_consultation_gets_no_reminder(
    neh, administration, representative, now
):
    answered = factories.make_consultation(neh, asked=[administration], deadline=day(7))
    ConsultationResponse.objects.filter(document=answered).update(sent_at=timezone.now())
    factories.make_consultation(
        neh, asked=[administration], deadline=day(7), withdrawn_at=timezone.now()
    )
    run(now)
    assert recipients("consultation_due") == []
