"""Every page of the app, with who can see it: the one list the accessibility tests walk.

A new page adds one line to PAGES: a name, how to build its path from the demo objects in
`PageData` (add an object there if the page needs one), the roles that may see it, and the
HTTP status it answers with.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

ANONYMOUS = ("anonymous",)
SIGNED_IN = ("staff", "representative", "substitute", "director", "coordinator", "admin")
EVERYONE = ANONYMOUS + SIGNED_IN
# allauth's account pages look the same for every role; one signed-in person is enough.
ACCOUNT_HOLDER = ("staff",)


@dataclass(frozen=True)
class PageData:
    """The objects the pages are shown with (built by the `page_data` fixture)."""

    published: object  # a published NEH meeting with an agenda
    cancelled: object  # a cancelled NEH meeting
    planned: object  # a planned NEH meeting (only its coordinators see it)
    administration: object  # Miljöförvaltningen, the director's
    invitation_token: str  # a colleague's invitation to the published meeting
    open_for_proposals: object  # an NEH meeting far enough ahead to take proposals
    consultation: object = None  # an open NEH consultation asking Miljöförvaltningen
    theme_suggestion: object = None  # the representative's open NEH theme suggestion
    evaluated: object = None  # a held NEH meeting the representative attended
    held: object = None  # a held NEH meeting with Miljöförvaltningen's report-back pack
    minuted: object = None  # a held NEH meeting with minutes v1 and v2 and actions
    question: object = None  # Miljöförvaltningen's NEH question, answered in writing
    goal: object = None  # an NEH goal; its indicator is Miljöförvaltningen's


@dataclass(frozen=True)
class AppPage:
    name: str
    path: Callable[[PageData], str]
    roles: tuple[str, ...]
    status: int = 200


PAGES = [
    AppPage("start", lambda d: reverse("home"), SIGNED_IN),
    AppPage("network NSH", lambda d: reverse("network_detail", args=["nsh"]), SIGNED_IN),
    AppPage("network NEH", lambda d: reverse("network_detail", args=["neh"]), SIGNED_IN),
    AppPage("meetings NEH", lambda d: reverse("network_meetings", args=["neh"]), SIGNED_IN),
    AppPage(
        "representatives NEH",
        lambda d: reverse("network_representatives", args=["neh"]),
        SIGNED_IN,
    ),
    AppPage(
        "term summary NEH",
        lambda d: reverse("term_summary", args=["neh", d.minuted.term.code]),
        SIGNED_IN,
    ),
    AppPage("search form", lambda d: reverse("search"), SIGNED_IN),
    AppPage(
        "search results",
        lambda d: reverse("search") + "?" + urlencode({"q": d.published.theme_title}),
        SIGNED_IN,
    ),
    AppPage("search refused", lambda d: reverse("search") + "?q=%3F%21", SIGNED_IN, status=422),
    AppPage("published meeting", lambda d: d.published.get_absolute_url(), SIGNED_IN),
    AppPage("cancelled meeting", lambda d: d.cancelled.get_absolute_url(), SIGNED_IN),
    AppPage("planned meeting", lambda d: d.planned.get_absolute_url(), ("coordinator",)),
    AppPage("calendar", lambda d: reverse("calendar_page"), SIGNED_IN),
    # Directors, representatives, contact lists, a colleague's invitation.
    AppPage("my networks", lambda d: reverse("my_networks"), SIGNED_IN),
    AppPage(
        "my administration",
        lambda d: reverse("administration_detail", args=[d.administration.pk]),
        ("director",),
    ),
    AppPage(
        "appoint a representative",
        lambda d: reverse("appointment_create", args=[d.administration.pk, "neh", "representant"]),
        ("director",),
    ),
    AppPage("contact list", lambda d: reverse("network_contacts", args=["neh"]), ("coordinator",)),
    AppPage(
        "invite a colleague",
        lambda d: reverse("invitation_create", args=[d.published.pk]),
        ("representative", "substitute"),
    ),
    AppPage(
        "invitation (no account)",
        lambda d: reverse("invitation_meeting", args=[d.published.pk, d.invitation_token]),
        ANONYMOUS,
    ),
    # Coordinators.
    AppPage(
        "coordination dashboard",
        lambda d: reverse("coordination_dashboard", args=["neh"]),
        ("coordinator",),
    ),
    AppPage(
        "failed deliveries",
        lambda d: reverse("outbox_failed", args=["neh"]),
        ("coordinator",),
    ),
    AppPage("plan a term", lambda d: reverse("plan_term", args=["neh"]), ("coordinator",)),
    AppPage("new meeting", lambda d: reverse("meeting_new", args=["neh"]), ("coordinator",)),
    AppPage(
        "network settings",
        lambda d: reverse("network_settings", args=["neh"]),
        ("coordinator",),
    ),
    # The list of administrations: any network's coordinator, and the administrators.
    AppPage("administrations", lambda d: reverse("administration_list"), ("coordinator", "admin")),
    AppPage(
        "new administration", lambda d: reverse("administration_add"), ("coordinator", "admin")
    ),
    AppPage(
        "rename administration",
        lambda d: reverse("administration_edit", args=[d.administration.pk]),
        ("coordinator",),
    ),
    AppPage(
        "merge administration",
        lambda d: reverse("administration_merge", args=[d.administration.pk]),
        ("coordinator",),
    ),
    AppPage(
        "deactivate administration",
        lambda d: reverse("administration_deactivate", args=[d.administration.pk]),
        ("coordinator",),
    ),
    AppPage(
        "edit meeting", lambda d: reverse("meeting_edit", args=[d.planned.pk]), ("coordinator",)
    ),
    AppPage(
        "publish theme", lambda d: reverse("meeting_publish", args=[d.planned.pk]), ("coordinator",)
    ),
    AppPage(
        "reschedule meeting",
        lambda d: reverse("meeting_reschedule", args=[d.published.pk]),
        ("coordinator",),
    ),
    AppPage(
        "cancel meeting",
        lambda d: reverse("meeting_cancel", args=[d.published.pk]),
        ("coordinator",),
    ),
    # The agenda.
    AppPage(
        "propose an agenda item",
        lambda d: reverse("agenda_proposals", args=[d.open_for_proposals.pk]),
        ("representative", "substitute"),
    ),
    AppPage(
        "manage the agenda",
        lambda d: reverse("agenda_manage", args=[d.open_for_proposals.pk]),
        ("coordinator",),
    ),
    AppPage(
        "published agenda", lambda d: reverse("agenda_current", args=[d.published.pk]), SIGNED_IN
    ),
    AppPage(
        "agenda version 1",
        lambda d: reverse("agenda_version", args=[d.published.pk, 1]),
        SIGNED_IN,
    ),
    # Minutes and action items.
    AppPage("minutes", lambda d: reverse("minutes_detail", args=[d.minuted.pk]), SIGNED_IN),
    AppPage(
        "minutes version 1", lambda d: reverse("minutes_version", args=[d.minuted.pk, 1]), SIGNED_IN
    ),
    AppPage(
        "write minutes", lambda d: reverse("minutes_edit", args=[d.minuted.pk]), ("coordinator",)
    ),
    AppPage(
        "minutes before the meeting",
        lambda d: reverse("minutes_edit", args=[d.open_for_proposals.pk]),
        ("coordinator",),
        status=409,
    ),
    AppPage(
        "new action", lambda d: reverse("action_create", args=[d.minuted.pk]), ("coordinator",)
    ),
    AppPage(
        "action",
        lambda d: reverse("action_done", args=[d.minuted.open_action.pk]),
        SIGNED_IN,
    ),
    AppPage("actions NEH", lambda d: reverse("action_list", args=["neh"]), ("coordinator",)),
    AppPage(
        "edit action",
        lambda d: reverse("action_edit", args=[d.minuted.open_action.pk]),
        ("coordinator",),
    ),
    # Documents and consultations.
    AppPage("documents NEH", lambda d: reverse("document_list", args=["neh"]), SIGNED_IN),
    AppPage("add a document", lambda d: reverse("document_create", args=["neh"]), ("coordinator",)),
    AppPage("consultation", lambda d: d.consultation.get_absolute_url(), SIGNED_IN),
    # Participation and coverage reports.
    AppPage(
        "participation report",
        lambda d: reverse("participation_report", args=["neh"]),
        ("coordinator",),
    ),
    AppPage("term report", lambda d: reverse("term_report_print", args=["neh"]), ("coordinator",)),
    # Meeting evaluations.
    AppPage(
        "evaluate a meeting",
        lambda d: reverse("evaluation_answer", args=[d.evaluated.pk]),
        ("representative",),
    ),
    AppPage(
        "evaluation results",
        lambda d: reverse("evaluation_results", args=[d.evaluated.pk]),
        ("coordinator",),
    ),
    AppPage(
        "evaluations per term",
        lambda d: reverse("evaluation_term", args=["neh"]),
        ("coordinator",),
    ),
    AppPage(
        "evaluation questions",
        lambda d: reverse("evaluation_settings", args=["neh"]),
        ("coordinator",),
    ),
    # The report-back pack and the coordinators' overview of a held meeting.
    AppPage("held meeting", lambda d: d.held.get_absolute_url(), SIGNED_IN),
    AppPage(
        "report-back pack",
        lambda d: reverse("report_back_pack", args=[d.held.pk, d.administration.pk]),
        ("representative", "substitute", "director", "coordinator"),
    ),
    AppPage(
        "report-back status",
        lambda d: reverse("report_back_status", args=[d.held.pk]),
        ("coordinator",),
    ),
    # Questions from the management groups.
    AppPage("questions", lambda d: reverse("question_list"), SIGNED_IN),
    AppPage("questions NEH", lambda d: reverse("network_questions", args=["neh"]), SIGNED_IN),
    AppPage(
        "questions NEH, a filter that does not fit",
        lambda d: reverse("network_questions", args=["neh"]) + "?lage=x",
        ("coordinator",),
    ),
    AppPage(
        "closed questions",
        lambda d: reverse("question_list") + "?lage=avslutade",
        ("representative", "director", "coordinator"),
    ),
    AppPage(
        "register a question",
        lambda d: reverse("question_create", args=["neh"]),
        ("representative", "substitute"),
    ),
    AppPage(
        "question",
        lambda d: reverse("question_detail", args=[d.question.pk]),
        ("representative", "substitute", "director", "coordinator"),
    ),
    # Goals and indicators.
    AppPage("goals NEH", lambda d: reverse("goal_list", args=["neh"]), SIGNED_IN),
    AppPage("goal", lambda d: d.goal.get_absolute_url(), SIGNED_IN),
    AppPage("new goal", lambda d: reverse("goal_create", args=["neh"]), ("coordinator",)),
    AppPage("edit goal", lambda d: reverse("goal_edit", args=[d.goal.pk]), ("coordinator",)),
    AppPage(
        "new indicator", lambda d: reverse("indicator_create", args=[d.goal.pk]), ("coordinator",)
    ),
    AppPage(
        "edit indicator",
        lambda d: reverse("indicator_edit", args=[d.goal.indicators.first().pk]),
        ("coordinator",),
    ),
    AppPage(
        "record an indicator value",
        lambda d: reverse("indicator_value_record", args=[d.goal.indicators.first().pk]),
        ("representative", "substitute", "coordinator"),
    ),
    AppPage(
        "goal action plan",
        lambda d: reverse("goal_action_link", args=[d.goal.pk]),
        ("coordinator",),
    ),
    AppPage("goal report", lambda d: reverse("goal_report", args=["neh"]), ("coordinator",)),
    AppPage("sign-in", lambda d: reverse("account_login"), ANONYMOUS),
    AppPage("password reset", lambda d: reverse("account_reset_password"), ANONYMOUS),
    AppPage("password reset sent", lambda d: reverse("account_reset_password_done"), ANONYMOUS),
    AppPage("sign-up closed", lambda d: reverse("account_signup"), ANONYMOUS),
    AppPage("sign out", lambda d: reverse("account_logout"), ACCOUNT_HOLDER),
    AppPage("e-mail addresses", lambda d: reverse("account_email"), ACCOUNT_HOLDER),
    AppPage("change password", lambda d: reverse("account_change_password"), ACCOUNT_HOLDER),
    AppPage("two-factor authentication", lambda d: reverse("mfa_index"), ACCOUNT_HOLDER),
    # Accounts.
    AppPage("my account", lambda d: reverse("my_account"), ("staff", "coordinator")),
    AppPage("my data", lambda d: reverse("my_data"), ACCOUNT_HOLDER),
    # Coordinators see one more choice (the daily digest) than everyone else.
    AppPage(
        "reminders", lambda d: reverse("reminder_preferences"), ("representative", "coordinator")
    ),
    AppPage("my sessions", lambda d: reverse("usersessions_list"), ACCOUNT_HOLDER),
    AppPage("accounts to deactivate", lambda d: reverse("people_to_deactivate"), ("coordinator",)),
    # Change history.
    AppPage(
        "meeting history",
        lambda d: reverse("object_history", args=["mote", d.published.pk]),
        ("coordinator",),
    ),
    AppPage(
        "goal history",
        lambda d: reverse("object_history", args=["mal", d.goal.pk]),
        ("coordinator",),
    ),
    AppPage(
        "work area history",
        lambda d: reverse("object_history", args=["arbetsomrade", d.goal.work_area_id]),
        ("coordinator",),
    ),
    AppPage(
        "network settings history",
        lambda d: reverse("object_history", args=["natverk", d.goal.work_area.network_id]),
        ("coordinator",),
    ),
    AppPage(
        "administration history",
        lambda d: reverse("object_history", args=["forvaltning", d.administration.pk]),
        ("coordinator", "admin"),
    ),
    AppPage("not found", lambda d: "/finns-inte/", EVERYONE, status=404),
    AppPage("accessibility statement", lambda d: reverse("accessibility_statement"), EVERYONE),
    # Theme wishes (members suggest and support, coordinators adopt or close).
    AppPage(
        "theme suggestions",
        lambda d: reverse("theme_suggestions", args=["neh"]),
        ("representative", "substitute", "coordinator"),
    ),
    AppPage(
        "handled theme suggestions",
        lambda d: reverse("theme_suggestions", args=["neh"]) + "?visa=behandlade",
        ("representative", "coordinator"),
    ),
]

# Documents: the coordinators' edit and withdraw pages.
PAGES += [
    AppPage(
        "document edit",
        lambda d: reverse("document_edit", args=[d.consultation.pk]),
        ("coordinator",),
    ),
    AppPage(
        "document withdraw",
        lambda d: reverse("document_withdraw", args=[d.consultation.pk]),
        ("coordinator",),
    ),
]


def page_role_params() -> list[tuple[AppPage, str]]:
    """(page, role) for every page and every role that can see it, for parametrize."""
    return [(page, role) for page in PAGES for role in page.roles]


def param_id(value) -> str:
    return value.name.replace(" ", "-") if isinstance(value, AppPage) else str(value)
