"""A repeated submit creates nothing twice: every form of bad_input.py's registry is posted
with its valid data, then the very same data again (a double click, the back button, a
retried request). The second time no table may grow. A create form answers the repeat with
its first result (networks/submissions.py); the others refuse or change in place.

Parallel submits are tested on PostgreSQL (tests/agenda/test_concurrency.py)."""

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from networks.models import Submission
from tests.accounts.support import sign_in_as
from tests.security.bad_input import FORMS

pytestmark = pytest.mark.django_db

# The create forms that make a public record: each carries a one-time token.
CREATE_FORMS = [
    "agenda_proposals",
    "agenda_add",
    "question_create",
    "theme_suggestions",
    "document_create",
    "action_create",
    "goal_action_create",
    "goal_create",
    "indicator_create",
    "invitation_create",
    "work_area_add",
    "plan_term",
    "appointment_create",
]

# Forms whose repeat may add a row, with the reason. Keep this short.
MAY_ADD = {
    "account_login": "each sign-in is a session of its own (allauth's session list)",
    "calendar_new_link": "a new secret link each time, the previous one revoked: by design",
    "account_reset_password": "each request is a new reset e-mail in the outbox: the person may "
    "not have found the first one (docs/features/outbox.md)",
}

# Tables that grow with any request and say nothing about duplicates.
NOT_COUNTED = {"sessions.session", "usersessions.usersession", "accounts.auditevent"}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed
        and model._meta.label_lower not in NOT_COUNTED
        and not model._meta.model_name.startswith("historical")
    }


def _client(user_for_role, role):
    client = Client()
    user = user_for_role(role)
    if user is not None:
        sign_in_as(client, user)
    return client


def test_every_create_form_is_in_the_registry_with_a_token(world):
    for name in CREATE_FORMS:
        assert "submission" in FORMS[name].valid(world), name


@pytest.mark.parametrize("name", sorted(set(FORMS) - set(MAY_ADD)))
def test_a_repeated_submit_adds_no_row(name, world, user_for_role, mailoutbox):
    form = FORMS[name]
    client = _client(user_for_role, form.role)
    url = form.url(name, world)
    data = form.valid(world)
    first = client.post(url, data)
    assert form.accepted(first, world), f"{name}: the first submit was not accepted"
    before = row_counts()

    again = client.post(url, data)

    grown = {table for table, count in row_counts().items() if count > before[table]}
    assert not grown, f"{name}: the repeated submit added rows to {sorted(grown)}"
    assert again.status_code < 500


@pytest.mark.parametrize("name", CREATE_FORMS)
def test_a_repeated_create_returns_the_first_result(name, world, user_for_role, mailoutbox):
    form = FORMS[name]
    client = _client(user_for_role, form.role)
    url = form.url(name, world)
    data = form.valid(world)
    first = client.post(url, data)
    assert first.status_code == 302, f"{name}: {first.status_code}"
    mails = len(mailoutbox)

    again = client.post(url, data)

    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    notes = [str(m) for m in get_messages(again.wsgi_request)]
    assert any("redan skickat" in note for note in notes), notes
    assert len(mailoutbox) == mails  # nobody is told twice
    assert Submission.objects.filter(token=data["submission"]).count() == 1


def test_a_repeated_htmx_proposal_sends_the_browser_to_the_first_result(world, client_for):
    form = FORMS["agenda_proposals"]
    client = client_for("representative")
    url = form.url("agenda_proposals", world)
    data = form.valid(world)
    first = client.post(url, data, headers={"HX-Request": "true"})
    assert first.status_code == 200 and "Nytt förslag" in first.content.decode()

    again = client.post(url, data, headers={"HX-Request": "true"})

    assert again["HX-Redirect"] == reverse(
        "agenda_proposals", kwargs={"pk": world.published_neh.pk}
    )
    assert world.published_neh.agenda_items.filter(title="Nytt förslag").count() == 1


def test_a_new_render_gets_a_new_token(client_for, world):
    from tests import factories

    client = client_for("representative")
    url = reverse("agenda_proposals", kwargs={"pk": world.published_neh.pk})
    first, second = (factories.hidden_value(client.get(url), "submission") for _ in range(2))
    assert first != second


def test_a_token_is_the_persons_own(world, user_for_role):
    """Another person posting the same token creates their own record: tokens are looked up
    per person, so nobody is sent to someone else's result."""
    form = FORMS["agenda_proposals"]
    url = form.url("agenda_proposals", world)
    data = form.valid(world)
    for role in ("representative", "substitute"):
        assert _client(user_for_role, role).post(url, data).status_code == 302
    assert world.published_neh.agenda_items.filter(title="Nytt förslag").count() == 2


def test_a_failed_create_leaves_the_token_unused(client_for, world):
    """Refused (a closed meeting's proposals, here a missing title), nothing is kept; the same
    form sent again, corrected, goes through."""
    form = FORMS["agenda_proposals"]
    client = client_for("representative")
    url = form.url("agenda_proposals", world)
    data = form.valid(world)
    assert client.post(url, {**data, "title": ""}).status_code == 200
    assert not Submission.objects.exists()
    assert client.post(url, data).status_code == 302
    assert world.published_neh.agenda_items.filter(title="Nytt förslag").count() == 1


def test_old_tokens_are_deleted_by_the_retention_run(client_for, world):
    import datetime

    from django.utils import timezone

    from accounts import retention

    form = FORMS["goal_create"]
    client_for("coordinator").post(form.url("goal_create", world), form.valid(world))
    client_for("coordinator").post(form.url("goal_create", world), form.valid(world))
    old = Submission.objects.first()
    Submission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert retention.apply()["engångskoder för formulär"] == 1
    assert Submission.objects.count() == 1
