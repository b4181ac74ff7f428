"""Demo theme wishes in NEH: Miljöförvaltningen's representative and others suggest themes,
colleagues support them, one suggestion became the draft theme of the planned NEH meeting and
one was closed with a reason. Idempotent: does nothing when NEH already has suggestions."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from meetings.models import Meeting, ThemeSuggestion, ThemeSupport
from networks.models import Network
from representatives.models import Appointment

# (title, why, work area name starts with, suggester's e-mail or administration short name,
#  how many others support it)
SUGGESTIONS = [
    (
        "Laddinfrastruktur för kommunens fordon",
        "Flera förvaltningar byter till elbilar samtidigt. Vi vill jämföra planer och "
        "samordna laddplatserna i stället för att bygga var för sig.",
        "Koldioxidmålet",
        "representant.miljo@example.org",
        4,
    ),
    (
        "Klimatsmarta måltider i skola och omsorg",
        "Kosten står för en stor del av våra utsläpp. Vi vill höra hur andra förvaltningar "
        "minskar matsvinnet och köttet utan att gästerna blir missnöjda.",
        "Koldioxidmålet",
        "BUF",
        6,
    ),
    (
        "Grönytor och värmeböljor vid äldreboenden",
        "Somrarna blir varmare och våra boenden saknar skugga. Vad gör andra, och vad kan "
        "planeringen hjälpa till med?",
        "Klimatanpassning",
        "VOF",
        2,
    ),
    (
        "Kemikalier i städmaterial",
        "Vi vill gå igenom vilka städprodukter förvaltningarna köper och byta till bättre "
        "tillsammans.",
        "Giftfri miljö",
        "ersattare.miljo@example.org",
        1,
    ),
]
ADOPTED = (
    "Upphandling med miljökrav",
    "Vi ställer miljökrav på olika sätt i varje förvaltning. Ett gemensamt möte om hur "
    "kraven formuleras och följs upp skulle spara tid för alla.",
    "Giftfri miljö",
    "TF",
    5,
)
CLOSED = (
    "Studiebesök på reningsverket",
    "Ett studiebesök skulle ge en gemensam bild av hur vattnet renas.",
    "Giftfri miljö",
    "SBF",
    1,
    "Passar bättre som en aktivitet i Vattenveckan än som ett nätverksmöte; "
    "vi skickar inbjudan när den är klar.",
)

if TYPE_CHECKING:
    from meetings.demo import World


def build_wishes(coordinator=None) -> None:
    neh = Network.objects.filter(code="NEH").first()
    if neh is None or ThemeSuggestion.objects.filter(network=neh).exists():
        return
    seats = list(
        Appointment.objects.current()
        .filter(network=neh)
        .select_related("person", "administration")
        .order_by("administration__short_name", "role")
    )
    if not seats:
        return
    areas = list(neh.work_areas.active())
    now = timezone.now()

    def suggester(key: str) -> Appointment:
        for seat in seats:
            if seat.person.email == key or (
                seat.administration.short_name == key and seat.role == "representative"
            ):
                return seat
        return seats[0]

    def area(prefix: str):
        return next((a for a in areas if a.name.startswith(prefix)), areas[0])

    def make(index, title, why, area_prefix, key, supporters, **extra) -> None:
        seat = suggester(key)
        suggestion = ThemeSuggestion.objects.create(
            network=neh,
            title=title,
            why=why,
            work_area=area(area_prefix),
            suggested_by=seat.person,
            administration=seat.administration,
            **extra,
        )
        # Spread the dates so the ranking's "oldest first" tie-break shows.
        ThemeSuggestion.objects.filter(pk=suggestion.pk).update(
            created_at=now - datetime.timedelta(days=40 - index * 5)
        )
        others = [s.person for s in seats if s.person_id != seat.person_id]
        people = list(dict.fromkeys(others))[index : index + supporters]
        ThemeSupport.objects.bulk_create(
            ThemeSupport(suggestion=suggestion, person=person) for person in people
        )

    for index, row in enumerate(SUGGESTIONS):
        make(index, *row)
    planned = (
        Meeting.objects.filter(
            network=neh, status=Meeting.Status.PLANNED, theme_title=ADOPTED[0], starts_at__gt=now
        )
        .order_by("starts_at")
        .first()
    )
    if planned is not None:
        make(
            len(SUGGESTIONS),
            *ADOPTED,
            status=ThemeSuggestion.Status.ADOPTED,
            adopted_meeting=planned,
            handled_by=coordinator,
            handled_at=now - datetime.timedelta(days=2),
        )
    title, why, area_prefix, key, supporters, reason = CLOSED
    make(
        len(SUGGESTIONS) + 1,
        title,
        why,
        area_prefix,
        key,
        supporters,
        status=ThemeSuggestion.Status.CLOSED,
        closed_reason=reason,
        handled_by=coordinator,
        handled_at=now - datetime.timedelta(days=5),
    )


def build(world: World) -> None:
    """The feature's part of the demo (`meetings.demo.build_demo` calls it in order)."""
    build_wishes(world.coordinator)
