"""The bad-input registry: every form of the project, and how it must refuse bad input.

`test_bad_input.py` posts each form as a user allowed to use it, with one field at a time
replaced by each value in BAD_VALUES (and the entry's own `extra_values`, such as ids of
objects that belong to someone else). Every answer must be the form again with a clear
Swedish message, or a 4xx; never a 500; nothing saved. A URL that accepts POST without an
entry here (or in NOT_FORMS, with the reason) fails `test_every_form_has_an_entry`.

Adding a form is one entry, keyed by URL name:

    "proposal_create": Form(
        role="representative",
        kwargs=lambda w: {"pk": w.published_neh.pk},
        valid=lambda w: {"title": "Cirkulär upphandling", "wished_minutes": "20",
                         "work_area": str(w.neh.work_areas.first().pk)},
        accepted=lambda response, w: AgendaItem.objects.filter(title="Cirkulär …").exists(),
        extra_values={"work_area": lambda w: [w.nsh.work_areas.first().pk]},  # other network
    ),

`valid` is a submission that succeeds (the test checks it does, with `accepted`, so the bad
ones differ from a good one by exactly one field). `lenient` names fields where any value is
acceptable (a checkbox, a `next` URL); they are still fuzzed for 500s and writes.
`lenient` may hold "*" for the empty submission. `text` names required free-text fields
(a title, a reason): there HTML, SQL and other odd but harmless text is a fine value and may
be saved (it must come back escaped), while empty, blank, overlong and NUL must be refused.
`optional` names fields that may be left empty (empty, blank or left out may be accepted),
while anything else wrong is refused. A name matches a field exactly or without its form
prefix (`presenter` matches `m12-presenter`).
`refused` checks a refusal; the default, `form_again`, wants the form re-rendered with
errors in Swedish, or a 4xx.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaVersion,
    Attendance,
    CalendarToken,
    ConsultationResponse,
    Document,
    Evaluation,
    EvaluationSettings,
    Goal,
    Indicator,
    IndicatorValue,
    Invitation,
    Meeting,
    Minutes,
    MinutesVersion,
    OutboxMessage,
    ReminderPreferences,
    ReportBack,
)
from meetings.terms import Term
from networks.models import WorkArea
from representatives.models import Administration, Appointment
from tests.factories import PASSWORD, at_version, submitted
from tests.security.matrix import (
    ADMINISTRATION_DATA,
    EVALUATION_SETTINGS_DATA,
    action_data,
    action_edit_data,
    goal_action_data,
    goal_data,
    indicator_data,
    meeting_edit_data,
    minutes_data,
    minutes_publish_data,
    network_settings_data,
    own_item_data,
    plan_term_data,
    proposal_data,
    question_data,
    question_propose_data,
    report_back_data,
    reschedule_data,
    single_meeting_data,
)

BAD_VALUES: dict[str, object] = {
    "empty": "",
    "blank": "   \t ",
    "10,000 characters": "x" * 10_000,
    "control characters": "a\x01\x02\x08\x1b[31mb\x7f\u202e",
    # In a single-line field (a title, a name) these end up in e-mail subjects and headers.
    "line break": "Rad ett\r\nBcc: x@example.org",
    "lone line feed": "Rad ett\nrad två",
    "other line breaks": "a\u2028b\u2029c\x85d\x0be\x0cf\rg",
    "NUL byte": "a\x00b",
    "HTML": '"><script>alert("x")</script><img src=x onerror=alert(1)>',
    "SQL": "' OR '1'='1'; DROP TABLE accounts_user; --",
    # The search's full-text syntax (SQLite FTS5, PostgreSQL tsquery): words, never operators.
    "full-text operators": 'NEAR(sol cell) AND "remiss*" OR NOT ^title:x | !y & z:*',
    "impossible date": "2025-02-30",
    "garbled date": "31/13/20255 25:61",
    "not a number": "NaN",
    "huge number": "9" * 40,
    "negative id": "-1",
    "missing id": "999999999",
    # Django reads the last of repeated values; it must not be a valid one by chance.
    "two values": ["1", "zz"],
}

# Error messages of a Swedish page must not be English (Django's and allauth's defaults are
# translated; a message of our own left in English, or a missing catalogue, shows up here).
ENGLISH = re.compile(
    r"\b(the|this|field|enter|ensure|must|characters|required|please|invalid|allowed)\b", re.I
)
HTML_PROBE = "<script>alert("


# BAD_VALUES that are harmless text in a free-text field (see `Form.text`).
TEXT_VALUES = frozenset(
    {
        "control characters",
        "line break",
        "lone line feed",
        "other line breaks",
        "HTML",
        "SQL",
        "full-text operators",
        "impossible date",
        "garbled date",
        "not a number",
        "huge number",
        "negative id",
        "missing id",
        "two values",
    }
)


# BAD_VALUES that an optional field may accept (see `Form.optional`).
OPTIONAL_VALUES = frozenset({"empty", "blank", "left out"})


def form_again(response, world) -> str | None:
    """The default refusal: the form again with errors in Swedish, or a 4xx."""
    return errors_again(response, lambda context: [(context or {}).get("form")])


def errors_again(response, forms_in) -> str | None:
    """The form(s) again with errors in Swedish, or a 4xx. `forms_in(context)` lists the
    forms (or formsets) of the page that may carry the errors; a string is an error itself."""
    if 400 <= response.status_code < 500:
        return None
    if response.status_code != 200:
        return f"expected the form again or a 4xx, got {response.status_code}"
    messages = []
    for form in forms_in(response.context):
        if isinstance(form, str):
            messages += [form] if form else []
        elif hasattr(form, "non_form_errors"):  # a formset
            messages += [str(m) for m in form.non_form_errors()]
            messages += [str(m) for f in form.forms for e in f.errors.values() for m in e]
        elif form is not None:
            messages += [str(m) for errors in form.errors.values() for m in errors]
    if not messages:
        return "the page came back without form errors"
    english = [m for m in messages if ENGLISH.search(m)]
    if english:
        return f"error messages not in Swedish: {english}"
    if not all(m and m in response.content.decode() for m in map(_escaped, messages)):
        return f"error messages not shown on the page: {messages}"
    return None


def _escaped(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


def redirect_to_local_page(response, world) -> str | None:
    """For views that redirect whatever they get (language switch, sign-out): a redirect
    that stays on this site."""
    if response.status_code != 302:
        return f"expected a redirect, got {response.status_code}"
    location = urlsplit(response["Location"])
    if location.netloc or not location.path.startswith("/"):
        return f"redirected off the site: {response['Location']}"
    return None


def _attendance_refused(response, world) -> str | None:
    """The attendance list refused: back on the meeting page with the Swedish message."""
    problem = redirect_to_local_page(response, world)
    if problem:
        return problem
    said = [str(m) for m in get_messages(response.wsgi_request)]
    if not any("Listan kunde inte sparas" in m for m in said):
        return f"no Swedish message about the list: {said}"
    return None


def bad_request_or_back(response, world) -> str | None:
    """A 400 (a bad `next`), or the redirect back with the Swedish message."""
    if response.status_code == 400:
        return None
    return redirect_to_local_page(response, world)


@dataclass(frozen=True)
class Form:
    role: str
    valid: Callable[[object], dict]
    accepted: Callable[[object, object], bool]
    kwargs: Callable[[object], dict] | None = None
    lenient: frozenset[str] = frozenset()
    refused: Callable[[object, object], str | None] = form_again
    extra_values: dict[str, Callable[[object], list]] = field(default_factory=dict)
    text: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    note: str = ""

    def may_accept(self, field_name: str, label: str) -> bool:
        """Whether this bad value may succeed in this field (any value in a lenient one)."""

        def named(names: frozenset[str]) -> bool:
            return field_name in names or field_name.rsplit("-", 1)[-1] in names

        return (
            named(self.lenient)
            or (named(self.text) and label in TEXT_VALUES)
            or (named(self.optional) and label in OPTIONAL_VALUES)
        )

    def url(self, name: str, world) -> str:
        return reverse(name, kwargs=self.kwargs(world) if self.kwargs else None)


def _language_unchanged(response, world) -> str | None:
    problem = redirect_to_local_page(response, world)
    cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    if problem is None and cookie is not None and cookie.value not in ("sv", "en"):
        problem = f"language cookie set to {cookie.value!r}"
    return problem


FORMS: dict[str, Form] = {
    "account_login": Form(
        role="anonymous",
        valid=lambda w: {"login": w.representative.email, "password": PASSWORD},
        accepted=lambda response, w: (
            response.status_code == 302 and response.wsgi_request.user == w.representative
        ),
        lenient=frozenset({"remember"}),
    ),
    "account_reset_password": Form(
        role="anonymous",
        valid=lambda w: {"email": w.representative.email},
        accepted=lambda response, w: (
            response.status_code == 302
            and OutboxMessage.objects.filter(
                kind="account.account/email/password_reset_key", recipient=w.representative.email
            ).count()
            == 1
        ),
    ),
    "set_language": Form(
        role="anonymous",
        valid=lambda w: {"language": "en", "next": "/natverk/neh/"},
        accepted=lambda response, w: (
            response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
            and response["Location"] == "/natverk/neh/"
        ),
        refused=_language_unchanged,
        lenient=frozenset({"next"}),
        note="Django's own view: a bad value is ignored and the person sent back",
    ),
    "account_logout": Form(
        role="staff",
        valid=lambda w: {"next": "/konto/login/"},
        accepted=lambda response, w: (
            response.status_code == 302 and not response.wsgi_request.user.is_authenticated
        ),
        refused=redirect_to_local_page,
        lenient=frozenset({"next"}),
    ),
    "account_change_password": Form(
        role="staff",
        valid=lambda w: {
            "oldpassword": PASSWORD,
            "password1": "ett-nytt-langt-losenord-42",
            "password2": "ett-nytt-langt-losenord-42",
        },
        accepted=lambda response, w: (
            response.status_code == 302
            and type(w.staff)
            .objects.get(pk=w.staff.pk)
            .check_password("ett-nytt-langt-losenord-42")
        ),
    ),
    "account_email": Form(
        role="staff",
        valid=lambda w: {"action_add": "", "email": "ny.adress@example.org"},
        accepted=lambda response, w: EmailAddress.objects.filter(
            user=w.staff, email="ny.adress@example.org"
        ).exists(),
        # The button's name picks the action; without it allauth redirects back, changing
        # nothing. Someone else's address: see test_bad_input.py, it is allauth's design.
        lenient=frozenset({"action_add", "*"}),
    ),
    "calendar_new_link": Form(
        role="staff",
        valid=lambda w: {"feed": "NEH"},
        accepted=lambda response, w: (
            response.status_code == 200
            and CalendarToken.objects.active().filter(user=w.staff, network=w.neh).exists()
        ),
        # A bad choice is refused with a Swedish message on the calendar page (a redirect).
        refused=redirect_to_local_page,
    ),
    "calendar_delivery": Form(
        role="staff",
        valid=lambda w: {"calendar_delivery": "subscription"},
        accepted=lambda response, w: (
            type(w.staff).objects.get(pk=w.staff.pk).calendar_delivery == "subscription"
        ),
    ),
    "reminder_preferences": Form(
        role="staff",
        valid=lambda w: {"unanswered": "on"},
        accepted=lambda response, w: ReminderPreferences.objects.filter(
            user=w.staff, unanswered=True, day_before=False
        ).exists(),
        # Checkboxes: ticked ("on") or left out; nothing sent at all switches every one off.
        optional=frozenset(ReminderPreferences.KINDS),
        lenient=frozenset({"*"}),
    ),
    # Representatives. Names and reasons are free text, shown escaped: any text will
    # do there, so they are lenient; the e-mail address and the choices are strict.
    "appointment_create": Form(
        role="director",
        kwargs=lambda w: {"pk": w.administration.pk, "code": "neh", "role": "ersattare"},
        valid=lambda w: submitted(
            {
                "full_name": "Nora Ny",
                "email": "nora.ny@example.org",
                "mandate": "on",
                "management_access": "on",
                "management_forwards": "on",
                "start_date": "",
                "mandate_scope": "Energifrågor",
            }
        ),
        accepted=lambda response, w: (
            Appointment.objects.current()
            .filter(person__email="nora.ny@example.org", role="substitute")
            .exists()
        ),
        lenient=frozenset({"full_name", "mandate", "management_access", "management_forwards"}),
        # Empty start: today. Mandate scope: free text, optional.
        text=frozenset({"mandate_scope"}),
        optional=frozenset({"start_date", "mandate_scope"}),
        extra_values={"start_date": lambda w: [_in_days(-1), _in_days(400)]},
    ),
    "attendance_answer": Form(
        role="representative",
        kwargs=lambda w: {"pk": w.published_neh.pk},
        valid=lambda w: {"answer": "not_coming", "next": "/mina-natverk/"},
        accepted=lambda response, w: (
            Attendance.objects.get(meeting=w.published_neh, person=w.representative).answer
            == "not_coming"
            and response["Location"] == "/mina-natverk/"
        ),
        # A plain POST goes back with the Swedish message; htmx gets the form with a 422. A
        # `next` that is not a path on this site is a 400 before anything is saved.
        refused=bad_request_or_back,
        optional=frozenset({"next"}),
    ),
    "attendance_record": Form(
        role="coordinator",
        kwargs=lambda w: {"pk": w.held_neh.pk},
        # The list is a page of administrations: it sends the seats it showed (`seat`).
        valid=lambda w: {"seat": [w.representative.pk], "present": [w.representative.pk]},
        accepted=lambda response, w: (
            Attendance.objects.get(meeting=w.held_neh, person=w.representative).attended is True
        ),
        # Ticking nobody is a real answer (nobody came), so leaving the field out is valid.
        lenient=frozenset({"present", "*"}),
        # A form without `seat` (from before the list was paged) covers every current seat.
        optional=frozenset({"seat"}),
        refused=_attendance_refused,
        # Someone without a seat in the network, as a shown seat or as ticked.
        extra_values={"present": lambda w: [w.staff.pk], "seat": lambda w: [w.staff.pk]},
    ),
    "invitation_create": Form(
        role="representative",
        kwargs=lambda w: {"pk": w.published_neh.pk},
        valid=lambda w: submitted(
            {
                "full_name": "Klara Kollega",
                "email": "klara.kollega@example.org",
                "reason": "Arbetar med temat.",
            }
        ),
        accepted=lambda response, w: Invitation.objects.filter(
            email="klara.kollega@example.org"
        ).exists(),
        lenient=frozenset({"full_name", "reason"}),
    ),
    # Documents. Files, both link and file, and neither are tested with real
    # uploads in tests/documents/test_uploads.py; the work areas and the meeting are optional,
    # so they are tested there too (another network's area or meeting is refused).
    "document_create": Form(
        role="coordinator",
        kwargs=lambda w: {"code": "neh"},
        valid=lambda w: submitted(
            {
                "title": "Remiss om klimatanpassning",
                "kind": "consultation",
                "url": "https://www.example.org/remiss",
                "deadline": _in_days(30),
                "asked_administrations": str(w.administration.pk),
            }
        ),
        accepted=lambda response, w: (
            response.status_code == 302
            and Document.objects.filter(title="Remiss om klimatanpassning").exists()
        ),
        extra_values={"deadline": lambda w: [_in_days(-1), "1999-12-31"]},
        # Any text is a title (HTML is escaped on output). Any set of administrations may be
        # asked; leaving all out is refused (tests/documents), but the fuzzer's two ids may
        # be the two administrations of the world.
        lenient=frozenset({"title", "asked_administrations"}),
    ),
    "consultation_response_mark": Form(
        role="representative",
        kwargs=lambda w: {"pk": w.consultation_neh.pk},
        valid=lambda w: {
            "response": str(w.consultation_neh.responses.get(administration=w.administration).pk)
        },
        accepted=lambda response, w: (
            response.status_code == 302
            and ConsultationResponse.objects.get(
                document=w.consultation_neh, administration=w.administration
            ).sent_by
            == w.representative
        ),
        extra_values={
            "response": lambda w: [
                # Socialförvaltningen's response: the representative of Miljöförvaltningen
                # may not mark it (403).
                w.consultation_neh.responses.get(administration=w.other_administration).pk,
            ]
        },
    ),
    # The report-back pack: "presented to the management group on <date>".
    "report_back_mark": Form(
        role="representative",
        kwargs=lambda w: {"pk": w.held_neh.pk},
        valid=lambda w: report_back_data(w, w.administration),
        accepted=lambda response, w: (
            response.status_code == 302
            and ReportBack.objects.filter(
                meeting=w.held_neh, administration=w.administration, marked_by=w.representative
            ).exists()
        ),
        extra_values={
            # Socialförvaltningen's pack: not the representative's to mark.
            "administration": lambda w: [w.other_administration.pk],
            # Tomorrow, and the day before the meeting.
            "presented_on": lambda w: [
                str(timezone.localdate() + datetime.timedelta(days=1)),
                str(timezone.localdate(w.held_neh.starts_at) - datetime.timedelta(days=1)),
            ],
        },
    ),
    # Goals and indicators.
    "goal_create": Form(
        role="coordinator",
        kwargs=lambda w: {"code": "neh"},
        valid=lambda w: submitted(goal_data(w.neh_area), description="Alla resor fossilfria."),
        accepted=lambda response, w: Goal.objects.filter(title="Fossilfria transporter").exists(),
        text=frozenset({"title", "description"}),
        optional=frozenset({"description"}),
        extra_values={"work_area": lambda w: [w.nsh_area.pk, w.archived_neh_area.pk]},
    ),
    "goal_edit": Form(
        role="coordinator",
        kwargs=lambda w: {"pk": w.goal_neh.pk},
        valid=lambda w: at_version(
            w.goal_neh, goal_data(w.neh_area), description="Alla resor fossilfria."
        ),
        accepted=lambda response, w: (
            Goal.objects.get(pk=w.goal_neh.pk).title == "Fossilfria transporter"
        ),
        text=frozenset({"title", "description"}),
        optional=frozenset({"description"}),
        extra_values={
            "work_area": lambda w: [w.nsh_area.pk, w.archived_neh_area.pk],
            # Outside 1990–2100, not a whole number, or at/before the indicators' baseline.
            "target_year": lambda w: ["1989", "2101", "20.5", "2019"],
        },
    ),
    "indicator_create": Form(
        role="coordinator",
        kwargs=lambda w: {"pk": w.goal_neh.pk},
        valid=lambda w: submitted(indicator_data(w.administration)),
        accepted=lambda response, w: Indicator.objects.filter(
            goal=w.goal_neh, name="Andel fossilfria fordon"
        ).exists(),
        text=frozenset({"name", "unit"}),
        optional=frozenset({"responsible_administration"}),
        # Any number is a baseline or a target (negative ones too: net emissions); values
        # that are not numbers are refused (tests/goals), the fuzzer checks for 500s.
        lenient=frozenset({"baseline_value", "target_value"}),
        extra_values={"baseline_year": lambda w: ["2030", "2031", "1989"]},
    ),
    "indicator_edit": Form(
        role="coordinator",
        kwargs=lambda w: {"pk": w.indicator_neh.pk},
        valid=lambda w: at_version(w.indicator_neh, indicator_data(w.administration)),
        accepted=lambda response, w: (
            Indicator.objects.get(pk=w.indicator_neh.pk).name == "Andel fossilfria fordon"
        ),
        text=frozenset({"name", "unit"}),
        optional=frozenset({"responsible_administration"}),
        lenient=frozenset({"baseline_value", "target_value"}),
        extra_values={"baseline_year": lambda w: ["2030", "2031", "1989"]},
    ),
    "indicator_value_record": Form(
        role="representative",
        kwargs=lambda w: {"pk": w.indicator_neh.pk},
        valid=lambda w: {
            "year": "2024",
            "value": "612,5",
            "source": "Klimatbokslut",
            "comment": "Preliminärt",
        },
        accepted=lambda response, w: IndicatorValue.objects.filter(
            indicator=w.indicator_neh, year=2024, value=Decimal("612.5")
        ).exists(),
        text=frozenset({"source", "comment"}),
        optional=frozenset({"source", "comment"}),
        # Any number is a value (a negative one too: net emissions); what is not a number
        # is refused (tests/goals/test_views.py), and the fuzzer checks for 500s.
        lenient=frozenset({"value"}),
        extra_values={
            "year": lambda w: ["1989", "2101", str(timezone.localdate().year + 1), "20,5"],
            "value": lambda w: ["1e400", "Infinity", "12,5,5"],
        },
    ),
    "goal_action_link": Form(
        role="coordinator",
        kwargs=lambda w: {"pk": w.goal_neh.pk},
        valid=lambda w: {"action": str(w.action_neh.pk)},
        accepted=lambda response, w: (
            ActionItem.objects.get(pk=w.action_neh.pk).goal_id == w.goal_neh.pk
        ),
        refused=lambda response, w: errors_again(
            response, lambda context: [(context or {}).get("link_form")]
        ),
        extra_values={"action": lambda w: [w.action_nsh.pk]},  # another network's action
    ),
    "goal_action_create": Form(
        role="coordinator",
        kwargs=lambda w: {"pk": w.goal_neh.pk},
        valid=lambda w: submitted(goal_action_data(w.published_neh, w.administration)),
        accepted=lambda response, w: ActionItem.objects.filter(
            goal=w.goal_neh, title="Solceller på förskolor"
        ).exists(),
        refused=lambda response, w: errors_again(
            response, lambda context: [(context or {}).get("create_form")]
        ),
        text=frozenset({"title"}),
        extra_values={
            "meeting": lambda w: [w.published_nsh.pk],  # another network's meeting
            "due_on": lambda w: [_in_days(-1), "2101-01-01"],
        },
    ),
    # Accounts.
    "person_deactivate": Form(
        role="coordinator",
        kwargs=lambda w: {"pk": w.former_representative.pk},
        valid=lambda w: {"confirm": "ja"},
        accepted=lambda response, w: (
            response.status_code == 302
            and not type(w.staff).objects.get(pk=w.former_representative.pk).is_active
        ),
        note="the person is in the URL (someone else's: see the matrix, 404)",
    ),
}


def _plan_again(response, world) -> str | None:
    """Without a valid term the meetings part of the page is not shown, only the term's error;
    with one, the rows' errors and the plan's one-time token's."""

    def forms_in(context):
        if not context:
            return []
        if context["term_error"]:
            return [context["term_error"]]
        return [context["formset"], context["once_form"]]

    return errors_again(response, forms_in)


