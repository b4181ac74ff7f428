"""What the meetings app contributes to an account's lifecycle, personal data export and
retention (see accounts/lifecycle.py, personal_data.py, retention.py).

Registered once, from MeetingsConfig.ready(): `accounts` sits below every app and cannot
import us, so it offers registration points and we fill them.
"""

import datetime

from django.core.mail import EmailMessage
from django.db.models import Q

from accounts import lifecycle, mail, personal_data, retention
from accounts.personal_data import iso
from meetings.calendar import ics as calendar
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    CalendarToken,
    Evaluation,
    IndicatorValue,
    Invitation,
    NetworkVisit,
    OutboxMessage,
    Question,
    QuestionEvent,
    ReminderPreferences,
    ReportBack,
    ThemeSuggestion,
    ThemeSupport,
)
from meetings.outbox import outbox

# Revoked calendar links are kept 90 days (to answer "why did my calendar stop?"), then deleted.
REVOKED_TOKENS_KEPT = datetime.timedelta(days=90)
# A colleague's invitation stops working when its meeting is over; the colleague's name and
# address are kept 90 days more (questions about who came), then the invitation is deleted.
INVITATIONS_KEPT = datetime.timedelta(days=90)


def _own(model, condition: Q):
    """The model's rows matching `condition` (the person's column), found in its own table
    first and only then joined to what they name. In one plain query SQLite's planner may start
    from the joined tables (every goal, every network's meetings) or walk the table in its sort
    order: when most rows have no one in the person's column, the statistics say its index
    finds every row. A list of the table's own ids keeps the plan on the person's index."""
    return model.objects.filter(pk__in=model.objects.filter(condition).values("pk"))


def agenda_items_of(user) -> list[dict]:
    items = AgendaItem.objects.filter(proposed_by=user).select_related(
        "meeting__network", "administration", "work_area"
    )
    return [
        {
            "rubrik": item.title,
            "beskrivning": item.description,
            "typ": item.kind,
            "status": item.status,
            "önskad_tid_minuter": item.wished_minutes,
            "möte": iso(item.meeting.starts_at),
            "nätverk": item.meeting.network.code,
            "förvaltning": str(item.administration) if item.administration_id else None,
            "arbetsområde": str(item.work_area) if item.work_area_id else None,
            "skapad": iso(item.created_at),
        }
        for item in items.order_by("created_at", "pk")
    ]


def calendar_links_of(user) -> list[dict]:
    # Plain values: every new link revokes the one before, and the revoked are kept 90 days.
    tokens = (
        CalendarToken.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values_list("kind", "network__code", "created_at", "revoked_at")
    )
    return [
        {
            "typ": kind,
            "nätverk": network_code,
            "skapad": iso(created_at),
            "återkallad": iso(revoked_at),
        }
        for kind, network_code, created_at, revoked_at in tokens
    ]


def attendance_of(user) -> list[dict]:
    # Plain values, not an answer, meeting and network instance each: an answer per meeting,
    # year after year.
    attendances = (
        Attendance.objects.filter(person=user)
        .order_by("meeting__starts_at", "pk")
        .values_list(
            "meeting__starts_at",
            "meeting__network__code",
            "answer",
            "answered_at",
            "source",
            "tentative",
            "comment",
            "attended",
        )
    )
    return [
        {
            "möte": iso(starts_at),
            "nätverk": network_code,
            "svar": answer or None,
            "svarade": iso(answered_at),
            "svarade via": source,
            "preliminärt": tentative,
            "kommentar": comment,
            "närvarade": attended,
        }
        for (
            starts_at,
            network_code,
            answer,
            answered_at,
            source,
            tentative,
            comment,
            attended,
        ) in attendances
    ]


def invitations_of(user) -> dict:
    """Invitations the person sent, and those addressed to them."""
    # Plain values, not instances of the invitation, its meeting and network: a person who
    # invites colleagues to every meeting has hundreds over the years.
    invitations = list(
        _own(Invitation, Q(invited_by=user) | Q(email__iexact=user.email))
        .order_by("created_at", "pk")
        .values_list(
            "meeting__starts_at",
            "meeting__network__code",
            "full_name",
            "email",
            "reason",
            "created_at",
            "invited_by_id",
        )
    )

    def entry(invitation: tuple) -> dict:
        starts_at, network_code, full_name, email, reason, created_at, _invited_by = invitation
        return {
            "möte": iso(starts_at),
            "nätverk": network_code,
            "namn": full_name,
            "e-postadress": email,
            "anledning": reason,
            "skapad": iso(created_at),
        }

    own_email = user.email.lower()
    return {
        "skickade": [entry(i) for i in invitations if i[6] == user.pk],
        "mottagna": [entry(i) for i in invitations if i[3].lower() == own_email],
    }


