"""Every form refuses bad input cleanly: the form again in Swedish or a 4xx, never a 500,
nothing saved. The forms and their expectations are in bad_input.py."""

from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client

from tests.accounts.support import sign_in_as
from tests.security.bad_input import BAD_VALUES, FORMS, GET_FORMS, HTML_PROBE, NOT_FORMS
from tests.security.matrix import OK, cases_for
from tests.security.support import WriteRecorder, all_routes, changed_tables, snapshot

pytestmark = pytest.mark.django_db

SessionStore = import_module(settings.SESSION_ENGINE).SessionStore


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    # allauth counts failed sign-ins in the cache; dozens of deliberate failures would turn
    # into 429s (fine, but they would hide the answers under test) and leak into other tests.
    settings.ACCOUNT_RATE_LIMITS = False


def signed_in_client(user_for_role, role: str) -> Client:
    client = Client()
    user = user_for_role(role)
    if user is not None:
        sign_in_as(client, user)
    return client


class FreshClients:
    """A new client for each submission, signed in as `role`, so nothing one submission leaves
    in its session or cookies reaches the next. The first signs in for real; each next one gets
    a session of its own holding a copy of that session's data (what signing in again would
    store), which costs one insert instead of a sign-in."""

    def __init__(self, user_for_role, role: str) -> None:
        self.first: Client | None = signed_in_client(user_for_role, role)
        self.signed_in = user_for_role(role) is not None
        self.data = dict(self.first.session.items()) if self.signed_in else {}

    def next(self) -> Client:
        if self.first is not None:
            client, self.first = self.first, None
            return client
        client = Client()
        if self.signed_in:
            session = SessionStore()
            session.update(self.data)
            session.create()
            client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        return client


def test_every_form_has_an_entry(world, user_for_role):
    """Any URL outside the admin that answers a POST with something other than 405 takes
    input, so it needs an entry in FORMS (or a reason in NOT_FORMS)."""
    takes_posts = set()
    for route in all_routes():
        if route.route.startswith("admin/"):
            continue  # Django's own forms, for superusers only
        case = cases_for(route)[0]
        role = next((r for r, outcome in case.access.items() if outcome == OK), "admin")
        response = signed_in_client(user_for_role, role).post(case.url(route.name, world))
        if response.status_code != 405:
            takes_posts.add(route.key)
    missing = sorted(takes_posts - set(FORMS) - set(NOT_FORMS))
    assert not missing, (
        "These URLs accept POST but have no entry in FORMS in tests/security/bad_input.py "
        f"(see its docstring): {missing}"
    )
    stale = sorted((set(FORMS) | set(NOT_FORMS)) - takes_posts)
    assert not stale, f"Entries for URLs that do not take POST (remove them): {stale}"


@pytest.mark.parametrize("name", FORMS)
def test_valid_submission_is_accepted(name, world, user_for_role, mailoutbox):
    """The control: the bad submissions below differ from this one by one field."""
    form = FORMS[name]
    client = signed_in_client(user_for_role, form.role)
    response = client.post(form.url(name, world), form.valid(world))
    assert form.accepted(response, world), f"{name}: a valid submission was not accepted"


def bad_submissions(form, world):
    # `valid` is asked afresh for each submission: an accepted one (a lenient or text field)
    # may move a version number on, and the next must differ from a valid one by one field.
    for field_name in form.valid(world):
        values = {**BAD_VALUES}
        for extra in form.extra_values.get(field_name, lambda w: [])(world):
            values[f"other's or missing object {extra!r}"] = str(extra)
        for label, value in values.items():
            yield field_name, label, {**form.valid(world), field_name: value}
        valid = form.valid(world)
        yield field_name, "left out", {k: v for k, v in valid.items() if k != field_name}
    yield "*", "nothing at all", {}


