"""Meeting evaluations: who may answer, until when, sending the e-mail, and the figures.

Rules (see README, "Utvärderingar"):
- A meeting is *held* when it is published (not planned, not cancelled) and has ended, as in
  `meetings/reports/figures.py`.
- Its *participants* are the people ticked as present on the attendance list; when nobody has
  been ticked (the list is not filled in), the people who answered "kommer" instead.
- A participant answers once per meeting and may change the answer until the network's next
  meeting (planned or published, not cancelled) starts; with no next meeting, it stays open.
- The e-mail goes out once per meeting (`EvaluationRequest`, unique per meeting): by a
  coordinator's button or by the daily `send_evaluations` command.

Every function checks its own rules and raises `EvaluationError` with a Swedish message;
nothing is saved when it does.
"""

import dataclasses
import datetime
import statistics

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from config.dates import moment
from config.mail import absolute_url, message, render_subject, render_text
from config.prepared import Prepared
from meetings.models import Attendance, Evaluation, EvaluationRequest, EvaluationSettings, Meeting
from meetings.outbox import outbox
from meetings.reports.figures import HELD, TERM_BOUNDS, held_in, term_bounds
from meetings.terms import Term
from networks.models import Network


class EvaluationError(Exception):
    """A rule of evaluations was broken; the message is Swedish and shown to the person."""


# Held meetings, participants, the answering window ------------------------------------------


def participant_ids(meeting: Meeting) -> set[int]:
    """The people who took part (one query): ticked present, or answered "kommer" when the
    attendance list has not been filled in."""
    rows = Attendance.objects.filter(meeting=meeting).values_list("person_id", "answer", "attended")
    return _participants_from_rows(list(rows))


def _participants_from_rows(rows: list[tuple[int, str, bool | None]]) -> set[int]:
    if any(attended is not None for _person, _answer, attended in rows):
        return {person for person, _answer, attended in rows if attended}
    return {person for person, answer, _attended in rows if answer == Attendance.Answer.COMING}


def participants(meeting: Meeting) -> list[User]:
    """The participants who can be e-mailed (active, with an address)."""
    return list(
        User.objects.filter(pk__in=participant_ids(meeting), is_active=True)
        .exclude(email="")
        .order_by("email")
    )