def _workspace_again(response, world) -> str | None:
    """The agenda workspace: a bound form shown again, a 400, or (for a refusal the agenda
    module decides, such as someone else having changed the order) back to the workspace
    with an error message."""
    if response.status_code == 302:
        from django.contrib.messages import get_messages

        errors = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
        if not errors:
            return "redirected without an error message"
        return None

    def forms_in(context):
        if not context or "draft" not in context:
            return []
        items = [*context["proposals"], *context["draft"]]
        return [
            context["add_form"],
            context["publish_form"],
            *(getattr(item, "triage_form", None) for item in items),
            *(getattr(item, "time_form", None) for item in items),
        ]

    return errors_again(response, forms_in)


def _fresh(meeting):
    """The meeting as it is now (its version moves on with each accepted save)."""
    from meetings.models import Meeting

    return Meeting.objects.get(pk=meeting.pk)


MANAGEMENT = frozenset(
    {"form-TOTAL_FORMS", "form-INITIAL_FORMS", "form-MIN_NUM_FORMS", "form-MAX_NUM_FORMS"}
)

FORMS.update(
    {
        # Work areas.
        "work_area_add": Form(
            role="coordinator",
            kwargs=lambda w: {"code": "neh"},
            valid=lambda w: submitted({"name": "Nytt område", "description": "Om det nya"}),
            accepted=lambda response, w: WorkArea.objects.filter(
                network=w.neh, name="Nytt område"
            ).exists(),
            text=frozenset({"name", "description"}),
            optional=frozenset({"description"}),
        ),
        "work_area_edit": Form(
            role="coordinator",
            kwargs=lambda w: {"code": "neh", "pk": w.neh_area.pk},
            valid=lambda w: at_version(w.neh_area, {"name": "Omdöpt område", "description": ""}),
            accepted=lambda response, w: (
                WorkArea.objects.get(pk=w.neh_area.pk).name == "Omdöpt område"
            ),
            text=frozenset({"name", "description"}),
            optional=frozenset({"description"}),
        ),
        "work_area_move": Form(
            role="coordinator",
            kwargs=lambda w: {"code": "neh", "pk": w.neh_area.pk},
            valid=lambda w: {"direction": "down"},
            accepted=lambda response, w: (
                WorkArea.objects.get(pk=w.neh_area.pk).position > w.neh_area.position
            ),
        ),
        # Coordination.
        "plan_term": Form(
            role="coordinator",
            kwargs=lambda w: {"code": "neh"},
            valid=lambda w: submitted(plan_term_data()),
            accepted=lambda response, w: (
                response.status_code == 302
                and Meeting.objects.filter(network=w.neh, place="Stadshuset").exists()
            ),
            refused=_plan_again,
            lenient=MANAGEMENT,
            text=frozenset({"place"}),
            optional=frozenset({"place", "online_url"}),
            note="the management form's counts: any count is capped (absolute_max) or "
            "ignored, and extra rows left blank are skipped",
        ),
        "meeting_edit": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            valid=lambda w: {
                **meeting_edit_data(_fresh(w.planned_neh)),
                "work_areas": [str(w.neh_area.pk)],
            },
            accepted=lambda response, w: _fresh(w.planned_neh).theme_title == "Nytt tema",
            text=frozenset({"place", "theme_title", "theme_description"}),
            optional=frozenset(
                {"place", "online_url", "theme_title", "theme_description", "work_areas"}
            ),
            extra_values={
                "work_areas": lambda w: [w.nsh_area.pk, w.archived_neh_area.pk],
                "version": lambda w: [_fresh(w.planned_neh).version + 1],
            },
            note="a planned meeting's theme may be empty; times are checked",
        ),
        "meeting_publish": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.planned_neh.pk},
            valid=lambda w: {"version": str(_fresh(w.planned_neh).version)},
            accepted=lambda response, w: _fresh(w.planned_neh).is_published,
        ),
        "meeting_reschedule": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.published_neh.pk},
            valid=lambda w: reschedule_data(_fresh(w.published_neh)),
            accepted=lambda response, w: (
                timezone.localtime(_fresh(w.published_neh).starts_at).hour == 9
            ),
            text=frozenset({"place"}),
            optional=frozenset({"place"}),
            extra_values={"version": lambda w: [_fresh(w.published_neh).version + 1]},
        ),
        "meeting_cancel": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.published_neh.pk},
            valid=lambda w: {"version": str(_fresh(w.published_neh).version), "reason": "Sjuk"},
            accepted=lambda response, w: _fresh(w.published_neh).is_cancelled,
            text=frozenset({"reason"}),
            extra_values={"version": lambda w: [_fresh(w.published_neh).version + 1]},
        ),
        # Agenda: a representative's proposals.
        "agenda_proposals": Form(
            role="representative",
            kwargs=lambda w: {"pk": w.published_neh.pk},
            valid=lambda w: submitted(proposal_data(w), title="Nytt förslag"),
            accepted=lambda response, w: AgendaItem.objects.filter(
                title="Nytt förslag", proposed_by=w.representative
            ).exists(),
            text=frozenset({"title", "description"}),
            optional=frozenset({"description", "work_area"}),
            lenient=frozenset({"is_management_question"}),
            extra_values={"work_area": lambda w: [w.nsh_area.pk, w.archived_neh_area.pk]},
        ),
        "agenda_proposal_edit": Form(
            role="representative",
            kwargs=lambda w: {"pk": w.published_neh.pk, "item_pk": w.own_proposal.pk},
            valid=lambda w: {**proposal_data(w), "title": "Ändrat förslag"},
            accepted=lambda response, w: (
                AgendaItem.objects.get(pk=w.own_proposal.pk).title == "Ändrat förslag"
            ),
            text=frozenset({"title", "description"}),
            optional=frozenset({"description", "work_area"}),
            extra_values={"work_area": lambda w: [w.nsh_area.pk, w.archived_neh_area.pk]},
        ),
        # Agenda: the coordinators' workspace.
        "agenda_triage": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.published_neh.pk, "item_pk": w.own_proposal.pk},
            valid=lambda w: {
                f"t{w.own_proposal.pk}-action": "defer",
                f"t{w.own_proposal.pk}-to_meeting": str(w.later_neh.pk),
                f"t{w.own_proposal.pk}-reason": "Passar bättre då",
            },
            accepted=lambda response, w: (
                AgendaItem.objects.get(pk=w.own_proposal.pk).status == AgendaItem.Status.DEFERRED
            ),
            refused=_workspace_again,
            text=frozenset({"reason"}),
            optional=frozenset({"reason"}),  # needed to decline, not to defer
            extra_values={
                # the meeting itself, another network's, a planned one of another network
                "to_meeting": lambda w: [w.published_neh.pk, w.published_nsh.pk, w.planned_nsh.pk],
            },
        ),
        "agenda_add": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.published_neh.pk},
            valid=lambda w: submitted(own_item_data(), work_area=str(w.neh_area.pk)),
            accepted=lambda response, w: AgendaItem.objects.filter(
                meeting=w.published_neh, title="Samordnarnas punkt"
            ).exists(),
            refused=_workspace_again,
            text=frozenset({"title", "presenter"}),
            optional=frozenset({"work_area", "presenter"}),
            extra_values={"work_area": lambda w: [w.nsh_area.pk, w.archived_neh_area.pk]},
        ),
        "agenda_move": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.later_neh.pk, "item_pk": w.draft_items[0].pk},
            valid=lambda w: {"direction": "down", "position": "1"},
            accepted=lambda response, w: (
                AgendaItem.objects.get(pk=w.draft_items[0].pk).position == 2
            ),
            refused=_workspace_again,
        ),
        "agenda_time": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.later_neh.pk, "item_pk": w.draft_items[0].pk},
            valid=lambda w: {
                f"m{w.draft_items[0].pk}-allotted_minutes": "25",
                f"m{w.draft_items[0].pk}-presenter": "Samordnaren",
            },
            accepted=lambda response, w: (
                AgendaItem.objects.get(pk=w.draft_items[0].pk).allotted_minutes == 25
            ),
            refused=_workspace_again,
            text=frozenset({"presenter"}),
            optional=frozenset({"presenter"}),
        ),
        "agenda_publish": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.later_neh.pk},
            valid=lambda w: {"change_note": "", "based_on": "0"},
            accepted=lambda response, w: AgendaVersion.objects.filter(
                meeting=w.later_neh, number=1
            ).exists(),
            refused=_workspace_again,
            text=frozenset({"change_note"}),
            optional=frozenset({"change_note"}),
            note="the change note is required from version 2 only",
        ),
    }
)

