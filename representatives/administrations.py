"""The list of administrations as the municipality reorganises: add, rename, merge, deactivate.

An administration is never deleted: its seats, questions, actions, report-backs and
consultation responses keep pointing at it, so what it did stays readable under the name it had.

- **Merging A into B** marks A inactive with `merged_into = B` (its history reads
  "Sammanslagen med: – → B"). A's open seats move: each current or upcoming appointment of A
  ends (a current one today, an upcoming one on the day it would have started, so it never
  takes effect) and, where B has no open appointment in that network and role, the same person
  is appointed for B from today, so the network keeps its representative. Where B already has
  someone, B's person stays and A's person's seat simply ends. Everything else (questions,
  actions, report-backs, A's director) stays with A; open actions can be given to B on the
  action's own edit page.
- **Deactivating** marks it inactive and ends its open seats the same way; nothing moves.
- Checks first, then one transaction; a refusal is an `AdministrationError` with a Swedish
  message for the person, and nothing is saved.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from representatives.models import Administration, Appointment


class AdministrationError(Exception):
    """A refused change to the list of administrations; the message is Swedish."""


def _open_seats(administration: Administration):
    """Appointments not yet ended: current ones and those appointed to start later."""
    today = timezone.localdate()
    return (
        Appointment.objects.select_for_update()
        .filter(administration=administration)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=today))
        .order_by("network_id", "role", "start_date")
    )


def _end(appointment: Appointment) -> None:
    today = timezone.localdate()
    appointment.end(max(today, appointment.start_date))


def merge(source: Administration, target: Administration, by) -> list[Appointment]:
    """Merge `source` into `target`; returns the appointments made for `target`."""
    if source.pk == target.pk:
        raise AdministrationError(_("En förvaltning kan inte slås samman med sig själv."))
    with transaction.atomic():
        locked = {
            a.pk: a
            for a in Administration.objects.select_for_update().filter(
                pk__in=[source.pk, target.pk]
            )
        }
        source, target = locked[source.pk], locked[target.pk]
        if not source.is_active:
            raise AdministrationError(
                _("%(name)s är redan inaktiv och kan inte slås samman.") % {"name": source.name}
            )
        if not target.is_active:
            raise AdministrationError(
                _("%(name)s är inaktiv. Välj en aktiv förvaltning att slå samman med.")
                % {"name": target.name}
            )
        today = timezone.localdate()
        seats = list(_open_seats(source))
        taken = set(
            _open_seats(target).filter(end_date__isnull=True).values_list("network_id", "role")
        )
        moved = []
        for seat in seats:
            current = seat.start_date <= today
            _end(seat)
            if current and (seat.network_id, seat.role) not in taken:
                taken.add((seat.network_id, seat.role))
                moved.append(
                    Appointment.objects.create(
                        person=seat.person,
                        administration=target,
                        network=seat.network,
                        role=seat.role,
                        appointed_by=by,
                        mandate_scope=seat.mandate_scope,
                        start_date=today,
                    )
                )
        source.is_active = False
        source.merged_into = target
        source.version += 1
        source.save(update_fields=["is_active", "merged_into", "version"])
    return moved


def deactivate(administration: Administration) -> int:
    """Mark the administration inactive and end its open seats; returns how many ended."""
    with transaction.atomic():
        locked = Administration.objects.select_for_update().get(pk=administration.pk)
        if not locked.is_active:
            raise AdministrationError(_("%(name)s är redan inaktiv.") % {"name": locked.name})
        seats = list(_open_seats(locked))
        for seat in seats:
            _end(seat)
        locked.is_active = False
        locked.version += 1
        locked.save(update_fields=["is_active", "version"])
    return len(seats)


def reactivate(administration: Administration) -> None:
    """Make a deactivated administration active again (a merged one stays merged)."""
    with transaction.atomic():
        locked = Administration.objects.select_for_update().get(pk=administration.pk)
        if locked.merged_into_id is not None:
            raise AdministrationError(
                _("%(name)s är sammanslagen med en annan förvaltning och kan inte återaktiveras.")
                % {"name": locked.name}
            )
        if locked.is_active:
            return
        locked.is_active = True
        locked.version += 1
        locked.save(update_fields=["is_active", "version"])
