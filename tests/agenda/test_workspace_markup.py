"""The agenda workspace writes its per-item fields out by hand (a hundred items must not cost a
hundred forms). These tests pin that markup to what Django would render for the
same forms, so a change to a form cannot silently leave the page behind."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from meetings.agenda.forms import TimeForm, TriageForm
from meetings.models import AgendaItem
from tests import factories

pytestmark = pytest.mark.django_db

CONTROLS = {"input", "select", "textarea", "option", "label"}


class _Controls(HTMLParser):
    """The form controls (and labels, options) in some HTML, as (tag, sorted attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, tuple]] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in CONTROLS and ("type", "hidden") not in attrs:
            self.found.append((tag, tuple(sorted((k, v or "") for k, v in attrs))))


def controls(html: str) -> list[tuple[str, tuple]]:
    parser = _Controls()
    parser.feed(html)
    return parser.found


def form_html(content: str, action: str) -> str:
    start = content.index(f'action="{action}"')
    return content[start : content.index("</form>", start)]


def django_controls(form, names) -> list[tuple[str, tuple]]:
    html = "".join(str(form[name].label_tag()) + str(form[name]) for name in names)
    return controls(html)


def test_workspace_item_fields_match_the_forms(client_for, meeting, later_meeting, proposal):
    item = factories.make_agenda_item(
        meeting, position=1, title="Egen punkt", allotted_minutes=25, presenter="Sara <S>"
    )
    content = client_for("coordinator").get(reverse("agenda_manage", args=[meeting.pk]))
    content = content.content.decode()
    targets = [later_meeting]

    time_action = reverse("agenda_time", args=[meeting.pk, item.pk])
    time_form = TimeForm(
        initial={"allotted_minutes": 25, "presenter": "Sara <S>"}, prefix=f"m{item.pk}"
    )
    expected = django_controls(time_form, ["allotted_minutes", "presenter"])
    assert controls(form_html(content, time_action)) == expected

    for triaged in (item, proposal):
        action = reverse("agenda_triage", args=[meeting.pk, triaged.pk])
        page = controls(form_html(content, action))
        form = TriageForm(targets=targets, prefix=f"t{triaged.pk}")
        fields = django_controls(form, ["to_meeting", "reason"])
        assert page[-len(fields) :] == fields
        radios = [dict(attrs)["value"] for tag, attrs in page if tag == "input"]
        expected_radios = (
            ["defer", "decline"] if triaged is item else ["accept", "defer", "decline"]
        )
        assert radios == expected_radios
        assert all(
            dict(attrs)["name"] == f"t{triaged.pk}-action" for tag, attrs in page if tag == "input"
        )


def test_workspace_shows_handled_items_without_forms(client_for, meeting, proposal):
    declined = factories.make_agenda_item(
        meeting,
        title="Avböjd punkt",
        status=AgendaItem.Status.DECLINED,
        decision_reason="Hör till ett annat nätverk.",
    )
    content = client_for("coordinator").get(reverse("agenda_manage", args=[meeting.pk]))
    content = content.content.decode()
    handled = content[content.index('id="handled-heading"') :]
    assert "Avböjd punkt" in handled
    assert "Hör till ett annat nätverk." in handled
    for name in ("agenda_triage", "agenda_time", "agenda_move"):
        assert reverse(name, args=[meeting.pk, declined.pk]) not in content
    # The proposal awaiting a decision does get its form.
    assert reverse("agenda_triage", args=[meeting.pk, proposal.pk]) in content


def test_workspace_shows_a_bound_form_with_its_errors(client_for, meeting, proposal):
    url = reverse("agenda_triage", args=[meeting.pk, proposal.pk])
    response = client_for("coordinator").post(
        url, {f"t{proposal.pk}-action": "decline", f"t{proposal.pk}-reason": ""}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "has-error" in form_html(content, url)
    assert proposal.pk in [i.pk for i in response.context["proposals"] if i.triage_form]