# Minutes and action items.
FORMS.update(
    {
        "minutes_edit": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.held_neh.pk},
            valid=lambda w: minutes_data(w),
            accepted=lambda response, w: (
                response.status_code == 302
                and Minutes.objects.get(meeting=w.held_neh).summary == "Vi gick igenom punkterna."
            ),
            # Optional Markdown of up to 20 000 (notes) or 10 000 (outcomes) characters: any
            # text may be saved, and it is sanitised when shown (tests/minutes/test_markdown.py).
            # Overlong text and NUL are refused: tests/minutes/test_minutes.py.
            lenient=frozenset({"summary", "note", "outcome", "*"}),
            # The draft's version is strict: refused on the page's summary form.
            refused=lambda response, w: errors_again(
                response,
                lambda context: [
                    (context or {}).get("summary_form"),
                    *((context or {}).get("entry_forms") or []),
                ],
            ),
            note="a draft with every field empty is a valid (empty) draft",
        ),
        "minutes_publish": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.held_neh.pk},
            valid=lambda w: minutes_publish_data(
                w.held_neh,
                correction_note="Rättat stavfel.",
                based_on=str(MinutesVersion.objects.filter(minutes=w.minutes).count()),
            ),
            accepted=lambda response, w: MinutesVersion.objects.filter(
                minutes=w.minutes, number=2, correction_note="Rättat stavfel."
            ).exists(),
            text=frozenset({"correction_note"}),
            note="a correction (version 2) needs its note",
        ),
        "action_create": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.held_neh.pk},
            valid=lambda w: submitted(action_data(w)),
            accepted=lambda response, w: ActionItem.objects.filter(
                meeting=w.held_neh, title="Ta fram en plan"
            ).exists(),
            text=frozenset({"title"}),
            extra_values={
                # An administration without a seat in NEH; items of other meetings.
                "administrations": lambda w: [w.other_administration.pk],
                "agenda_item": lambda w: [w.held_nsh_item.pk, w.own_proposal.pk],
                # The day before the meeting.
                "due_on": lambda w: [
                    (
                        timezone.localdate(w.held_neh.starts_at) - datetime.timedelta(days=1)
                    ).isoformat()
                ],
            },
        ),
        "action_done": Form(
            role="representative",
            kwargs=lambda w: {"pk": w.action.pk},
            valid=lambda w: {"done_comment": "Planen är antagen."},
            accepted=lambda response, w: ActionItem.objects.filter(
                pk=w.action.pk, status="done", done_comment="Planen är antagen."
            ).exists(),
            text=frozenset({"done_comment"}),
        ),
    }
)


