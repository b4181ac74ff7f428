"""What the meetings app contributes to an account's lifecycle, personal data export and
retention (see accounts/lifecycle.py, personal_data.py, retention.py).

Registered once, from MeetingsConfig.ready(): `accounts` sits below every app and cannot
import us, so it offers registration points and we fill them.
"""

import datetime

from django.core.mail import EmailMessage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Q

from accounts import lifecycle, mail, personal_data, retention
from accounts.personal_data import iso
from config.prepared import Prepared
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


# Each section's query is compiled once (config/prepared.py): the export reads some twenty
# small tables, and building and compiling their querysets cost Django more than reading them.
# Plain values, not model instances: only a few columns are exported.
_AGENDA_ITEMS = Prepared(
    lambda user_id: (
        AgendaItem.objects.filter(proposed_by_id=user_id)
        .order_by("created_at", "pk")
        .values_list(
            "title",
            "description",
            "kind",
            "status",
            "wished_minutes",
            "meeting__starts_at",
            "meeting__network__code",
            "administration__name",
            "work_area__name",
            "created_at",
        )
    ),
    user_id=int,
)


def agenda_items_of(user) -> list[dict]:
    return [
        {
            "rubrik": title,
            "beskrivning": description,
            "typ": kind,
            "status": status,
            "önskad_tid_minuter": wished_minutes,
            "möte": iso(starts_at),
            "nätverk": network_code,
            # As str() of the administration and the work area: their names.
            "förvaltning": administration,
            "arbetsområde": work_area,
            "skapad": iso(created_at),
        }
        for (
            title,
            description,
            kind,
            status,
            wished_minutes,
            starts_at,
            network_code,
            administration,
            work_area,
            created_at,
        ) in _AGENDA_ITEMS.rows(user_id=user.pk)
    ]


# Plain values: every new link revokes the one before, and the revoked are kept 90 days.
_CALENDAR_LINKS = Prepared(
    lambda user_id: (
        CalendarToken.objects.filter(user_id=user_id)
        .order_by("created_at", "pk")
        .values_list("kind", "network__code", "created_at", "revoked_at")
    ),
    user_id=int,
)


def calendar_links_of(user) -> list[dict]:
    return [
        {
            "typ": kind,
            "nätverk": network_code,
            "skapad": iso(created_at),
            "återkallad": iso(revoked_at),
        }
        for kind, network_code, created_at, revoked_at in _CALENDAR_LINKS.rows(user_id=user.pk)
    ]


# Plain values, not an answer, meeting and network instance each: an answer per meeting, year
# after year.
_ATTENDANCE = Prepared(
    lambda user_id: (
        Attendance.objects.filter(person_id=user_id)
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
    ),
    user_id=int,
)


def attendance_of(user) -> list[dict]:
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
        ) in _ATTENDANCE.rows(user_id=user.pk)
    ]


# Plain values, not instances of the invitation, its meeting and network: a person who invites
# colleagues to every meeting has hundreds over the years.
_INVITATIONS = Prepared(
    lambda user_id, email: (
        _own(Invitation, Q(invited_by_id=user_id) | Q(email__iexact=email))
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
    ),
    user_id=int,
    email=str,
)


def invitations_of(user) -> dict:
    """Invitations the person sent, and those addressed to them."""
    # The address as `email__iexact` puts it among the parameters: on SQLite a LIKE pattern,
    # its `%`, `_` and backslashes escaped (the compiled query has a stand-in without them).
    pattern = connections[DEFAULT_DB_ALIAS].ops.prep_for_iexact_query(user.email)
    invitations = _INVITATIONS.rows(user_id=user.pk, email=pattern)

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


# Plain values, as the answers above: an evaluation per meeting, year after year.
_EVALUATIONS = Prepared(
    lambda user_id: (
        Evaluation.objects.filter(person_id=user_id)
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
    ),
    user_id=int,
)


def evaluations_of(user) -> list[dict]:
    """The person's meeting evaluations: shown to coordinators without names, but
    the person's own data all the same."""
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
        ) in _EVALUATIONS.rows(user_id=user.pk)
    ]


personal_data.register("utvärderingar", evaluations_of)


# --- The governance loop, goals and theme wishes ---------------------------
# What the person did themselves: questions they registered and steps they took, report-backs
# and actions they marked, indicator values they entered, theme suggestions and supports.
# These records stay when the person leaves (they are the network's records and point at the
# user row, which is pseudonymised, never deleted; the user links are SET_NULL all the same).


_QUESTIONS = Prepared(
    lambda user_id: (
        Question.objects.filter(raised_by_id=user_id)
        .order_by("created_at", "pk")
        .values_list(
            "title",
            "state",
            "network__code",
            "administration__name",
            "raised_on",
            "reported_back_on",
            "created_at",
            "updated_at",
        )
    ),
    user_id=int,
)
_QUESTION_STEPS = Prepared(
    lambda user_id: (
        _own(QuestionEvent, Q(actor_id=user_id))
        .order_by("at", "pk")
        .values_list("question__title", "question__network__code", "state", "at", "note")
    ),
    user_id=int,
)


def questions_of(user) -> dict:
    return {
        "registrerade": [
            {
                "rubrik": title,
                "läge": state,
                "nätverk": network_code,
                "förvaltning": administration,
                "väckt_i_ledningsgruppen": iso(raised_on),
                "återrapporterad": iso(reported_back_on),
                "registrerad": iso(created_at),
                "ändrad": iso(updated_at),
            }
            for (
                title,
                state,
                network_code,
                administration,
                raised_on,
                reported_back_on,
                created_at,
                updated_at,
            ) in _QUESTIONS.rows(user_id=user.pk)
        ],
        "steg": [
            {
                "fråga": title,
                "nätverk": network_code,
                "läge": state,
                "tidpunkt": iso(at),
                "anteckning": note,
            }
            for title, network_code, state, at, note in _QUESTION_STEPS.rows(user_id=user.pk)
        ],
    }


