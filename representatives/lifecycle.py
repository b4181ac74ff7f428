"""Who should be deactivated: people whose last appointment has ended.

A person's account outlives their appointments (history points at it), but an account nobody
uses is a risk. When someone's last appointment ends and they hold no other role here
(no coordination, no directorship, not an administrator), coordinators are prompted to
deactivate the account; `people_to_deactivate()` is that prompt, for any page to show.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from networks.models import Network
from networks.rules import coordinated_network_ids
from representatives.models import Administration, Appointment


def people_to_deactivate(today: datetime.date | None = None) -> QuerySet:
    """Active people who have had appointments, none of them current, and no other role.
    Each carries `last_appointment_ended` (the latest end date). `today` is the local date
    unless given (a query compiled once is given it as a value)."""
    User = get_user_model()
    appointments = Appointment.objects.filter(person=OuterRef("pk"))
    last_end = (
        Appointment.objects.filter(person=OuterRef("pk"))
        .values("person")
        .annotate(last=Max("end_date"))
        .values("last")
    )
    if today is None:
        today = timezone.localdate()
    # Found from the appointments that have ended (a few thousand in a large organisation),
    # not by testing every account: someone whose appointments have all ended has one.
    ended = Appointment.objects.filter(end_date__lte=today).values("person_id")
    return (
        User.objects.filter(is_active=True, is_staff=False, is_superuser=False, pk__in=ended)
        # Not while an appointment is open, or ends on a later day.
        .exclude(Exists(appointments.filter(Q(end_date__isnull=True) | Q(end_date__gt=today))))
        .exclude(Exists(Network.coordinators.through.objects.filter(user_id=OuterRef("pk"))))
        .exclude(Exists(Administration.objects.filter(director=OuterRef("pk"))))
        .annotate(last_appointment_ended=Subquery(last_end))
        .order_by("full_name", "email")
    )


def can_prompt_deactivation(user) -> bool:
    """Coordinators (of any network) and administrators see the prompt and may act on it."""
    return user.is_authenticated and (user.is_superuser or bool(coordinated_network_ids(user)))
