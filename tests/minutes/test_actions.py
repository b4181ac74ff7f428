"""Action items: created from an agenda item, marked done, carried to the next agenda."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.agenda import follow_up
from meetings.minutes import actions
from meetings.models import ActionItem
from tests import factories
from tests.minutes.build import draft_form, publish_form

pytestmark = pytest.mark.django_db


def action_data(meeting, administration, *, days_after=14, **extra):
    due = timezone.localdate(meeting.starts_at) + datetime.timedelta(days=days_after)
    return factories.submitted(
        {
            "agenda_item": str(meeting.items[0].pk),
            "title": "Ta fram en skyfallsplan",
            "administrations": [str(administration.pk)],
            "due_on": due.isoformat(),
            **extra,
        }
    )


def make_action(meeting, administration, *, due_on=None, **extra):
    action = ActionItem.objects.create(
        meeting=meeting,
        agenda_item=meeting.items[0],
        title=extra.pop("title", "Åtgärd"),
        due_on=due_on or timezone.localdate() + datetime.timedelta(days=10),
        **extra,
    )
    action.administrations.set([administration])
    return action


def test_coordinator_creates_action(client_for, held, administration, representative):
    response = client_for("coordinator").post(
        reverse("action_create", args=[held.pk]), action_data(held, administration)
    )
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert action.agenda_item == held.items[0]
    assert list(action.administrations.all()) == [administration]
    assert action.status == ActionItem.Status.OPEN


def test_due_date_before_the_meeting_is_refused(client_for, held, administration):
    response = client_for("coordinator").post(
        reverse("action_create", args=[held.pk]),
        action_data(held, administration, days_after=-1),
    )
    assert response.status_code == 200
    assert "Sista dag kan inte ligga före mötet." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_administration_outside_the_network_is_refused(
    client_for, held, administration, other_administration
):
    response = client_for("coordinator").post(
        reverse("action_create", args=[held.pk]), action_data(held, other_administration)
    )
    assert "Förvaltningen finns inte i nätverket." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_no_actions_for_a_meeting_not_held(client_for, neh, administration, representative):
    coming = factories.make_meeting(neh, days_ahead=3)
    coming.items = [factories.make_agenda_item(coming, position=1)]
    response = client_for("coordinator").post(
        reverse("action_create", args=[coming.pk]), action_data(coming, administration)
    )
    assert response.status_code == 409
    assert not ActionItem.objects.exists()


def test_representative_of_responsible_administration_marks_done(
    client_for, held, administration, representative
):
    action = make_action(held, administration)
    response = client_for("representative").post(
        reverse("action_done", args=[action.pk]), {"done_comment": "Planen är antagen."}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionItem.Status.DONE
    assert action.done_by == representative and action.done_comment == "Planen är antagen."
    # Twice is refused, nothing changes.
    again = client_for("representative").post(
        reverse("action_done", args=[action.pk]), {"done_comment": "Igen"}
    )
    assert again.status_code == 409
    action.refresh_from_db()
    assert action.done_comment == "Planen är antagen."


def test_others_may_not_mark_done(client_for, held, administration, other_administration, staff):
    action = make_action(held, other_administration)  # not the representative's administration
    for role in ("representative", "staff", "director"):
        response = client_for(role).post(
            reverse("action_done", args=[action.pk]), {"done_comment": "x"}
        )
        assert response.status_code == 403, role
    action.refresh_from_db()
    assert action.status == ActionItem.Status.OPEN


def test_open_actions_appear_under_follow_up_on_the_next_meeting_only(
    client_for, held, next_meeting, neh, nsh, administration
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    overdue = make_action(held, administration, title="Försenad åtgärd", due_on=yesterday)
    open_ = make_action(held, administration, title="Öppen åtgärd")
    done = make_action(
        held,
        administration,
        title="Klar åtgärd",
        status=ActionItem.Status.DONE,
        done_at=timezone.now(),
    )
    later = factories.make_meeting(neh, days_ahead=50, theme_title="Ännu senare")
    other_network = factories.make_meeting(nsh, days_ahead=10)
    assert [a.pk for a in follow_up.open_actions(next_meeting)] == [overdue.pk, open_.pk]
    assert not follow_up.open_actions(later)
    assert not follow_up.open_actions(other_network)
    assert not follow_up.open_actions(held)
    html = client_for("representative").get(next_meeting.get_absolute_url()).content.decode()
    assert "Uppföljning" in html and "Öppen åtgärd" in html and "Försenad åtgärd" in html
    assert "försenad" in html and "Klar åtgärd" not in html
    workspace = client_for("coordinator").get(reverse("agenda_manage", args=[next_meeting.pk]))
    assert "Uppföljning" in workspace.content.decode()
    assert "Öppen åtgärd" in workspace.content.decode()
    # Done: it leaves the follow-up by itself.
    actions.mark_done(open_, None, "Klart.")
    assert [a.pk for a in follow_up.open_actions(next_meeting)] == [overdue.pk]
    assert done.pk not in [a.pk for a in follow_up.open_actions(next_meeting)]


def test_cancelled_next_meeting_passes_follow_up_on(held, neh, next_meeting, administration):
    action = make_action(held, administration)
    next_meeting.status = "cancelled"
    next_meeting.save()
    after = factories.make_meeting(neh, days_ahead=40)
    assert [a.pk for a in follow_up.open_actions(after)] == [action.pk]


def test_action_list_open_first_for_coordinators(client_for, held, administration):
    make_action(held, administration, title="Klar sak", status="done", done_at=timezone.now())
    make_action(held, administration, title="Öppen sak")
    response = client_for("coordinator").get(reverse("action_list", args=["neh"]))
    html = response.content.decode()
    assert html.index("Öppen sak") < html.index("Klar sak")
    assert client_for("representative").get(reverse("action_list", args=["neh"])).status_code == 403
    assert client_for("coordinator").get(reverse("action_list", args=["nsh"])).status_code == 403


def test_actions_are_frozen_into_the_published_minutes(client_for, held, administration):
    make_action(held, administration, title="Frusen åtgärd")
    client = client_for("coordinator")
    client.post(reverse("minutes_edit", args=[held.pk]), draft_form(held, {"summary": "S"}))
    client.post(reverse("minutes_publish", args=[held.pk]), publish_form(held, {"based_on": "0"}))
    html = client_for("staff").get(reverse("minutes_detail", args=[held.pk])).content.decode()
    assert "Frusen åtgärd" in html and administration.name in html


def test_everyone_reads_an_action_but_only_the_responsible_see_the_form(
    client_for, held, administration, other_administration
):
    action = make_action(held, administration, title="Läsbar åtgärd")
    staff_page = client_for("staff").get(reverse("action_done", args=[action.pk]))
    assert staff_page.status_code == 200
    assert "Läsbar åtgärd" in staff_page.content.decode()
    assert "done_comment" not in staff_page.content.decode()
    own = client_for("representative").get(reverse("action_done", args=[action.pk]))
    assert "done_comment" in own.content.decode()


def test_action_of_a_planned_meeting_does_not_exist_for_members(client_for, neh, administration):
    planned = factories.make_meeting(neh, days_ahead=-1, status="planned")
    planned.items = [factories.make_agenda_item(planned, position=1)]
    action = make_action(planned, administration)
    response = client_for("representative").get(reverse("action_done", args=[action.pk]))
    assert response.status_code == 404