_REPORT_BACKS = Prepared(
    lambda user_id: (
        ReportBack.objects.filter(marked_by_id=user_id)
        .order_by("marked_at", "pk")
        .values_list(
            "meeting__starts_at",
            "meeting__network__code",
            "administration__name",
            "presented_on",
            "marked_at",
        )
    ),
    user_id=int,
)


def report_backs_of(user) -> list[dict]:
    return [
        {
            "möte": iso(starts_at),
            "nätverk": network_code,
            "förvaltning": administration,
            "presenterat": iso(presented_on),
            "markerat": iso(marked_at),
        }
        for (
            starts_at,
            network_code,
            administration,
            presented_on,
            marked_at,
        ) in _REPORT_BACKS.rows(user_id=user.pk)
    ]


_ACTIONS_DONE = Prepared(
    lambda user_id: (
        ActionItem.objects.filter(done_by_id=user_id)
        .order_by("done_at", "pk")
        .values_list(
            "title", "meeting__starts_at", "meeting__network__code", "done_at", "done_comment"
        )
    ),
    user_id=int,
)


def actions_of(user) -> list[dict]:
    """Actions the person marked done (the ones a coordinator created are the meeting's)."""
    return [
        {
            "åtgärd": title,
            "möte": iso(starts_at),
            "nätverk": network_code,
            "markerad_klar": iso(done_at),
            "kommentar": comment,
        }
        for title, starts_at, network_code, done_at, comment in _ACTIONS_DONE.rows(user_id=user.pk)
    ]


_INDICATOR_VALUES = Prepared(
    lambda user_id: (
        _own(IndicatorValue, Q(entered_by_id=user_id))
        .order_by("entered_at", "pk")
        .values_list(
            "indicator__goal__title",
            "indicator__name",
            "year",
            "value",
            "indicator__unit",
            "source",
            "comment",
            "entered_at",
        )
    ),
    user_id=int,
)


def indicator_values_of(user) -> list[dict]:
    return [
        {
            "mål": goal,
            "indikator": indicator,
            "år": year,
            "värde": str(value),
            "enhet": unit,
            "källa": source,
            "kommentar": comment,
            "registrerat": iso(entered_at),
        }
        for (
            goal,
            indicator,
            year,
            value,
            unit,
            source,
            comment,
            entered_at,
        ) in _INDICATOR_VALUES.rows(user_id=user.pk)
    ]


_THEME_SUGGESTIONS = Prepared(
    lambda user_id: (
        ThemeSuggestion.objects.filter(suggested_by_id=user_id)
        .order_by("created_at", "pk")
        .values_list("title", "why", "network__code", "work_area__name", "status", "created_at")
    ),
    user_id=int,
)
_THEME_SUPPORTS = Prepared(
    lambda user_id: (
        ThemeSupport.objects.filter(person_id=user_id)
        .order_by("created_at", "pk")
        .values_list("suggestion__title", "suggestion__network__code", "created_at")
    ),
    user_id=int,
)


def theme_wishes_of(user) -> dict:
    return {
        "förslag": [
            {
                "tema": title,
                "varför": why,
                "nätverk": network_code,
                "arbetsområde": work_area,  # str() of the work area: its name
                "status": status,
                "föreslaget": iso(created_at),
            }
            for title, why, network_code, work_area, status, created_at in (
                _THEME_SUGGESTIONS.rows(user_id=user.pk)
            )
        ],
        "stöd": [
            {"tema": title, "nätverk": network_code, "stöd_givet": iso(created_at)}
            for title, network_code, created_at in _THEME_SUPPORTS.rows(user_id=user.pk)
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


# The person's one row (a one-to-one), if any.
_REMINDER_PREFERENCES = Prepared(
    lambda user_id: (
        ReminderPreferences.objects.filter(user_id=user_id)
        .order_by("pk")
        .values_list(*ReminderPreferences.KINDS, "updated_at")[:1]
    ),
    user_id=int,
)


def reminder_preferences_of(user) -> dict | None:
    """The person's reminder choices, if they changed any (otherwise every reminder is on)."""
    rows = _REMINDER_PREFERENCES.rows(user_id=user.pk)
    if not rows:
        return None
    *chosen, updated_at = rows[0]
    choices: dict[str, object] = {
        REMINDER_KEYS[kind]: value
        for kind, value in zip(ReminderPreferences.KINDS, chosen, strict=True)
    }
    choices["ändrat"] = iso(updated_at)
    return choices


personal_data.register("påminnelser", reminder_preferences_of)


_VISITS = Prepared(
    lambda user_id: (
        NetworkVisit.objects.filter(user_id=user_id)
        .order_by("network__code")
        .values_list("network__code", "seen_at", "previous_seen_at")
    ),
    user_id=int,
)


def visits_of(user) -> list[dict]:
    """When the person last looked at each network's overview (what its list of changes
    counts from)."""
    return [
        {"nätverk": code, "senast_sedd": iso(seen_at), "förra_besöket": iso(previous_seen_at)}
        for code, seen_at, previous_seen_at in _VISITS.rows(user_id=user.pk)
    ]


personal_data.register("besök", visits_of)