def pseudonymise_invitations(user, former_email: str) -> None:
    """Invitations addressed to the person name them by address: replace it too."""
    Invitation.objects.filter(email__iexact=former_email).update(
        full_name=lifecycle.pseudonymised_name(user), email=lifecycle.pseudonymised_email(user)
    )


def clear_answer_notes(user, former_email: str) -> None:
    """The notes a person wrote with their answers in Outlook are their own words: they go;
    the answers themselves stay for the minutes and the reports."""
    Attendance.objects.filter(person=user).exclude(comment="").update(comment="")


def delete_old_invitations(now: datetime.datetime) -> int:
    deleted, _ = Invitation.objects.filter(meeting__ends_at__lt=now - INVITATIONS_KEPT).delete()
    return deleted


def delete_old_revoked_tokens(now: datetime.datetime) -> int:
    deleted, _ = CalendarToken.objects.filter(revoked_at__lt=now - REVOKED_TOKENS_KEPT).delete()
    return deleted


def send_account_mail(message: EmailMessage, template_prefix: str) -> None:
    """allauth's e-mails (a password reset link, an address to confirm, a sign-in notice)
    leave through the outbox like every other e-mail. Each request is a new event (version
    None): a second password reset asked for is sent too. Tied to no network, under the kind
    "account.<template>", which the failed-deliveries page shows without its subject
    (docs/features/outbox.md)."""
    kind = f"{OutboxMessage.ACCOUNT_KIND_PREFIX}{template_prefix}"[:60]
    outbox.record(message, kind=kind, obj=f"allauth:{template_prefix}"[:200], version=None)


mail.register_sender(send_account_mail)
lifecycle.on_deactivation(calendar.revoke_all_for_user)
lifecycle.on_pseudonymisation(pseudonymise_invitations)
lifecycle.on_pseudonymisation(clear_answer_notes)
personal_data.register("dagordningspunkter", agenda_items_of)
personal_data.register("närvaro", attendance_of)
personal_data.register("inbjudningar", invitations_of)
personal_data.register("kalenderlänkar", calendar_links_of)
retention.register("återkallade kalenderlänkar", delete_old_revoked_tokens)
retention.register("inbjudningar till avslutade möten", delete_old_invitations)


def evaluations_of(user) -> list[dict]:
    """The person's meeting evaluations: shown to coordinators without names, but
    the person's own data all the same."""
    # Plain values, as the answers above: an evaluation per meeting, year after year.
    evaluations = (
        Evaluation.objects.filter(person=user)
        .order_by("meeting__starts_at", "pk")
        .values_list(
            "meeting__starts_at",
            "meeting__network__code",
            "usefulness",
            "length",
            "preferred_format",
            "comment",
            "extra_answer",
            "created_at",
            "updated_at",
        )
    )
    return [
        {
            "möte": iso(starts_at),
            "nätverk": network_code,
            "nytta": usefulness,
            "längd": length or None,
            "mötesform": preferred_format or None,
            "kommentar": comment,
            "svar_på_extra_fråga": extra_answer,
            "skapad": iso(created_at),
            "ändrad": iso(updated_at),
        }
        for (
            starts_at,
            network_code,
            usefulness,
            length,
            preferred_format,
            comment,
            extra_answer,
            created_at,
            updated_at,
        ) in evaluations
    ]


personal_data.register("utvärderingar", evaluations_of)


# --- The governance loop, goals and theme wishes ---------------------------
# What the person did themselves: questions they registered and steps they took, report-backs
# and actions they marked, indicator values they entered, theme suggestions and supports.
# These records stay when the person leaves (they are the network's records and point at the
# user row, which is pseudonymised, never deleted; the user links are SET_NULL all the same).


