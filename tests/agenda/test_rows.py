"""The coordinators' workspace's lists written without a template pass per item
(meetings/agenda/rows.py) are what the template wrote, in both languages: the stamped forms of
the items on the agenda and of the pending proposals, and the handled proposals' lines."""

import re

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from meetings.agenda import rows, views
from meetings.models import AgendaItem
from tests import factories

pytestmark = pytest.mark.django_db

# The handled proposals as templates/meetings/agenda/manage.html wrote them in a template loop.
TEMPLATE_HANDLED = """{% load i18n %}{% for item in handled %}
        <li><span class="agenda-title">{{ item.title|sv }}</span> <span class="status status-{{ item.status }}">{{ item.get_status_display }}</span>{% if item.administration %} · {{ item.administration.name|sv }}{% endif %}{% if item.decision_reason %}<p class="reason">{{ item.decision_reason|sv }}</p>{% endif %} {% include "meetings/history/_link.html" with key="dagordningspunkt" pk=item.pk title=item.title %}</li>
      {% endfor %}"""  # noqa: E501


def _normalised(html: str) -> str:
    """The same HTML to a browser: runs of white space are one space, none between tags; the
    CSRF tokens (masked anew for each form) and one-time tokens left out."""
    html = re.sub(r'(name="(?:csrfmiddlewaretoken|submission)" value=")[^"]+"', r'\1"', html)
    html = re.sub(r'("X-CSRFToken": ")[^"]+"', r'\1"', html)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_handled_rows_are_the_template_rows(meeting, administration, language):
    for status, reason, by in [
        (AgendaItem.Status.DECLINED, "Inte <nu> & inte här", administration),
        (AgendaItem.Status.DEFERRED, "", None),
        (AgendaItem.Status.WITHDRAWN, "", administration),
    ]:
        factories.make_agenda_item(
            meeting,
            title='Skyfall & "dagvatten" <2030>',
            status=status,
            decision_reason=reason,
            administration=by,
        )
    handled = list(meeting.agenda_items.select_related("administration").order_by("pk"))
    with translation.override(language):
        expected = Template(TEMPLATE_HANDLED).render(Context({"handled": handled}))
        written = rows.handled_rows(handled)
    assert _normalised(written) == _normalised(expected)
    assert written.count("<li>") == 3
    assert "Skyfall &amp; &quot;dagvatten&quot; &lt;2030&gt;" in written
    assert ('lang="sv"' in written) == (language == "en")


