"""What the representatives app contributes to the personal data export (see
accounts/personal_data.py). Registered from RepresentativesConfig.ready()."""

from accounts import personal_data
from accounts.personal_data import iso
from networks.models import Network
from representatives.models import Administration, Appointment


def appointments_of(user) -> list[dict]:
    appointments = Appointment.objects.filter(person=user).select_related(
        "administration", "network", "appointed_by"
    )
    return [
        {
            "nätverk": a.network.code,
            "förvaltning": a.administration.name,
            "roll": a.role,
            "från": iso(a.start_date),
            "till": iso(a.end_date),
            "utsedd_av": str(a.appointed_by) if a.appointed_by_id else None,
            "mandat_bekräftat": iso(a.mandate_confirmed_at),
        }
        for a in appointments.order_by("start_date", "pk")
    ]


def roles_of(user) -> dict:
    return {
        "direktör_för": list(
            Administration.objects.filter(director=user).values_list("name", flat=True)
        ),
        "samordnare_för": list(
            Network.objects.filter(coordinators=user).values_list("code", flat=True)
        ),
    }


personal_data.register("uppdrag", appointments_of)
personal_data.register("roller", roles_of)
