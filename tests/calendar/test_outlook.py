"""Who is told what in Outlook (meetings/calendar/outlook.py), through the real pages: every
change to a meeting, a seat or a calendar choice keeps each person's invitation copies true."""

from unittest import mock

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.calendar import ics as calendar
from meetings.calendar import notices, outlook
from meetings.models import Invitation, Meeting, OutboxFanout
from meetings.outbox import tasks
from representatives.appointing import end_appointment
from representatives.models import Appointment
from tests import factories
from tests.calendar.mirror import calendar_parts, mirrors

pytestmark = pytest.mark.django_db

TICKS = {"mandate": "on", "management_access": "on", "management_forwards": "on"}


@pytest.fixture
def coming(neh):
    """Two published meetings to come, one planned, one held: only the first two are anyone's."""
    first = factories.make_meeting(neh, days_ahead=20, theme_title="Solel", place="Sal A")
    second = factories.make_meeting(neh, days_ahead=50, theme_title="Skyfall", place="Sal B")
    factories.make_meeting(neh, days_ahead=35, status=Meeting.Status.PLANNED, theme_title="Plan")
    factories.make_meeting(neh, days_ahead=-10, theme_title="Hållet")
    return [first, second]


def uid(meeting) -> str:
    return calendar.meeting_uid(meeting)


def methods_to(mailoutbox, address) -> list[str]:
    return [
        method for message in mailoutbox if message.to == [address]
        for method, _body in calendar_parts(message)
    ]  # fmt: skip


def edit_data(meeting: Meeting, **changes) -> dict:
    return {
        "place": meeting.place,
        "format": meeting.format,
        "online_url": meeting.online_url,
        "theme_title": meeting.theme_title,
        "theme_description": meeting.theme_description,
        "work_areas": [a.pk for a in meeting.work_areas.all()],
        "version": meeting.version,
        **changes,
    }


def test_editing_a_published_meeting_updates_every_invitation_copy(
    client_for, coming, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    representative, substitute, _third = network_people
    substitute.calendar_delivery = substitute.CalendarDelivery.SUBSCRIPTION
    substitute.save()
    meeting = coming[0]
    before = meeting.sequence
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            reverse("meeting_edit", args=[meeting.pk]),
            edit_data(
                meeting,
                place="Stadshuset, sal Ängen",
                online_url="https://teams.example.org/nytt",
                theme_title="Solel på taken",
            ),
        )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence > before
    entry = mirrors(mailoutbox)[representative.email][uid(meeting)]
    assert entry.sequence == meeting.sequence
    assert entry.location == "Stadshuset, sal Ängen, https://teams.example.org/nytt"
    assert entry.summary == "NEH: Solel på taken"
    # Subscription only: told in text, the feed carries the change.
    assert [m.to for m in mailoutbox].count([substitute.email]) == 1
    assert methods_to(mailoutbox, substitute.email) == []


