"""A management group's question on its way through the network and back: the state machine.

The whole machine is one table, `TRANSITIONS`: for each action the states it may start from,
the state it leads to, and the role that owns it. Two roles act on a question:

- MEMBER: a current representative or substitute of the question's administration in the
  question's network (registers, proposes to an agenda, reports back, closes);
- COORDINATOR: a coordinator of the question's network (answers in writing, refers to the other
  network, marks it dealt with at a meeting, records the outcome).

Each action is one function below. It validates everything first (role, state, the meeting,
dates) and raises `QuestionError` with a Swedish message; then, in one transaction with the
question row locked, it updates the question and writes one `QuestionEvent` for the trail.
E-mails (meetings/questions/mail.py) go out on commit.

Decision (the issue is silent): referring a question to the other network MOVES it there
(`network` becomes the other network, `referred_to` records it) rather than making a linked copy.
There is one question with one unbroken trail, which is what the management group follows; the
trail's referral event names the network it came from. The referred network's coordinators then
see it among their open questions and may answer it in writing or mark it dealt with; the
administration's representative in that network may propose it to one of its meetings. If the
question was on an agenda item of the first network, the link to the item is dropped (the item
itself stays for that network's coordinators to handle in their triage).

A question whose proposal was declined or withdrawn stays "on the agenda" in name; the table lets
the representative propose it again from there (`only_if`), so it is not stuck.

A question registered by mistake is withdrawn by its administration's representative or
substitute while it is raised or its proposal is not yet accepted; a pending proposal is
withdrawn with it. The question stays, with its trail, in the state "withdrawn".
"""

import dataclasses
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.dates import local_midnight
from meetings.agenda import workflow as agenda
from meetings.models import AgendaItem, Meeting, Question, QuestionEvent
from meetings.questions import mail as question_mail
from meetings.rules import is_member_for
from networks.models import Network
from networks.rules import is_coordinator
from representatives.rules import current_appointment

State = Question.State
MEMBER = "member"
COORDINATOR = "coordinator"


class QuestionError(Exception):
    """A refused step; the message is Swedish and meant for the person."""


def _proposal_fell_through(question: Question) -> bool:
    """On an agenda only in name: its proposal was declined or withdrawn (propose it again)."""
    item = question.agenda_item
    return item is not None and item.status in (
        AgendaItem.Status.DECLINED,
        AgendaItem.Status.WITHDRAWN,
    )


def _proposal_not_accepted(question: Question) -> bool:
    """Not yet on the agenda for real: no proposal, or one still waiting or turned down."""
    item = question.agenda_item
    return item is None or item.status in (
        AgendaItem.Status.PROPOSED,
        AgendaItem.Status.DECLINED,
        AgendaItem.Status.WITHDRAWN,
    )


@dataclasses.dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    owner: str  # MEMBER or COORDINATOR
    label: object  # the button's text (lazy)
    # Sources allowed only when a condition on the question holds: {state: condition}.
    only_if: dict = dataclasses.field(default_factory=dict)

    def starts_from(self, question: Question) -> bool:
        if question.state not in self.sources:
            return False
        condition = self.only_if.get(question.state)
        return condition is None or condition(question)


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "propose",
            (State.RAISED, State.REFERRED, State.ON_AGENDA),
            State.ON_AGENDA,
            MEMBER,
            gettext_lazy("Föreslå till dagordningen"),
            only_if={State.ON_AGENDA: _proposal_fell_through},
        ),
        Transition(
            "answer",
            (State.RAISED, State.ON_AGENDA, State.REFERRED),
            State.ANSWERED,
            COORDINATOR,
            gettext_lazy("Besvara skriftligt"),
        ),
        Transition(
            "refer",
            (State.RAISED, State.ON_AGENDA),
            State.REFERRED,
            COORDINATOR,
            gettext_lazy("Hänvisa till andra nätverket"),
        ),
        Transition(
            "deal_with",
            (State.ON_AGENDA, State.REFERRED),
            State.DEALT_WITH,
            COORDINATOR,
            gettext_lazy("Markera som behandlad på möte"),
        ),
        Transition(
            "outcome",
            (State.DEALT_WITH,),
            State.OUTCOME,
            COORDINATOR,
            gettext_lazy("Registrera utfall"),
        ),
        Transition(
            "report_back",
            (State.OUTCOME, State.ANSWERED),
            State.REPORTED_BACK,
            MEMBER,
            gettext_lazy("Återrapportera till ledningsgruppen"),
        ),
        Transition(
            "close", (State.REPORTED_BACK,), State.CLOSED, MEMBER, gettext_lazy("Avsluta frågan")
        ),
        Transition(
            "withdraw",
            (State.RAISED, State.ON_AGENDA),
            State.WITHDRAWN,
            MEMBER,
            gettext_lazy("Dra tillbaka frågan"),
            only_if={State.ON_AGENDA: _proposal_not_accepted},
        ),
    ]
}