def _question(w, name):
    from meetings.models import Question

    return Question.objects.get(pk=getattr(w, name).pk)


# Questions from the management groups. Acting on another administration's question,
# skipping states and an outcome without a meeting are tested in tests/questions/test_views.py
# (they are other URLs, not other field values).
FORMS.update(
    {
        "question_create": Form(
            role="representative",
            kwargs=lambda w: {"code": "neh"},
            valid=lambda w: submitted(question_data(w), title="Helt ny fråga"),
            accepted=lambda response, w: _question_state("Helt ny fråga") == "on_agenda",
            text=frozenset({"title", "description"}),
            optional=frozenset({"description", "wished_minutes"}),
            # Unticked, the question is registered without a proposal: any value is a choice.
            lenient=frozenset({"propose"}),
            extra_values={
                "meeting": lambda w: [w.published_nsh.pk, w.held_neh.pk, w.planned_neh.pk],
                "raised_on": lambda w: [_in_days(1)],
            },
        ),
        "question_propose": Form(
            role="representative",
            kwargs=lambda w: {"pk": w.question_raised.pk},
            valid=lambda w: question_propose_data(w),
            accepted=lambda response, w: _question(w, "question_raised").state == "on_agenda",
            extra_values={"meeting": lambda w: [w.published_nsh.pk, w.held_neh.pk]},
        ),
        "question_answer": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.question_raised.pk},
            valid=lambda w: {"written_answer": "Så här är det."},
            accepted=lambda response, w: _question(w, "question_raised").state == "answered",
            text=frozenset({"written_answer"}),
        ),
        "question_refer": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.question_raised.pk},
            valid=lambda w: {"to_network": str(w.nsh.pk), "note": "Hör hemma där."},
            accepted=lambda response, w: _question(w, "question_raised").state == "referred",
            text=frozenset({"note"}),
            optional=frozenset({"note"}),
            extra_values={"to_network": lambda w: [w.neh.pk]},
        ),
        "question_deal_with": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.question_on_agenda.pk},
            valid=lambda w: {"meeting": str(w.held_neh.pk), "note": "Diskuterad."},
            accepted=lambda response, w: _question(w, "question_on_agenda").state == "dealt_with",
            text=frozenset({"note"}),
            optional=frozenset({"note"}),
            # a coming meeting, the other network's, a planned one
            extra_values={
                "meeting": lambda w: [w.published_neh.pk, w.published_nsh.pk, w.planned_neh.pk]
            },
        ),
        "question_outcome": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.question_dealt_with.pk},
            valid=lambda w: {"outcome": "Nätverket tar fram en mall."},
            accepted=lambda response, w: _question(w, "question_dealt_with").state == "outcome",
            text=frozenset({"outcome"}),
        ),
        "question_report_back": Form(
            role="representative",
            kwargs=lambda w: {"pk": w.question_outcome.pk},
            valid=lambda w: {"reported_back_on": _in_days(0), "note": ""},
            accepted=lambda response, w: _question(w, "question_outcome").state == "reported_back",
            text=frozenset({"note"}),
            optional=frozenset({"note"}),
            # in the future; before the management group raised the question
            extra_values={"reported_back_on": lambda w: [_in_days(1), _in_days(-400)]},
        ),
        "question_close": Form(
            role="representative",
            kwargs=lambda w: {"pk": w.question_reported.pk},
            valid=lambda w: {"note": "Klart."},
            accepted=lambda response, w: _question(w, "question_reported").state == "closed",
            text=frozenset({"note"}),
            optional=frozenset({"note"}),
            lenient=frozenset({"*"}),  # closing needs no note: the empty submission closes
        ),
    }
)


