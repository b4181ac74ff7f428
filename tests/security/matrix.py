"""The authorization matrix: who may use each URL of the project, and what everyone else gets.

Every URL pattern the resolver knows must be covered, either by an entry in MATRIX (keyed by
URL name) or by a rule in PREFIX_RULES (for whole families such as the admin). A pattern
without either fails `test_every_url_has_a_row`.

Adding a view is one entry:

    "meeting_edit": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
        ),
        # The coordinator of NEH cannot edit NSH's meetings.
        Case(kwargs=lambda w: {"pk": w.published_nsh.pk}, access=signed_in(FORBIDDEN)),
    ],

`kwargs` builds the URL's arguments from the `world` fixture (tests/security/conftest.py: the
role users and a few objects; add the objects your view needs there). `access` maps each of
the seven roles to what a GET must answer. Several cases per URL (a list) cover object-level
rules: the same view with someone else's object, a planned meeting, the other network.
A view that takes POST states who may post too (`post`, with `data` to send):

    "appointment_end": [
        Case(  # the director of the representative's own administration
            kwargs=lambda w: {"pk": w.own_appointment.pk},
            access=everyone(NOT_ALLOWED),  # @require_POST (outermost): any GET is 405
            post=signed_in(FORBIDDEN, director=REDIRECT),  # @login_required: anonymous SIGN_IN
            data=lambda w: {"end_date": "2026-12-31"},
        ),
        Case(  # another administration's appointment: nobody but the admin sees it exists
            kwargs=lambda w: {"pk": w.other_appointment.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND),
            data=lambda w: {"end_date": "2026-12-31"},
        ),
    ],
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.urls import reverse

from tests.factories import at_version, submitted

ROLES = ["anonymous", "staff", "representative", "substitute", "director", "coordinator", "admin"]
SIGNED_IN = ROLES[1:]


@dataclass(frozen=True)
class Outcome:
    """What a response must be. `location` names where a redirect must lead (a URL name)."""

    label: str
    status: int
    location: str | None = None

    def mismatch(self, response: HttpResponse) -> str | None:
        got = f"{response.status_code} {response.get('Location', '')}".strip()
        if response.status_code != self.status:
            return f"expected {self.label}, got {got}"
        if self.location is not None:
            path = urlsplit(response["Location"]).path
            if path != reverse(self.location):
                return f"expected {self.label}, got {got}"
        elif self.status in (301, 302):
            path = urlsplit(response["Location"]).path
            if path in (reverse("account_login"), reverse("admin:login")):
                return f"expected {self.label} (somewhere other than sign-in), got {got}"
        return None

    def __repr__(self) -> str:
        return self.label


OK = Outcome("200 OK", 200)
SIGN_IN = Outcome("redirect to sign-in", 302, "account_login")
ADMIN_SIGN_IN = Outcome(
    "redirect to the admin's sign-in (which sends on to ours)", 302, "admin:login"
)
REAUTHENTICATE = Outcome("redirect to re-authentication", 302, "account_reauthenticate")
MFA_REAUTHENTICATE = Outcome(
    "redirect to re-authentication with the second factor", 302, "mfa_reauthenticate"
)
# Two-step verification (accounts/mfa.py): where a coordinator's or administrator's session
# that did not use a second factor is sent from every URL but those of SECOND_FACTOR_EXEMPT.
SET_UP_SECOND_FACTOR = Outcome("redirect to set up two-step verification", 302, "mfa_index")
TYPE_A_CODE = MFA_REAUTHENTICATE
HOME = Outcome("redirect to the start page", 302, "home")
REDIRECT = Outcome("a redirect", 302)
FORBIDDEN = Outcome("403", 403)
NOT_FOUND = Outcome("404", 404)
NOT_ALLOWED = Outcome("405 (wrong method)", 405)
BAD_REQUEST = Outcome("400", 400)
CONFLICT = Outcome("409 (not possible in the object's state)", 409)
UNPROCESSABLE = Outcome("422 (the form again, with its errors)", 422)


def signed_in(outcome: Outcome = OK, **roles: Outcome) -> dict[str, Outcome]:
    """Everyone signed in gets `outcome` (unless overridden per role); anonymous: sign in."""
    return {"anonymous": SIGN_IN, **dict.fromkeys(SIGNED_IN, outcome), **roles}


def everyone(outcome: Outcome = OK, **roles: Outcome) -> dict[str, Outcome]:
    return {**dict.fromkeys(ROLES, outcome), **roles}


@dataclass(frozen=True)
class Case:
    access: dict[str, Outcome]
    kwargs: Callable[[object], dict] | None = None
    # For views that take POST: what each role gets when it posts `data`. Each POST runs in a
    # transaction that is rolled back, so cases do not disturb each other; a refused POST
    # (anything but 2xx or a redirect elsewhere than sign-in) must not write anything.
    post: dict[str, Outcome] | None = None
    data: Callable[[object], dict] | None = None
    # For URLs that cannot be reversed by name (unnamed or regex catch-all patterns).
    path: Callable[[object], str] | None = None
    note: str = ""

    def url(self, name: str | None, world) -> str:
        if self.path is not None:
            return self.path(world)
        return reverse(name, kwargs=self.kwargs(world) if self.kwargs else None)


@dataclass(frozen=True)
class Rule:
    """A whole family of URLs (by route prefix) and how to build a case for each member."""

    prefix: str
    case_for: Callable[[object], Case]
    why: str = field(default="")


APPOINTMENT_DATA = {
    "full_name": "Nora Ny",
    "email": "nora.ny@example.org",
    "mandate": "on",
    "management_access": "on",
    "management_forwards": "on",
}
EVALUATION_DATA = {
    "usefulness": "4",
    "length": "right",
    "preferred_format": "hybrid",
    "comment": "Bra möte.",
}
EVALUATION_SETTINGS_DATA = {
    "ask_usefulness": "on",
    "usefulness_text": "",
    "ask_length": "on",
    "length_text": "Var mötet lagom långt?",
    "ask_format": "on",
    "format_text": "",
    "ask_comment": "on",
    "comment_text": "",
    "extra_question": "Vilket tema vill du ta upp nästa gång?",
}
INVITATION_DATA = {
    "full_name": "Kalle Kollega",
    "email": "kalle@example.org",
    "reason": "Arbetar med temat.",
}


def question_data(w) -> dict:
    return {
        "title": "Ny fråga från ledningsgruppen",
        "description": "Bakgrund",
        "raised_on": question_today(),
        "propose": "on",
        "meeting": str(w.published_neh.pk),
        "wished_minutes": "15",
    }


def question_propose_data(w) -> dict:
    return {"meeting": str(w.published_neh.pk), "wished_minutes": "15"}


def question_today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def question_step_cases(action: str, owner: str, source: str, data) -> list[Case]:
    """A step's rows: on a question in the state it starts from, the owner role redirects
    (back to the question), the other roles who see the question get 403, everyone else 404;
    on another administration's question in the same network, and in the other network."""
    seeing = dict.fromkeys(["representative", "substitute", "director", "coordinator"], FORBIDDEN)
    owners = ["representative", "substitute"] if owner == "member" else ["coordinator"]
    own = {**seeing, **dict.fromkeys(owners, REDIRECT)}
    # Socialförvaltningen's NEH question is "raised": NEH's coordinator may take the network's
    # steps that start there; any other step comes back as the page with the refusal.
    if owner == "member":
        social_outcome = FORBIDDEN
    else:
        social_outcome = REDIRECT if source == "question_raised" else OK
    return [
        Case(
            kwargs=lambda w: {"pk": getattr(w, source).pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND, **own),
            data=data,
        ),
        Case(
            kwargs=lambda w: {"pk": w.social_question_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND, coordinator=social_outcome),
            data=data,
            note="another administration's question (NEH's coordinator sees it)",
        ),
        Case(
            kwargs=lambda w: {"pk": w.social_question_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND),
            data=data,
            note="the other network's question",
        ),
    ]


