"""Coordinators correct an open action: what, which administrations, by when; with history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.minutes import actions
from meetings.models import ActionItem
from tests import factories
from tests.factories import at_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(held, administration, representative):
    return factories.make_action(held, administrations=[administration], title="Skyfallskartan")


def edit_data(action, administrations, **more) -> dict:
    due = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    data = {"title": "Skyfallskartan, uppdaterad", "due_on": due, **more}
    data = at_version(action, data)
    data["administrations"] = [str(a.pk) for a in administrations]
    return data


def test_coordinator_reassigns_an_action(
    client_for, action, administration, other_administration, neh
):
    factories.make_appointment(
        factories.make_user("social@example.org", "Sol Social"), other_administration, neh
    )
    client = client_for("coordinator")
    response = client.post(
        reverse("action_edit", args=[action.pk]), edit_data(action, [other_administration])
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Skyfallskartan, uppdaterad"
    assert list(action.administrations.all()) == [other_administration]
    history = client.get(reverse("object_history", args=["atgard", action.pk])).content.decode()
    assert "Socialförvaltningen" in history and "Skyfallskartan, uppdaterad" in history


def test_a_due_date_before_the_meeting_is_refused(client_for, action, administration):
    before = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    response = client_for("coordinator").post(
        reverse("action_edit", args=[action.pk]),
        edit_data(action, [administration], due_on=before),
    )
    assert response.status_code == 422
    assert "Sista dag kan inte ligga före mötet." in response.content.decode()
    assert ActionItem.objects.get(pk=action.pk).title == "Skyfallskartan"


def test_a_stale_page_is_refused(client_for, action, administration):
    data = edit_data(action, [administration])
    client = client_for("coordinator")
    client.post(reverse("action_edit", args=[action.pk]), {**data, "title": "Först"})
    response = client.post(reverse("action_edit", args=[action.pk]), {**data, "title": "Sist"})
    assert response.status_code == 422
    assert "har ändrats av någon annan" in response.content.decode()
    assert ActionItem.objects.get(pk=action.pk).title == "Först"


def test_a_done_action_cannot_be_edited(client_for, action, administration, coordinator):
    actions.mark_done(action, coordinator, "Klart.")
    response = client_for("coordinator").post(
        reverse("action_edit", args=[action.pk]), edit_data(action, [administration])
    )
    assert response.status_code == 409
    assert ActionItem.objects.get(pk=action.pk).title == "Skyfallskartan"


def test_the_representative_cannot_edit(client_for, action, administration):
    response = client_for("representative").post(
        reverse("action_edit", args=[action.pk]), edit_data(action, [administration])
    )
    assert response.status_code == 403
    assert ActionItem.objects.get(pk=action.pk).title == "Skyfallskartan"


def test_the_edit_forms_choices_and_initial_are_the_querysets(
    action, administration, other_administration, neh, nsh
):
    """The administrations to choose from (seated in the network today, or already the
    action's) and the action's own, read by compiled queries: what the field's queryset (which
    validates) and the action's relation hold, in order."""
    from meetings.form_fields import RowChoiceIterator
    from meetings.minutes.forms import ActionEditForm, assignable_administrations
    from representatives.models import Appointment

    today = timezone.localdate()
    seated = factories.make_administration("Äldreförvaltningen")
    ended = factories.make_administration("Byggförvaltningen")
    elsewhere = factories.make_administration("Kulturförvaltningen")
    later = factories.make_administration("Fritidsförvaltningen")
    factories.make_appointment(factories.make_user(), seated, neh)
    factories.make_appointment(
        factories.make_user(), ended, neh, end_date=today, role=Appointment.Role.SUBSTITUTE
    )
    factories.make_appointment(factories.make_user(), elsewhere, nsh)
    factories.make_appointment(
        factories.make_user(), later, neh, start_date=today + datetime.timedelta(days=1)
    )
    action.administrations.add(ended)
    action.refresh_from_db()

    form = ActionEditForm(action=action)
    field = form.fields["administrations"]
    expected = [(a.pk, a.name) for a in assignable_administrations(action)]
    # What the widget renders: its choices come from the compiled query.
    assert isinstance(field.widget.choices, RowChoiceIterator)
    assert [(value.value, label) for value, label in field.widget.choices] == expected
    assert [pk for pk, _name in expected] == [
        a.pk for a in sorted([administration, ended, seated], key=lambda a: a.name)
    ]
    assert sorted(form.initial["administrations"]) == sorted(
        a.pk for a in action.administrations.all()
    )
    assert other_administration.pk not in [pk for pk, _name in expected]