def _question_state(title: str) -> str | None:
    from meetings.models import Question

    return Question.objects.filter(title=title).values_list("state", flat=True).first()


def _in_days(days: int) -> str:
    import datetime

    from django.utils import timezone

    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


# URLs that accept POST but are not in FORMS yet, with the reason. Keep this short.
NOT_FORMS: dict[str, str] = {
    "account_signup": "sign-up is closed (AccountAdapter); a POST shows the closed page",
    "account_reauthenticate": "allauth's password re-check; no data of ours is saved",
    "account_request_reauthentication_code": "allauth: sends a code, saves nothing of ours",
    "account_confirm_reauthentication_code": "allauth: code check, saves nothing of ours",
    "account_set_password": "only for accounts without a password; ours always have one",
    "account_confirm_login_code": "login by code is off",
    "account_confirm_email": "allauth: a confirmation key, nothing but the key is read",
    "account_reset_password_from_key": "allauth: needs a valid key; covered by allauth",
    "mfa_authenticate": "allauth: only during a sign-in with 2FA",
    "usersessions_list": "allauth: one button that ends the person's other sessions, no fields",
    "mfa_reauthenticate": "allauth: only with 2FA",
    "mfa_activate_totp": "allauth: behind re-authentication",
    "mfa_deactivate_totp": "allauth: behind re-authentication",
    "mfa_generate_recovery_codes": "allauth: behind re-authentication",
    "mfa_download_recovery_codes": "allauth: behind re-authentication",
    "appointment_end": "a button without fields; who may press it is in the matrix",
    "outbox_retry": "a button without fields; who may press it is in the matrix",
    "outbox_retry_all": "a button without fields; who may press it is in the matrix",
    "work_area_archive": "a button, no fields; the matrix covers who may post",
    "work_area_restore": "a button, no fields; the matrix covers who may post",
    "agenda_proposal_withdraw": "a button, no fields; the matrix covers who may post",
    "evaluation_send": "a button, no fields; the matrix covers who may post; tests/evaluations",
    "administration_deactivate": "a button, no fields; the matrix covers who may post",
    "administration_reactivate": "a button, no fields; the matrix covers who may post",
}