def _workspace(client, meeting, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("agenda_manage", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_stamped_forms_are_the_template_forms(
    client_for, meeting, later_meeting, representative, administration, monkeypatch, language
):
    """The page with its items' forms stamped is the page with each rendered by the template
    (what `stamped` falling back does): titles and presenters that need escaping, an item with
    and one without a presenter, proposals beside them, a deferral target to choose."""
    title = 'Skyfall & "dagvatten" <2030>'
    factories.make_agenda_item(meeting, position=1, title=title, presenter="Å & <Ö>")
    factories.make_agenda_item(meeting, position=2, title="Solel", allotted_minutes=45)
    factories.make_agenda_item(meeting, position=3, title="Sista 'punkten'", presenter="Eva")
    goal = factories.make_goal(
        meeting.network,
        title="Mål <2030>",
        work_area=meeting.network.work_areas.first()
        or meeting.network.work_areas.create(name="Klimat & <energi>"),
    )
    factories.make_indicator(goal, values={2020: 800})
    factories.make_agenda_item(
        meeting,
        position=4,
        title="Måluppföljning",
        kind=AgendaItem.Kind.GOAL_FOLLOW_UP,
        goal=goal,
        administration=administration,
    )
    for n in range(3):
        factories.make_agenda_item(
            meeting,
            title=f"{title} {n}",
            status=AgendaItem.Status.PROPOSED,
            proposed_by=representative,
            administration=administration,
        )
    # One of each kind of line: a work area, a management group's question, a description of
    # several lines, a proposer without a name, one minute; and a second page of proposals.
    factories.make_agenda_item(
        meeting,
        title="Avfall",
        status=AgendaItem.Status.PROPOSED,
        wished_minutes=1,
        work_area=meeting.network.work_areas.first()
        or meeting.network.work_areas.create(name="Klimat & <energi>"),
        is_management_question=True,
        description="Första raden & <andra>\nTredje\n\nSista",
        proposed_by=factories.make_user(full_name=" ", email="utan.namn@example.org"),
    )
    for n in range(views.PROPOSALS_PER_PAGE):
        factories.make_agenda_item(meeting, title=f"Senare {n}", status=AgendaItem.Status.PROPOSED)
    client = client_for("coordinator")
    more = reverse("agenda_manage", kwargs={"pk": meeting.pk}) + "?page=2"
    renders: list[str] = []
    render = rows.Stamp.__init__

    def counted(self, name, *args, **kwargs):
        renders.append(name)
        render(self, name, *args, **kwargs)

    monkeypatch.setattr(rows.Stamp, "__init__", counted)
    stamped = _workspace(client, meeting, language)
    # One settings stamp serves the items with and without a presenter (Stamp.without).
    assert renders.count("meetings/agenda/manage.html#item-settings") == 1
    stamped_more = client.get(more, headers={"HX-Request": "true"}).content.decode()
    monkeypatch.setattr(rows, "stamped", lambda *args: False)
    templated = _workspace(client, meeting, language)
    templated_more = client.get(more, headers={"HX-Request": "true"}).content.decode()
    assert _normalised(stamped) == _normalised(templated)
    assert _normalised(stamped_more) == _normalised(templated_more)
    assert "\ue020" not in stamped and str(rows.PK) not in stamped
    assert 'value="Å &amp; &lt;Ö&gt;"' in stamped
    assert stamped.count('class="triage-form') == 4 + views.PROPOSALS_PER_PAGE
    assert ('<span lang="sv">Skyfall &amp;' in stamped) == (language == "en")
    assert "Första raden &amp; &lt;andra&gt;<br>Tredje" in stamped
    assert stamped_more.count('class="proposal"') == 4
    assert stamped_more.count("data-focus") == 1
    assert "Mål &lt;2030&gt;</" in stamped
    assert stamped.count('<li id="item-') == 4
    assert stamped.count('name="direction" value="up"') == 3


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_agenda_after_a_move_is_the_templates(
    client_for, meeting, later_meeting, monkeypatch, language
):
    """After a move (htmx) the moved item's button keeps the focus, written either way."""
    items = [
        factories.make_agenda_item(meeting, position=n, title=f"Punkt <{n}>") for n in (1, 2, 3)
    ]
    client = client_for("coordinator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = []
    for stamping in (True, False):
        if not stamping:
            monkeypatch.setattr(rows, "stamped", lambda *args: False)
        for item, direction in [(items[0], "down"), (items[0], "up")]:
            item.refresh_from_db()
            response = client.post(
                reverse("agenda_move", kwargs={"pk": meeting.pk, "item_pk": item.pk}),
                {"direction": direction, "position": item.position},
                headers={"HX-Request": "true"},
            )
            pages.append(response.content.decode())
    assert [_normalised(page) for page in pages[:2]] == [_normalised(page) for page in pages[2:]]
    assert f'id="move-down-{items[0].pk}" data-focus' in pages[0]
    assert f'id="move-down-{items[0].pk}" data-focus' in pages[1]  # up at the top: down instead


def test_a_form_with_errors_is_rendered_by_the_template_beside_stamped_ones(
    client_for, meeting, later_meeting
):
    """A failed time form comes back with its errors (and its item's settings open) while the
    other items' forms are stamped."""
    first = factories.make_agenda_item(meeting, position=1, title="Första")
    factories.make_agenda_item(meeting, position=2, title="Andra", presenter="Eva")
    client = client_for("coordinator")
    response = client.post(
        reverse("agenda_time", kwargs={"pk": meeting.pk, "item_pk": first.pk}),
        {f"m{first.pk}-allotted_minutes": "500", f"m{first.pk}-presenter": ""},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "Ange mellan 1 och 120 minuter." in html
    assert '<details class="item-settings" open>' in html
    assert html.count('class="time-form') == 2
    assert 'name="m' + str(first.pk) + '-allotted_minutes" value="500"' in html


def test_no_stamps_when_a_deferral_target_names_the_stand_in_id(meeting, neh):
    """The stand-in id is replaced wherever it stands in a stamp: a meeting named with that
    number among the deferral targets turns stamping off (the template renders each form)."""
    from meetings.agenda import workflow as agenda
    from meetings.agenda.forms import TriageForm

    assert rows.stamped(meeting, TriageForm(targets=list(agenda.deferral_targets(meeting))))
    factories.make_meeting(neh, days_ahead=50, theme_title=f"Diarienummer {rows.PK}")
    targets = list(agenda.deferral_targets(meeting))
    assert not rows.stamped(meeting, TriageForm(targets=targets))


def test_the_workspace_items_are_the_querysets(
    meeting, representative, administration, django_assert_num_queries
):
    """The items read by the prepared query (views.workspace_items) are the queryset's, in its
    order, with the same work area, administration and proposer (or none): the fields the
    workspace shows of them read, the others left deferred."""
    area = meeting.network.work_areas.first() or meeting.network.work_areas.create(name="Klimat")
    factories.make_agenda_item(meeting, position=2, title="Andra", work_area=area)
    factories.make_agenda_item(meeting, position=1, title="Första", administration=administration)
    factories.make_agenda_item(
        meeting, title="Förslag", status=AgendaItem.Status.PROPOSED, proposed_by=representative
    )
    factories.make_agenda_item(meeting, title="Utan", status=AgendaItem.Status.DECLINED)
    # Sharing a work area and an administration with the items above (made once, shared).
    factories.make_agenda_item(
        meeting, position=3, title="Tredje", work_area=area, administration=administration
    )
    expected = list(
        meeting.agenda_items.select_related("work_area", "administration", "proposed_by").order_by(
            "position", "created_at"
        )
    )
    read = views.workspace_items(meeting)
    fields = views._ITEM_FIELDS
    assert set(fields) == {f.attname for f in AgendaItem._meta.concrete_fields} - {
        "created_at",
        "updated_at",
    }

    def related(item):
        return [
            None if other is None else {name: getattr(other, name) for name in shown}
            for other, (_name, _model, shown) in zip(
                (item.work_area, item.administration, item.proposed_by), views._RELATED, strict=True
            )
        ]

    with django_assert_num_queries(0):
        assert [[getattr(item, name) for name in fields] for item in read] == [
            [getattr(item, name) for name in fields] for item in expected
        ]
        assert [related(item) for item in read] == [related(item) for item in expected]
    by_title = {item.title: item for item in read}
    assert by_title["Första"].get_deferred_fields() == {"created_at", "updated_at"}
    assert by_title["Första"].administration.get_deferred_fields() == {
        f.attname for f in administration._meta.concrete_fields
    } - {"id", "name"}
    assert by_title["Förslag"].proposed_by.get_deferred_fields() == {
        f.attname for f in representative._meta.concrete_fields
    } - {"id", "full_name", "email"}
    assert views.workspace_items(factories.make_meeting(meeting.network, days_ahead=90)) == []


@pytest.mark.parametrize("language", ["sv", "en"])
def test_own_item_form_lists_are_what_the_querysets_made(meeting, language):
    """The "Lägg till en egen punkt" form's work areas and goals, read by queries compiled once
    (meetings/form_fields.py `work_area_choices`, `goal_choices`), make the selects the
    querysets' instances made before: same options, order, selection and language marks."""
    from django import forms

    from meetings.agenda.forms import OwnItemForm
    from meetings.form_fields import TitledIdChoiceField
    from meetings.models import Goal

    network = meeting.network
    factories.make_goal(network, title="Ö <mål> & mer")
    factories.make_goal(network, title="A-mål")
    form = OwnItemForm(network=network)
    before = {
        "work_area": forms.ModelChoiceField(queryset=network.work_areas.active(), required=False),
        "goal": TitledIdChoiceField(
            queryset=Goal.objects.filter(work_area__network=network), required=False
        ),
    }
    assert not hasattr(before["goal"], "choice_rows")  # the queryset's own
    with translation.override(language):
        for name, field in before.items():
            field.empty_label = form.fields[name].empty_label
            field.help_text = form.fields[name].help_text
            html = form[name].as_widget()
            assert html == forms.BoundField(form, field, name).as_widget()
            assert html.count("<option") > 2


def test_the_workspace_versions_and_targets_are_the_querysets(meeting, coordinator):
    """The workspace's deferral targets and published versions, read by queries compiled once,
    are `deferral_targets(meeting)` and the meeting's versions, latest first."""
    from meetings.agenda import workflow

    network = meeting.network
    for days in (60, 90, 120):
        factories.make_meeting(network, days_ahead=days)
    factories.make_meeting(network, days_ahead=75, status="planned")  # theme not published
    factories.make_meeting(network, days_ahead=-3)  # over
    expected = list(workflow.deferral_targets(meeting))
    found = workflow.deferral_target_list(meeting)
    assert len(found) == 3
    assert [(m.pk, m.network.code) for m in found] == [(m.pk, m.network.code) for m in expected]
    for number in (1, 2):
        meeting.agenda_versions.create(number=number, snapshot=[], published_by=coordinator)
    versions = views._VERSIONS.objects(meeting_id=meeting.pk)
    assert (
        [(v.number, v.published_by.email) for v in versions]
        == [
            (v.number, v.published_by.email)
            for v in meeting.agenda_versions.select_related("published_by").order_by("-number")
        ]
        == [(2, coordinator.email), (1, coordinator.email)]
    )


@pytest.mark.parametrize("language", ["sv", "en"])
def test_kept_stamps_follow_the_deferral_targets_and_the_language(
    client_for, meeting, later_meeting, monkeypatch, language
):
    """A stamp is kept per process under what it is made of: a new deferral target, or the
    other language, is a stamp of its own, and each is what the template writes."""
    factories.make_agenda_item(meeting, position=1, title="Punkt")
    factories.make_agenda_item(meeting, title="Förslag", status=AgendaItem.Status.PROPOSED)
    client = client_for("coordinator")
    other = "en" if language == "sv" else "sv"
    first = _workspace(client, meeting, language)
    _workspace(client, meeting, other)
    again = _workspace(client, meeting, language)
    assert _normalised(again) == _normalised(first)
    assert rows.CSRF not in again and again.count('name="csrfmiddlewaretoken"') > 3
    target = factories.make_meeting(meeting.network, days_ahead=90, theme_title="Ny <plats>")
    kept = _workspace(client, meeting, language)
    # The new target in both stamped forms (the item's and the proposal's), and the page the
    # template writes.
    assert kept.count(f'<option value="{target.pk}"') == 2
    monkeypatch.setattr(rows, "stamped", lambda *args: False)
    assert _normalised(kept) == _normalised(_workspace(client, meeting, language))


ADD_FIELDS = """{% include "forms/_error_summary.html" with form=add_form %}
      {% for field in add_form %}{% include "forms/_field.html" %}{% endfor %}"""


@pytest.mark.parametrize("language", ["sv", "en"])
def test_kept_add_fields_are_the_forms(meeting, language):
    """The own item form's blank fields, kept per process (`rows.add_fields`), are what the
    template writes for a new form, each with a new one-time token; a new goal or work area
    is a new render."""
    from meetings.agenda.forms import OwnItemForm

    network = meeting.network
    area = network.work_areas.create(name="Klimat & <energi>")
    factories.make_goal(network, title="Mål <2030>", work_area=area)
    with translation.override(language):
        expected = Template(ADD_FIELDS).render(Context({"add_form": OwnItemForm(network=network)}))
        written = [rows.add_fields(network) for _ in range(2)]
        assert _normalised(written[0]) == _normalised(written[1]) == _normalised(expected)
        tokens = [re.findall(r'name="submission" value="([^"]+)"', html) for html in written]
        assert len(tokens[0]) == 1 and tokens[0] != tokens[1]
        factories.make_goal(network, title="Nytt mål", work_area=area)
        network.work_areas.create(name="Vatten")
        grown = rows.add_fields(network)
        expected = Template(ADD_FIELDS).render(Context({"add_form": OwnItemForm(network=network)}))
    assert "Nytt mål</option>" in grown and "Vatten</option>" in grown
    assert _normalised(grown) == _normalised(expected)
    assert ("Mål &lt;2030&gt;</option>" in grown) and (('lang="sv"' in grown) == (language == "en"))


# The published versions as manage.html wrote them in a template loop.
TEMPLATE_VERSIONS = """{% load i18n %}{% for version in versions %}
        <li><a href="{{ version.get_absolute_url }}">{% blocktranslate with number=version.number %}Version {{ number }}{% endblocktranslate %}</a>, {{ version.published_at|moment }}{% if version.published_by %}, {{ version.published_by.full_name|default:version.published_by.email }}{% endif %}{% if version.change_note %}: {{ version.change_note|sv }}{% endif %}</li>
      {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_version_rows_are_the_template_rows(meeting, coordinator, language):
    """The published versions' lines (`rows.version_rows`) are the template loop's: one with
    a note that needs escaping, one published by someone without a name, one by nobody."""
    nameless = factories.make_user(email="utan.namn@example.org")
    nameless.full_name = ""
    nameless.save(update_fields=["full_name"])
    meeting.agenda_versions.create(number=1, snapshot=[], published_by=None)
    meeting.agenda_versions.create(number=2, snapshot=[], published_by=nameless)
    meeting.agenda_versions.create(
        number=3, snapshot=[], published_by=coordinator, change_note='Ny & "bättre" <tid>'
    )
    versions = views._VERSIONS.objects(meeting_id=meeting.pk)
    with translation.override(language):
        expected = Template(TEMPLATE_VERSIONS).render(Context({"versions": versions}))
        written = rows.version_rows(versions)
    assert written == expected
    assert "Ny &amp; &quot;bättre&quot; &lt;tid&gt;" in written and "utan.namn@" in written


@pytest.mark.parametrize("language", ["sv", "en"])
def test_kept_publish_fields_are_the_forms(language):
    """The blank publish form's fields, kept per process and version number
    (`rows.publish_fields`), are what the template writes for a new form."""
    from meetings.agenda.forms import PublishForm

    partial = (
        '{% include "forms/_error_summary.html" with form=publish_form %}\n        '
        '{% for field in publish_form %}{% include "forms/_field.html" %}{% endfor %}'
    )
    with translation.override(language):
        for based_on in (0, 3, 0):
            form = PublishForm(initial={"based_on": based_on})
            expected = Template(partial).render(Context({"publish_form": form}))
            assert rows.publish_fields(based_on) == expected
            assert f'name="based_on" value="{based_on}"' in expected
