"""Outlook, e-mail and feeds agree with the record, whatever order things happen in.

A Hypothesis state machine plans, publishes, edits, moves and cancels meetings, publishes agenda
versions (and edits the draft between them), appoints, replaces and removes representatives and
switches people's calendar choice, through the real pages where a person would act. The worker
may be slow with any change that tells a meeting's whole audience: the change then waits as a
fan-out, its audience unread, while seats and choices change and other changes follow, until the
worker catches up (a rule, the next change it is quick with, and the end of each example).
After every step it checks:

- the agenda in the feeds, the download and the invitations is the latest published version
  (and none while no version is published): never the draft;
- each person's "Outlook mirror", built only from the iTIP parts they were e-mailed (REQUEST adds
  or updates by UID unless its SEQUENCE is lower, CANCEL removes), holds exactly the coming
  published meetings of their networks, with today's time, place, title and agenda, for
  everyone who takes invitations; for subscription-only people it holds nothing stale
  (checked whenever the worker has expanded every fan-out);
- a feed's ETag and Last-Modified change whenever its body does, Last-Modified only forwards
  (so a client asking If-Modified-Since is never told 304 for a changed body);
- every link in every e-mail opens for its recipient (no 403, no 404) when it arrives.

Examples are modest by default (tests/conftest.py); HYPOTHESIS_PROFILE=long runs more.
"""

import contextlib
import datetime
import re
from unittest import mock
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from accounts.models import User
from meetings.calendar import ics as calendar
from meetings.coordination import planning
from meetings.models import AgendaItem, Meeting, OutboxFanout, seen_agenda
from meetings.outbox import tasks
from networks.models import Network
from representatives.models import Appointment
from tests import factories
from tests.accounts.support import sign_in_as
from tests.calendar.mirror import Entry, apply

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
TICKS = {"mandate": "on", "management_access": "on", "management_forwards": "on"}
PLACES = ["Stadshuset, sal Ängen", "Rådhuset", "Biblioteket", ""]
TITLES = ["Solel på taken", "Skyfall och värme", "Giftfri förskola", "Cirkulära inköp"]
LINKS = ["", "https://teams.example.org/a", "https://teams.example.org/b"]
SEATS = [("A", "representant"), ("A", "ersattare"), ("B", "representant")]
ROLE_VALUES = {"representant": Appointment.Role.REPRESENTATIVE, "ersattare": "substitute"}
URL = re.compile(r"https?://testserver[^\s\"'<>]*")


def agenda_lines(description: str) -> list[str]:
    """The agenda block of an entry's description ("Dagordning:" and its numbered lines)."""
    for block in description.split("\n\n"):
        if block.startswith("Dagordning:"):
            return block.splitlines()[1:]
    return []


def published_lines(meeting: Meeting) -> list[str]:
    version = seen_agenda(meeting)
    if version is None:
        return []
    return [f"{item['position']}. {item['title']}" for item in version.snapshot]