# --- Theme wishes ------------------------------------------------------------------


def _suggestions_page_again(response, world) -> str | None:
    """A coordinator's form that failed comes back on the suggestions page (`bound_form`)."""
    return errors_again(response, lambda context: [(context or {}).get("bound_form")])


def _suggestion_status(world, pk) -> str:
    from meetings.models import ThemeSuggestion

    return ThemeSuggestion.objects.get(pk=pk).status


FORMS.update(
    {
        "theme_suggestions": Form(
            role="representative",
            kwargs=lambda w: {"code": "neh"},
            valid=lambda w: submitted(
                {
                    "title": "Klimatsmarta måltider",
                    "why": "Kosten står för mycket.",
                    "work_area": str(w.neh_area.pk),
                }
            ),
            accepted=lambda response, w: w.neh.theme_suggestions.filter(
                title="Klimatsmarta måltider", suggested_by=w.representative
            ).exists(),
            text=frozenset({"title", "why"}),
            # another network's work area, an archived one
            extra_values={"work_area": lambda w: [w.nsh_area.pk, w.archived_neh_area.pk]},
        ),
        "theme_suggestion_support": Form(
            role="substitute",
            kwargs=lambda w: {"code": "neh", "pk": w.suggestion_neh.pk},
            valid=lambda w: {"action": "support"},
            accepted=lambda response, w: w.suggestion_neh.supports.filter(
                person=w.substitute
            ).exists(),
            note="a bad action is a 400; a second vote is tested in tests/wishes",
        ),
        "theme_suggestion_adopt": Form(
            role="coordinator",
            kwargs=lambda w: {"code": "neh", "pk": w.suggestion_neh.pk},
            valid=lambda w: {f"a{w.suggestion_neh.pk}-meeting": str(w.planned_neh.pk)},
            accepted=lambda response, w: _suggestion_status(w, w.suggestion_neh.pk) == "adopted",
            refused=_suggestions_page_again,
            extra_values={
                # published (has a published theme), past, another network's planned meeting
                "meeting": lambda w: [w.published_neh.pk, w.held_neh.pk, w.planned_nsh.pk],
            },
        ),
        "theme_suggestion_close": Form(
            role="coordinator",
            kwargs=lambda w: {"code": "neh", "pk": w.suggestion_neh.pk},
            valid=lambda w: {f"c{w.suggestion_neh.pk}-reason": "Passar inte."},
            accepted=lambda response, w: _suggestion_status(w, w.suggestion_neh.pk) == "closed",
            refused=_suggestions_page_again,
            text=frozenset({"reason"}),
        ),
        "question_withdraw": Form(
            role="representative",
            kwargs=lambda w: {"pk": w.question_raised.pk},
            valid=lambda w: {"note": "Registrerad av misstag."},
            accepted=lambda response, w: _question(w, "question_raised").state == "withdrawn",
            text=frozenset({"note"}),
            optional=frozenset({"note"}),
            lenient=frozenset({"*"}),  # no note needed: the empty submission withdraws
        ),
    }
)


