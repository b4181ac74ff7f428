"""Who in a network can be written to: the people seated in it now.

Every notice to "the network" (a meeting published or changed, minutes, a new document, a
reminder) goes to the same people: the current representatives and substitutes, each person
once however many seats they hold, and only those who can be reached (an active account with
an e-mail address). The callers add their own filters to the queryset (who switched a kind of
notice off, who made the change).
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from accounts.models import User
from networks.models import Network
from representatives.models import Appointment


def network_recipients(
    network: Network | int, exclude: Iterable[User | int | None] = ()
) -> QuerySet[User]:
    """The network's current representatives and substitutes with an active account and an
    e-mail address, each once, ordered by address; without the people (or ids) in `exclude`
    (None there is skipped: "nobody made this change"). One query when evaluated."""
    seated = Appointment.objects.current().filter(network=network).values("person_id")
    people = User.objects.filter(pk__in=seated, is_active=True).exclude(email="")
    excluded = [getattr(person, "pk", person) for person in exclude if person is not None]
    if excluded:
        people = people.exclude(pk__in=excluded)
    return people.order_by("email")
