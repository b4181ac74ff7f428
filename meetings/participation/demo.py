"""The participation demo: answers for the next NEH meeting, an invited colleague, and
attendance at the last one."""

from __future__ import annotations

import datetime
import itertools
import secrets
from typing import TYPE_CHECKING

from django.utils import timezone

from meetings.models import Attendance, Invitation, Meeting
from networks.models import Network
from representatives.models import Administration, Appointment

if TYPE_CHECKING:
    from meetings.demo import World


def _build_participation(neh: Network, miljo: Administration, accounts) -> None:
    """A few answers for the next NEH meeting, one invitation, and attendance at the last one."""
    now = timezone.now()
    published = neh.meetings.filter(status=Meeting.Status.PUBLISHED)
    upcoming = published.filter(ends_at__gte=now).order_by("starts_at").first()
    past = published.filter(ends_at__lt=now).order_by("-starts_at").first()
    seats = list(Appointment.objects.current().filter(network=neh).select_related("administration"))
    attendances = []
    if upcoming is not None:
        answers = itertools.cycle(
            [Attendance.Answer.COMING, Attendance.Answer.COMING, Attendance.Answer.NOT_COMING]
        )
        for appointment in seats:
            # Miljöförvaltningen's own people answer in the demo themselves.
            if (
                appointment.role != Appointment.Role.REPRESENTATIVE
                or appointment.administration == miljo
            ):
                continue
            attendances.append(
                Attendance(
                    meeting=upcoming,
                    person_id=appointment.person_id,
                    administration=appointment.administration,
                    answer=next(answers),
                    answered_at=now,
                )
            )
        Invitation.objects.create(
            meeting=upcoming,
            invited_by=accounts["representant.miljo@example.org"],
            administration=miljo,
            full_name="Lisa Grön",
            email="lisa.gron@example.org",
            reason="Arbetar med temat i vår förvaltning.",
            # The demo's link is never sent, so its token is thrown away.
            token_hash=Invitation.hash_token(secrets.token_urlsafe(32)),
        )
    if past is not None:
        for index, appointment in enumerate(seats):
            if appointment.role == Appointment.Role.REPRESENTATIVE:
                attendances.append(
                    Attendance(
                        meeting=past,
                        person_id=appointment.person_id,
                        administration=appointment.administration,
                        answer=Attendance.Answer.COMING,
                        answered_at=past.starts_at - datetime.timedelta(days=7),
                        attended=index % 5 != 0,
                    )
                )
    Attendance.objects.bulk_create(attendances)


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    _build_participation(world.networks["NEH"], world.administrations["MF"], world.accounts)