# Meeting evaluations.
FORMS.update(
    {
        "evaluation_answer": Form(
            role="representative",
            kwargs=lambda w: {"pk": w.evaluated_neh.pk},
            valid=lambda w: {
                "usefulness": "4",
                "length": "right",
                "preferred_format": "hybrid",
                "comment": "Bra möte.",
            },
            accepted=lambda response, w: Evaluation.objects.filter(
                meeting=w.evaluated_neh, person=w.representative, usefulness=4
            ).exists(),
            text=frozenset({"comment"}),
            optional=frozenset({"comment"}),
            extra_values={
                "usefulness": lambda w: [0, 6, "fyra", "4.5"],
                "length": lambda w: ["much_too_long"],
                "preferred_format": lambda w: ["teleport", "on site"],
            },
        ),
        "evaluation_settings": Form(
            role="coordinator",
            kwargs=lambda w: {"code": "neh"},
            valid=lambda w: at_version(
                EvaluationSettings.objects.filter(network=w.neh).first(),
                EVALUATION_SETTINGS_DATA,
            ),
            accepted=lambda response, w: EvaluationSettings.objects.filter(
                network=w.neh, length_text="Var mötet lagom långt?"
            ).exists(),
            # Checkboxes: any value is "on"; an empty submission asks nothing and is refused.
            lenient=frozenset({"ask_usefulness", "ask_length", "ask_format", "ask_comment"}),
            text=frozenset(
                {"usefulness_text", "length_text", "format_text", "comment_text", "extra_question"}
            ),
            optional=frozenset(
                {"usefulness_text", "length_text", "format_text", "comment_text", "extra_question"}
            ),
        ),
    }
)