def questions_of(user) -> dict:
    registered = Question.objects.filter(raised_by=user).select_related("network", "administration")
    steps = _own(QuestionEvent, Q(actor=user)).select_related("question__network")
    return {
        "registrerade": [
            {
                "rubrik": q.title,
                "läge": q.state,
                "nätverk": q.network.code,
                "förvaltning": q.administration.name,
                "väckt_i_ledningsgruppen": iso(q.raised_on),
                "återrapporterad": iso(q.reported_back_on),
                "registrerad": iso(q.created_at),
                "ändrad": iso(q.updated_at),
            }
            for q in registered.order_by("created_at", "pk")
        ],
        "steg": [
            {
                "fråga": e.question.title,
                "nätverk": e.question.network.code,
                "läge": e.state,
                "tidpunkt": iso(e.at),
                "anteckning": e.note,
            }
            for e in steps.order_by("at", "pk")
        ],
    }


def report_backs_of(user) -> list[dict]:
    marked = ReportBack.objects.filter(marked_by=user).select_related(
        "meeting__network", "administration"
    )
    return [
        {
            "möte": iso(r.meeting.starts_at),
            "nätverk": r.meeting.network.code,
            "förvaltning": r.administration.name,
            "presenterat": iso(r.presented_on),
            "markerat": iso(r.marked_at),
        }
        for r in marked.order_by("marked_at", "pk")
    ]


def actions_of(user) -> list[dict]:
    """Actions the person marked done (the ones a coordinator created are the meeting's)."""
    done = ActionItem.objects.filter(done_by=user).select_related("meeting__network")
    return [
        {
            "åtgärd": a.title,
            "möte": iso(a.meeting.starts_at),
            "nätverk": a.meeting.network.code,
            "markerad_klar": iso(a.done_at),
            "kommentar": a.done_comment,
        }
        for a in done.order_by("done_at", "pk")
    ]


def indicator_values_of(user) -> list[dict]:
    values = _own(IndicatorValue, Q(entered_by=user)).select_related("indicator__goal")
    return [
        {
            "mål": v.indicator.goal.title,
            "indikator": v.indicator.name,
            "år": v.year,
            "värde": str(v.value),
            "enhet": v.indicator.unit,
            "källa": v.source,
            "kommentar": v.comment,
            "registrerat": iso(v.entered_at),
        }
        for v in values.order_by("entered_at", "pk")
    ]


def theme_wishes_of(user) -> dict:
    suggested = ThemeSuggestion.objects.filter(suggested_by=user).select_related(
        "network", "work_area"
    )
    supports = ThemeSupport.objects.filter(person=user).select_related("suggestion__network")
    return {
        "förslag": [
            {
                "tema": s.title,
                "varför": s.why,
                "nätverk": s.network.code,
                "arbetsområde": str(s.work_area),
                "status": s.status,
                "föreslaget": iso(s.created_at),
            }
            for s in suggested.order_by("created_at", "pk")
        ],
        "stöd": [
            {
                "tema": s.suggestion.title,
                "nätverk": s.suggestion.network.code,
                "stöd_givet": iso(s.created_at),
            }
            for s in supports.order_by("created_at", "pk")
        ],
    }


personal_data.register("frågor", questions_of)
personal_data.register("återrapporter", report_backs_of)
personal_data.register("åtgärder", actions_of)
personal_data.register("indikatorvärden", indicator_values_of)
personal_data.register("temaförslag", theme_wishes_of)


REMINDER_KEYS = {
    "unanswered": "obesvarad_inbjudan",
    "day_before": "dagen_före_mötet",
    "proposals_closing": "förslag_stänger_snart",
    "action_due": "åtgärd_ska_vara_klar",
    "consultation_due": "remissvar_ska_vara_inne",
    "report_back": "återrapport_inte_presenterad",
    "documents": "nya_dokument",
    "digest": "daglig_sammanfattning",
}


def reminder_preferences_of(user) -> dict | None:
    """The person's reminder choices, if they changed any (otherwise every reminder is on)."""
    preferences = ReminderPreferences.objects.filter(user=user).first()
    if preferences is None:
        return None
    choices: dict[str, object] = {
        REMINDER_KEYS[kind]: getattr(preferences, kind) for kind in ReminderPreferences.KINDS
    }
    choices["ändrat"] = iso(preferences.updated_at)
    return choices


personal_data.register("påminnelser", reminder_preferences_of)


def visits_of(user) -> list[dict]:
    """When the person last looked at each network's overview (what its list of changes
    counts from)."""
    visits = NetworkVisit.objects.filter(user=user).select_related("network")
    return [
        {
            "nätverk": visit.network.code,
            "senast_sedd": iso(visit.seen_at),
            "förra_besöket": iso(visit.previous_seen_at),
        }
        for visit in visits.order_by("network__code")
    ]


personal_data.register("besök", visits_of)