@pytest.mark.parametrize("name", FORMS)
def test_bad_input_is_refused_cleanly(
    name, world, user_for_role, mailoutbox, django_capture_on_commit_callbacks
):
    form = FORMS[name]
    url = form.url(name, world)
    before = snapshot()
    accepted_writes = False  # since `before` was taken
    clients = FreshClients(user_for_role, form.role)
    wrong = []
    for field_name, label, data in bad_submissions(form, world):
        may_accept = form.may_accept(field_name, label)
        if accepted_writes and not may_accept:
            # The rows as the last accepted submission left them, which the refused ones must
            # not change: read once before the next refused one, not after every accepted one.
            before, accepted_writes = snapshot(), False
        client = clients.next()
        # The on-commit callbacks run as after a real request: e-mails are built and sent
        # there, so a line break that breaks a subject shows up as the 500 it would be.
        with django_capture_on_commit_callbacks(execute=True), WriteRecorder() as recorder:
            # A 500 raises here, with its traceback.
            response = client.post(url, data)
        where = f"{field_name} = {label}"
        if HTML_PROBE in response.content.decode(errors="replace"):
            wrong.append(f"{where}: the HTML came back unescaped")
        if may_accept:
            # Any value will do here, so the submission may succeed; it must not crash.
            accepted_writes = accepted_writes or bool(recorder.writes)
            continue
        if recorder.writes:
            wrong.append(f"{where}: wrote {recorder.writes}")
        problem = form.refused(response, world)
        if problem:
            wrong.append(f"{where}: {problem}")
    assert not wrong, f"{name} ({url}):\n  " + "\n  ".join(wrong)
    # (When the last submissions to write were accepted ones, no refused one came after.)
    assert accepted_writes or not changed_tables(before, snapshot())
    for mail in mailoutbox:
        mail.message().as_bytes()  # what the SMTP backend does: no BadHeaderError
        assert "\n" not in mail.subject and "\r" not in mail.subject, mail.subject
    assert not mailoutbox or form.lenient or form.text or form.optional, [
        m.subject for m in mailoutbox
    ]


@pytest.mark.parametrize("name", FORMS)
def test_undecodable_body_is_refused_cleanly(name, world, user_for_role):
    form = FORMS[name]
    client = signed_in_client(user_for_role, form.role)
    fields = "&".join(f"{key}=%FF%FE%00" for key in form.valid(world))
    with WriteRecorder() as recorder:
        response = client.post(
            form.url(name, world), fields, content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code < 500
    assert not recorder.writes


def test_someone_elses_address_never_becomes_yours(client_for, world, mailoutbox):
    """allauth's e-mail page does not say whether an address is taken (no enumeration): it
    adds it unverified and mails its owner. The address stays the owner's, and the one who
    added it can neither verify it nor make it primary."""
    from allauth.account.models import EmailAddress

    taken = world.representative.email
    client = client_for("staff")
    client.post("/konto/email/", {"action_add": "", "email": taken})
    client.post("/konto/email/", {"action_primary": "", "email": taken})
    owners = EmailAddress.objects.filter(email=taken, verified=True)
    assert [a.user for a in owners] == [world.representative]
    copy = EmailAddress.objects.filter(email=taken, user=world.staff).first()
    assert copy is None or (not copy.verified and not copy.primary)
    assert [m.to for m in mailoutbox] in ([], [[taken]])


@pytest.mark.parametrize("name", GET_FORMS)
def test_get_form_bad_input_is_refused_cleanly(name, world, user_for_role):
    form = GET_FORMS[name]
    url = form.url(name, world)
    client = signed_in_client(user_for_role, form.role)
    assert form.accepted(client.get(url, form.valid(world)), world), f"{name}: valid refused"
    wrong = []
    for field_name, label, data in bad_submissions(form, world):
        with WriteRecorder() as recorder:
            response = client.get(url, data)  # a 500 raises here, with its traceback
        where = f"{field_name} = {label}"
        if HTML_PROBE in response.content.decode(errors="replace"):
            wrong.append(f"{where}: the HTML came back unescaped")
        if recorder.writes:
            wrong.append(f"{where}: wrote {recorder.writes}")
        if form.may_accept(field_name, label):
            continue
        problem = form.refused(response, world)
        if problem:
            wrong.append(f"{where}: {problem}")
    assert not wrong, f"{name} ({url}):\n  " + "\n  ".join(wrong)