# Open for the network's coordinators: something is still to be done in the network.
OPEN_STATES = (State.RAISED, State.ON_AGENDA, State.REFERRED, State.DEALT_WITH)
# Dealt with (an outcome or a written answer) but not yet reported back to the management group.
AWAITING_REPORT_STATES = (State.OUTCOME, State.ANSWERED)
# How long back a meeting may be picked as the one where a question was dealt with.
DEALT_WITH_LOOKBACK = datetime.timedelta(days=400)


# --- roles ----------------------------------------------------------------------------------


def has_role(user, question: Question, owner: str) -> bool:
    if owner == MEMBER:
        return is_member_for(user, question)
    return is_coordinator(user, question.network)


def allowed_actions(user, question: Question) -> list[Transition]:
    """The steps this person may take on the question now (what the page offers)."""
    return [
        t
        for t in TRANSITIONS.values()
        if t.starts_from(question) and has_role(user, question, t.owner)
    ]


def _check(question: Question, user, action: str) -> Transition:
    transition = TRANSITIONS[action]
    if not has_role(user, question, transition.owner):
        if transition.owner == MEMBER:
            raise QuestionError(
                _(
                    "Bara förvaltningens representant eller ersättare i nätverket kan göra det "
                    "här med frågan."
                )
            )
        raise QuestionError(_("Bara nätverkets samordnare kan göra det här med frågan."))
    if not transition.starts_from(question):
        if action == "withdraw":
            raise QuestionError(
                _(
                    "Frågan kan inte dras tillbaka: nätverket har redan tagit upp den "
                    "(%(state)s). Kontakta nätverkets samordnare."
                )
                % {"state": _withdraw_refusal_state(question)}
            )
        if action == "outcome":
            raise QuestionError(
                _(
                    "Ett utfall kräver ett möte där frågan behandlades. Markera först frågan "
                    "som behandlad på ett möte."
                )
            )
        raise QuestionError(
            _("Frågan är %(state)s, så det steget går inte att ta nu. Sidan är uppdaterad.")
            % {"state": question.get_state_display().lower()}
        )
    return transition


def _withdraw_refusal_state(question: Question) -> str:
    item = question.agenda_item
    if question.state == State.ON_AGENDA and item is not None:
        return _("förslaget till dagordningen är %(status)s") % {
            "status": item.get_status_display().lower()
        }
    return question.get_state_display().lower()


def _lock(question: Question) -> Question:
    # Lock the question's row only: PostgreSQL refuses FOR UPDATE on the nullable side of the
    # outer join to the agenda item.
    return (
        Question.objects.select_for_update(of=("self",))
        .select_related("network", "administration", "agenda_item")
        .get(pk=question.pk)
    )


def _step(question: Question, user, action: str, note: str = "", meeting=None) -> QuestionEvent:
    """Move the (locked, checked) question to the action's state and write the trail event."""
    question.state = TRANSITIONS[action].target
    question.save()
    return QuestionEvent.objects.create(
        question=question, state=question.state, actor=user, note=note, meeting=meeting
    )