# Documents: a coordinator's edit (with the drafting steps of a governance document) and
# withdrawal. Withdrawing twice is tested in tests/documents/test_editing.py.
FORMS.update(
    {
        "document_edit": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.steering_document.pk},
            valid=lambda w: at_version(
                w.steering_document,
                {
                    "title": "Rättat styrdokument",
                    "url": "https://www.example.org/styrdokument",
                    "drafting_status": "drafting",
                    "drafting_since": _in_days(-10),
                },
            ),
            accepted=lambda response, w: (
                response.status_code == 302
                and Document.objects.get(pk=w.steering_document.pk).title == "Rättat styrdokument"
            ),
            text=frozenset({"title"}),
            optional=frozenset({"work_areas", "meeting", "consultation_since", "decided_on"}),
            extra_values={
                "meeting": lambda w: [w.published_nsh.pk],
                "work_areas": lambda w: [w.nsh_area.pk],
                "drafting_status": lambda w: ["decided", "beslutad"],
            },
        ),
        "document_withdraw": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.link_document.pk},
            valid=lambda w: at_version(w.link_document, {"reason": "Ersatt av ett nyare."}),
            accepted=lambda response, w: (
                response.status_code == 302
                and Document.objects.get(pk=w.link_document.pk).is_withdrawn
            ),
            text=frozenset({"reason"}),
        ),
        "question_withdraw": Form(
            role="representative",
            kwargs=lambda w: {"pk": w.question_raised.pk},
            valid=lambda w: {"note": "Registrerad av misstag."},
            accepted=lambda response, w: _question(w, "question_raised").state == "withdrawn",
            text=frozenset({"note"}),
            optional=frozenset({"note"}),
            lenient=frozenset({"*"}),  # no note needed: the empty submission withdraws
        ),
    }
)


def _filters_again(response, world) -> str | None:
    """The question list's filters: a value that does not fit is left out, the list shown
    without it, and a Swedish message beside the field says so."""
    return errors_again(response, lambda context: [(context or {}).get("filters")])


def _question_filters(w) -> dict:
    """Every question of Miljöförvaltningen raised this term."""
    term = Term.of(timezone.localdate())
    return {"lage": "alla", "termin": term.code, "forvaltning": str(w.administration.pk)}


def _question_filters_used(response, w) -> bool:
    html = response.content.decode()
    return (
        response.status_code == 200
        and not response.context["filters"].errors
        and w.question_raised.title in html
        and w.question_reported.title in html  # "alla": the reported-back ones too
        and w.social_question_neh.title not in html  # another administration's
    )


# Forms sent by GET (they change nothing): each bad value in each field must answer the page
# with a Swedish message or a 4xx, never a 500, and write nothing. Same `Form` entries;
# `test_get_form_bad_input_is_refused_cleanly` sends them as query strings.
GET_FORMS: dict[str, Form] = {
    # The search box: odd but harmless text is a fine query (it finds nothing, or the words in
    # it); empty, blank, overlong, NUL and only punctuation are refused with a message.
    "search": Form(
        role="staff",
        valid=lambda w: {"q": "Hållet NEH-möte"},
        accepted=lambda response, w: (
            response.status_code == 200 and "Hållet NEH-möte" in response.content.decode()
        ),
        text=frozenset({"q"}),
        # Without a `q` at all it is the search page before a search: the empty form.
        refused=lambda response, w: (
            form_again(response, w) if "q" in response.wsgi_request.GET else None
        ),
    ),
    # The questions' filters, on the list across networks and on a network's: a value that
    # does not fit is left out with a message beside its field (nothing at all: the default).
    "question_list": Form(
        role="coordinator",
        valid=_question_filters,
        accepted=_question_filters_used,
        refused=_filters_again,
        lenient=frozenset({"*"}),
        optional=frozenset({"lage", "termin", "forvaltning"}),
    ),
    "network_questions": Form(
        role="coordinator",
        kwargs=lambda w: {"code": "neh"},
        valid=_question_filters,
        accepted=_question_filters_used,
        refused=_filters_again,
        lenient=frozenset({"*"}),
        optional=frozenset({"lage", "termin", "forvaltning"}),
    ),
}


def _administration(w, name) -> Administration:
    return Administration.objects.get(pk=getattr(w, name).pk)


# The coordinators' settings: the network's settings, the administrations, an action's
# correction, one extra meeting.
FORMS.update(
    {
        "network_settings": Form(
            role="coordinator",
            kwargs=lambda w: {"code": "neh"},
            valid=lambda w: {**network_settings_data(w.neh), "theme_lead_days": "30"},
            accepted=lambda response, w: (
                response.status_code == 302
                and WorkArea.objects.filter(network__theme_lead_days=30).exists()
            ),
            text=frozenset({"name", "purpose"}),
            optional=frozenset({"purpose", "organizer_email"}),
        ),
        "administration_add": Form(
            role="coordinator",
            valid=lambda w: submitted(ADMINISTRATION_DATA),
            accepted=lambda response, w: Administration.objects.filter(short_name="KF").exists(),
            text=frozenset({"name", "short_name"}),
        ),
        "administration_edit": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.administration.pk},
            valid=lambda w: at_version(w.administration, ADMINISTRATION_DATA),
            accepted=lambda response, w: _administration(w, "administration").short_name == "KF",
            text=frozenset({"name", "short_name"}),
            # The other administration's names: taken.
            extra_values={
                "name": lambda w: [w.other_administration.name],
                "short_name": lambda w: [w.other_administration.short_name.lower()],
            },
        ),
        "administration_merge": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.administration.pk},
            valid=lambda w: {"target": str(w.other_administration.pk), "confirm": "on"},
            accepted=lambda response, w: (
                _administration(w, "administration").merged_into_id == w.other_administration.pk
            ),
            lenient=frozenset({"confirm"}),  # a checkbox: any value but empty ticks it
            # Itself.
            extra_values={"target": lambda w: [w.administration.pk]},
        ),
        "action_edit": Form(
            role="coordinator",
            kwargs=lambda w: {"pk": w.action.pk},
            valid=action_edit_data,
            accepted=lambda response, w: ActionItem.objects.filter(
                pk=w.action.pk, title="Miljöns åtgärd, ändrad"
            ).exists(),
            text=frozenset({"title"}),
            extra_values={
                # An administration without a seat in NEH.
                "administrations": lambda w: [w.other_administration.pk],
                # The day before the meeting.
                "due_on": lambda w: [
                    (
                        timezone.localdate(w.held_neh.starts_at) - datetime.timedelta(days=1)
                    ).isoformat()
                ],
            },
        ),
        "meeting_new": Form(
            role="coordinator",
            kwargs=lambda w: {"code": "neh"},
            valid=lambda w: submitted(single_meeting_data()),
            accepted=lambda response, w: (
                response.status_code == 302
                and Meeting.objects.filter(network=w.neh, place="Stadshuset").exists()
            ),
            lenient=frozenset({"action"}),  # anything but "check" creates
            text=frozenset({"place"}),
            optional=frozenset({"place", "online_url"}),
        ),
    }
)
