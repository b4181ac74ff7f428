"""What the representatives app contributes to the personal data export (see
accounts/personal_data.py). Registered from RepresentativesConfig.ready()."""

from django.db.models import Value

from accounts import personal_data
from accounts.personal_data import iso
from config.prepared import Prepared
from networks.models import Network
from representatives.models import Administration, Appointment

# Compiled once (config/prepared.py): the export reads many small tables, and building their
# querysets cost more than reading them. Plain values, not instances of each seat, its
# administration, network and appointer.
_APPOINTMENTS = Prepared(
    lambda user_id: (
        Appointment.objects.filter(person_id=user_id)
        .order_by("start_date", "pk")
        .values_list(
            "network__code",
            "administration__name",
            "role",
            "start_date",
            "end_date",
            "appointed_by_id",
            "appointed_by__full_name",
            "appointed_by__email",
            "mandate_confirmed_at",
        )
    ),
    user_id=int,
)


def appointments_of(user) -> list[dict]:
    return [
        {
            "nätverk": network_code,
            "förvaltning": administration,
            "roll": role,
            "från": iso(start_date),
            "till": iso(end_date),
            # As str(appointed_by): the name, or the address of a person without one.
            "utsedd_av": (appointed_by_name or appointed_by_email) if appointed_by_id else None,
            "mandat_bekräftat": iso(mandate_confirmed_at),
        }
        for (
            network_code,
            administration,
            role,
            start_date,
            end_date,
            appointed_by_id,
            appointed_by_name,
            appointed_by_email,
            mandate_confirmed_at,
        ) in _APPOINTMENTS.rows(user_id=user.pk)
    ]


def _roles(user_id: int):
    directs = Administration.objects.filter(director_id=user_id).annotate(kind=Value("d"))
    coordinates = Network.objects.filter(coordinators=user_id).annotate(kind=Value("c"))
    return (
        directs.order_by()
        .values_list("kind", "name")
        .union(coordinates.order_by().values_list("kind", "code"))
    )


_ROLES = Prepared(_roles, user_id=int)


def roles_of(user) -> dict:
    rows = _ROLES.rows(user_id=user.pk)
    return {
        "direktör_för": sorted(name for kind, name in rows if kind == "d"),
        "samordnare_för": sorted(code for kind, code in rows if kind == "c"),
    }


personal_data.register("uppdrag", appointments_of)
personal_data.register("roller", roles_of)
