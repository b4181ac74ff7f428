"""Demo evaluations: the last two held NEH meetings, answered by several
participants including representant.miljo@example.org, so the term page has a trend.

Idempotent: running it again changes nothing (rows are looked up before they are made).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from accounts.models import User
from meetings.evaluations.workflow import participant_ids
from meetings.models import Attendance, Evaluation, EvaluationRequest, Meeting
from networks.models import Network
from representatives.models import Appointment

if TYPE_CHECKING:
    from meetings.demo import World


# (usefulness, length, preferred format, comment), one per participant; the first is
# representant.miljo@example.org's.
ANSWERS = {
    "latest": [
        (5, "right", "hybrid", "Bra genomgång av handlingsplanen, tydliga nästa steg."),
        (4, "right", "on_site", ""),
        (4, "too_long", "hybrid", "Diskussionen om remissen kunde ha varit kortare."),
        (3, "right", "digital", "Svårt att höra i salen för oss som var med digitalt."),
        (5, "right", "on_site", "Värdefullt erfarenhetsutbyte mellan förvaltningarna."),
    ],
    "earlier": [
        (3, "too_long", "digital", "För mycket information, för lite tid till samtal."),
        (3, "right", "hybrid", ""),
        (2, "too_long", "digital", "Temat låg långt från vår verksamhet."),
        (4, "right", "on_site", ""),
    ],
}


def build_evaluation_demo(neh: Network, accounts: dict[str, User]) -> None:
    held = list(
        Meeting.objects.filter(
            network=neh, status=Meeting.Status.PUBLISHED, ends_at__lt=timezone.now()
        ).order_by("-starts_at")[:2]
    )
    representative = accounts["representant.miljo@example.org"]
    others = list(
        User.objects.filter(
            appointments__network=neh,
            appointments__role=Appointment.Role.REPRESENTATIVE,
            appointments__end_date__isnull=True,
        )
        .exclude(pk=representative.pk)
        .order_by("email")[:4]
    )
    people = [representative, *others]
    for meeting, key in zip(held, ("latest", "earlier"), strict=False):
        for person, (usefulness, length, preferred, comment) in zip(
            people, ANSWERS[key], strict=False
        ):
            attendance, _created = Attendance.objects.get_or_create(
                meeting=meeting,
                person=person,
                defaults={
                    "answer": Attendance.Answer.COMING,
                    "answered_at": meeting.starts_at - datetime.timedelta(days=7),
                },
            )
            if not attendance.attended:
                attendance.attended = True
                attendance.save(update_fields=["attended"])
            Evaluation.objects.get_or_create(
                meeting=meeting,
                person=person,
                defaults={
                    "usefulness": usefulness,
                    "length": length,
                    "preferred_format": preferred,
                    "comment": comment,
                },
            )
        EvaluationRequest.objects.get_or_create(
            meeting=meeting,
            defaults={
                "sent_at": meeting.ends_at + datetime.timedelta(hours=21),
                "sent_by": accounts["samordnare@example.org"],
                "recipients": len(participant_ids(meeting)),
            },
        )


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    build_evaluation_demo(world.networks["NEH"], world.accounts)