def test_the_action_lists_first_pages_and_counts_are_the_querysets(neh, nsh, administration):
    """The network's action list reads its counts and its first pages by compiled queries:
    what the open and done querysets (which page the later pages) give, in order, with each
    row's meeting and its administrations' names."""
    from config.prepared import by_shape
    from meetings import paging

    assert actions.counts_of_network(neh) == (0, 0)
    meeting = factories.make_meeting(neh, days_ahead=-10)
    today = timezone.localdate()
    for n in range(paging.PER_PAGE + 5):
        action = factories.make_action(
            meeting,
            administrations=[administration],
            title=f"Åtgärd {n}",
            due_on=today + datetime.timedelta(days=n % 5),
            status="done" if n % 2 else "open",
        )
        if n % 2:
            ActionItem.objects.filter(pk=action.pk).update(
                done_at=timezone.now() - datetime.timedelta(days=n % 3)
            )
    factories.make_action(factories.make_meeting(nsh, days_ahead=-3), title="Annat nätverk")
    for first, queryset in (
        (actions.first_open, actions.open_of_network(neh)),
        (actions.first_done, actions.done_of_network(neh)),
    ):
        expected = actions.describe(queryset[: paging.PER_PAGE])
        found = actions.describe(by_shape(first, paging.PER_PAGE, network_id=neh.pk))
        assert [(a.pk, a.meeting.starts_at, a.responsible_names) for a in found] == [
            (a.pk, a.meeting.starts_at, a.responsible_names) for a in expected
        ]
        assert found and found[0].responsible_names == administration.name
    assert actions.counts_of_network(neh) == (
        actions.open_of_network(neh).count(),
        actions.done_of_network(neh).count(),
    )
    assert actions.counts_of_network(neh) == (13, 12)
    assert actions.describe([]) == []


def test_the_action_is_read_with_its_meeting_and_found_only_where_the_meeting_is_seen(
    client_for, neh, nsh, administration
):
    """The page reads the action by a query compiled once and tests its meeting's visibility
    itself: a planned meeting's action is not found by a coordinator of another network, as
    the queryset of visible meetings left it out; a published one is found and refused."""
    from meetings.access import _ACTION

    own = factories.make_action(factories.make_meeting(neh, status="planned"))
    planned = factories.make_action(factories.make_meeting(nsh, status="planned"))
    published = factories.make_action(factories.make_meeting(nsh))
    (found,) = _ACTION.objects(action_id=own.pk)
    expected = ActionItem.objects.select_related("meeting__network", "agenda_item", "done_by").get(
        pk=own.pk
    )
    assert (found.pk, found.title, found.meeting.starts_at, found.meeting.network.code) == (
        expected.pk,
        expected.title,
        expected.meeting.starts_at,
        expected.meeting.network.code,
    )
    assert found.agenda_item_id == expected.agenda_item_id
    client = client_for("coordinator")
    assert client.get(reverse("action_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("action_edit", args=[planned.pk])).status_code == 404
    assert client.get(reverse("action_edit", args=[published.pk])).status_code == 403
    assert client.get(reverse("action_edit", args=[published.pk + 1000])).status_code == 404
    # Marking done reads the action the same way: found where its meeting is seen.
    assert client.get(reverse("action_done", args=[own.pk])).status_code == 200
    assert client.get(reverse("action_done", args=[planned.pk])).status_code == 404
    assert client.get(reverse("action_done", args=[published.pk + 1000])).status_code == 404
