"""What the representatives app contributes to the personal data export (see
accounts/personal_data.py). Registered from RepresentativesConfig.ready()."""

from django.db.models import Value

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
    directs = Administration.objects.filter(director=user).annotate(kind=Value("d")).order_by()
    coordinates = Network.objects.filter(coordinators=user).annotate(kind=Value("c")).order_by()
    rows = list(directs.values_list("kind", "name").union(coordinates.values_list("kind", "code")))
    return {
        "direktör_för": sorted(name for kind, name in rows if kind == "d"),
        "samordnare_för": sorted(code for kind, code in rows if kind == "c"),
    }


personal_data.register("uppdrag", appointments_of)
personal_data.register("roller", roles_of)