def window_closes_at(meeting: Meeting) -> datetime.datetime | None:
    """When answering closes: the start of the network's next meeting (None: no next one)."""
    return (
        Meeting.objects.filter(network_id=meeting.network_id, starts_at__gt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )


def _when(at: datetime.datetime) -> str:
    return moment(at)


def check_can_answer(meeting: Meeting, person: User) -> datetime.datetime | None:
    """Refuse with a Swedish message unless the person may answer now; returns when the
    window closes (None: open until a next meeting is planned)."""
    if not meeting.is_held:
        if meeting.is_cancelled:
            raise EvaluationError(_("Mötet ställdes in och kan inte utvärderas."))
        raise EvaluationError(
            _("Mötet har inte hållits ännu. Utvärderingen öppnar när mötet är slut.")
        )
    if person.pk not in participant_ids(meeting):
        raise EvaluationError(
            _(
                "Du finns inte med bland mötets deltagare, så du kan inte utvärdera det. "
                "Kontakta samordnarna om det är fel."
            )
        )
    closes = window_closes_at(meeting)
    if closes is not None and closes <= timezone.now():
        raise EvaluationError(
            _("Utvärderingen stängde när nätverkets nästa möte började (%(when)s).")
            % {"when": _when(closes)}
        )
    return closes


def save_evaluation(meeting: Meeting, person: User, answers: dict) -> tuple[Evaluation, bool]:
    """Create or change the person's one answer for the meeting. Returns (answer, created)."""
    fields = ("usefulness", "length", "preferred_format", "comment", "extra_answer")
    values = {name: answers.get(name, None if name == "usefulness" else "") for name in fields}
    with transaction.atomic():
        check_can_answer(meeting, person)
        evaluation, created = Evaluation.objects.update_or_create(
            meeting=meeting, person=person, defaults=values
        )
    return evaluation, created


# The e-mail -----------------------------------------------------------------------------------


def answer_url(meeting: Meeting) -> str:
    return absolute_url(reverse("evaluation_answer", kwargs={"pk": meeting.pk}))


def request_message(meeting: Meeting, person: User, closes) -> EmailMessage:
    context = {
        "meeting": meeting,
        "person": person,
        "url": answer_url(meeting),
        "closes": closes,
    }
    with translation.override("sv"):
        subject = render_subject(
            "meetings/evaluations/email/request_subject.txt",
            context,
            prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
        )
        body = render_text("meetings/evaluations/email/request.txt", context)
    organizer = meeting.network.organizer_email
    return message(
        subject,
        body,
        to=[person.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
        reply_to=[organizer] if organizer else None,
    )


def send_request(meeting: Meeting, sent_by: User | None = None) -> EvaluationRequest:
    """Send the meeting's evaluation e-mail to its participants, once (recorded in the outbox
    with the request)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
        if not meeting.is_held:
            raise EvaluationError(_("Utvärderingen kan skickas först när mötet har hållits."))
        if EvaluationRequest.objects.filter(meeting=meeting).exists():
            raise EvaluationError(_("Utvärderingen av mötet är redan skickad."))
        people = participants(meeting)
        if not people:
            raise EvaluationError(
                _(
                    "Mötet har inga registrerade deltagare. Kryssa i närvaron (eller vänta "
                    "på svar) innan utvärderingen skickas."
                )
            )
        closes = window_closes_at(meeting)
        if closes is not None and closes <= timezone.now():
            raise EvaluationError(_("Nätverkets nästa möte har redan börjat."))
        try:
            with transaction.atomic():
                sent = EvaluationRequest.objects.create(
                    meeting=meeting, sent_at=timezone.now(), sent_by=sent_by, recipients=len(people)
                )
        except IntegrityError:
            raise EvaluationError(_("Utvärderingen av mötet är redan skickad.")) from None
        outbox.record(
            [request_message(meeting, p, closes) for p in people],
            kind="evaluations.request",
            obj=sent,
            version=1,
        )
    return sent


def meetings_due(days: int = 1) -> list[Meeting]:
    """Held meetings that ended since the start of the day `days` days ago, not yet sent."""
    since_day = timezone.localdate() - datetime.timedelta(days=days)
    since = timezone.make_aware(datetime.datetime.combine(since_day, datetime.time()))
    return list(
        Meeting.objects.held()
        .filter(ends_at__gte=since, evaluation_request__isnull=True)
        .select_related("network")
        .order_by("ends_at")
    )


# Results ----------------------------------------------------------------------------------------


@dataclasses.dataclass
class OptionCount:
    value: str
    label: str
    count: int


def _mean(values: list[int]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


@dataclasses.dataclass
class MeetingResults:
    meeting: Meeting
    evaluations: list  # rows with ANSWER_FIELDS (Evaluation instances, or their values)
    participants: int

    @property
    def answered(self) -> int:
        return len(self.evaluations)

    @property
    def usefulness_values(self) -> list[int]:
        return [e.usefulness for e in self.evaluations if e.usefulness is not None]

    @property
    def mean_usefulness(self) -> float | None:
        return _mean(self.usefulness_values)

    def _counts(self, attribute: str, choices) -> list[OptionCount]:
        values = [getattr(e, attribute) for e in self.evaluations]
        return [OptionCount(str(v), str(label), values.count(v)) for v, label in choices]

    @property
    def usefulness_counts(self) -> list[OptionCount]:
        return self._counts("usefulness", [(n, str(n)) for n in range(1, 6)])

    @property
    def length_counts(self) -> list[OptionCount]:
        return self._counts("length", Evaluation.Length.choices)

    @property
    def format_counts(self) -> list[OptionCount]:
        return self._counts("preferred_format", Evaluation.Format.choices)

    @property
    def comments(self) -> list[str]:
        return [e.comment for e in self.evaluations if e.comment.strip()]

    @property
    def extra_answers(self) -> list[str]:
        return [e.extra_answer for e in self.evaluations if e.extra_answer.strip()]


def meeting_results(meeting: Meeting) -> MeetingResults:
    """A meeting's answers (comments in the order given) and its participant count."""
    # The answers' values as plain rows, not model instances: a meeting of a large network
    # has hundreds of answers, and the results only count and list them.
    evaluations = list(
        meeting.evaluations.order_by("created_at", "pk").values_list(*ANSWER_FIELDS, named=True)
    )
    return MeetingResults(meeting, evaluations, len(participant_ids(meeting)))


ANSWER_FIELDS = ("usefulness", "length", "preferred_format", "comment", "extra_answer")


# The per-term figures and the trend chart ------------------------------------------------

# SVG geometry of the line chart (user units).
CHART_WIDTH, CHART_HEIGHT = 560, 220
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 48, 540, 16, 180


def _y(value: float) -> int:
    # Whole user units: a float would be localised in the template ("98,5").
    return round(PLOT_BOTTOM - (value - 1) / 4 * (PLOT_BOTTOM - PLOT_TOP))


@dataclasses.dataclass
class TermRow:
    meeting: Meeting
    participants: int
    answered: int
    mean_usefulness: float | None
    comments: list[str]
    more_comments: int = 0  # the meeting's comments not shown (its results page has them)


@dataclasses.dataclass
class TermEvaluations:
    network: Network
    term: Term
    rows: list[TermRow]

    @property
    def answered(self) -> int:
        return sum(row.answered for row in self.rows)

    @property
    def chart(self) -> dict:
        """Points of mean usefulness per held meeting (meetings without answers are skipped
        in the line, and shown as "–" in the table)."""
        count = len(self.rows)
        step = (PLOT_RIGHT - PLOT_LEFT) / (count - 1) if count > 1 else 0
        points = []
        labels = []
        for index, row in enumerate(self.rows):
            x = round(PLOT_LEFT + step * index if count > 1 else (PLOT_LEFT + PLOT_RIGHT) / 2)
            labels.append({"x": x, "meeting": row.meeting})
            if row.mean_usefulness is not None:
                points.append({"x": x, "y": _y(row.mean_usefulness), "value": row.mean_usefulness})
        return {
            "width": CHART_WIDTH,
            "height": CHART_HEIGHT,
            "points": points,
            "line": " ".join(f"{p['x']},{p['y']}" for p in points),
            "labels": labels,
            "label_y": PLOT_BOTTOM + 24,
            "grid": [{"value": v, "y": _y(v)} for v in range(1, 6)],
            "left": PLOT_LEFT,
            "right": PLOT_RIGHT,
        }


COMMENTS_PER_MEETING = 10


def _presence(**bounds):
    """Per held meeting: how many were ticked, ticked present, and said they were coming."""
    return (
        Attendance.objects.filter(meeting__in=held_in(**bounds).values("pk"))
        .values("meeting_id")
        .annotate(
            ticked=Count("pk", filter=Q(attended__isnull=False)),
            present=Count("pk", filter=Q(attended=True)),
            coming=Count("pk", filter=Q(answer=Attendance.Answer.COMING)),
        )
        .order_by()
        .values_list("meeting_id", "ticked", "present", "coming")
    )


def _given(**bounds):
    """Per held meeting: its evaluations, their mean usefulness, and how many have a comment."""
    return (
        Evaluation.objects.filter(meeting__in=held_in(**bounds).values("pk"))
        .values("meeting_id")
        .annotate(
            answered=Count("pk"),
            mean=Avg("usefulness"),
            commented=Count("pk", filter=~Q(comment="")),
        )
        .order_by()
        .values_list("meeting_id", "answered", "mean", "commented")
    )


def _latest_comments(**bounds):
    """The latest COMMENTS_PER_MEETING comments of each held meeting, oldest first."""
    return (
        Evaluation.objects.filter(meeting__in=held_in(**bounds).values("pk"))
        .exclude(comment="")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("meeting_id")],
                order_by=[F("created_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=COMMENTS_PER_MEETING)
        .order_by("meeting_id", "created_at", "pk")
        .values_list("meeting_id", "comment")
    )


# Compiled once (config/prepared.py), with the term's bounds as values and its held meetings
# as a subquery (meetings/reports/figures.py): Django took longer to build the three queries
# of counts and a window than the database to answer them.
_PRESENCE = Prepared(_presence, **TERM_BOUNDS)
_GIVEN = Prepared(_given, **TERM_BOUNDS)
_LATEST_COMMENTS = Prepared(_latest_comments, **TERM_BOUNDS)


def term_evaluations(network: Network, term: Term) -> TermEvaluations:
    """Per held meeting of the term: participants, answers, mean usefulness and its latest
    COMMENTS_PER_MEETING comments (the meeting's results page has them all). Counted in SQL,
    four queries whatever the number of people and answers."""
    bounds = term_bounds(network, term)
    held = HELD.objects(**bounds)
    # Participants as `_participants_from_rows` counts them: those ticked present where the
    # attendance was ticked, else those who said they were coming (one row per person).
    presence = {
        meeting_id: {"ticked": ticked, "present": present, "coming": coming}
        for meeting_id, ticked, present, coming in _PRESENCE.rows(**bounds)
    }
    given = {
        meeting_id: {"answered": answered, "mean": mean, "commented": commented}
        for meeting_id, answered, mean, commented in _GIVEN.rows(**bounds)
    }
    comments: dict[int, list[str]] = {meeting.pk: [] for meeting in held}
    for meeting_id, comment in _LATEST_COMMENTS.rows(**bounds):
        comments[meeting_id].append(comment)
    rows = []
    for meeting in held:
        seen = presence.get(meeting.pk, {})
        answers = given.get(meeting.pk, {})
        mean = answers.get("mean")
        shown = comments[meeting.pk]
        present = seen.get("present", 0) if seen.get("ticked") else seen.get("coming", 0)
        rows.append(
            TermRow(
                meeting=meeting,
                participants=present,
                answered=answers.get("answered", 0),
                mean_usefulness=None if mean is None else round(float(mean), 2),
                comments=[comment for comment in shown if comment.strip()],
                more_comments=answers.get("commented", 0) - len(shown),
            )
        )
    return TermEvaluations(network, term, rows)


def settings_for(network: Network) -> EvaluationSettings:
    return EvaluationSettings.for_network(network)