def test_editing_a_planned_meeting_tells_nobody(
    client_for, neh, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    planned = factories.make_meeting(neh, status=Meeting.Status.PLANNED, theme_title="Plan")
    start = timezone.localtime(planned.starts_at)
    data = edit_data(planned, place="Någonstans")
    data |= {
        "date": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "end_time": timezone.localtime(planned.ends_at).strftime("%H:%M"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(reverse("meeting_edit", args=[planned.pk]), data)
    assert Meeting.objects.get(pk=planned.pk).place == "Någonstans"
    assert mailoutbox == []


def test_a_stale_edit_is_refused_and_tells_nobody(
    client_for, coming, network_people, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = coming[0]
    stale = edit_data(meeting, place="Gammal flik")
    meeting.place = "Någon annans ändring"
    meeting.save_changes(["place"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(reverse("meeting_edit", args=[meeting.pk]), stale)
    assert "har ändrats av någon annan" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).place == "Någon annans ändring"
    assert mailoutbox == []


def test_switching_to_subscription_only_cancels_the_copies_and_back_sends_them_again(
    client_for, coming, representative, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("representative")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("calendar_delivery"), {"calendar_delivery": "subscription"})
    representative.refresh_from_db()
    assert representative.calendar_delivery == "subscription"
    assert sorted(methods_to(mailoutbox, representative.email)) == ["CANCEL", "CANCEL"]
    cancelled = {
        str(event["UID"])
        for message in mailoutbox
        for _method, body in calendar_parts(message)
        for event in icalendar.Calendar.from_ical(body).walk("VEVENT")
    }
    assert cancelled == {uid(m) for m in coming}  # not the planned one, not the held one

    # The same choice again changes nothing and sends nothing.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("calendar_delivery"), {"calendar_delivery": "subscription"})
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("calendar_delivery"), {"calendar_delivery": "invitations"})
    mirror = mirrors(mailoutbox)[representative.email]
    assert set(mirror) == {uid(m) for m in coming}


def test_later_changes_reach_a_subscription_only_person_as_text_only(
    client_for, coming, representative, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("representative").post(
            reverse("calendar_delivery"), {"calendar_delivery": "subscription"}
        )
        meeting = coming[0]
        meeting.cancel("Sjukdom.")
        outlook.meeting_cancelled(meeting)
    assert mirrors(mailoutbox)[representative.email] == {}
    last = [m for m in mailoutbox if m.to == [representative.email]][-1]
    assert "inställt" in last.body and calendar_parts(last) == []


def test_a_colleague_with_an_account_is_held_to_their_own_choice(
    client_for, coming, representative, administration, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    colleague = factories.make_user("kollega@example.org", "Kim Kollega")
    colleague.calendar_delivery = colleague.CalendarDelivery.SUBSCRIPTION
    colleague.save()
    meeting = coming[0]
    Invitation.objects.create(
        meeting=meeting, invited_by=representative, administration=administration,
        full_name="Kim Kollega", email="Kollega@example.org", reason="Temat.",
        token_hash=Invitation.hash_token("kollega"),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(
            reverse("meeting_cancel", args=[meeting.pk]),
            {"version": meeting.version, "reason": "Lokalen är upptagen."},
        )
    told = [m for m in mailoutbox if m.to == ["kollega@example.org"]]
    assert len(told) == 1 and calendar_parts(told[0]) == []
    assert methods_to(mailoutbox, representative.email) == ["CANCEL"]


def test_a_representative_appointed_mid_term_gets_the_coming_meetings_and_the_replaced_loses_them(
    client_for, coming, representative, administration, director, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    url = reverse(
        "appointment_create",
        kwargs={"pk": administration.pk, "code": "neh", "role": "representant"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("director").post(
            url, factories.submitted({"full_name": "Nora Ny", "email": "nora@example.org", **TICKS})
        )
    assert response.status_code == 302
    assert Appointment.objects.current().filter(person__email="nora@example.org").exists()
    outlooks = mirrors(mailoutbox)
    assert set(outlooks["nora@example.org"]) == {uid(m) for m in coming}
    assert outlooks["nora@example.org"][uid(coming[1])].location == "Sal B"
    assert sorted(methods_to(mailoutbox, representative.email)) == ["CANCEL", "CANCEL"]
    assert outlooks[representative.email] == {}


def test_ending_an_appointment_cancels_only_what_the_person_no_longer_should_have(
    client_for, coming, representative, administration, other_administration, neh, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    # Rita also sits for another administration in NEH: ending one seat removes nothing.
    factories.make_appointment(representative, other_administration, neh, "substitute")
    seat = Appointment.objects.get(person=representative, administration=administration)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("director").post(reverse("appointment_end", args=[seat.pk]))
    assert methods_to(mailoutbox, representative.email) == []
    other = Appointment.objects.current().get(person=representative)
    other.administration.director = factories.make_user("dir2@example.org", "Dir Två")
    other.administration.save()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        end_appointment(other)
    assert sorted(methods_to(mailoutbox, representative.email)) == ["CANCEL", "CANCEL"]


def test_a_new_agenda_version_updates_the_copies_with_the_published_agenda(
    client_for, coming, representative, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = coming[0]
    factories.make_agenda_item(meeting, position=1, title="Välkomna")
    before = Meeting.objects.get(pk=meeting.pk).sequence
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(
            reverse("agenda_publish", args=[meeting.pk]), {"change_note": "", "based_on": 0}
        )
    meeting.refresh_from_db()
    assert meeting.agenda_versions.count() == 1 and meeting.sequence > before
    entry = mirrors(mailoutbox)[representative.email][uid(meeting)]
    assert entry.sequence == meeting.sequence
    assert "Dagordning:\n1. Välkomna" in entry.description


# The worker reads a fan-out's audience when it expands it, seconds after the change: seats and
# choices that change in between still leave every copy true. ------------------------------


def _worker_catches_up(captured) -> None:
    with captured(execute=True):
        tasks.expand_fanouts.call()
    assert not OutboxFanout.objects.pending().exists()


def _cancel_while_the_worker_waits(client_for, meeting) -> None:
    with mock.patch.object(tasks, "expand_fanouts", mock.Mock()) as waiting:
        response = client_for("coordinator").post(
            reverse("meeting_cancel", args=[meeting.pk]),
            {"version": meeting.version, "reason": "Lokalen är upptagen."},
        )
        assert response.status_code == 302
    assert OutboxFanout.objects.pending().get().kind == "calendar.cancelled"
    assert waiting.enqueue.call_count == 0  # the test keeps the commit's callbacks: none ran


def test_a_seat_ended_before_the_worker_tells_a_cancellation_still_cancels_the_copy(
    client_for, coming, representative, administration, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    meeting = coming[0]
    assert uid(meeting) in mirrors(_published_to(coming, mailoutbox))[representative.email]
    _cancel_while_the_worker_waits(client_for, meeting)
    seat = Appointment.objects.get(person=representative, administration=administration)
    with django_capture_on_commit_callbacks(execute=True):
        end_appointment(seat)
    _worker_catches_up(django_capture_on_commit_callbacks)
    # The cancellation's audience no longer counts Rita; her seat's end cancelled the copy.
    assert mirrors(mailoutbox)[representative.email] == {}
    assert not any(
        m.to == [representative.email] and m.subject.startswith("[Hållbarhetsnätverken] Inställt")
        for m in mailoutbox
    )


def test_choosing_subscription_before_the_worker_tells_a_cancellation_still_cancels_the_copy(
    client_for, coming, representative, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = coming[0]
    _published_to(coming, mailoutbox)
    _cancel_while_the_worker_waits(client_for, meeting)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("representative").post(
            reverse("calendar_delivery"), {"calendar_delivery": "subscription"}
        )
    _worker_catches_up(django_capture_on_commit_callbacks)
    assert mirrors(mailoutbox)[representative.email] == {}
    # The cancellation itself still reaches her, as text only.
    (cancelled,) = [
        m for m in mailoutbox if m.to == [representative.email] and "Inställt" in m.subject
    ]
    assert calendar_parts(cancelled) == []


def test_a_person_appointed_or_gone_before_the_worker_expands_a_publishing(
    client_for, neh, representative, administration, director, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    meeting = factories.make_meeting(neh, days_ahead=30, status=Meeting.Status.PLANNED)
    with mock.patch.object(tasks, "expand_fanouts", mock.Mock()):
        response = client_for("coordinator").post(
            reverse("meeting_publish", args=[meeting.pk]), {"version": meeting.version}
        )
        assert response.status_code == 302
    url = reverse(
        "appointment_create",
        kwargs={"pk": administration.pk, "code": "neh", "role": "representant"},
    )
    with django_capture_on_commit_callbacks(execute=True):  # Nora replaces Rita
        client_for("director").post(
            url, factories.submitted({"full_name": "Nora Ny", "email": "nora@example.org", **TICKS})
        )
    _worker_catches_up(django_capture_on_commit_callbacks)
    outlooks = mirrors(mailoutbox)
    assert set(outlooks["nora@example.org"]) == {uid(meeting)}  # her seat's, and the publishing's
    assert methods_to(mailoutbox, "nora@example.org") == ["REQUEST", "REQUEST"]
    assert outlooks.get(representative.email, {}) == {}  # told by her seat's end, not published
    assert methods_to(mailoutbox, representative.email) == ["CANCEL"]


def _published_to(coming, mailoutbox) -> list:
    """The copies the coming meetings' publishing put in Outlook (the fixture made them
    published without telling anyone): their REQUESTs, as if sent then."""
    for meeting in coming:
        for person in outlook.audience(meeting):
            mailoutbox.append(
                notices.published_message(meeting, person, outlook._method(person, "REQUEST"))
            )
    return mailoutbox