class OutlookMachine(RuleBasedStateMachine):
    meetings = Bundle("meetings")

    def __init__(self) -> None:
        super().__init__()
        # Each example runs in a savepoint of the test's transaction and is rolled back.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        mail.outbox.clear()
        self.read_mails = 0  # how much of the outbox the mirrors and the link check have seen
        self.outlooks: dict[str, dict[str, Entry]] = {}
        self.opened: set[tuple[str, str]] = set()
        self.feeds: dict[str, tuple[str, str, bytes]] = {}

    def teardown(self) -> None:
        try:
            if hasattr(self, "people") and self.waiting():
                # However the example ended, once the worker has caught up all must hold.
                self.worker_catches_up()
                self.outlook_mirrors_hold_what_the_record_says()
        finally:
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    # --- the world ---------------------------------------------------------------------------

    @initialize(target=meetings)
    def world(self):
        self.network = Network.objects.get(code="NEH")
        self.coordinator = factories.make_user("samordnare@example.org", "Sam Samordnare")
        self.network.coordinators.add(self.coordinator)
        self.director = factories.make_user("direktor@example.org", "Dora Direktör")
        self.administrations = {
            "A": factories.make_administration("Miljöförvaltningen", director=self.director),
            "B": factories.make_administration("Kulturförvaltningen", director=self.director),
        }
        self.people = [
            factories.make_user(f"person{n}@example.org", f"Person {n}") for n in range(4)
        ]
        for (code, role), person in zip(SEATS, self.people, strict=False):
            factories.make_appointment(
                person, self.administrations[code], self.network, ROLE_VALUES[role]
            )
        self.clients: dict[str, Client] = {}
        # Feeds to watch: one person's own, and the network's.
        self.secrets = {
            "personal": calendar.new_token(self.people[0]),
            "network": calendar.new_token(self.people[3], self.network),
        }
        # A term under way: one meeting published (through its page), one still planned.
        published, planned = self.plan(days=20, hour=9), self.plan(days=60, hour=13)
        self.publish(published)
        return multiple(published, planned)

    def client(self, user: User) -> Client:
        if user.email not in self.clients:
            self.clients[user.email] = sign_in_as(Client(), user)
        return self.clients[user.email]

    def act(self, user: User, path: str, data: dict, slow: bool = False) -> None:
        """Post as the person would, and let what the change sends be sent; if the worker is
        `slow`, a fan-out the change records waits, its audience unread."""
        waits = mock.patch.object(tasks, "expand_fanouts", mock.Mock()) if slow else None
        with waits or contextlib.nullcontext(), TestCase.captureOnCommitCallbacks(execute=True):
            response = self.client(user).post(path, data)
        assert response.status_code < 500, (path, response.status_code)

    def waiting(self) -> bool:
        return OutboxFanout.objects.pending().exists()

    # --- the worker --------------------------------------------------------------------------

    @rule()
    def worker_catches_up(self) -> None:
        """The worker's task: expand every waiting fan-out (reading the audience now), oldest
        first, and send their messages."""
        with TestCase.captureOnCommitCallbacks(execute=True):
            tasks.expand_fanouts.call()
        assert not self.waiting()

    def fresh(self, meeting: Meeting) -> Meeting:
        return Meeting.objects.get(pk=meeting.pk)

    # --- meetings ----------------------------------------------------------------------------

    @rule(target=meetings, days=st.integers(10, 150), hour=st.sampled_from([0, 9, 13, 21]))
    def plan(self, days: int, hour: int) -> Meeting:
        day = timezone.localdate() + datetime.timedelta(days=days)
        starts_at = datetime.datetime.combine(day, datetime.time(hour, 30), STOCKHOLM)
        slot = planning.Slot(starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2))
        (meeting,) = planning.create_meetings(self.network, [slot])
        meeting.theme_title = TITLES[days % len(TITLES)]
        meeting.save_changes(["theme_title"])
        return meeting

    @rule(meeting=meetings, slow=st.booleans())
    def publish(self, meeting: Meeting, slow: bool = False) -> None:
        meeting = self.fresh(meeting)
        path = reverse("meeting_publish", args=[meeting.pk])
        self.act(self.coordinator, path, {"version": meeting.version}, slow)

    @rule(
        meeting=meetings,
        place=st.sampled_from(PLACES),
        title=st.sampled_from(TITLES),
        link=st.sampled_from(LINKS),
        stale=st.booleans(),
        slow=st.booleans(),
    )
    def edit(
        self, meeting: Meeting, place: str, title: str, link: str, stale: bool, slow: bool
    ) -> None:
        meeting = self.fresh(meeting)
        if meeting.is_cancelled:
            return
        start = timezone.localtime(meeting.starts_at)
        data = {
            "place": place,
            "format": meeting.format,
            "online_url": link,
            "theme_title": title,
            "theme_description": meeting.theme_description,
            "work_areas": [area.pk for area in meeting.work_areas.all()],
            "date": start.date().isoformat(),
            "start_time": start.strftime("%H:%M"),
            "end_time": timezone.localtime(meeting.ends_at).strftime("%H:%M"),
            # A form rendered before someone else's save: refused, nothing saved or sent.
            "version": meeting.version - 1 if stale else meeting.version,
        }
        sent = len(mail.outbox)
        self.act(self.coordinator, reverse("meeting_edit", args=[meeting.pk]), data, slow)
        if stale:
            assert self.fresh(meeting).version == meeting.version
            assert len(mail.outbox) == sent

    @rule(
        meeting=meetings,
        days=st.integers(1, 20),
        place=st.sampled_from(PLACES),
        slow=st.booleans(),
    )
    def move(self, meeting: Meeting, days: int, place: str, slow: bool) -> None:
        meeting = self.fresh(meeting)
        start = timezone.localtime(meeting.starts_at) + datetime.timedelta(days=days)
        data = {
            "version": meeting.version,
            "date": start.date().isoformat(),
            "start_time": start.strftime("%H:%M"),
            "end_time": (start + datetime.timedelta(hours=2)).strftime("%H:%M"),
            "place": place,
        }
        self.act(self.coordinator, reverse("meeting_reschedule", args=[meeting.pk]), data, slow)

    @rule(meeting=meetings, slow=st.booleans())
    def cancel(self, meeting: Meeting, slow: bool) -> None:
        meeting = self.fresh(meeting)
        data = {"version": meeting.version, "reason": "Lokalen är upptagen."}
        self.act(self.coordinator, reverse("meeting_cancel", args=[meeting.pk]), data, slow)

    # --- the agenda --------------------------------------------------------------------------

    @rule(meeting=meetings, title=st.sampled_from(["Välkomna", "Läget", "Ny punkt"]))
    def draft_item(self, meeting: Meeting, title: str) -> None:
        """The coordinator works on the draft: nobody but them may see it."""
        last = meeting.agenda_items.filter(position__isnull=False).order_by("-position").first()
        factories.make_agenda_item(
            meeting, position=(last.position + 1) if last else 1, title=f"{title} (utkast)"
        )

    @rule(meeting=meetings)
    def rename_draft_item(self, meeting: Meeting) -> None:
        item = meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).first()
        if item is not None:
            item.title = f"{item.title}!"
            item.save(update_fields=["title", "updated_at"])

    @rule(meeting=meetings, slow=st.booleans())
    def publish_agenda(self, meeting: Meeting, slow: bool) -> None:
        latest = seen_agenda(self.fresh(meeting))
        data = {"change_note": "Ändrad.", "based_on": latest.number if latest else 0}
        self.act(self.coordinator, reverse("agenda_publish", args=[meeting.pk]), data, slow)

    # --- seats and choices -------------------------------------------------------------------

    @rule(seat=st.sampled_from(SEATS), who=st.integers(0, 3))
    def appoint(self, seat: tuple[str, str], who: int) -> None:
        code, role = seat
        person = self.people[who]
        path = reverse(
            "appointment_create",
            kwargs={"pk": self.administrations[code].pk, "code": "neh", "role": role},
        )
        data = factories.submitted({"full_name": person.full_name, "email": person.email, **TICKS})
        self.act(self.director, path, data)

    @rule(seat=st.sampled_from(SEATS))
    def end_seat(self, seat: tuple[str, str]) -> None:
        code, role = seat
        appointment = (
            Appointment.objects.current()
            .filter(administration=self.administrations[code], role=ROLE_VALUES[role])
            .first()
        )
        if appointment is not None:
            self.act(self.director, reverse("appointment_end", args=[appointment.pk]), {})

    @rule(who=st.integers(0, 3), choice=st.sampled_from(["invitations", "subscription"]))
    def choose_delivery(self, who: int, choice: str) -> None:
        self.act(self.people[who], reverse("calendar_delivery"), {"calendar_delivery": choice})

    # --- what must hold ----------------------------------------------------------------------

    def should_have(self, person: User) -> list[Meeting]:
        """From the record alone: the coming published meetings of the person's networks."""
        networks = Appointment.objects.current().filter(person=person).values("network_id")
        return list(
            Meeting.objects.filter(status=Meeting.Status.PUBLISHED, network_id__in=networks)
            .upcoming()
            .select_related("network")
        )

    def current_entry(self, meeting: Meeting, entry: Entry) -> None:
        assert entry.sequence == meeting.sequence, meeting
        assert entry.starts_at == meeting.starts_at
        assert entry.ends_at == meeting.ends_at
        assert entry.summary == calendar.meeting_summary(meeting)
        assert entry.location == calendar.meeting_location(meeting)
        assert agenda_lines(entry.description) == published_lines(meeting)

    @invariant()
    def outlook_mirrors_hold_what_the_record_says(self) -> None:
        if not hasattr(self, "people"):
            return
        self.read_new_mail()
        if self.waiting():
            return  # what a waiting fan-out will tell is not in anyone's Outlook yet
        for person in User.objects.filter(pk__in=[p.pk for p in self.people]):
            mirror = self.outlooks.get(person.email, {})
            expected = {calendar.meeting_uid(m): m for m in self.should_have(person)}
            if person.wants_calendar_invitations:
                assert set(mirror) == set(expected), (person, mirror, expected)
            else:
                assert set(mirror) <= set(expected), (person, "stale entries", mirror)
            for uid, entry in mirror.items():
                self.current_entry(expected[uid], entry)

    @invariant()
    def downloads_show_the_published_agenda(self) -> None:
        for meeting in Meeting.objects.exclude(status=Meeting.Status.PLANNED):
            (event,) = icalendar.Calendar.from_ical(calendar.meeting_file(meeting)).walk("VEVENT")
            assert agenda_lines(str(event["DESCRIPTION"])) == published_lines(meeting)

    @invariant()
    def feeds_move_forward_and_show_the_published_agenda(self) -> None:
        if not hasattr(self, "secrets"):
            return
        client = Client()
        for name, secret in self.secrets.items():
            response = client.get(reverse("calendar_feed", kwargs={"secret": secret}))
            assert response.status_code == 200
            body, etag, modified = response.content, response["ETag"], response["Last-Modified"]
            previous = self.feeds.get(name)
            if previous is not None:
                if body == previous[2]:
                    assert (etag, modified) == previous[:2], "same body, new validators"
                else:
                    assert etag != previous[0], "the body changed, the ETag did not"
                    # Strictly later: a client sending If-Modified-Since gets the new body.
                    assert parse_http_date(modified) > parse_http_date(previous[1])
            self.feeds[name] = (etag, modified, body)
            for event in icalendar.Calendar.from_ical(body).walk("VEVENT"):
                if str(event["UID"]).startswith("todo-"):
                    continue  # the personal feed's to-dos ("Att göra"), not meetings
                meeting = Meeting.objects.get(uid=str(event["UID"]).split("@")[0])
                assert agenda_lines(str(event["DESCRIPTION"])) == published_lines(meeting)

    def read_new_mail(self) -> None:
        """Apply the new messages to their recipients' mirrors, and open every link in them
        as the recipient (each address and link once per example)."""
        for message in mail.outbox[self.read_mails :]:
            (address,) = message.to
            apply(self.outlooks.setdefault(address.lower(), {}), message)
            recipient = User.objects.get(email__iexact=address)
            for url in set(URL.findall(message.body)) - {u for a, u in self.opened if a == address}:
                self.opened.add((address, url))
                response = self.client(recipient).get(url.removeprefix(SITE))
                assert response.status_code not in (403, 404), (address, url, message.subject)
        self.read_mails = len(mail.outbox)


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE


def test_outlook_and_feeds_follow_every_change(site, mailoutbox):
    # Each step goes through the pages and reads two feeds: fewer, shorter runs than the
    # profile's count keep `make test` to seconds; HYPOTHESIS_PROFILE=long scales it up.
    profile = settings()
    run_state_machine_as_test(
        OutlookMachine,
        settings=settings(
            profile, max_examples=max(profile.max_examples * 2 // 5, 5), stateful_step_count=10
        ),
    )