MATRIX: dict[str, Case | list[Case]] = {
    # The app's own pages.
    "home": Case(access=signed_in(OK)),
    "network_detail": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "network_meetings": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(OK)),
        Case(
            path=lambda w: reverse("network_meetings", args=["neh"]) + "?termin=XX19",
            access=signed_in(OK),
            note="a term that does not fit: the latest",
        ),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    # The old address of the past meetings: a redirect to "Möten".
    "network_archive": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(REDIRECT)),
        Case(
            path=lambda w: reverse("network_archive", args=["neh"]) + "?termin=<script>",
            access=signed_in(REDIRECT),
            note="the term passed on, encoded",
        ),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "network_representatives": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "term_summary": [
        Case(
            kwargs=lambda w: {"code": "neh", "term": w.held_neh.term.code},
            access=signed_in(OK),
        ),
        Case(kwargs=lambda w: {"code": "nsh", "term": "VT2020"}, access=signed_in(OK)),
        Case(
            kwargs=lambda w: {"code": "neh", "term": "XX19"},
            access=signed_in(NOT_FOUND),
            note="no such term",
        ),
        Case(
            kwargs=lambda w: {"code": "xyz", "term": "VT2020"},
            access=signed_in(NOT_FOUND),
            note="no such network",
        ),
    ],
    "search": [
        Case(access=signed_in(OK), note="the empty form"),
        Case(path=lambda w: reverse("search") + "?q=solceller", access=signed_in(OK)),
        Case(
            path=lambda w: reverse("search") + "?q=" + "x" * 300,
            access=signed_in(UNPROCESSABLE),
            note="too long: the form again with its message",
        ),
    ],
    "meeting_detail": [
        Case(kwargs=lambda w: {"pk": w.published_neh.pk}, access=signed_in(OK)),
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
            note="a planned meeting is private to its network's coordinators",
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_nsh.pk},
            access=signed_in(NOT_FOUND),
            note="the NEH coordinator cannot see NSH's planned meeting",
        ),
        Case(kwargs=lambda w: {"pk": 999_999}, access=signed_in(NOT_FOUND), note="no such"),
        Case(
            path=lambda w: reverse("meeting_detail", args=[w.held_neh.pk]) + "?forvaltningar=99",
            access=signed_in(OK),
            note="the coordinators' list of answers past its end: the last page",
        ),
        Case(
            path=lambda w: (
                reverse("meeting_detail", args=[w.published_neh.pk]) + "?forvaltningar=abc"
            ),
            access=signed_in(OK),
            note="a page number that is not one: the first page",
        ),
    ],
    # Calendar. The feed answers by its secret alone: no session, no sign-in.
    "calendar_page": Case(access=signed_in(OK)),
    "calendar_new_link": Case(
        access=everyone(NOT_ALLOWED),
        post=signed_in(OK),
        data=lambda w: {"feed": "personal"},
        note="rendered, not redirected: the new secret is shown this once",
    ),
    "calendar_delivery": Case(
        access=everyone(NOT_ALLOWED),
        post=signed_in(REDIRECT),
        data=lambda w: {"calendar_delivery": "subscription"},
    ),
    "calendar_feed": [
        Case(kwargs=lambda w: {"secret": w.feed_secret}, access=everyone(OK)),
        Case(
            kwargs=lambda w: {"secret": "x" * 43},
            access=everyone(NOT_FOUND),
            note="unknown or revoked secret: the same 404 for everyone",
        ),
    ],
    "meeting_calendar_file": [
        Case(kwargs=lambda w: {"pk": w.published_neh.pk}, access=signed_in(OK)),
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
            note="the same visibility as the meeting page",
        ),
        Case(kwargs=lambda w: {"pk": w.planned_nsh.pk}, access=signed_in(NOT_FOUND)),
    ],
    # Work areas: POST only but the edit page; the NEH coordinator alone, not NSH's.
    "work_area_add": [
        Case(
            kwargs=lambda w: {"code": "neh"},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: submitted({"name": "Nytt område", "description": ""}),
        ),
        Case(
            kwargs=lambda w: {"code": "nsh"},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted({"name": "Nytt område", "description": ""}),
        ),
        Case(
            kwargs=lambda w: {"code": "xyz"},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND),
            data=lambda w: submitted({"name": "Nytt område", "description": ""}),
            note="no such network",
        ),
    ],
    "work_area_edit": [
        Case(
            kwargs=lambda w: {"code": "neh", "pk": w.neh_area.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: at_version(w.neh_area, {"name": "Nytt namn", "description": ""}),
        ),
        Case(
            kwargs=lambda w: {"code": "nsh", "pk": w.nsh_area.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: at_version(w.neh_area, {"name": "Nytt namn", "description": ""}),
            note="the NEH coordinator cannot edit NSH's work areas",
        ),
        Case(
            kwargs=lambda w: {"code": "neh", "pk": w.nsh_area.pk},
            access=signed_in(FORBIDDEN, coordinator=NOT_FOUND),
            post=signed_in(FORBIDDEN, coordinator=NOT_FOUND),
            data=lambda w: at_version(w.neh_area, {"name": "Nytt namn", "description": ""}),
            note="NSH's work area under NEH's address",
        ),
    ],
    "work_area_move": [
        Case(
            kwargs=lambda w: {"code": "neh", "pk": w.neh_area.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: {"direction": "down"},
        ),
        Case(
            kwargs=lambda w: {"code": "nsh", "pk": w.nsh_area.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: {"direction": "down"},
        ),
        Case(
            kwargs=lambda w: {"code": "neh", "pk": w.nsh_area.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=NOT_FOUND),
            data=lambda w: {"direction": "down"},
        ),
    ],
    "work_area_archive": [
        Case(
            kwargs=lambda w: {"code": "neh", "pk": w.neh_area.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
        ),
        Case(
            kwargs=lambda w: {"code": "nsh", "pk": w.nsh_area.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
        ),
        Case(
            kwargs=lambda w: {"code": "neh", "pk": w.nsh_area.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=NOT_FOUND),
        ),
    ],
    "work_area_restore": [
        Case(
            kwargs=lambda w: {"code": "neh", "pk": w.archived_neh_area.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
        ),
        Case(
            kwargs=lambda w: {"code": "nsh", "pk": w.nsh_area.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
        ),
    ],
    # Coordination: the network's coordinators only. A planned meeting is private
    # to them (404 for others); a published one is public, so its forms answer 403.
    "coordination_dashboard": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    # Messages the worker gave up on: the network's coordinators see and retry them.
    "outbox_failed": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "outbox_retry_all": [
        Case(
            kwargs=lambda w: {"code": "neh"},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
        ),
        Case(
            kwargs=lambda w: {"code": "nsh"},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
        ),
    ],
    "outbox_retry": [
        Case(
            kwargs=lambda w: {"code": "neh", "pk": w.failed_delivery_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
        ),
        Case(  # the other network's message, asked for through NEH's page
            kwargs=lambda w: {"code": "neh", "pk": w.failed_delivery_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=NOT_FOUND),
        ),
        Case(
            kwargs=lambda w: {"code": "nsh", "pk": w.failed_delivery_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
        ),
    ],
    "plan_term": [
        Case(
            kwargs=lambda w: {"code": "neh"},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: submitted(plan_term_data()),
        ),
        Case(
            kwargs=lambda w: {"code": "nsh"},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted(plan_term_data()),
        ),
    ],
    "meeting_edit": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: meeting_edit_data(w.published_neh),
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
            post=signed_in(NOT_FOUND, coordinator=REDIRECT),
            data=lambda w: meeting_edit_data(w.planned_neh),
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: meeting_edit_data(w.published_nsh),
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_nsh.pk},
            access=signed_in(NOT_FOUND),
            post=signed_in(NOT_FOUND),
            data=lambda w: meeting_edit_data(w.planned_nsh),
        ),
    ],
    "meeting_publish": [
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
            post=signed_in(NOT_FOUND, coordinator=REDIRECT),
            data=lambda w: {"version": w.planned_neh.version},
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=OK),
            data=lambda w: {"version": w.published_neh.version},
            note="already published: the form again with the refusal",
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_nsh.pk},
            access=signed_in(NOT_FOUND),
            post=signed_in(NOT_FOUND),
            data=lambda w: {"version": w.planned_nsh.version},
        ),
    ],
    "meeting_reschedule": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: reschedule_data(w.published_neh),
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: reschedule_data(w.published_nsh),
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_nsh.pk},
            access=signed_in(NOT_FOUND),
            post=signed_in(NOT_FOUND),
            data=lambda w: reschedule_data(w.planned_nsh),
        ),
    ],
    "meeting_cancel": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: {"version": w.published_neh.version, "reason": "Sjukdom"},
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: {"version": w.published_nsh.version, "reason": "Sjukdom"},
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_nsh.pk},
            access=signed_in(NOT_FOUND),
            post=signed_in(NOT_FOUND),
            data=lambda w: {"version": w.planned_nsh.version, "reason": "Sjukdom"},
        ),
    ],
    # Agenda. Proposals: the network's representatives and substitutes.
    "agenda_proposals": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=signed_in(FORBIDDEN, representative=OK, substitute=OK),
            post=signed_in(FORBIDDEN, representative=REDIRECT, substitute=REDIRECT),
            data=lambda w: submitted(proposal_data(w)),
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted(proposal_data(w)),
            note="NEH's representative proposes nothing for NSH",
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=FORBIDDEN),
            post=signed_in(NOT_FOUND, coordinator=FORBIDDEN),
            data=lambda w: submitted(proposal_data(w)),
        ),
    ],
    "agenda_proposal_edit": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk, "item_pk": w.own_proposal.pk},
            access=signed_in(NOT_FOUND, representative=OK),
            post=signed_in(NOT_FOUND, representative=REDIRECT),
            data=lambda w: proposal_data(w),
            note="someone else's proposal does not exist for you",
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk, "item_pk": w.own_proposal.pk},
            access=signed_in(NOT_FOUND),
            post=signed_in(NOT_FOUND),
            data=lambda w: proposal_data(w),
            note="the proposal under another meeting's address",
        ),
    ],
    "agenda_proposal_withdraw": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk, "item_pk": w.own_proposal.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND, representative=REDIRECT),
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk, "item_pk": w.other_proposal.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND, substitute=REDIRECT),
            note="the substitute's proposal: only the substitute withdraws it",
        ),
    ],
    # Published agendas: everyone who sees the meeting; 404 before a first version.
    "agenda_current": [
        Case(kwargs=lambda w: {"pk": w.published_neh.pk}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"pk": w.later_neh.pk}, access=signed_in(NOT_FOUND)),
        Case(kwargs=lambda w: {"pk": w.planned_nsh.pk}, access=signed_in(NOT_FOUND)),
    ],
    "agenda_version": [
        Case(kwargs=lambda w: {"pk": w.published_neh.pk, "number": 1}, access=signed_in(OK)),
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk, "number": 2},
            access=signed_in(NOT_FOUND),
            note="no such version",
        ),
    ],
    "agenda_text": [
        Case(kwargs=lambda w: {"pk": w.published_neh.pk}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"pk": w.later_neh.pk}, access=signed_in(NOT_FOUND)),
        Case(kwargs=lambda w: {"pk": w.planned_nsh.pk}, access=signed_in(NOT_FOUND)),
    ],
    # The coordinators' agenda workspace: NEH's coordinator on NEH's meetings.
    "agenda_manage": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
        ),
        Case(
            path=lambda w: reverse("agenda_manage", args=[w.published_neh.pk]) + "?page=99",
            access=signed_in(FORBIDDEN, coordinator=OK),
            note="a page past the end: the last page",
        ),
        Case(kwargs=lambda w: {"pk": w.published_nsh.pk}, access=signed_in(FORBIDDEN)),
        Case(kwargs=lambda w: {"pk": w.planned_nsh.pk}, access=signed_in(NOT_FOUND)),
    ],
    "agenda_triage": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk, "item_pk": w.own_proposal.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: {f"t{w.own_proposal.pk}-action": "accept"},
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk, "item_pk": w.own_proposal.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: {f"t{w.own_proposal.pk}-action": "accept"},
        ),
        Case(
            kwargs=lambda w: {"pk": w.later_neh.pk, "item_pk": w.own_proposal.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=NOT_FOUND),
            data=lambda w: {f"t{w.own_proposal.pk}-action": "accept"},
            note="an item of another meeting",
        ),
    ],
    "agenda_add": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: submitted(own_item_data()),
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted(own_item_data()),
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND),
            data=lambda w: submitted(own_item_data()),
        ),
    ],
    "agenda_move": [
        Case(
            kwargs=lambda w: {"pk": w.later_neh.pk, "item_pk": w.draft_items[0].pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: {"direction": "down", "position": "1"},
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk, "item_pk": w.draft_items[0].pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: {"direction": "down", "position": "1"},
        ),
    ],
    "agenda_time": [
        Case(
            kwargs=lambda w: {"pk": w.later_neh.pk, "item_pk": w.draft_items[0].pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: {f"m{w.draft_items[0].pk}-allotted_minutes": "25"},
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk, "item_pk": w.draft_items[0].pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: {f"m{w.draft_items[0].pk}-allotted_minutes": "25"},
        ),
    ],
    "agenda_publish": [
        Case(
            kwargs=lambda w: {"pk": w.later_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: {"change_note": "", "based_on": "0"},
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: {"change_note": "", "based_on": "0"},
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND),
            data=lambda w: {"change_note": "", "based_on": "0"},
        ),
    ],
    # Minutes and action items: published minutes for everyone who sees the meeting;
    # the draft and the actions are the network's coordinators' (409 before the meeting).
    "minutes_detail": [
        Case(kwargs=lambda w: {"pk": w.held_neh.pk}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"pk": w.published_neh.pk}, access=signed_in(OK)),
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
        ),
        Case(kwargs=lambda w: {"pk": w.planned_nsh.pk}, access=signed_in(NOT_FOUND)),
    ],
    "minutes_version": [
        Case(kwargs=lambda w: {"pk": w.held_neh.pk, "number": 1}, access=signed_in(OK)),
        Case(
            kwargs=lambda w: {"pk": w.held_neh.pk, "number": 2},
            access=signed_in(NOT_FOUND),
            note="no such version",
        ),
        Case(kwargs=lambda w: {"pk": w.planned_nsh.pk, "number": 1}, access=signed_in(NOT_FOUND)),
    ],
    "minutes_edit": [
        Case(
            kwargs=lambda w: {"pk": w.held_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: minutes_data(w),
        ),
        Case(
            kwargs=lambda w: {"pk": w.held_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: minutes_data(w),
            note="the other network's coordinator writes nothing here",
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=CONFLICT),
            post=signed_in(FORBIDDEN, coordinator=CONFLICT),
            data=lambda w: {"summary": "För tidigt", "version": "0"},
            note="no minutes for a meeting not yet held",
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_nsh.pk},
            access=signed_in(NOT_FOUND),
            post=signed_in(NOT_FOUND),
            data=lambda w: {"summary": "x"},
        ),
    ],
    "minutes_publish": [
        Case(
            kwargs=lambda w: {"pk": w.held_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: minutes_publish_data(
                w.held_neh, correction_note="Rättat stavfel.", based_on="1"
            ),
        ),
        Case(
            kwargs=lambda w: {"pk": w.held_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: minutes_publish_data(w.held_nsh, correction_note="", based_on="0"),
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=CONFLICT),
            data=lambda w: {"correction_note": "", "based_on": "0"},
            note="no minutes for a meeting not yet held",
        ),
    ],
    "action_create": [
        Case(
            kwargs=lambda w: {"pk": w.held_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: submitted(action_data(w)),
        ),
        Case(
            kwargs=lambda w: {"pk": w.held_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted(action_data(w)),
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=CONFLICT),
            post=signed_in(FORBIDDEN, coordinator=CONFLICT),
            data=lambda w: submitted(action_data(w)),
            note="no actions for a meeting not yet held",
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_nsh.pk},
            access=signed_in(NOT_FOUND),
            post=signed_in(NOT_FOUND),
            data=lambda w: submitted(action_data(w)),
        ),
    ],
    "action_done": [
        Case(  # Miljöförvaltningen's action in NEH: everyone reads it; the coordinator and
            # Miljöförvaltningen's representative and substitute mark it done
            kwargs=lambda w: {"pk": w.action.pk},
            access=signed_in(OK),
            post=signed_in(
                FORBIDDEN, coordinator=REDIRECT, representative=REDIRECT, substitute=REDIRECT
            ),
            data=lambda w: {"done_comment": "Klart."},
        ),
        Case(  # Socialförvaltningen's action in NSH: nobody in the world's roles marks it
            kwargs=lambda w: {"pk": w.other_action.pk},
            access=signed_in(OK),
            post=signed_in(FORBIDDEN),
            data=lambda w: {"done_comment": "Klart."},
        ),
    ],
    "action_list": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    # Representatives. A director acts for the own administration only: its pages
    # are 404 to everyone else, its forms 403.
    "my_administration": Case(access=signed_in(NOT_FOUND, director=REDIRECT)),
    "administration_detail": [
        Case(
            kwargs=lambda w: {"pk": w.administration.pk},
            access=signed_in(NOT_FOUND, director=OK),
        ),
        Case(kwargs=lambda w: {"pk": w.other_administration.pk}, access=signed_in(NOT_FOUND)),
    ],
    "appointment_create": [
        Case(
            kwargs=lambda w: {"pk": w.administration.pk, "code": "neh", "role": "ersattare"},
            access=signed_in(NOT_FOUND, director=OK),
            post=signed_in(FORBIDDEN, director=REDIRECT),
            data=lambda w: submitted(APPOINTMENT_DATA),
        ),
        Case(
            kwargs=lambda w: {
                "pk": w.other_administration.pk,
                "code": "nsh",
                "role": "representant",
            },
            access=signed_in(NOT_FOUND),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted(APPOINTMENT_DATA),
            note="another administration: its page 404, its form 403",
        ),
    ],
    "appointment_end": [
        Case(
            kwargs=lambda w: {"pk": w.own_appointment.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, director=REDIRECT),
        ),
        Case(
            kwargs=lambda w: {"pk": w.other_appointment.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
        ),
    ],
    "network_contacts": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(
            path=lambda w: reverse("network_contacts", args=["neh"]) + "?namn=<script>&page=99",
            access=signed_in(FORBIDDEN, coordinator=OK),
            note="a filter that finds nothing and a page past the end: the last page",
        ),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "network_contacts_csv": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
    ],
    "my_networks": Case(access=signed_in(OK)),
    # Reports: participation and coverage, for the network's coordinators only.
    "participation_report": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
        Case(
            path=lambda w: reverse("participation_report", args=["neh"]) + "?termin=1999-XX",
            access=signed_in(FORBIDDEN, coordinator=BAD_REQUEST),
            note="an invalid term: the form again with a message",
        ),
        Case(
            path=lambda w: (
                reverse("participation_report", args=["neh"]) + "?termin=2025-VT&forvaltningar=-3"
            ),
            access=signed_in(FORBIDDEN, coordinator=OK),
            note="a page number below the first: the first page",
        ),
    ],
    "term_report_print": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
    ],
    "report_attendance_csv": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
    ],
    "report_work_areas_csv": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
    ],
    "attendance_answer": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, representative=REDIRECT, substitute=REDIRECT),
            data=lambda w: {"answer": "coming"},
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: {"answer": "coming"},
            note="another network's meeting",
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND, coordinator=FORBIDDEN),
            data=lambda w: {"answer": "coming"},
        ),
    ],
    "attendance_record": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: {"present": [w.representative.pk]},
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: {},
        ),
    ],
    "invitation_create": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=signed_in(FORBIDDEN, representative=OK, substitute=OK),
            post=signed_in(FORBIDDEN, representative=REDIRECT, substitute=REDIRECT),
            data=lambda w: submitted(INVITATION_DATA),
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted(INVITATION_DATA),
            note="another network's meeting",
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=FORBIDDEN),
        ),
    ],
    # The invited colleague's read-only view: the secret alone, that meeting only.
    "invitation_meeting": [
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk, "token": w.invitation_token},
            access=everyone(OK),
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_nsh.pk, "token": w.invitation_token},
            access=everyone(NOT_FOUND),
            note="the right secret on another meeting",
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk, "token": "x" * 43},
            access=everyone(NOT_FOUND),
        ),
    ],
    # Documents and consultations. Read by everyone signed in; added by the
    # network's coordinators; a response marked by the asked administration's current
    # representative or substitute in that network.
    "document_list": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "document_create": [
        Case(
            kwargs=lambda w: {"code": "neh"},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: submitted(
                {"title": "Ny rapport", "kind": "report", "url": "https://a.se/r"}
            ),
        ),
        Case(
            kwargs=lambda w: {"code": "nsh"},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted(
                {"title": "Ny rapport", "kind": "report", "url": "https://a.se/r"}
            ),
            note="the NEH coordinator adds nothing to NSH",
        ),
        Case(
            kwargs=lambda w: {"code": "xyz"},
            access=signed_in(NOT_FOUND),
            post=signed_in(NOT_FOUND),
            note="no such",
        ),
    ],
    "document_detail": [
        Case(kwargs=lambda w: {"pk": w.consultation_neh.pk}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"pk": w.file_document.pk}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"pk": 999_999}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "document_file": [
        Case(kwargs=lambda w: {"key": w.file_document.file_key}, access=signed_in(OK)),
        Case(
            kwargs=lambda w: {"key": w.link_document.file_key},
            access=signed_in(NOT_FOUND),
            note="a link has no file",
        ),
        Case(
            kwargs=lambda w: {"key": "00000000-0000-4000-8000-000000000000"},
            access=signed_in(NOT_FOUND),
            note="no such key",
        ),
    ],
    "consultation_response_mark": [
        Case(
            kwargs=lambda w: {"pk": w.consultation_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, representative=REDIRECT, substitute=REDIRECT),
            data=lambda w: {
                "response": w.consultation_neh.responses.get(administration=w.administration).pk
            },
            note="Miljöförvaltningen's own response",
        ),
        Case(
            kwargs=lambda w: {"pk": w.consultation_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: {
                "response": w.consultation_neh.responses.get(
                    administration=w.other_administration
                ).pk
            },
            note="another administration's response",
        ),
        Case(
            kwargs=lambda w: {"pk": w.link_document.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND),
            note="not a consultation",
        ),
    ],
    # Goals and indicators. Read by everyone signed in; created and edited by the
    # network's coordinators; an indicator's values recorded by the coordinators or by the
    # representative or substitute of the administration responsible for it.
    "goal_list": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "goal_create": [
        Case(
            kwargs=lambda w: {"code": "neh"},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: submitted(goal_data(w.neh_area)),
        ),
        Case(
            kwargs=lambda w: {"code": "nsh"},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted(goal_data(w.nsh_area)),
            note="the NEH coordinator sets no goals for NSH",
        ),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "goal_report": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "goal_report_csv": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
    ],
    "goal_detail": [
        Case(kwargs=lambda w: {"pk": w.goal_neh.pk}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"pk": w.goal_nsh.pk}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"pk": 999_999}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "goal_edit": [
        Case(
            kwargs=lambda w: {"pk": w.goal_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: at_version(w.goal_neh, goal_data(w.neh_area)),
        ),
        Case(
            kwargs=lambda w: {"pk": w.goal_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: at_version(w.goal_nsh, goal_data(w.nsh_area)),
        ),
        Case(kwargs=lambda w: {"pk": 999_999}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "indicator_create": [
        Case(
            kwargs=lambda w: {"pk": w.goal_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: submitted(indicator_data(w.administration)),
        ),
        Case(
            kwargs=lambda w: {"pk": w.goal_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted(indicator_data(w.administration)),
        ),
    ],
    "indicator_edit": [
        Case(
            kwargs=lambda w: {"pk": w.indicator_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: at_version(w.indicator_neh, indicator_data(w.administration)),
        ),
        Case(
            kwargs=lambda w: {"pk": w.indicator_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: at_version(w.indicator_nsh, indicator_data(w.administration)),
        ),
        Case(kwargs=lambda w: {"pk": 999_999}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "indicator_value_record": [
        Case(  # Miljöförvaltningen answers for it: its representative and substitute record
            kwargs=lambda w: {"pk": w.indicator_neh.pk},
            access=signed_in(FORBIDDEN, representative=OK, substitute=OK, coordinator=OK),
            post=signed_in(
                FORBIDDEN, representative=REDIRECT, substitute=REDIRECT, coordinator=REDIRECT
            ),
            data=lambda w: {"year": "2024", "value": "612,5"},
        ),
        Case(  # Socialförvaltningen's indicator: only the coordinators besides its own people
            kwargs=lambda w: {"pk": w.foreign_indicator.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: {"year": "2024", "value": "1"},
            note="another administration's indicator",
        ),
        Case(  # NSH's: Miljöförvaltningen answers, but its people here sit in NEH, not NSH
            kwargs=lambda w: {"pk": w.indicator_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: {"year": "2024", "value": "1"},
            note="another network's indicator",
        ),
        Case(kwargs=lambda w: {"pk": 999_999}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "goal_action_link": [
        Case(
            kwargs=lambda w: {"pk": w.goal_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: {"action": w.action_neh.pk},
        ),
        Case(
            kwargs=lambda w: {"pk": w.goal_nsh.pk},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: {"action": w.action_nsh.pk},
        ),
    ],
    "goal_action_create": [
        Case(
            kwargs=lambda w: {"pk": w.goal_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: submitted(goal_action_data(w.published_neh, w.administration)),
        ),
        Case(
            kwargs=lambda w: {"pk": w.goal_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted(goal_action_data(w.published_nsh, w.administration)),
        ),
    ],
    # For load balancers: no sign-in, GET only.
    "healthz": Case(access=everyone(OK)),
    # The accessibility statement: public by law (DOS-lagen), for everyone without signing in.
    "accessibility_statement": Case(access=everyone(OK)),
    # Language switch: POST only (a GET redirects back without changing anything).
    "set_language": Case(
        access=everyone(REDIRECT),
        post=everyone(REDIRECT),
        data=lambda w: {"language": "en", "next": "/"},
    ),
    # allauth. Sign-in pages send the signed-in home; account pages ask anonymous to sign in.
    "account_login": Case(access=everyone(HOME, anonymous=OK)),
    "account_logout": Case(access=signed_in(OK)),
    "account_inactive": Case(access=everyone(OK)),
    "account_signup": Case(
        access=everyone(HOME, anonymous=OK), note="closed: the page says sign-up is closed"
    ),
    # Someone with a second factor re-authenticates with it, never with the password alone
    # (accounts/adapter.py): the admin, who has recovery codes in the world, is sent there.
    "account_reauthenticate": Case(access=signed_in(OK, admin=MFA_REAUTHENTICATE)),
    "account_request_reauthentication_code": Case(access=signed_in(OK, admin=MFA_REAUTHENTICATE)),
    "account_confirm_reauthentication_code": Case(access=signed_in(REDIRECT)),
    "account_email": Case(access=signed_in(OK)),
    "account_email_verification_sent": Case(access=everyone(OK)),
    "account_change_password": Case(access=signed_in(OK)),
    "account_set_password": Case(access=signed_in(REDIRECT)),
    "account_reset_password": Case(access=everyone(OK)),
    "account_confirm_login_code": Case(access=everyone(HOME, anonymous=SIGN_IN)),
    "account_confirm_email": Case(kwargs=lambda w: {"key": "ogiltig-nyckel"}, access=everyone(OK)),
    "account_reset_password_from_key_done": Case(access=everyone(OK)),
    "account_reset_password_from_key": Case(
        kwargs=lambda w: {"uidb36": "zz", "key": "ogiltig-nyckel"}, access=everyone(OK)
    ),
    "account_reset_password_done": Case(access=everyone(OK)),
    "mfa_index": Case(access=signed_in(OK)),
    "mfa_authenticate": Case(access=everyone(HOME, anonymous=SIGN_IN)),
    # The admin has recovery codes in the world (tests/security/conftest.py), the others no 2FA.
    "mfa_reauthenticate": Case(access=signed_in(REDIRECT, admin=OK)),
    "mfa_activate_totp": Case(access=signed_in(REAUTHENTICATE, admin=MFA_REAUTHENTICATE)),
    "mfa_deactivate_totp": Case(access=signed_in(NOT_FOUND)),
    "mfa_view_recovery_codes": Case(access=signed_in(NOT_FOUND, admin=MFA_REAUTHENTICATE)),
    "mfa_generate_recovery_codes": Case(access=signed_in(REAUTHENTICATE, admin=MFA_REAUTHENTICATE)),
    "mfa_download_recovery_codes": Case(access=signed_in(NOT_FOUND, admin=MFA_REAUTHENTICATE)),
    # Accounts: the person's own pages, and the coordinators' deactivation prompt.
    "usersessions_list": Case(
        access=signed_in(OK),
        post=signed_in(REDIRECT),
        note="allauth: a person sees and ends only their own sessions",
    ),
    "my_account": Case(access=signed_in(OK)),
    "my_data": Case(access=signed_in(OK)),
    # Only ever the signed-in person's own choices.
    "reminder_preferences": Case(
        access=signed_in(OK),
        post=signed_in(REDIRECT),
        data=lambda w: {"unanswered": "on", "day_before": "on"},
    ),
    "my_data_download": Case(access=signed_in(OK), note="only ever the signed-in person's data"),
    "people_to_deactivate": Case(access=signed_in(FORBIDDEN, coordinator=OK, admin=OK)),
    "person_deactivate": [
        Case(  # someone whose last appointment has ended: in the prompt
            kwargs=lambda w: {"pk": w.former_representative.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT, admin=REDIRECT),
            data=lambda w: {"confirm": "ja"},
        ),
        Case(  # someone with a current appointment: not the coordinators' to deactivate
            kwargs=lambda w: {"pk": w.representative.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=NOT_FOUND, admin=NOT_FOUND),
            data=lambda w: {"confirm": "ja"},
        ),
    ],
    # Meeting evaluations. `evaluated_neh` was held yesterday: the
    # representative was ticked present, the substitute absent; its answering window is open.
    "evaluation_answer": [
        Case(
            kwargs=lambda w: {"pk": w.evaluated_neh.pk},
            access=signed_in(OK),
            post=signed_in(FORBIDDEN, representative=REDIRECT),
            data=lambda w: EVALUATION_DATA,
            note="only participants answer (the substitute was ticked absent); others are told why",
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=signed_in(OK),
            post=signed_in(FORBIDDEN),
            data=lambda w: EVALUATION_DATA,
            note="not held yet (the representative answered kommer)",
        ),
        Case(
            kwargs=lambda w: {"pk": w.evaluation_closed_neh.pk},
            access=signed_in(OK),
            post=signed_in(FORBIDDEN),
            data=lambda w: EVALUATION_DATA,
            note="the network's next meeting has started: the window is closed",
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
            post=signed_in(NOT_FOUND, coordinator=FORBIDDEN),
            data=lambda w: EVALUATION_DATA,
        ),
        Case(
            kwargs=lambda w: {"pk": w.held_nsh.pk},
            access=signed_in(OK),
            post=signed_in(FORBIDDEN),
            data=lambda w: EVALUATION_DATA,
            note="another network's held meeting",
        ),
    ],
    "evaluation_send": [
        Case(
            kwargs=lambda w: {"pk": w.evaluated_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: {},
        ),
        Case(
            kwargs=lambda w: {"pk": w.held_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: {},
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND),
            data=lambda w: {},
        ),
    ],
    "evaluation_results": [
        Case(
            kwargs=lambda w: {"pk": w.evaluated_neh.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
        ),
        Case(kwargs=lambda w: {"pk": w.held_nsh.pk}, access=signed_in(FORBIDDEN)),
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
        ),
        Case(kwargs=lambda w: {"pk": w.planned_nsh.pk}, access=signed_in(NOT_FOUND)),
    ],
    "evaluation_term": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(FORBIDDEN)),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
        Case(
            path=lambda w: reverse("evaluation_term", args=["neh"]) + "?termin=1999-XX",
            access=signed_in(FORBIDDEN, coordinator=BAD_REQUEST),
            note="an invalid term: the form again with a message",
        ),
    ],
    "evaluation_settings": [
        Case(
            kwargs=lambda w: {"code": "neh"},
            access=signed_in(FORBIDDEN, coordinator=OK),
            post=signed_in(FORBIDDEN, coordinator=REDIRECT),
            data=lambda w: evaluation_settings_data(w.neh),
        ),
        Case(
            kwargs=lambda w: {"code": "nsh"},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: evaluation_settings_data(w.neh),
        ),
    ],
    # The report-back pack: a held meeting's pack for one administration; its
    # representative, substitute and director, and the network's coordinators read it.
    "report_back_pack": [
        Case(
            kwargs=lambda w: {"pk": w.held_neh.pk, "administration_pk": w.administration.pk},
            access=signed_in(
                FORBIDDEN, representative=OK, substitute=OK, director=OK, coordinator=OK
            ),
        ),
        Case(
            kwargs=lambda w: {"pk": w.held_neh.pk, "administration_pk": w.other_administration.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
            note="another administration's pack",
        ),
        Case(
            kwargs=lambda w: {"pk": w.held_nsh.pk, "administration_pk": w.administration.pk},
            access=signed_in(FORBIDDEN, director=OK),
            note="the other network: NEH's coordinator and members are not NSH's",
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk, "administration_pk": w.administration.pk},
            access=signed_in(NOT_FOUND),
            note="a meeting not held yet has no pack",
        ),
        Case(
            kwargs=lambda w: {"pk": w.planned_neh.pk, "administration_pk": w.administration.pk},
            access=signed_in(NOT_FOUND),
        ),
        Case(
            kwargs=lambda w: {"pk": w.held_neh.pk, "administration_pk": 999_999},
            access=signed_in(NOT_FOUND),
            note="no such administration",
        ),
    ],
    "report_back_text": [
        Case(
            kwargs=lambda w: {"pk": w.held_neh.pk, "administration_pk": w.administration.pk},
            access=signed_in(
                FORBIDDEN, representative=OK, substitute=OK, director=OK, coordinator=OK
            ),
        ),
        Case(
            kwargs=lambda w: {"pk": w.held_neh.pk, "administration_pk": w.other_administration.pk},
            access=signed_in(FORBIDDEN, coordinator=OK),
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk, "administration_pk": w.administration.pk},
            access=signed_in(NOT_FOUND),
        ),
    ],
    "report_back_mark": [
        Case(
            kwargs=lambda w: {"pk": w.held_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, representative=REDIRECT, substitute=REDIRECT),
            data=lambda w: report_back_data(w, w.administration),
        ),
        Case(
            kwargs=lambda w: {"pk": w.held_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN, representative=OK, substitute=OK),
            data=lambda w: report_back_data(w, w.other_administration),
            note="another administration's id: the form again with an error, nothing saved",
        ),
        Case(
            kwargs=lambda w: {"pk": w.held_nsh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(FORBIDDEN),
            data=lambda w: report_back_data(w, w.administration),
            note="the other network's meeting",
        ),
        Case(
            kwargs=lambda w: {"pk": w.published_neh.pk},
            access=everyone(NOT_ALLOWED),
            post=signed_in(NOT_FOUND),
            data=lambda w: report_back_data(w, w.administration),
            note="a meeting not held yet",
        ),
    ],
    "report_back_status": [
        Case(kwargs=lambda w: {"pk": w.held_neh.pk}, access=signed_in(FORBIDDEN, coordinator=OK)),
        Case(kwargs=lambda w: {"pk": w.held_nsh.pk}, access=signed_in(FORBIDDEN)),
        Case(kwargs=lambda w: {"pk": w.published_neh.pk}, access=signed_in(NOT_FOUND)),
        Case(kwargs=lambda w: {"pk": w.planned_neh.pk}, access=signed_in(NOT_FOUND)),
    ],
    # Questions from the management groups. A question exists only for its
    # administration's director, representative and substitute in its network, and for that
    # network's coordinators; each step belongs to one of those roles (403 for the others).
    "question_list": [
        Case(access=signed_in(OK)),
        Case(
            path=lambda w: reverse("question_list") + "?lage=avslutade&termin=VT2025&page=2",
            access=signed_in(OK),
        ),
        Case(
            path=lambda w: reverse("question_list") + "?lage=x&forvaltning=abc&page=-1",
            access=signed_in(OK),
            note="filters that do not fit are left out, with a message",
        ),
    ],
    # A network's section "Frågor": the same list, that network's questions; everyone signed
    # in gets the page, showing what their roles in the network let them see (or why nothing).
    "network_questions": [
        Case(kwargs=lambda w: {"code": "neh"}, access=signed_in(OK)),
        Case(kwargs=lambda w: {"code": "nsh"}, access=signed_in(OK)),
        Case(
            path=lambda w: (
                reverse("network_questions", args=["neh"]) + "?lage=avslutade&termin=VT2025&page=2"
            ),
            access=signed_in(OK),
        ),
        Case(
            path=lambda w: (
                reverse("network_questions", args=["neh"])
                + "?lage=x&termin=<script>&forvaltning=abc&page=-1"
            ),
            access=signed_in(OK),
            note="filters that do not fit are left out, with a message",
        ),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "question_create": [
        Case(
            kwargs=lambda w: {"code": "neh"},
            access=signed_in(FORBIDDEN, representative=OK, substitute=OK),
            post=signed_in(FORBIDDEN, representative=REDIRECT, substitute=REDIRECT),
            data=lambda w: submitted(question_data(w)),
        ),
        Case(
            kwargs=lambda w: {"code": "nsh"},
            access=signed_in(FORBIDDEN),
            post=signed_in(FORBIDDEN),
            data=lambda w: submitted(question_data(w)),
            note="no seat in NSH",
        ),
        Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
    ],
    "question_detail": [
        Case(
            kwargs=lambda w: {"pk": w.question_raised.pk},
            access=signed_in(
                NOT_FOUND, representative=OK, substitute=OK, director=OK, coordinator=OK
            ),
        ),
        Case(
            kwargs=lambda w: {"pk": w.social_question_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
            note="another administration's question: only NEH's coordinator sees it",
        ),
        Case(
            kwargs=lambda w: {"pk": w.social_question_nsh.pk},
            access=signed_in(NOT_FOUND),
            note="the other network's question",
        ),
    ],
    **{
        f"question_{action}": question_step_cases(action, owner, source, data)
        for action, owner, source, data in [
            ("propose", "member", "question_raised", lambda w: question_propose_data(w)),
            ("answer", "coordinator", "question_raised", lambda w: {"written_answer": "Svar"}),
            ("refer", "coordinator", "question_raised", lambda w: {"to_network": w.nsh.pk}),
            (
                "deal_with",
                "coordinator",
                "question_on_agenda",
                lambda w: {"meeting": w.held_neh.pk},
            ),
            ("outcome", "coordinator", "question_dealt_with", lambda w: {"outcome": "Utfall"}),
            (
                "report_back",
                "member",
                "question_outcome",
                lambda w: {"reported_back_on": question_today()},
            ),
            ("close", "member", "question_reported", lambda w: {"note": ""}),
        ]
    },
    # Change history: coordinators of the object's network; directors for their
    # own administration's appointments; everyone else (and unknown keys) 404.
    "object_history": [
        Case(
            kwargs=lambda w: {"key": "mote", "pk": w.published_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
        ),
        Case(
            kwargs=lambda w: {"key": "mote", "pk": w.published_nsh.pk},
            access=signed_in(NOT_FOUND),
            note="the other network",
        ),
        Case(
            kwargs=lambda w: {"key": "dagordningspunkt", "pk": w.own_proposal.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
        ),
        Case(
            kwargs=lambda w: {"key": "dokument", "pk": w.consultation_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
        ),
        Case(
            kwargs=lambda w: {"key": "dokument", "pk": w.file_document.pk},
            access=signed_in(NOT_FOUND),
            note="a document of NSH",
        ),
        Case(
            kwargs=lambda w: {"key": "uppdrag", "pk": w.own_appointment.pk},
            access=signed_in(NOT_FOUND, coordinator=OK, director=OK),
        ),
        Case(
            kwargs=lambda w: {"key": "uppdrag", "pk": w.other_appointment.pk},
            access=signed_in(NOT_FOUND),
            note="another administration's appointment in NSH",
        ),
        Case(
            kwargs=lambda w: {"key": "mal", "pk": w.goal_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
        ),
        Case(
            kwargs=lambda w: {"key": "mal", "pk": w.goal_nsh.pk},
            access=signed_in(NOT_FOUND),
            note="NSH's goal",
        ),
        Case(
            kwargs=lambda w: {"key": "indikator", "pk": w.indicator_neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
        ),
        Case(
            kwargs=lambda w: {"key": "indikator", "pk": w.indicator_nsh.pk},
            access=signed_in(NOT_FOUND),
            note="NSH's indicator",
        ),
        Case(
            kwargs=lambda w: {"key": "arbetsomrade", "pk": w.neh_area.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
        ),
        Case(
            kwargs=lambda w: {"key": "arbetsomrade", "pk": w.nsh_area.pk},
            access=signed_in(NOT_FOUND),
            note="NSH's work area",
        ),
        Case(
            kwargs=lambda w: {"key": "natverk", "pk": w.neh.pk},
            access=signed_in(NOT_FOUND, coordinator=OK),
        ),
        Case(
            kwargs=lambda w: {"key": "natverk", "pk": w.nsh.pk},
            access=signed_in(NOT_FOUND),
            note="NSH's settings",
        ),
        Case(
            kwargs=lambda w: {"key": "forvaltning", "pk": w.other_administration.pk},
            access=signed_in(NOT_FOUND, coordinator=OK, admin=OK),
            note="shared by both networks: whoever keeps the list",
        ),
        Case(
            kwargs=lambda w: {"key": "finns-inte", "pk": w.published_neh.pk},
            access=signed_in(NOT_FOUND),
            note="unknown key",
        ),
        Case(
            kwargs=lambda w: {"key": "mote", "pk": 999_999},
            access=signed_in(NOT_FOUND),
            note="no such",
        ),
    ],
}


def plan_term_data() -> dict:
    """A valid term plan: the next term, one meeting on its first weekday after a week."""
    import datetime

    from django.utils import timezone

    from meetings.coordination import planning

    term = planning.selectable_terms(timezone.localdate())[1]
    day = term.first_day + datetime.timedelta(days=14)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return {
        "term": planning.term_value(term),
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "8",
        "form-0-date": day.isoformat(),
        "form-0-start_time": "13:00",
        "form-0-end_time": "15:00",
        "form-0-place": "Stadshuset",
        "form-0-format": "on_site",
        "form-0-online_url": "",
    }


def meeting_edit_data(meeting) -> dict:
    from django.utils import timezone

    start = timezone.localtime(meeting.starts_at)
    data = {
        "place": "Stadshuset, sal 3",
        "format": meeting.format,
        "online_url": "",
        "theme_title": "Nytt tema",
        "theme_description": "",
        "version": meeting.version,
    }
    if meeting.status == meeting.Status.PLANNED:
        data |= {
            "date": start.date().isoformat(),
            "start_time": start.strftime("%H:%M"),
            "end_time": timezone.localtime(meeting.ends_at).strftime("%H:%M"),
        }
    return data


def reschedule_data(meeting) -> dict:
    import datetime

    from django.utils import timezone

    start = timezone.localtime(meeting.starts_at) + datetime.timedelta(days=7)
    return {
        "version": meeting.version,
        "date": start.date().isoformat(),
        "start_time": "09:00",
        "end_time": "11:00",
        "place": "Stadshuset",
    }


def proposal_data(world) -> dict:
    return {
        "title": "Cirkulär upphandling",
        "description": "",
        "kind": "discussion",
        "wished_minutes": "20",
        "work_area": str(world.neh_area.pk),
    }


def minutes_data(world) -> dict:
    """The draft of the held NEH meeting, from a page rendered now (the draft's version)."""
    from meetings.models import Minutes

    return at_version(
        Minutes.objects.filter(meeting=world.held_neh).first(),
        {
            "summary": "Vi gick igenom punkterna.",
            f"e{world.held_item.pk}-note": "Bra diskussion.",
            f"e{world.held_item.pk}-outcome": "Beslut: gör så.",
        },
    )


def minutes_publish_data(meeting, **data) -> dict:
    from meetings.models import Minutes

    return at_version(Minutes.objects.filter(meeting=meeting).first(), data, field="draft_version")


def evaluation_settings_data(network) -> dict:
    """The network's evaluation questions, from a page rendered now (version 0 before the
    network's settings are first saved)."""
    from meetings.models import EvaluationSettings

    return at_version(
        EvaluationSettings.objects.filter(network=network).first(), EVALUATION_SETTINGS_DATA
    )


def action_data(world) -> dict:
    import datetime

    from django.utils import timezone

    return {
        "agenda_item": str(world.held_item.pk),
        "title": "Ta fram en plan",
        "administrations": [str(world.administration.pk)],
        "due_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    }


def own_item_data() -> dict:
    return {"title": "Samordnarnas punkt", "kind": "information", "allotted_minutes": "15"}


def _admin_case(route) -> Case:
    """The Django admin: superusers only; everyone else is sent to the admin's sign-in."""
    from tests.security.conftest import admin_path

    access = everyone(ADMIN_SIGN_IN, admin=OK)
    if route.name is None:
        access["admin"] = REDIRECT  # <app>/<model>/<pk>/ sends on to the change page
    access |= ADMIN_EXCEPTIONS.get(route.key, {})
    return Case(path=lambda w: admin_path(route, w), access=access)


# Exceptions inside the admin family, keyed like MATRIX (name, or route if unnamed).
ADMIN_EXCEPTIONS: dict[str, dict[str, Outcome]] = {
    # allauth's secure_admin_login: anonymous to our sign-in, signed-in non-staff refused.
    "admin:login": signed_in(FORBIDDEN, admin=REDIRECT),
    "admin:logout": everyone(REDIRECT, admin=NOT_ALLOWED),
    "admin:autocomplete": {"admin": FORBIDDEN},  # without its query parameters
    "admin:view_on_site": {"admin": REDIRECT},
    # Calendar links are made by their owner on the calendar page, never in the admin.
    "admin:meetings_calendartoken_add": {"admin": FORBIDDEN},
    "admin/(?P<url>.*)$": {"admin": NOT_FOUND},
    # Public records are kept: the admin cannot delete them (tests/history/test_no_deletes.py).
    **{
        f"admin:{model}_delete": {"admin": FORBIDDEN}
        for model in (
            "networks_network",
            "networks_workarea",
            "representatives_administration",
            "representatives_appointment",
            "meetings_meeting",
            "meetings_agendaitem",
            "meetings_attendance",
            "meetings_document",
            "meetings_themesuggestion",
            "meetings_question",
            "meetings_minutes",
            "meetings_actionitem",
            "meetings_reportback",
            "meetings_goal",
            "meetings_indicator",
        )
    },
    # Published minutes and agendas are frozen: the admin shows them and neither adds nor
    # deletes them.
    "admin:meetings_minutesversion_add": {"admin": FORBIDDEN},
    "admin:meetings_minutesversion_delete": {"admin": FORBIDDEN},
    "admin:meetings_agendaversion_add": {"admin": FORBIDDEN},
    "admin:meetings_agendaversion_delete": {"admin": FORBIDDEN},
}

# --- Two-step verification ----------------------------------------------------------------------
# Stated here on its own, not imported from accounts/mfa.py, so a new exemption in the code fails
# the sweep until it is written down here too. A session of a coordinator or an administrator
# that did not use a second factor gets exactly what the matrix says on these URLs; on every
# other URL, GET and POST alike, it is sent to the second step (`second_step_outcome`).
SECOND_FACTOR_EXEMPT = frozenset(
    {
        # Signing in and out, and the pages of signing in that anyone may open.
        "account_login",
        "account_logout",
        "account_inactive",
        "account_signup",
        "account_confirm_login_code",
        "account_email_verification_sent",
        "account_confirm_email",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "openid_connect_login",
        "openid_connect_callback",
        "socialaccount_login_cancelled",
        "socialaccount_login_error",
        "socialaccount_signup",
        # The second step.
        "mfa_authenticate",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
        # No sign-in needed.
        "set_language",
        "healthz",
        "accessibility_statement",
        "calendar_feed",
        "invitation_meeting",
    }
)
# Setting up a first factor: exempt only while the account has none.
SECOND_FACTOR_SETUP = frozenset({"mfa_index", "mfa_activate_totp"})


def second_step_outcome(route_name: str | None, expected: Outcome, *, has_factor: bool) -> Outcome:
    """What a staff session without a second factor gets where a two-factor one gets
    `expected`."""
    if route_name in SECOND_FACTOR_EXEMPT:
        return expected
    if route_name in SECOND_FACTOR_SETUP and not has_factor:
        return expected
    return TYPE_A_CODE if has_factor else SET_UP_SECOND_FACTOR


PREFIX_RULES: list[Rule] = [
    Rule("admin/", _admin_case, why="the admin: superuser only, others to the admin sign-in"),
]


def cases_for(route) -> list[Case]:
    """The cases that cover a route, or an empty list when it has no row."""
    entry = MATRIX.get(route.key)
    if entry is not None:
        return entry if isinstance(entry, list) else [entry]
    for rule in PREFIX_RULES:
        if route.route.startswith(rule.prefix):
            return [rule.case_for(route)]
    return []


# --- Theme wishes ------------------------------------------------------------------
# The suggestions page is for the network's members and coordinators (403 for others: the
# network is public); a suggestion's URLs are 404 for people who may not see it. A handled
# (closed) suggestion refuses votes and a second decision with 409, writing nothing.
CONFLICT = Outcome("409 (the suggestion's state refuses it)", 409)


def suggestion_data(world) -> dict:
    return {"title": "Laddinfrastruktur", "why": "Alla bygger.", "work_area": world.neh_area.pk}


MATRIX.update(
    {
        "theme_suggestions": [
            Case(
                kwargs=lambda w: {"code": "neh"},
                access=signed_in(FORBIDDEN, representative=OK, substitute=OK, coordinator=OK),
                post=signed_in(FORBIDDEN, representative=REDIRECT, substitute=REDIRECT),
                data=lambda w: submitted(suggestion_data(w)),
            ),
            Case(
                kwargs=lambda w: {"code": "nsh"},
                access=signed_in(FORBIDDEN),
                post=signed_in(FORBIDDEN),
                data=lambda w: submitted(suggestion_data(w)),
                note="NEH's people neither see nor suggest in NSH",
            ),
            Case(
                path=lambda w: (
                    reverse("theme_suggestions", args=["neh"]) + "?visa=behandlade&page=abc"
                ),
                access=signed_in(FORBIDDEN, representative=OK, substitute=OK, coordinator=OK),
                note="the archive",
            ),
            Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
        ],
        "theme_suggestion_support": [
            Case(
                kwargs=lambda w: {"code": "neh", "pk": w.suggestion_neh.pk},
                access=everyone(NOT_ALLOWED),
                # The representative's own suggestion is not a vote; coordinators do not vote.
                post=signed_in(
                    NOT_FOUND, representative=FORBIDDEN, substitute=REDIRECT, coordinator=FORBIDDEN
                ),
                data=lambda w: {"action": "support"},
            ),
            Case(
                kwargs=lambda w: {"code": "neh", "pk": w.closed_suggestion_neh.pk},
                access=everyone(NOT_ALLOWED),
                post=signed_in(
                    NOT_FOUND, representative=CONFLICT, substitute=FORBIDDEN, coordinator=FORBIDDEN
                ),
                data=lambda w: {"action": "support"},
                note="closed: no more votes (the substitute's own suggestion)",
            ),
            Case(
                kwargs=lambda w: {"code": "nsh", "pk": w.suggestion_nsh.pk},
                access=everyone(NOT_ALLOWED),
                post=signed_in(NOT_FOUND),
                data=lambda w: {"action": "support"},
                note="another network's suggestion",
            ),
            Case(
                kwargs=lambda w: {"code": "nsh", "pk": w.suggestion_neh.pk},
                access=everyone(NOT_ALLOWED),
                post=signed_in(NOT_FOUND),
                data=lambda w: {"action": "support"},
                note="a suggestion under the wrong network's code",
            ),
        ],
        "theme_suggestion_adopt": [
            Case(
                kwargs=lambda w: {"code": "neh", "pk": w.suggestion_neh.pk},
                access=everyone(NOT_ALLOWED),
                post=signed_in(
                    NOT_FOUND, representative=FORBIDDEN, substitute=FORBIDDEN, coordinator=REDIRECT
                ),
                data=lambda w: {f"a{w.suggestion_neh.pk}-meeting": w.planned_neh.pk},
            ),
            Case(
                kwargs=lambda w: {"code": "neh", "pk": w.closed_suggestion_neh.pk},
                access=everyone(NOT_ALLOWED),
                post=signed_in(
                    NOT_FOUND, representative=FORBIDDEN, substitute=FORBIDDEN, coordinator=CONFLICT
                ),
                data=lambda w: {f"a{w.closed_suggestion_neh.pk}-meeting": w.planned_neh.pk},
                note="already closed",
            ),
            Case(
                kwargs=lambda w: {"code": "nsh", "pk": w.suggestion_nsh.pk},
                access=everyone(NOT_ALLOWED),
                post=signed_in(NOT_FOUND),
                data=lambda w: {f"a{w.suggestion_nsh.pk}-meeting": w.planned_nsh.pk},
                note="the NEH coordinator does not coordinate NSH",
            ),
        ],
        "theme_suggestion_close": [
            Case(
                kwargs=lambda w: {"code": "neh", "pk": w.suggestion_neh.pk},
                access=everyone(NOT_ALLOWED),
                post=signed_in(
                    NOT_FOUND, representative=FORBIDDEN, substitute=FORBIDDEN, coordinator=REDIRECT
                ),
                data=lambda w: {f"c{w.suggestion_neh.pk}-reason": "Passar inte."},
            ),
            Case(
                kwargs=lambda w: {"code": "neh", "pk": w.closed_suggestion_neh.pk},
                access=everyone(NOT_ALLOWED),
                post=signed_in(
                    NOT_FOUND, representative=FORBIDDEN, substitute=FORBIDDEN, coordinator=CONFLICT
                ),
                data=lambda w: {f"c{w.closed_suggestion_neh.pk}-reason": "Igen."},
                note="already closed",
            ),
            Case(
                kwargs=lambda w: {"code": "nsh", "pk": w.suggestion_nsh.pk},
                access=everyone(NOT_ALLOWED),
                post=signed_in(NOT_FOUND),
                data=lambda w: {f"c{w.suggestion_nsh.pk}-reason": "Passar inte."},
            ),
        ],
    }
)


def report_back_data(world, administration) -> dict:
    """The report-back form: presented today (a valid date for a held meeting)."""
    from django.utils import timezone

    return {"administration": str(administration.pk), "presented_on": str(timezone.localdate())}


def goal_data(work_area) -> dict:
    return {"work_area": work_area.pk, "title": "Fossilfria transporter", "target_year": "2030"}


def indicator_data(administration) -> dict:
    return {
        "name": "Andel fossilfria fordon",
        "unit": "procent",
        "baseline_year": "2020",
        "baseline_value": "35",
        "target_value": "100",
        "direction": "higher",
        "responsible_administration": administration.pk,
    }


def goal_action_data(meeting, administration) -> dict:
    return {
        "meeting": meeting.pk,
        "title": "Solceller på förskolor",
        "administrations": [administration.pk],
        "due_on": "2099-06-30",
    }


# Documents: coordinators edit and withdraw them in the app. Only the network's coordinators;
# the NEH coordinator neither edits nor withdraws NSH's documents.
MATRIX.update(
    {
        "document_edit": [
            Case(
                kwargs=lambda w: {"pk": w.link_document.pk},
                access=signed_in(FORBIDDEN, coordinator=OK),
                post=signed_in(FORBIDDEN, coordinator=REDIRECT),
                data=lambda w: at_version(
                    w.link_document, {"title": "Nytt namn", "url": "https://a.se/n"}
                ),
            ),
            Case(
                kwargs=lambda w: {"pk": w.file_document.pk},
                access=signed_in(FORBIDDEN),
                post=signed_in(FORBIDDEN),
                data=lambda w: at_version(w.file_document, {"title": "Nytt namn"}),
                note="a document of NSH",
            ),
            Case(
                kwargs=lambda w: {"pk": 999_999},
                access=signed_in(NOT_FOUND),
                post=signed_in(NOT_FOUND),
                note="no such",
            ),
        ],
        "document_withdraw": [
            Case(
                kwargs=lambda w: {"pk": w.link_document.pk},
                access=signed_in(FORBIDDEN, coordinator=OK),
                post=signed_in(FORBIDDEN, coordinator=REDIRECT),
                data=lambda w: at_version(w.link_document, {"reason": "Ersatt."}),
            ),
            Case(
                kwargs=lambda w: {"pk": w.file_document.pk},
                access=signed_in(FORBIDDEN),
                post=signed_in(FORBIDDEN),
                data=lambda w: at_version(w.file_document, {"reason": "Ersatt."}),
                note="a document of NSH",
            ),
            Case(
                kwargs=lambda w: {"pk": 999_999},
                access=signed_in(NOT_FOUND),
                post=signed_in(NOT_FOUND),
                note="no such",
            ),
        ],
    }
)


# A question registered by mistake, withdrawn by its administration's representative or
# substitute before the network takes it up.
MATRIX.update(
    {
        "question_withdraw": question_step_cases(
            "withdraw", "member", "question_raised", lambda w: {"note": "Av misstag."}
        ),
    }
)


def network_settings_data(network) -> dict:
    return at_version(
        network,
        {
            "name": network.name,
            "purpose": "",
            "organizer_email": "natverket@example.org",
            "default_meeting_minutes": "120",
            "target_meetings_min": "3",
            "target_meetings_max": "4",
            "theme_lead_days": "21",
            "proposal_close_days": "7",
            "reminder_answer_days": "3",
            "reminder_proposal_days": "5",
            "reminder_action_days": "7",
            "reminder_consultation_days": "7",
            "reminder_report_back_days": "14",
        },
    )


def single_meeting_data() -> dict:
    """A valid "Nytt möte": the day of the valid term plan's meeting."""
    plan = plan_term_data()
    return {
        **{key.removeprefix("form-0-"): value for key, value in plan.items() if "-0-" in key},
        "action": "create",
    }


def action_edit_data(world) -> dict:
    import datetime

    from django.utils import timezone

    return at_version(
        world.action,
        {
            "title": "Miljöns åtgärd, ändrad",
            "administrations": [str(world.administration.pk)],
            "due_on": (timezone.localdate() + datetime.timedelta(days=40)).isoformat(),
        },
    )


ADMINISTRATION_DATA = {"name": "Klimatförvaltningen", "short_name": "KF"}
# Keeping the list of administrations: any network's coordinator and the administrators
# (the world's coordinator keeps NEH only; tests/representatives/test_administrations.py
# has NSH's). Everyone else: 403, the list itself is no secret.
KEEPERS = signed_in(FORBIDDEN, coordinator=OK, admin=OK)
KEEPERS_POST = signed_in(FORBIDDEN, coordinator=REDIRECT, admin=REDIRECT)

# The coordinators' settings: the network's own settings, the administrations, an action's
# correction and one extra meeting.
MATRIX.update(
    {
        "network_settings": [
            Case(
                kwargs=lambda w: {"code": "neh"},
                access=signed_in(FORBIDDEN, coordinator=OK),
                post=signed_in(FORBIDDEN, coordinator=REDIRECT),
                data=lambda w: network_settings_data(w.neh),
            ),
            Case(
                kwargs=lambda w: {"code": "nsh"},
                access=signed_in(FORBIDDEN),
                post=signed_in(FORBIDDEN),
                data=lambda w: network_settings_data(w.nsh),
                note="NEH's coordinator cannot change NSH's settings",
            ),
            Case(kwargs=lambda w: {"code": "xyz"}, access=signed_in(NOT_FOUND), note="no such"),
        ],
        "administration_list": [
            Case(access=KEEPERS),
            Case(
                path=lambda w: (
                    reverse("administration_list") + "?namn=" + "x" * 300 + "&page=abc&inaktiva=99"
                ),
                access=KEEPERS,
                note="an overlong name is left out with a message; pages: the nearest",
            ),
        ],
        "administration_add": Case(
            access=KEEPERS,
            post=KEEPERS_POST,
            data=lambda w: submitted(ADMINISTRATION_DATA),
        ),
        "administration_edit": [
            Case(
                kwargs=lambda w: {"pk": w.administration.pk},
                access=KEEPERS,
                post=KEEPERS_POST,
                data=lambda w: at_version(w.administration, ADMINISTRATION_DATA),
            ),
            Case(
                kwargs=lambda w: {"pk": 999_999},
                access=signed_in(FORBIDDEN, coordinator=NOT_FOUND, admin=NOT_FOUND),
                note="no such",
            ),
        ],
        "administration_merge": [
            Case(
                kwargs=lambda w: {"pk": w.administration.pk},
                access=KEEPERS,
                post=KEEPERS_POST,
                data=lambda w: {"target": str(w.other_administration.pk), "confirm": "on"},
            ),
            Case(
                kwargs=lambda w: {"pk": w.administration.pk},
                access=KEEPERS,
                post=signed_in(
                    FORBIDDEN, coordinator=Outcome("422", 422), admin=Outcome("422", 422)
                ),
                data=lambda w: {"target": str(w.administration.pk), "confirm": "on"},
                note="merged into itself: the form again with the message, nothing saved",
            ),
        ],
        "administration_deactivate": Case(
            kwargs=lambda w: {"pk": w.other_administration.pk},
            access=KEEPERS,
            post=KEEPERS_POST,
            data=lambda w: {},
        ),
        "administration_reactivate": Case(
            kwargs=lambda w: {"pk": w.other_administration.pk},
            access=everyone(NOT_ALLOWED),
            post=KEEPERS_POST,
            data=lambda w: {},
        ),
        "action_edit": [
            Case(
                kwargs=lambda w: {"pk": w.action.pk},
                access=signed_in(FORBIDDEN, coordinator=OK),
                post=signed_in(FORBIDDEN, coordinator=REDIRECT),
                data=action_edit_data,
            ),
            Case(
                kwargs=lambda w: {"pk": w.other_action.pk},
                access=signed_in(FORBIDDEN),
                post=signed_in(FORBIDDEN),
                data=action_edit_data,
                note="NSH's action: NEH's coordinator cannot correct it",
            ),
            Case(kwargs=lambda w: {"pk": 999_999}, access=signed_in(NOT_FOUND), note="no such"),
        ],
        "meeting_new": [
            Case(
                kwargs=lambda w: {"code": "neh"},
                access=signed_in(FORBIDDEN, coordinator=OK),
                post=signed_in(FORBIDDEN, coordinator=REDIRECT),
                data=lambda w: submitted(single_meeting_data()),
            ),
            Case(
                kwargs=lambda w: {"code": "nsh"},
                access=signed_in(FORBIDDEN),
                post=signed_in(FORBIDDEN),
                data=lambda w: submitted(single_meeting_data()),
            ),
        ],
    }
)
