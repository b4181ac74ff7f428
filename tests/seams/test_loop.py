"""The agenda ↔ question ↔ minutes loop as a state machine (Hypothesis): any sequence of the
domain's operations, run against the real workflows and the e-mail outbox, keeps the seams'
invariants (tests/seams/invariants.py) after every step.

Operations: propose, accept, defer, decline and reorder agenda items; publish an agenda
version; register, propose, answer, deal with and report back a question; write and publish
minutes; hold a meeting (time passes: the next upcoming meeting is moved to just now). A
refused operation must leave everything as it was (nothing half-saved, no e-mail).

The default Hypothesis profile runs a few short programs (seconds); HYPOTHESIS_PROFILE=long
runs many more.
"""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client, TestCase
from django.utils import timezone
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from meetings.agenda import workflow as agenda
from meetings.minutes import workflow as minutes
from meetings.models import (
    AgendaItem,
    AgendaVersion,
    Meeting,
    MinutesVersion,
    Question,
    QuestionEvent,
)
from meetings.questions import steps as questions
from representatives.models import Appointment
from tests import factories
from tests.accounts.support import sign_in_as
from tests.seams import invariants

REFUSALS = (agenda.AgendaError, questions.QuestionError, minutes.MinutesError)
index = st.integers(min_value=0, max_value=5)


def fingerprint() -> tuple:
    """What a refused operation must not have changed."""
    return (
        tuple(AgendaItem.objects.order_by("pk").values_list("pk", "status", "position", "meeting")),
        tuple(Question.objects.order_by("pk").values_list("pk", "state", "agenda_item", "meeting")),
        AgendaVersion.objects.count(),
        MinutesVersion.objects.count(),
        QuestionEvent.objects.count(),
        len(mail.outbox),
    )


class LoopMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        # Each program runs in a savepoint rolled back at its end.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        mail.outbox = []
        self.checked_links: set = set()
        self.network = factories.network("NEH")
        administration = factories.make_administration("Miljöförvaltningen")
        self.representative = factories.make_user("rep@example.org", "Rita Representant")
        factories.make_appointment(
            self.representative, administration, self.network, Appointment.Role.REPRESENTATIVE
        )
        self.coordinator = factories.make_user("samordnare@example.org", "Sam Samordnare")
        self.network.coordinators.add(self.coordinator)
        self.reader = sign_in_as(Client(), factories.make_user("medarbetare@example.org"))
        self.meetings = [
            factories.make_meeting(self.network, days_ahead=-20, theme_title="Hållet först"),
            factories.make_meeting(self.network, days_ahead=-5, theme_title="Hållet sedan"),
            factories.make_meeting(self.network, days_ahead=30, theme_title="Nästa"),
            factories.make_meeting(
                self.network,
                days_ahead=45,
                status=Meeting.Status.CANCELLED,
                theme_title="Inställt",
            ),
            factories.make_meeting(self.network, days_ahead=60, theme_title="Därnäst"),
            factories.make_meeting(
                self.network, days_ahead=90, status=Meeting.Status.PLANNED, theme_title=""
            ),
        ]
        self.holds = 0
        self.pages_seen: dict[int, tuple] = {}

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    @initialize()
    def questions_on_their_way(self):
        """The network starts with two questions: raised yesterday and proposed to the next
        meeting, and raised a month ago."""
        for days_ago, meeting in ((1, self.meetings[2]), (30, None)):
            values = {
                "title": f"Fråga väckt för {days_ago} dagar sedan",
                "description": "",
                "raised_on": timezone.localdate() - datetime.timedelta(days=days_ago),
            }
            with TestCase.captureOnCommitCallbacks(execute=True):
                questions.raise_and_propose(self.network, self.representative, values, meeting)

    # --- helpers ----------------------------------------------------------------------------

    def _pick(self, rows: list, n: int):
        return rows[n % len(rows)] if rows else None

    def _meeting(self, n: int) -> Meeting:
        meeting = self._pick(self.meetings, n)
        meeting.refresh_from_db()
        return meeting

    def _items(self, *statuses: str) -> list[AgendaItem]:
        return list(
            AgendaItem.objects.filter(meeting__network=self.network, status__in=statuses)
            .select_related("meeting")
            .order_by("pk")
        )

    def _questions(self) -> list[Question]:
        return list(Question.objects.order_by("pk"))

    def _attempt(self, operation) -> None:
        """Run an operation with its e-mails sent on commit; a refusal changes nothing."""
        before = fingerprint()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
                operation()
        except REFUSALS:
            assert fingerprint() == before, "a refused operation changed something"

    # --- the agenda -------------------------------------------------------------------------

    @rule(n=index)
    def propose_item(self, n):
        meeting = self._meeting(n)
        values = {
            "title": f"Förslag {n}",
            "description": "",
            "kind": AgendaItem.Kind.DISCUSSION,
            "wished_minutes": 15,
            "work_area": None,
            "is_management_question": False,
        }
        self._attempt(lambda: agenda.propose(meeting, self.representative, values))

    @rule(n=index)
    def accept(self, n):
        item = self._pick(self._items(AgendaItem.Status.PROPOSED), n)
        if item is not None:
            self._attempt(lambda: agenda.accept(item.meeting, item.pk, self.coordinator))

    @rule(n=index, m=index)
    def defer(self, n, m):
        item = self._pick(self._items(AgendaItem.Status.PROPOSED, AgendaItem.Status.ACCEPTED), n)
        if item is None:
            return
        target = self._meeting(m)
        allowed = agenda.deferral_targets(item.meeting).filter(pk=target.pk).exists()
        before = fingerprint()
        self._attempt(
            lambda: agenda.defer(item.meeting, item.pk, target, "Senare.", self.coordinator)
        )
        if not allowed:
            assert fingerprint() == before, "deferred to a meeting that is no target"

    @rule(n=index)
    def decline(self, n):
        item = self._pick(self._items(AgendaItem.Status.PROPOSED, AgendaItem.Status.ACCEPTED), n)
        if item is not None:
            self._attempt(
                lambda: agenda.decline(item.meeting, item.pk, "Passar inte.", self.coordinator)
            )

    @rule(n=index, up=st.booleans())
    def reorder(self, n, up):
        item = self._pick(self._items(AgendaItem.Status.ACCEPTED), n)
        if item is not None:
            direction = agenda.UP if up else agenda.DOWN
            self._attempt(lambda: agenda.move(item.meeting, item.pk, direction, item.position))

    @rule(n=index)
    def publish_agenda(self, n):
        meeting = self._meeting(n)
        latest = meeting.agenda_versions.order_by("-number").first()
        number = latest.number if latest else 0
        self._attempt(lambda: agenda.publish(meeting, self.coordinator, "Ändrad.", number))

    # --- questions --------------------------------------------------------------------------

    @rule(days_ago=st.sampled_from([1, 4, 10, 30]))
    def register_question(self, days_ago):
        values = {
            "title": f"Fråga väckt för {days_ago} dagar sedan",
            "description": "",
            "raised_on": timezone.localdate() - datetime.timedelta(days=days_ago),
        }
        self._attempt(lambda: questions.raise_question(self.network, self.representative, values))

    @precondition(lambda self: Question.objects.exists())
    @rule(n=index, m=index)
    def propose_question(self, n, m):
        question = self._pick(self._questions(), n)
        if question is not None:
            meeting = self._meeting(m)
            self._attempt(lambda: questions.propose(question, self.representative, meeting))

    @precondition(lambda self: Question.objects.exists())
    @rule(n=index)
    def answer_question(self, n):
        question = self._pick(self._questions(), n)
        if question is not None:
            self._attempt(lambda: questions.answer(question, self.coordinator, "Svar."))

    @precondition(lambda self: Question.objects.exists())
    @rule(n=index, m=index)
    def deal_with_question(self, n, m):
        question = self._pick(self._questions(), n)
        if question is not None:
            meeting = self._meeting(m)
            self._attempt(lambda: questions.deal_with(question, self.coordinator, meeting))

    @precondition(lambda self: Question.objects.exists())
    @rule(n=index)
    def record_outcome(self, n):
        question = self._pick(self._questions(), n)
        if question is not None:
            self._attempt(lambda: questions.record_outcome(question, self.coordinator, "Utfall."))

    @precondition(lambda self: Question.objects.exists())
    @rule(n=index)
    def report_back(self, n):
        question = self._pick(self._questions(), n)
        if question is not None:
            today = timezone.localdate()
            self._attempt(lambda: questions.report_back(question, self.representative, today))

    # --- minutes and time -------------------------------------------------------------------

    @rule(n=index)
    def write_and_publish_minutes(self, n):
        meeting = self._meeting(n)

        def write_and_publish():
            entries = {
                item.pk: {"note": "", "outcome": f"Utfall för {item.title}."}
                for item in minutes.agenda_items(meeting)
            }
            draft = minutes.draft_for(meeting)
            draft = minutes.save_draft(
                meeting,
                self.coordinator,
                "Sammanfattning.",
                entries,
                seen_version=draft.version if draft else 0,
            )
            latest = minutes.latest_version(meeting)
            minutes.publish(
                meeting,
                self.coordinator,
                "Rättad." if latest else "",
                latest.number if latest else 0,
                draft_version=draft.version,
            )

        self._attempt(write_and_publish)

    @precondition(lambda self: self.holds < 20)
    @rule()
    def hold_next_meeting(self):
        """Time passes: the next upcoming published meeting is held, just now (after every
        meeting held before it)."""
        upcoming = (
            Meeting.objects.filter(network=self.network, status=Meeting.Status.PUBLISHED)
            .upcoming()
            .first()
        )
        if upcoming is None:
            return
        self.holds += 1
        starts_at = timezone.now() - datetime.timedelta(minutes=60 - self.holds)
        Meeting.objects.filter(pk=upcoming.pk).update(
            starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=30)
        )

    # --- the invariants ---------------------------------------------------------------------

    @invariant()
    def questions_agree_with_their_items_and_meetings(self):
        invariants.check_questions()

    @invariant()
    def meeting_pages_show_the_latest_published_agenda(self):
        # Only the pages whose agenda (draft or versions) changed since they were last read.
        changed = []
        for meeting in Meeting.objects.filter(network=self.network).exclude(
            status=Meeting.Status.PLANNED
        ):
            key = (
                tuple(meeting.agenda_items.values_list("pk", "status", "position")),
                meeting.agenda_versions.count(),
                meeting.starts_at,
            )
            if self.pages_seen.get(meeting.pk) != key:
                self.pages_seen[meeting.pk] = key
                changed.append(meeting)
        invariants.check_meeting_pages(self.reader, changed)

    @invariant()
    def every_link_in_every_email_opens(self):
        invariants.check_mail_links(mail.outbox, self.checked_links)


# Each example is a whole program: a third of the profile's examples (a few seconds by default).
LoopMachine.TestCase.settings = settings(
    settings.default,
    max_examples=max(settings.default.max_examples // 3, 1),
    stateful_step_count=min(settings.default.stateful_step_count, 20),
)


@pytest.mark.django_db
def test_the_loop_keeps_its_invariants():
    TestLoop = LoopMachine.TestCase
    TestLoop("runTest").runTest()
