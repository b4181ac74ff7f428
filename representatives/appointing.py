"""Appointing, replacing and ending representatives: the director's workflow.

An appointment and the ending of its predecessor happen in one transaction; the database
constraint `one_current_appointment_per_role` is the last line of defence against two current
people in one seat. E-mails are recorded with the change and leave after it commits (through
the meetings app's outbox once it has registered it: `send_mail_with`).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts import lifecycle
from accounts.models import User
from config.mail import absolute_url, message, render_subject, render_text
from networks.models import Network
from representatives.lifecycle import people_to_deactivate
from representatives.models import Administration, Appointment

# Run inside the transaction with (appointment started or None, appointment ended or None):
# what other apps must do when a seat changes hands (the meetings app registers its Outlook
# updates from its AppConfig.ready(); representatives cannot import meetings). A plain list of
# functions, like accounts/lifecycle.py: a failing step rolls the appointment back.
SeatStep = Callable[[Appointment | None, Appointment | None], object]
_seat_steps: list[SeatStep] = []


def on_seat_change(step: SeatStep) -> SeatStep:
    """Register a function run whenever a person is appointed, replaced or leaves a seat."""
    if step not in _seat_steps:
        _seat_steps.append(step)
    return step


# How the e-mails leave: the meetings app registers its outbox (recorded in the change's
# transaction, delivered by the worker) from its AppConfig.ready(); without one they are sent
# after the commit. The sender takes (messages, kind=..., obj=...).
MailSender = Callable[..., None]
_mail_senders: list[MailSender] = []


def send_mail_with(sender: MailSender) -> None:
    _mail_senders[:] = [sender]


def _send(mails: list, *, kind: str, obj: Appointment) -> None:
    if _mail_senders:
        _mail_senders[0](mails, kind=kind, obj=obj)
    else:
        transaction.on_commit(lambda: [mail.send() for mail in mails])


def _seat_changed(started: Appointment | None, ended: Appointment | None) -> None:
    for step in _seat_steps:
        step(started, ended)


class AppointmentError(Exception):
    """A rule of appointing was broken; the message is Swedish and shown to the director."""


@dataclass
class AppointmentResult:
    appointment: Appointment
    predecessor: Appointment | None
    created_account: bool


def set_password_url(user: User) -> str:
    """An absolute link where a new person sets their own password (allauth's reset flow)."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path)


def _find_or_create_person(name: str, email: str) -> tuple[User, bool]:
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    # No usable password: the person sets one through the link in the invitation e-mail.
    user = User.objects.create_user(email=email, password=None, full_name=name)
    # The director vouches for the municipal address, and only its owner can use the link.
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user, True


def appoint(
    *,
    administration: Administration,
    network: Network,
    role: str,
    name: str,
    email: str,
    appointed_by: User,
    today: datetime.date | None = None,
    start_date: datetime.date | None = None,
    mandate_scope: str = "",
) -> AppointmentResult:
    """Appoint a person to a seat from `start_date` (today if not given), ending the open
    appointment of the seat that day. An appointment cannot start before the seat's holder's
    appointment ends, or before an appointment already made to start later."""
    today = today or timezone.localdate()
    start_date = start_date or today
    if start_date < today:
        raise AppointmentError(_("Uppdraget kan inte börja i det förflutna."))
    try:
        with transaction.atomic():
            person, created = _find_or_create_person(name, email)
            if not person.is_active:
                # Someone who left and comes back: the deactivated account is theirs again.
                lifecycle.reactivate(person, by=appointed_by)
            # The seat's open appointment (no end date): today's holder, or someone already
            # appointed from a later day.
            predecessor = (
                Appointment.objects.select_for_update()
                .filter(end_date__isnull=True)
                .filter(administration=administration, network=network, role=role)
                .select_related("person")
                .first()
            )
            if predecessor is not None and predecessor.person_id == person.pk:
                raise AppointmentError(_("Personen har redan det här uppdraget."))
            _check_start(administration, network, role, start_date, predecessor)
            # One person cannot be both the representative and the substitute of a seat.
            if (
                Appointment.objects.current()
                .filter(administration=administration, network=network, person=person)
                .exclude(role=role)
                .exists()
            ):
                raise AppointmentError(
                    _("Personen har redan den andra rollen för förvaltningen i nätverket.")
                )
            if predecessor is not None:
                # The old appointment ends the day the new one starts; history keeps both.
                predecessor.end(max(start_date, predecessor.start_date))
            appointment = Appointment.objects.create(
                person=person,
                administration=administration,
                network=network,
                role=role,
                appointed_by=appointed_by,
                mandate_confirmed_at=timezone.now(),
                mandate_scope=mandate_scope,
                start_date=start_date,
            )
            _seat_changed(appointment, predecessor)
            result = AppointmentResult(appointment, predecessor, created)
            _send_appointment_mails(result)
    except IntegrityError as error:
        raise AppointmentError(
            _("Platsen ändrades samtidigt av någon annan. Ladda om sidan och försök igen.")
        ) from error
    return result


def _check_start(administration, network, role, start_date, predecessor) -> None:
    """Refuse a start before the seat's present holding ends: an appointment already made to
    start later (the open one), or a holder whose end is already set to a later day."""
    if predecessor is not None and start_date < predecessor.start_date:
        raise AppointmentError(
            _(
                "%(name)s är redan utsedd från %(date)s. Det nya uppdraget kan börja tidigast "
                "den dagen."
            )
            % {"name": predecessor.person.full_name, "date": date_format(predecessor.start_date)}
        )
    ending = (
        Appointment.objects.filter(
            administration=administration, network=network, role=role, end_date__gt=start_date
        )
        .select_related("person")
        .order_by("-end_date")
        .first()
    )
    if ending is not None:
        raise AppointmentError(
            _(
                "Uppdraget för %(name)s slutar först %(date)s. Det nya uppdraget kan inte börja "
                "innan dess."
            )
            % {"name": ending.person.full_name, "date": date_format(ending.end_date or start_date)}
        )


def end_appointment(appointment: Appointment, today: datetime.date | None = None) -> None:
    """End an appointment without a successor: the seat becomes vacant."""
    today = today or timezone.localdate()
    with transaction.atomic():
        appointment.end(max(today, appointment.start_date))
        _seat_changed(None, appointment)
        _send_ended_mails(appointment)


def with_deactivation_prompt(context: dict) -> dict:
    """The coordinators' e-mail also names whoever has just lost their last role, so their
    account can be deactivated (accounts; representatives/lifecycle.py)."""
    appointment, predecessor = context["appointment"], context["predecessor"]
    leaving = predecessor.person if predecessor is not None else appointment.person
    prompt = people_to_deactivate().filter(pk=leaving.pk).exists()
    return {**context, "to_deactivate": leaving if prompt else None}


def _coordinator_emails(network: Network) -> list[str]:
    return list(network.coordinators.values_list("email", flat=True))


def _mail(template: str, context: dict, recipients: list[str]) -> None:
    if not recipients:
        return
    appointment = context["appointment"]
    subject = render_subject(
        f"representatives/email/{template}_subject.txt",
        context,
        prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
    )
    body = render_text(f"representatives/email/{template}.txt", context)
    mail = message(subject, body, to=recipients, from_email=settings.DEFAULT_FROM_EMAIL)
    _send([mail], kind=f"representatives.{template}", obj=appointment)


def _links(appointment: Appointment) -> dict[str, str]:
    return {
        "home_url": absolute_url("/"),
        "network_url": absolute_url(appointment.network.get_absolute_url()),
        "deactivate_url": absolute_url(reverse("people_to_deactivate")),
    }


def _send_appointment_mails(result: AppointmentResult) -> None:
    appointment = result.appointment
    context = {
        "appointment": appointment,
        "predecessor": result.predecessor,
        **_links(appointment),
        "set_password_url": set_password_url(appointment.person) if result.created_account else "",
    }
    _mail("appointed", context, [appointment.person.email])
    if result.predecessor is not None:
        _mail("replaced", context, [result.predecessor.person.email])
    _mail(
        "seat_changed", with_deactivation_prompt(context), _coordinator_emails(appointment.network)
    )


def _send_ended_mails(appointment: Appointment) -> None:
    context = {"appointment": appointment, "predecessor": None, **_links(appointment)}
    _mail("ended", context, [appointment.person.email])
    _mail(
        "seat_changed", with_deactivation_prompt(context), _coordinator_emails(appointment.network)
    )
