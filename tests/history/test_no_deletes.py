"""Nothing hard-deletes public records: not the app, not the admin.

Three guards, since each alone can be got round:

- this scan lists every `.delete(` call in the app code. Each one must be a known delete of
  something that is not a record (expired invitations, revoked calendar links, sessions, files
  in storage, an account's sign-in records, old form tokens). A new delete fails here until it
  is reviewed and added below, or replaced by a state change (end an appointment, cancel a
  meeting, withdraw or decline an agenda item, archive a work area). The demo
  (meetings/demo*.py) builds its own example data and is not app code here;
- every model admin (and inline) refuses deleting, which also takes the bulk "delete selected"
  action away, unless its model is in DELETABLE with the reason; every other admin action is
  in ADMIN_ACTIONS, reviewed;
- a record that others point at is protected in the database (PROTECT, not CASCADE): deleting
  a goal does not take its indicators and their values with it.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse

from meetings.models import AgendaVersion, Goal
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "config", "networks", "representatives", "meetings"]

KNOWN = {
    ("accounts/lifecycle.py", "store(key)"),
    ("accounts/lifecycle.py", "EmailAddress.objects.filter(user=user)"),
    ("accounts/lifecycle.py", "Authenticator.objects.filter(user=user)"),
    ("accounts/lifecycle.py", "SocialAccount.objects.filter(user=user)"),
    ("accounts/retention.py", "Session.objects.filter(expire_date__lt=now)"),
    (
        "meetings/account_hooks.py",
        "Invitation.objects.filter(meeting__ends_at__lt=now - INVITATIONS_KEPT)",
    ),
    (
        "meetings/account_hooks.py",
        "CalendarToken.objects.filter(revoked_at__lt=now - REVOKED_TOKENS_KEPT)",
    ),
    ("meetings/documents/workflow.py", "default_storage"),
    # Withdrawing one's support for a theme suggestion removes the vote (not a tracked record).
    ("meetings/wishes/workflow.py", "suggestion.supports.filter(person=user)"),
    # The task queue's finished results, after two weeks (the outbox keeps the record).
    ("meetings/outbox/tidy.py", "DBTaskResult.objects.finished().filter(finished_at__lt=cutoff)"),
    # Create forms' one-time tokens, after their retention period (not records).
    ("networks/submissions.py", "Submission.objects.filter(created_at__lt=now - KEPT)"),
}

# Models the admin may delete, with the reason. Everything else registered in the admin is a
# record (or the settings of one) and is never deleted there.
DELETABLE = {
    # Django's and allauth's own: groups, e-mail addresses, second factors, sign-in sessions.
    "auth.group": "permission groups, not records",
    "account.emailaddress": "a person's sign-in address (allauth)",
    "mfa.authenticator": "a person's second factor (allauth)",
    "usersessions.usersession": "a sign-in session (allauth)",
    "accounts.user": "accounts are deactivated or pseudonymised (accounts/lifecycle.py); one "
    "who holds or held an appointment cannot be deleted (PROTECT)",
    "meetings.calendartoken": "a personal calendar secret; deleting it revokes it",
    "meetings.invitation": "a colleague's invitation, personal data kept 90 days (retention)",
    "meetings.themesupport": "a vote on a suggestion, withdrawn by deleting it in the app too",
    "meetings.evaluationsettings": "a network's evaluation questions: deleting restores defaults",
}

# Every admin action besides Django's "delete selected", reviewed: none deletes records.
ADMIN_ACTIONS = {
    ("accounts.user", "deactivate_accounts"),
    ("accounts.user", "pseudonymise_accounts"),
    ("account.emailaddress", "make_verified"),
}


def delete_calls() -> set[tuple[str, str]]:
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or path.name.startswith("demo"):
                continue
            source = path.read_text(encoding="utf-8")
            for node in ast.walk(ast.parse(source)):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "delete"
                ):
                    receiver = ast.get_source_segment(source, node.func.value) or ""
                    found.add((relative, " ".join(receiver.split())))
    return found


def test_every_delete_in_the_app_is_a_known_delete_of_an_untracked_record():
    assert delete_calls() - KNOWN == set()


def test_the_scan_finds_deletes():
    assert delete_calls() >= KNOWN  # the list stays honest: each entry still exists


def _admin_request(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    return request


def _label(model) -> str:
    return model._meta.label_lower


def test_no_model_admin_deletes_records(admin_user):
    """Every registered model admin and each of its inlines, as a superuser: no delete
    permission (so no delete page and no bulk delete), unless the model is DELETABLE."""
    request = _admin_request(admin_user)
    wrong = []
    for model, model_admin in admin.site._registry.items():
        if _label(model) not in DELETABLE and model_admin.has_delete_permission(request):
            wrong.append(f"{_label(model)} ({type(model_admin).__name__})")
        for inline in model_admin.get_inline_instances(request):
            if _label(inline.model) not in DELETABLE and inline.has_delete_permission(request):
                wrong.append(f"{_label(inline.model)} (inline {type(inline).__name__})")
    assert not wrong, f"These admins can delete records: {wrong}"


def test_the_bulk_delete_action_is_offered_only_for_deletable_models(admin_user):
    request = _admin_request(admin_user)
    offered = {
        _label(model)
        for model, model_admin in admin.site._registry.items()
        if "delete_selected" in model_admin.get_actions(request)
    }
    assert offered <= set(DELETABLE), offered - set(DELETABLE)


def test_every_admin_action_is_reviewed(admin_user):
    request = _admin_request(admin_user)
    actions = {
        (_label(model), name)
        for model, model_admin in admin.site._registry.items()
        for name in model_admin.get_actions(request)
        if name != "delete_selected"
    }
    assert actions == ADMIN_ACTIONS


def test_deletable_lists_only_models_in_the_admin(admin_user):
    request = _admin_request(admin_user)
    shown = set()
    for model, model_admin in admin.site._registry.items():
        shown.add(_label(model))
        shown |= {_label(i.model) for i in model_admin.get_inline_instances(request)}
    assert set(DELETABLE) <= shown


@pytest.mark.django_db
def test_the_admin_refuses_to_delete_a_published_agenda_version(client, admin_user, neh):
    """Members read the published version; deleting it would leave them a 404."""
    meeting = factories.make_meeting(neh)
    factories.make_agenda_item(meeting, position=1)
    version = AgendaVersion.objects.create(meeting=meeting, number=1, snapshot=[])
    client.force_login(admin_user)
    url = reverse("admin:meetings_agendaversion_delete", args=[version.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:meetings_agendaversion_changelist")
    client.post(
        changelist, {"action": "delete_selected", "_selected_action": [version.pk], "post": "yes"}
    )
    assert AgendaVersion.objects.filter(pk=version.pk).exists()


@pytest.mark.django_db
def test_the_admin_refuses_to_delete_a_goal(client, admin_user, neh):
    goal = factories.make_goal(neh)
    factories.make_indicator(goal, values={2024: 10})
    client.force_login(admin_user)
    response = client.post(reverse("admin:meetings_goal_delete", args=[goal.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Goal.objects.filter(pk=goal.pk).exists()
    assert goal.indicators.get().values.count() == 1


@pytest.mark.django_db
def test_deleting_a_goal_does_not_take_its_indicators_and_values(neh):
    goal = factories.make_goal(neh)
    indicator = factories.make_indicator(goal, values={2023: 12, 2024: 10})
    with pytest.raises(ProtectedError):
        goal.delete()
    with pytest.raises(ProtectedError):
        indicator.delete()
    assert indicator.values.count() == 2


# Foreign keys from a public record to the record it belongs to: a delete of the parent must
# not take it along (PROTECT). The others may cascade: they point at people (personal data
# that goes with the account) or are not records (votes, tokens, settings, answers).
PROTECTED_CHILDREN = {
    ("meetings.agendaversion", "meeting"),
    ("meetings.consultationresponse", "document"),
    ("meetings.indicator", "goal"),
    ("meetings.indicatorvalue", "indicator"),
    ("meetings.minutesentry", "minutes"),
    ("meetings.questionevent", "question"),
}
CASCADES = {
    ("meetings.attendance", "meeting"),
    ("meetings.attendance", "person"),
    ("meetings.calendartoken", "network"),
    ("meetings.calendartoken", "user"),
    ("meetings.evaluation", "meeting"),
    ("meetings.evaluation", "person"),
    ("meetings.evaluationrequest", "meeting"),
    ("meetings.evaluationsettings", "network"),
    ("meetings.invitation", "meeting"),
    ("meetings.invitation", "invited_by"),
    ("meetings.networkvisit", "network"),
    ("meetings.networkvisit", "user"),
    ("meetings.reminderpreferences", "user"),
    ("meetings.themesupport", "person"),
    ("meetings.themesupport", "suggestion"),
    ("networks.submission", "user"),
}


def test_records_are_protected_not_cascaded():
    """Every CASCADE in our apps is reviewed (CASCADES); the record's own parts are PROTECT."""
    cascades = set()
    for app in ("accounts", "networks", "representatives", "meetings"):
        for model in apps.get_app_config(app).get_models():
            if model._meta.label_lower.split(".")[1].startswith("historical"):
                continue  # the history's own tables
            for field in model._meta.concrete_fields:
                if isinstance(field, models.ForeignKey):
                    key = (model._meta.label_lower, field.name)
                    if field.remote_field.on_delete is models.CASCADE:
                        cascades.add(key)
                    if key in PROTECTED_CHILDREN:
                        assert field.remote_field.on_delete is models.PROTECT, key
    assert cascades == CASCADES
