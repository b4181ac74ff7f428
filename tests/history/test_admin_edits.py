"""The admin's change forms have the same version check as the app's forms: a page saved after
someone else's save is refused, and an admin save makes the coordinators' open forms stale."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from meetings.models import Document, Goal
from networks.models import Network
from tests import factories

pytestmark = pytest.mark.django_db

STALE = "har ändrats av någon annan under tiden"


def _value(value):
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def admin_form_data(response) -> dict:
    """What the admin's change page would post as it was rendered (fields and inlines)."""
    data: dict = {}

    def add(form, names):
        for name in names:
            value = _value(form[name].value())
            if value is not None and form[name].value() is not None:
                data[form.add_prefix(name)] = value

    form = response.context["adminform"].form
    add(form, form.fields)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        for inline_form in formset.forms:
            add(inline_form, inline_form.fields)
    return data


def _admin(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def second_admin(db):
    from accounts.models import User

    return User.objects.create_superuser(
        email="admin2@example.org", password=factories.PASSWORD, full_name="Adam Admin"
    )


def test_a_stale_admin_page_does_not_overwrite_a_document(admin_user, second_admin, neh):
    document = factories.make_document(neh, title="Klimatstrategi")
    url = reverse("admin:meetings_document_change", args=[document.pk])
    first, second = _admin(admin_user), _admin(second_admin)
    first_page, second_page = first.get(url), second.get(url)
    assert first.post(url, {**admin_form_data(first_page), "title": "Klimatstrategi 2030"})[
        "Location"
    ].endswith(reverse("admin:meetings_document_changelist"))

    response = second.post(url, {**admin_form_data(second_page), "title": "Klimatplan"})

    assert response.status_code == 200
    assert "Det här " + STALE in response.content.decode()
    saved = Document.objects.get(pk=document.pk)
    assert (saved.title, saved.version) == ("Klimatstrategi 2030", 2)


def test_a_stale_admin_page_does_not_overwrite_a_networks_settings(admin_user, second_admin, neh):
    url = reverse("admin:networks_network_change", args=[neh.pk])
    first, second = _admin(admin_user), _admin(second_admin)
    first_page, second_page = first.get(url), second.get(url)
    assert (
        first.post(url, {**admin_form_data(first_page), "theme_lead_days": "28"}).status_code == 302
    )

    response = second.post(url, {**admin_form_data(second_page), "proposal_close_days": "10"})

    assert STALE in response.content.decode()
    saved = Network.objects.get(pk=neh.pk)
    assert (saved.theme_lead_days, saved.proposal_close_days) == (28, 7)


def test_an_admin_save_makes_a_coordinators_open_form_stale(client_for, admin_user, neh):
    goal = factories.make_goal(neh, title="Klimatneutral 2030")
    edit = reverse("goal_edit", args=[goal.pk])
    coordinator = client_for("coordinator")
    seen = factories.hidden_value(coordinator.get(edit), "version")
    admin = _admin(admin_user)
    url = reverse("admin:meetings_goal_change", args=[goal.pk])
    admin.post(url, {**admin_form_data(admin.get(url)), "title": "Klimatneutral 2035"})

    response = coordinator.post(
        edit,
        {
            "work_area": goal.work_area_id,
            "title": "Netto noll",
            "description": "",
            "target_year": "2030",
            "version": seen,
        },
    )

    assert "Målet " + STALE in response.content.decode()
    assert Goal.objects.get(pk=goal.pk).title == "Klimatneutral 2035"


def test_indicators_and_work_areas_are_edited_on_their_own_admin_page(admin_user, neh):
    """Inline they would be saved without their own version check, so inline they are shown,
    with a link, not edited."""
    goal = factories.make_goal(neh)
    factories.make_indicator(goal)
    admin = _admin(admin_user)
    goal_page = admin.get(reverse("admin:meetings_goal_change", args=[goal.pk]))
    network_page = admin.get(reverse("admin:networks_network_change", args=[neh.pk]))
    for page in (goal_page, network_page):
        (inline,) = page.context["inline_admin_formsets"]
        assert not inline.has_change_permission and not inline.has_add_permission