def _check_past_date(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise QuestionError(
            _("%(what)s kan inte ligga i framtiden.") % {"what": what},
        )


# --- registering ----------------------------------------------------------------------------


def raise_question(network: Network, user, values: dict) -> Question:
    """A representative or substitute registers a question from the management group.

    The administration is the one of the person's current appointment in the network."""
    appointment = current_appointment(user, network)
    if appointment is None:
        raise QuestionError(
            _("Bara nätverkets representanter och ersättare kan registrera frågor.")
        )
    raised_on = values["raised_on"]
    _check_past_date(raised_on, _("Datumet då ledningsgruppen väckte frågan"))
    with transaction.atomic():
        question = Question.objects.create(
            network=network,
            administration=appointment.administration,
            title=values["title"],
            description=values.get("description") or "",
            raised_on=raised_on,
            raised_by=user,
        )
        QuestionEvent.objects.create(question=question, state=State.RAISED, actor=user)
    return question


def proposable_meetings(network: Network):
    """Meetings of the network a question can be proposed to now (proposals open)."""
    candidates = (
        Meeting.objects.filter(network=network, status=Meeting.Status.PUBLISHED)
        .upcoming()
        .select_related("network")
    )
    return [m for m in candidates[:12] if not agenda.proposals_closed_reason(m)]


def propose(question: Question, user, meeting: Meeting, wished_minutes: int = 15) -> Question:
    """Put the question before the coordinators as a proposal for the meeting's agenda, using
    the agenda's own proposal path; the question moves to "on the agenda"."""
    with transaction.atomic():
        question = _lock(question)
        _check(question, user, "propose")
        if meeting.network_id != question.network_id:
            raise QuestionError(_("Välj ett möte i frågans nätverk."))
        try:
            item = agenda.propose(
                meeting,
                user,
                {
                    "title": question.title,
                    "description": question.description,
                    "kind": AgendaItem.Kind.DISCUSSION,
                    "wished_minutes": wished_minutes,
                    "work_area": None,
                    "is_management_question": True,
                },
            )
        except agenda.AgendaError as error:
            raise QuestionError(str(error)) from None
        question.agenda_item = item
        _step(question, user, "propose", meeting=meeting)
    return question


def raise_and_propose(
    network: Network, user, values: dict, meeting: Meeting | None, wished_minutes: int = 15
) -> Question:
    """Register and (optionally) propose in one step: all or nothing."""
    with transaction.atomic():
        question = raise_question(network, user, values)
        if meeting is not None:
            question = propose(question, user, meeting, wished_minutes)
    return question


# --- the network's steps --------------------------------------------------------------------


def answer(question: Question, user, text: str) -> Question:
    if not text.strip():
        raise QuestionError(_("Skriv svaret."))
    with transaction.atomic():
        question = _lock(question)
        _check(question, user, "answer")
        question.written_answer = text
        _step(question, user, "answer", note=text)
    question_mail.notify_members(question, "answered")
    return question


def refer(question: Question, user, to_network: Network, note: str = "") -> Question:
    with transaction.atomic():
        question = _lock(question)
        _check(question, user, "refer")
        if to_network.pk == question.network_id:
            raise QuestionError(_("Välj det andra nätverket."))
        origin = question.network
        question.network = to_network
        question.referred_to = to_network
        question.agenda_item = None
        trail = _("Hänvisad från %(origin)s till %(target)s.") % {
            "origin": origin.code,
            "target": to_network.code,
        }
        _step(question, user, "refer", note=f"{trail} {note}".strip())
    question_mail.notify_members(question, "referred")
    return question


def started_before_raised(meeting: Meeting, question: Question) -> bool:
    """A meeting held before the management group raised the question cannot have dealt with
    it (the same day counts: the day is all that is known of when it was raised)."""
    return timezone.localdate(meeting.starts_at) < question.raised_on


def held_meetings(network: Network, question: Question | None = None):
    """The network's held (started, not cancelled) meetings, most recent first; for a question,
    only those held since it was raised."""
    now = timezone.now()
    meetings = Meeting.objects.filter(
        network=network,
        starts_at__lte=now,
        starts_at__gte=now - DEALT_WITH_LOOKBACK,
    )
    if question is not None:
        meetings = meetings.filter(starts_at__gte=local_midnight(question.raised_on))
    return [
        meeting
        for meeting in meetings.not_cancelled()
        .select_related("network")
        .order_by("-starts_at")[:12]
        if question is None or not started_before_raised(meeting, question)
    ]


def deal_with(question: Question, user, meeting: Meeting, note: str = "") -> Question:
    with transaction.atomic():
        question = _lock(question)
        _check(question, user, "deal_with")
        if meeting.network_id != question.network_id:
            raise QuestionError(_("Mötet hör till ett annat nätverk än frågan."))
        if meeting.is_cancelled:
            raise QuestionError(_("Mötet är inställt."))
        if meeting.starts_at > timezone.now():
            raise QuestionError(_("Mötet har inte hållits än; välj ett möte som har varit."))
        if started_before_raised(meeting, question):
            raise QuestionError(
                _(
                    "Mötet hölls innan ledningsgruppen väckte frågan (%(date)s), så frågan kan "
                    "inte ha behandlats där."
                )
                % {"date": question.raised_on.isoformat()}
            )
        question.meeting = meeting
        _step(question, user, "deal_with", note=note, meeting=meeting)
    return question


def record_outcome(question: Question, user, text: str) -> Question:
    if not text.strip():
        raise QuestionError(_("Skriv utfallet."))
    with transaction.atomic():
        question = _lock(question)
        _check(question, user, "outcome")
        if question.meeting_id is None:
            raise QuestionError(_("Ett utfall kräver ett möte där frågan behandlades."))
        question.outcome = text
        _step(question, user, "outcome", note=text, meeting=question.meeting)
    question_mail.notify_members(question, "outcome")
    return question


# --- back to the management group -----------------------------------------------------------


def report_back(question: Question, user, day: datetime.date, note: str = "") -> Question:
    _check_past_date(day, _("Datumet för återrapporten"))
    with transaction.atomic():
        question = _lock(question)
        _check(question, user, "report_back")
        if day < question.raised_on:
            raise QuestionError(
                _("Återrapporten kan inte vara före den dag ledningsgruppen väckte frågan.")
            )
        question.reported_back_on = day
        _step(question, user, "report_back", note=note)
    return question


def close(question: Question, user, note: str = "") -> Question:
    with transaction.atomic():
        question = _lock(question)
        _check(question, user, "close")
        _step(question, user, "close", note=note)
    return question


def withdraw(question: Question, user, note: str = "") -> Question:
    """Withdraw a question registered by mistake, before the network has taken it up; a
    proposal still waiting for the coordinators is withdrawn with it. Kept on the trail."""
    with transaction.atomic():
        question = _lock(question)
        _check(question, user, "withdraw")
        item = question.agenda_item
        if item is not None:
            # Lock the proposal too and check again: the coordinators may be accepting it.
            item = AgendaItem.objects.select_for_update().get(pk=item.pk)
            question.agenda_item = item
            _check(question, user, "withdraw")
            if item.status == AgendaItem.Status.PROPOSED:
                item.status = AgendaItem.Status.WITHDRAWN
                item.save(update_fields=["status", "updated_at"])
        _step(question, user, "withdraw", note=note)
    return question


def note_on_trail(question: Question, user, note: str, meeting=None) -> QuestionEvent:
    """A note on the trail that changes nothing: the event carries the question's current
    state (e.g. a later correction of the minutes the outcome came from)."""
    with transaction.atomic():
        question = _lock(question)
        return QuestionEvent.objects.create(
            question=question, state=question.state, actor=user, note=note, meeting=meeting
        )
