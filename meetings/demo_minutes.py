"""Demo data for minutes and action items (issue 8): the last held NEH meeting has published
minutes (version 1 and a corrected version 2) with notes and outcomes, and two actions for
Miljöförvaltningen, one done and one open; the open one shows under "Uppföljning" on the next
NEH meeting by itself. Idempotent: does nothing when that meeting already has minutes."""

import datetime

from django.utils import timezone

from meetings import actions, minutes
from meetings.models import AgendaItem, Meeting
from meetings.models_governance import Minutes, MinutesVersion

NOTES = {
    AgendaItem.Kind.INFORMATION: (
        "Hållbarhetsenheten berättade om **läget i klimatarbetet** och om kommande remisser.",
        "Informationen noterades.",
    ),
    AgendaItem.Kind.EXPERIENCE: (
        "Tre förvaltningar berättade hur de arbetar med temat:\n\n"
        "- Miljöförvaltningen: kartläggning av skyfallsrisker\n"
        "- Socialförvaltningen: värmeplaner för äldreboenden\n"
        "- Stadsbyggnadskontoret: grönytefaktor i detaljplaner",
        "Presentationerna skickas ut med minnesanteckningarna.",
    ),
    AgendaItem.Kind.DISCUSSION: (
        "Nätverket diskuterade vilka frågor som ska prioriteras gemensamt under terminen.",
        "Nätverket prioriterar **klimatanpassning** och **cirkulär upphandling**. "
        "Miljöförvaltningen tar fram ett underlag till nästa möte.",
    ),
    AgendaItem.Kind.CONSULTATION: (
        "Remissen om kommunens styrdokument gicks igenom. Se "
        "[remissen](https://www.example.org/remiss) för hela texten.",
        "Förvaltningarna svarar var för sig senast sista svarsdagen.",
    ),
}


def build_minutes_demo(coordinator, miljo, accounts) -> None:
    held = (
        Meeting.objects.filter(network__code="NEH", status=Meeting.Status.PUBLISHED).past().first()
    )
    if held is None or Minutes.objects.filter(meeting=held).exists():
        return
    items = minutes.agenda_items(held)
    if not items:
        return
    default = ("Punkten behandlades.", "")
    entries = {
        item.pk: dict(zip(("note", "outcome"), NOTES.get(item.kind, default), strict=True))
        for item in items
    }
    summary = "Mötet öppnades av samordnaren. Alla förvaltningar utom en var representerade."
    draft = minutes.save_draft(held, coordinator, summary, entries)
    meeting_day = timezone.localdate(held.starts_at)
    discussion = next((i for i in items if i.kind == AgendaItem.Kind.DISCUSSION), items[0])
    experience = next((i for i in items if i.kind == AgendaItem.Kind.EXPERIENCE), items[0])
    representative = accounts["representant.miljo@example.org"]
    done = actions.create(
        held,
        coordinator,
        agenda_item=experience,
        title="Skicka ut presentationerna från erfarenhetsutbytet",
        administrations=[miljo],
        due_on=meeting_day + datetime.timedelta(days=7),
    )
    actions.create(
        held,
        coordinator,
        agenda_item=discussion,
        title="Ta fram ett underlag om klimatanpassning till nästa möte",
        administrations=[miljo],
        due_on=max(timezone.localdate(), meeting_day) + datetime.timedelta(days=21),
    )
    # Published directly (as the agenda demo does), so seeding sends no e-mail.
    MinutesVersion.objects.create(
        minutes=draft, number=1, content=minutes.content(held, draft), published_by=coordinator
    )
    actions.mark_done(done, representative, "Presentationerna skickades ut till nätverket.")
    draft.summary = summary.replace("utom en", "utom Arbetsmarknadsförvaltningen")
    draft.save(update_fields=["summary", "updated_at"])
    MinutesVersion.objects.create(
        minutes=draft,
        number=2,
        content=minutes.content(held, draft),
        correction_note="Förtydligat vilken förvaltning som saknades; en åtgärd är klar.",
        published_by=coordinator,
    )
