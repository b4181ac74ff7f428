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
`lenient` may hold "*" for the empty submission.
`refused` checks a refusal; the default, `form_again`, wants the form re-rendered with
errors in Swedish, or a 4xx.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse

from meetings.models import Attendance, CalendarToken, Invitation
from representatives.models import Appointment
from tests.factories import PASSWORD

BAD_VALUES: dict[str, object] = {
    "empty": "",
    "blank": "   \t ",
    "10,000 characters": "x" * 10_000,
    "control characters": "a\x01\x02\x08\x1b[31mb\x7f\u202e",
    "NUL byte": "a\x00b",
    "HTML": '"><script>alert("x")</script><img src=x onerror=alert(1)>',
    "SQL": "' OR '1'='1'; DROP TABLE accounts_user; --",
    "impossible date": "2025-02-30",
    "garbled date": "31/13/20255 25:61",
    "not a number": "NaN",
    "huge number": "9" * 40,
    "negative id": "-1",
    "missing id": "999999999",
    "two values": ["1", "2"],
}

# Error messages of a Swedish page must not be English (Django's and allauth's defaults are
# translated; a message of our own left in English, or a missing catalogue, shows up here).
ENGLISH = re.compile(
    r"\b(the|this|field|enter|ensure|must|characters|required|please|invalid|allowed)\b", re.I
)
HTML_PROBE = "<script>alert("


def form_again(response, world) -> str | None:
    """The default refusal: the form again with errors in Swedish, or a 4xx."""
    if 400 <= response.status_code < 500:
        return None
    if response.status_code != 200:
        return f"expected the form again or a 4xx, got {response.status_code}"
    form = (response.context or {}).get("form")
    if form is None or not form.errors:
        return "the page came back without form errors"
    messages = [str(m) for errors in form.errors.values() for m in errors]
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


@dataclass(frozen=True)
class Form:
    role: str
    valid: Callable[[object], dict]
    accepted: Callable[[object, object], bool]
    kwargs: Callable[[object], dict] | None = None
    lenient: frozenset[str] = frozenset()
    refused: Callable[[object, object], str | None] = form_again
    extra_values: dict[str, Callable[[object], list]] = field(default_factory=dict)
    note: str = ""

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
        accepted=lambda response, w: response.status_code == 302 and len(mail.outbox) == 1,
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
    # Representatives (issue 5). Names and reasons are free text, shown escaped: any text will
    # do there, so they are lenient; the e-mail address and the choices are strict.
    "appointment_create": Form(
        role="director",
        kwargs=lambda w: {"pk": w.administration.pk, "code": "neh", "role": "ersattare"},
        valid=lambda w: {
            "full_name": "Nora Ny",
            "email": "nora.ny@example.org",
            "mandate": "on",
            "management_access": "on",
            "management_forwards": "on",
        },
        accepted=lambda response, w: (
            Appointment.objects.current()
            .filter(person__email="nora.ny@example.org", role="substitute")
            .exists()
        ),
        lenient=frozenset({"full_name", "mandate", "management_access", "management_forwards"}),
    ),
    "attendance_answer": Form(
        role="representative",
        kwargs=lambda w: {"pk": w.published_neh.pk},
        valid=lambda w: {"answer": "not_coming"},
        accepted=lambda response, w: (
            Attendance.objects.get(meeting=w.published_neh, person=w.representative).answer
            == "not_coming"
        ),
        # A plain POST goes back with the Swedish message; htmx gets the form with a 422.
        refused=redirect_to_local_page,
    ),
    "attendance_record": Form(
        role="coordinator",
        kwargs=lambda w: {"pk": w.held_neh.pk},
        valid=lambda w: {"present": [w.representative.pk]},
        accepted=lambda response, w: (
            Attendance.objects.get(meeting=w.held_neh, person=w.representative).attended is True
        ),
        # Ticking nobody is a real answer (nobody came), so leaving the field out is valid.
        lenient=frozenset({"present", "*"}),
        extra_values={"present": lambda w: [w.staff.pk]},
    ),
    "invitation_create": Form(
        role="representative",
        kwargs=lambda w: {"pk": w.published_neh.pk},
        valid=lambda w: {
            "full_name": "Klara Kollega",
            "email": "klara.kollega@example.org",
            "reason": "Arbetar med temat.",
        },
        accepted=lambda response, w: Invitation.objects.filter(
            email="klara.kollega@example.org"
        ).exists(),
        lenient=frozenset({"full_name", "reason"}),
    ),
    # Accounts (issue 10).
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
}
