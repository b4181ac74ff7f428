"""The coordinators' daily digest: what arrived in their network in the last day, in one e-mail.

What arrived: agenda proposals from the administrations, management groups' questions (raised
in the network or referred to it), theme suggestions, consultation responses marked sent, and
e-mails the outbox gave up on (failed for good). The digest covers a fixed day, from 07.00 the
day before to 07.00 today (Europe/Stockholm), whenever the hourly job gets to it, so two days'
digests never overlap and none is sent before its day is over. Nothing arrived: no digest.
The coordination dashboard shows the same counts for the last 24 hours (`counts`).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import IntegerField, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone, translation

from config.mail import absolute_url, message, render_subject, render_text
from config.prepared import Prepared
from meetings.models import (
    AgendaItem,
    ConsultationResponse,
    OutboxMessage,
    Question,
    QuestionEvent,
    ThemeSuggestion,
)
from meetings.outbox import outbox
from meetings.reminders.due import switched_off
from networks.models import Network

# The day a digest covers ends, and its digest may go, at this hour (Europe/Stockholm); the
# reminders wait for it too, so nobody gets one in the night.
SEND_FROM = datetime.time(7, 0)
# Each section of the e-mail lists at most this many, then says how many more.
LISTED = 10
OUTBOX_KIND = "reminder.digest"
KINDS = ("proposals", "questions", "wishes", "responses", "failed")


def window(today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The day today's digest covers: 07.00 yesterday to 07.00 today, local time."""
    zone = timezone.get_current_timezone()
    until = datetime.datetime.combine(today, SEND_FROM, zone)
    since = datetime.datetime.combine(today - datetime.timedelta(days=1), SEND_FROM, zone)
    return since, until


def arrived(network: Network, since: datetime.datetime, until: datetime.datetime) -> dict:
    """The querysets of what arrived in the network in [since, until), by kind."""
    # The day's events first (an index on their time), not every question's events.
    came_in = QuestionEvent.objects.filter(
        state__in=[Question.State.RAISED, Question.State.REFERRED],
        at__gte=since,
        at__lt=until,
    ).values("question_id")
    return {
        # Proposed by a representative for an administration (not a coordinator's own item).
        "proposals": AgendaItem.objects.filter(
            meeting__network=network,
            administration__isnull=False,
            proposed_by__isnull=False,
            created_at__gte=since,
            created_at__lt=until,
        ).order_by("created_at", "pk"),
        "questions": Question.objects.filter(network=network, pk__in=came_in).order_by(
            "created_at", "pk"
        ),
        "wishes": ThemeSuggestion.objects.filter(
            network=network, created_at__gte=since, created_at__lt=until
        ).order_by("created_at", "pk"),
        "responses": ConsultationResponse.objects.filter(
            document__network=network, sent_at__gte=since, sent_at__lt=until
        ).order_by("sent_at", "pk"),
        # Marked failed for good: the last attempt's time is kept in next_attempt_at.
        "failed": OutboxMessage.objects.failed()
        .for_network(network)
        .filter(next_attempt_at__gte=since, next_attempt_at__lt=until)
        .order_by("next_attempt_at", "pk"),
    }


class _Count(Subquery):
    """The number of rows of a queryset, as a subquery of one outer query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


# What `counts` counts, in its query's order: each kind that arrived, and the failed e-mails.
COUNTED = (*KINDS, "failed_total")


def _counts_query(network: Network, since: datetime.datetime, until: datetime.datetime):
    querysets = arrived(network, since, until)
    querysets["failed_total"] = OutboxMessage.objects.failed().for_network(network)
    return (
        Network.objects.filter(pk=network.pk)
        .annotate(
            **{f"n_{kind}": _Count(querysets[kind].order_by().values("pk")) for kind in COUNTED}
        )
        .values_list(*(f"n_{kind}" for kind in COUNTED))
    )


# Six counts of subqueries with their joins: Django took fifteen times as long to build and
# compile the query as the database to answer it, so it is compiled once (config/prepared.py).
_COUNTS = Prepared(
    lambda network_id, since, until: _counts_query(Network(pk=network_id), since, until),
    network_id=int,
    since=datetime.datetime,
    until=datetime.datetime,
)


def counts(network: Network, since: datetime.datetime, until: datetime.datetime) -> dict:
    """How many of each kind arrived, and how many e-mails are failed now whenever they
    failed (`failed_total`, the failed-deliveries page's count), in one query: the dashboard
    shows them."""
    (row,) = _COUNTS.rows(network_id=network.pk, since=since, until=until)
    return {kind: value or 0 for kind, value in zip(COUNTED, row, strict=True)}


@dataclass
class Section:
    kind: str
    count: int
    rows: list = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


def sections(network: Network, since: datetime.datetime, until: datetime.datetime) -> list[Section]:
    """What the e-mail lists: each kind with its count and its first rows (with `url`)."""
    querysets = arrived(network, since, until)
    related = {
        "proposals": ("meeting", "administration"),
        "questions": ("administration",),
        "wishes": ("administration",),
        "responses": ("document", "administration"),
        "failed": (),
    }
    result = []
    for kind in KINDS:
        queryset: QuerySet = querysets[kind]
        count = queryset.count()
        if not count:
            continue
        rows = list(queryset.select_related(*related[kind])[:LISTED])
        for row in rows:
            row.url = absolute_url(_path(kind, row, network))
        result.append(Section(kind, count, rows))
    return result


def _path(kind: str, row, network: Network) -> str:
    if kind == "proposals":
        return reverse("agenda_manage", kwargs={"pk": row.meeting_id})
    if kind == "questions":
        return reverse("question_detail", kwargs={"pk": row.pk})
    if kind == "wishes":
        return reverse("theme_suggestions", kwargs={"code": network.code.lower()})
    if kind == "responses":
        return row.document.get_absolute_url()
    return reverse("outbox_failed", kwargs={"code": network.code.lower()})


def send(now: datetime.datetime) -> int:
    """Record today's digest for each coordinator of each network where something arrived.
    Nothing before SEND_FROM; the outbox keeps it to one per coordinator, network and day.
    Returns how many messages were handed over."""
    local = timezone.localtime(now)
    if local.time() < SEND_FROM:
        return 0
    today = local.date()
    since, until = window(today)
    handed = 0
    for network in Network.objects.all():
        coordinators = list(network.coordinators.filter(is_active=True).exclude(email=""))
        off = switched_off("digest", coordinators)
        coordinators = [c for c in coordinators if c.pk not in off]
        if not coordinators:
            continue
        found = sections(network, since, until)
        if not found:
            continue
        with translation.override("sv"):
            messages = []
            for person in coordinators:
                context = {
                    "person": person,
                    "network": network,
                    "sections": found,
                    "since": since,
                    "until": until,
                    "dashboard_url": absolute_url(
                        reverse("coordination_dashboard", kwargs={"code": network.code.lower()})
                    ),
                    "failed_url": absolute_url(_path("failed", None, network)),
                    "preferences_url": absolute_url(reverse("reminder_preferences")),
                }
                subject = render_subject("meetings/reminders/email/digest_subject.txt", context)
                body = render_text("meetings/reminders/email/digest.txt", context)
                messages.append(message(subject, body, to=[person.email]))
        outbox.record(messages, kind=OUTBOX_KIND, obj=network, version=today.isoformat())
        handed += len(messages)
    return handed
