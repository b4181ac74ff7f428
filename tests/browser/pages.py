"""Every page of the app, with who can see it: the one list the accessibility tests walk.

A new page adds one line to PAGES: a name, how to build its path from the demo objects in
`PageData` (add an object there if the page needs one), the roles that may see it, and the
HTTP status it answers with.
"""

from collections.abc import Callable
from dataclasses import dataclass

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
    consultation: object = None  # an open NEH consultation asking Miljöförvaltningen (issue 9)
    goal: object = None  # an NEH goal; its indicator is Miljöförvaltningen's (issue 11)


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
    AppPage("published meeting", lambda d: d.published.get_absolute_url(), SIGNED_IN),
    AppPage("cancelled meeting", lambda d: d.cancelled.get_absolute_url(), SIGNED_IN),
    AppPage("planned meeting", lambda d: d.planned.get_absolute_url(), ("coordinator",)),
    AppPage("calendar", lambda d: reverse("calendar_page"), SIGNED_IN),
    # Issue 5: directors, representatives, contact lists, a colleague's invitation.
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
    # Issue 4: coordinators.
    AppPage(
        "coordination dashboard",
        lambda d: reverse("coordination_dashboard", args=["neh"]),
        ("coordinator",),
    ),
    AppPage("plan a term", lambda d: reverse("plan_term", args=["neh"]), ("coordinator",)),
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
    # Issue 6: the agenda.
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
    # Issue 9: documents and consultations.
    AppPage("documents NEH", lambda d: reverse("document_list", args=["neh"]), SIGNED_IN),
    AppPage("add a document", lambda d: reverse("document_create", args=["neh"]), ("coordinator",)),
    AppPage("consultation", lambda d: d.consultation.get_absolute_url(), SIGNED_IN),
    # Issue 9: participation and coverage reports.
    AppPage(
        "participation report",
        lambda d: reverse("participation_report", args=["neh"]),
        ("coordinator",),
    ),
    AppPage("term report", lambda d: reverse("term_report_print", args=["neh"]), ("coordinator",)),
    # Issue 11: goals and indicators.
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
    # Accounts (issue 10).
    AppPage("my account", lambda d: reverse("my_account"), ("staff", "coordinator")),
    AppPage("my data", lambda d: reverse("my_data"), ACCOUNT_HOLDER),
    AppPage("my sessions", lambda d: reverse("usersessions_list"), ACCOUNT_HOLDER),
    AppPage("accounts to deactivate", lambda d: reverse("people_to_deactivate"), ("coordinator",)),
    AppPage("not found", lambda d: "/finns-inte/", EVERYONE, status=404),
    AppPage("accessibility statement", lambda d: reverse("accessibility_statement"), EVERYONE),
]


def page_role_params() -> list[tuple[AppPage, str]]:
    """(page, role) for every page and every role that can see it, for parametrize."""
    return [(page, role) for page in PAGES for role in page.roles]


def param_id(value) -> str:
    return value.name.replace(" ", "-") if isinstance(value, AppPage) else str(value)
