"""Every form of the project renders through the one shared layout (templates/forms/), and the
layout behaves as the GOV.UK form group does: label, hint below it tied by aria-describedby, the
error message above the control, an error summary linking to each field."""

import datetime
import importlib
import inspect
import pkgutil
import re
import uuid

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext_lazy

from config.content_language import sv
from config.form_layout import (
    FormRenderer,
    blank_fields,
    field_stamp,
    form_copy,
    kept_field_stamp,
)
from meetings.models import EvaluationSettings
from representatives.models import Administration
from tests import factories
from tests.project.test_form_layout import HIDDEN_FIELDS

PACKAGES = ("accounts", "config", "meetings", "networks", "representatives")


def project_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project's packages (each module imported once)."""
    for package in PACKAGES:
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, f"{package}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    pending = list(forms.BaseForm.__subclasses__())
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if cls.__module__.startswith(PACKAGES) and cls not in found:
            found.append(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


@pytest.fixture
def arguments(neh, administration, coordinator):
    """What the forms' keyword arguments need, by name."""
    meeting = factories.make_meeting(neh, theme_title="Kemikaliesmart förskola")
    goal = factories.make_goal(neh)
    return {
        "network": neh,
        "networks": [neh],
        "targets": [meeting],
        "meetings": [meeting],
        "meeting": meeting,
        "instance": meeting,
        "today": datetime.date(2026, 3, 2),
        "terms": [],
        "administrations": Administration.objects.all(),
        "source": administration,
        "coordinator": True,
        "settings": EvaluationSettings(network=neh),
        "goal": goal,
        "indicator": factories.make_indicator(goal),
        "document": factories.make_document(neh),
        "action": factories.make_action(meeting),
    }


def construct(cls: type[forms.BaseForm], arguments: dict, **extra) -> forms.BaseForm | None:
    """The form built with the arguments its __init__ asks for, or None if it needs others."""
    wanted = {}
    for name, parameter in inspect.signature(cls.__init__).parameters.items():
        required = parameter.default is parameter.empty and name != "self"
        if parameter.kind is parameter.KEYWORD_ONLY and required:
            if name not in arguments:
                return None
            wanted[name] = arguments[name]
    if "data" in inspect.signature(cls.__init__).parameters and "data" not in extra:
        extra["data"] = None
    try:
        return cls(**wanted, **extra)
    except (TypeError, ValueError, AttributeError, KeyError):
        return None  # an abstract base (a ModelForm without a model, a mixin)


@pytest.mark.django_db
def test_every_form_renders_through_the_shared_layout(arguments):
    rendered, skipped = [], []
    for cls in project_forms():
        form = construct(cls, arguments)
        if form is None:
            skipped.append(cls.__qualname__)
            continue
        html = str(form)
        rendered.append(cls.__qualname__)
        for field in form:
            if field.is_hidden:
                continue
            assert f'data-form-field="{field.name}"' in html, (cls, field.name)
        # Django's own layouts (as_div, as_p) never show.
        assert "<p><label" not in html and "<div><label" not in html, cls
        for name in HIDDEN_FIELDS & set(form.fields):
            assert form[name].is_hidden, f"{cls.__qualname__}.{name} is written without a label"
    # Nearly every form can be built here; the few that cannot are abstract bases.
    assert len(rendered) >= 50, skipped
    assert len(skipped) <= 6, skipped


@pytest.mark.django_db
def test_every_form_with_errors_links_each_error_from_the_summary(arguments):
    checked = 0
    for cls in project_forms():
        form = construct(cls, arguments, data={"submission": "x"})
        if form is None or form.is_valid():
            continue
        html = str(form)
        checked += 1
        assert 'class="error-summary"' in html, cls
        for field in form:
            if field.errors and not field.is_hidden:
                target = field.id_for_label or field.auto_id
                assert f'href="#{target}"' in html, (cls, field.name)
                assert f'id="{target}"' in html, (cls, field.name)
                # The message stands above the control (a group without choices has none).
                control = f'name="{field.html_name}"'
                if control in html:
                    error = html.index(f'id="{field.auto_id}_error"')
                    assert error < html.index(control), (cls, field.name)
    assert checked >= 20


class Sample(forms.Form):
    title = forms.CharField(label="Rubrik", max_length=200, help_text="Kort och tydligt.")
    code = forms.CharField(label="Kod", max_length=6)
    held_on = forms.DateField(label="Datum", widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label="Minuter")
    note = forms.CharField(label="Anteckning", widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(
        label="Typ",
        choices=[("a", "Information"), ("b", "Beslut")],
        widget=forms.RadioSelect,
        help_text="Välj en.",
    )
    areas = forms.MultipleChoiceField(
        label="Arbetsområden",
        choices=[("1", "Kemikalier"), ("2", "Klimat")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agree = forms.BooleanField(label="Jag har läst", help_text="Obligatoriskt.")
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def test_error_message_stands_above_the_control_and_is_tied_to_it():
    html = str(Sample(data={"title": "", "code": "ab"}))
    group = html[html.index('data-form-field="title"') :]
    label, error, control = (
        group.index('<label for="id_title"'),
        group.index('id="id_title_error"'),
        group.index('<input type="text" name="title"'),
    )
    assert label < error < control
    control_tag = re.search(r'<input type="text" name="title"[^>]*>', group).group(0)
    assert 'aria-invalid="true"' in control_tag
    assert 'aria-describedby="id_title_helptext id_title_error"' in control_tag
    assert 'class="field field-long has-error"' in html


def test_hint_sits_below_the_label_and_is_linked_by_aria_describedby():
    html = str(Sample())
    group = html[html.index('data-form-field="title"') :]
    assert group.index("<label") < group.index('id="id_title_helptext"') < group.index("<input")
    assert 'aria-describedby="id_title_helptext"' in group[: group.index("</div>")]


def test_choices_are_a_fieldset_with_a_legend_the_summary_links_to():
    html = str(Sample(data={}))
    fieldset = re.search(r'<fieldset id="id_kind"[^>]*>', html).group(0)
    assert 'aria-describedby="id_kind_helptext id_kind_error"' in fieldset
    assert "<legend>Typ</legend>" in html
    assert '<a href="#id_kind">Typ: ' in html
    # Each choice carries the error too, and its own label.
    assert html.count('aria-describedby="id_kind_error"') == 2
    assert '<label for="id_kind_0">Information</label>' in html
    assert '<fieldset id="id_areas"' in html and "<legend>Arbetsområden</legend>" in html


def test_a_checkbox_has_its_label_beside_it_and_the_error_above():
    html = str(Sample(data={}))
    group = html[html.index('data-form-field="agree"') :]
    assert group.index('id="id_agree_error"') < group.index('type="checkbox"')
    assert group.index('type="checkbox"') < group.index('<label for="id_agree"')


@pytest.mark.parametrize(
    ("name", "width"),
    [
        ("title", "long"),
        ("code", "short"),
        ("held_on", "narrow"),
        ("minutes", "narrow"),
        ("note", "full"),
    ],
)
def test_widths_follow_the_expected_length(name, width):
    assert f'class="field field-{width}" data-form-field="{name}"' in str(Sample())


def test_a_widget_can_choose_its_width():
    class Chosen(forms.Form):
        name = forms.CharField(widget=forms.TextInput(attrs={"data-width": "medium"}))

    assert 'class="field field-medium"' in str(Chosen())


def test_hidden_fields_render_bare():
    html = str(Sample())
    assert '<input type="hidden" name="token" id="id_token">' in html
    assert 'data-form-field="token"' not in html


def test_field_group_and_include_render_alike():
    form = Sample()
    included = Template('{% include "forms/_field.html" with field=form.title %}').render(
        Context({"form": form})
    )
    assert str(form["title"].as_field_group()).strip() == included.strip()


def test_the_submit_row_has_one_primary_button():
    html = Template(
        '{% include "forms/_actions.html" with primary="Spara" secondary="Avbryt" '
        'secondary_href="/tillbaka/" %}'
    ).render(Context())
    assert html.count("<button") == 1
    assert '<a class="button button-secondary" href="/tillbaka/">Avbryt</a>' in html


def test_a_list_row_copy_has_its_own_prefix_and_values_and_leaves_the_blank_alone():
    class Row(forms.Form):
        minutes = forms.IntegerField(label="Minuter")

    blank = Row()
    row = form_copy(blank, "m", 7, minutes=15)
    assert 'name="m7-minutes" value="15"' in str(row["minutes"])
    assert 'name="minutes"' in str(blank["minutes"]) and blank.prefix is None


@pytest.mark.parametrize("name", ["kind", "text"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_stamped_field_is_the_row_copy_included(name, language):
    """field_stamp renders the blank field once and stamps each row's key and context into
    it: the same HTML as a row copy included with that context, the context escaped."""
    blank = Widgets()
    stamp = field_stamp(blank, "a", name)
    template = Template(
        '{% load i18n %}{% form_copy blank "a" key as row %}'
        '{% include "forms/_field.html" with field=row.' + name + " field_context=title|sv %}"
    )
    with translation.override(language):
        for key, title in ((7, "Skolmat & <b>klimat</b>"), (12, "Cykel")):
            included = template.render(Context({"blank": blank, "key": key, "title": title}))
            assert str(stamp(key, sv(title))) == included


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_kept_stamp_is_the_stamp_rendered_once_per_key_and_language(language):
    made = []

    def make():
        made.append(1)
        return Widgets()

    key = ("kept-stamp-test", uuid.uuid4().hex)
    with translation.override(language):
        kept = [kept_field_stamp(key, make, "a", "kind") for _ in range(2)]
        stamp = field_stamp(Widgets(), "a", "kind")
        for key_of_row, title in ((7, "Skolmat & <b>klimat</b>"), (12, "Cykel")):
            assert kept[0](key_of_row, title) == kept[1](key_of_row, title)
            assert kept[0](key_of_row, title) == stamp(key_of_row, title)
    assert len(made) == 1
    with translation.override("en" if language == "sv" else "sv"):
        kept_field_stamp(key, make, "a", "kind")
    assert len(made) == 2


class Blank(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    title = forms.CharField(label=gettext_lazy("Rubrik"), max_length=200, help_text="Kort.")
    area = forms.ChoiceField(label="Arbetsområde", choices=[("", "Välj"), ("1", "Mat & <klimat>")])


UUID = re.compile(r'name="token" value="([0-9a-f-]{36})"')


@pytest.mark.parametrize("language", ["sv", "en"])
def test_blank_fields_are_the_template_loop_with_a_new_token_each_time(language):
    """blank_fields renders a blank form's fields once per key and language, as the template's
    loop over them does; a field whose initial is called per render gets a new value each
    time."""
    made = []

    def make():
        made.append(1)
        return Blank()

    loop = Template("{% for field in form %}{% include 'forms/_field.html' %}{% endfor %}")
    key = ("blank-test", language, uuid.uuid4().hex)
    with translation.override(language):
        first, second = blank_fields(key, make), blank_fields(key, make)
        rendered = loop.render(Context({"form": Blank()}))
    assert len(made) == 1
    tokens = [UUID.search(html).group(1) for html in (first, second, rendered)]
    assert len(set(tokens)) == 3 and all(uuid.UUID(token) for token in tokens)
    for html in (first, second):
        assert UUID.sub("(token)", html) == UUID.sub("(token)", rendered)
    assert "Mat &amp; &lt;klimat&gt;" in first
    assert ("Rubrik" in first) == (language == "sv")


def test_blank_fields_are_kept_per_language():
    key = ("blank-test-languages", uuid.uuid4().hex)
    with translation.override("sv"):
        swedish = blank_fields(key, Blank)
    with translation.override("en"):
        english = blank_fields(key, Blank)
    assert "Rubrik" in swedish and "Rubrik" not in english


class Widgets(forms.Form):
    text = forms.CharField(max_length=20, help_text="Tips")
    number = forms.IntegerField(required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    flag = forms.BooleanField(required=False)
    kind = forms.ChoiceField(choices=[("a", "A & B"), ("b", "<C>")], widget=forms.RadioSelect)
    many = forms.MultipleChoiceField(
        choices=[("1", "Ett"), ("2", "Två")], widget=forms.CheckboxSelectMultiple
    )
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    choose = forms.ChoiceField(
        choices=[("", "---------"), ("a", 'A & "B"'), ("b", "<C>")],
        widget=forms.Select(attrs={"data-width": "short"}),
        required=False,
    )
    grouped = forms.ChoiceField(
        choices=[("Grupp <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")], required=False
    )
    several = forms.MultipleChoiceField(choices=[("1", "Ett"), ("2", "Två")], required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {
            "text": 'Sara "S" <b>&',
            "number": "12",
            "day": "2026-03-02",
            "note": "Rad ett\n<rad två>",
            "flag": "on",
            "kind": "b",
            "many": ["1", "2"],
            "hidden": "x'y",
            "choose": "b",
            "grouped": "y",
            "several": ["1", "2"],
        },
    ],
)
def test_widgets_written_in_python_match_django_templates(data):
    """FormRenderer writes the simple widgets itself: byte for byte what the templates write."""
    django = Widgets(data=data, renderer=TemplatesSetting())
    ours = Widgets(data=data)
    assert isinstance(ours.renderer, FormRenderer)
    for name in ours.fields:
        assert str(ours[name]) == str(django[name]), name
        for mine, theirs in zip(ours[name].subwidgets, django[name].subwidgets, strict=True):
            assert mine.tag() == theirs.tag(), name
            assert mine.tag(wrap_label=True) == theirs.tag(wrap_label=True), name


# The loop templates/forms/_field.html wrote a group's choices with, before field_option_rows
# (config/form_layout.py) wrote them in Python: the two must agree byte for byte.
CHOICE_LOOP = (
    '{% for option in field|field_options %}{% if exclude_choice == None or option.data.value|stringformat:"s" != exclude_choice %}'  # noqa: E501
    '<div class="field-option">{{ option.tag }} <label for="{{ option.id_for_label }}">'
    "{% if option.data.value.instance %}{{ option.choice_label|sv }}{% else %}"
    "{{ option.choice_label }}{% endif %}</label></div>{% endif %}{% empty %}"
    "{% if empty_text %}<p>{{ empty_text }}</p>{% endif %}{% endfor %}"
)


class Choices(forms.Form):
    kind = forms.ChoiceField(
        choices=[("a", 'A & "B"'), ("b", "<C>"), ("accept", "Ta med")], widget=forms.RadioSelect
    )
    many = forms.MultipleChoiceField(
        choices=[("1", "Ett"), ("2", "Två")], widget=forms.CheckboxSelectMultiple
    )
    administrations = forms.ModelMultipleChoiceField(
        queryset=Administration.objects.order_by("name"), widget=forms.CheckboxSelectMultiple
    )


def _choices_alike(form, name, **context):
    loop = Template(CHOICE_LOOP).render(Context({"field": form[name], **context}))
    ours = Template("{% field_option_rows field %}").render(
        Context({"field": form[name], **context})
    )
    assert ours == loop, name


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    "data",
    [None, {}, {"kind": "b", "many": ["1", "2"], "administrations": ["1"], "named": ["1"]}],
)
def test_choices_written_in_python_match_the_template_loop(language, data):
    from django.utils import translation

    from meetings.form_fields import NamedIdMultipleChoiceField

    factories.make_administration(name="Miljö & <hälsa>")
    factories.make_administration(name="Barn och utbildning")

    class Named(Choices):
        named = NamedIdMultipleChoiceField(
            queryset=Administration.objects.order_by("name"), widget=forms.CheckboxSelectMultiple
        )

    with translation.override(language):
        form = Named(data=data)
        for name in ("kind", "many", "administrations"):
            _choices_alike(form, name)
        _choices_alike(form, "kind", exclude_choice="accept")
        # The named field's choices are (pk, name) values: the same rows as the instances'.
        loop = Template(CHOICE_LOOP).render(Context({"field": form["administrations"]}))
        ours = Template("{% field_option_rows field %}").render(Context({"field": form["named"]}))
        assert ours == loop.replace("administrations", "named")


@pytest.mark.django_db
def test_an_empty_group_shows_its_empty_text():
    form = Choices()
    form.fields["administrations"].queryset = Administration.objects.none()
    _choices_alike(form, "administrations", empty_text="Inga <förvaltningar>")
    _choices_alike(form, "administrations")


class ModelSelect(forms.Form):
    administration = forms.ModelChoiceField(queryset=Administration.objects.order_by("name"))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("data", [None, {"administration": "1"}])
def test_a_select_of_rows_people_wrote_matches_the_template_in_both_languages(language, data):
    """The project's select_option.html marks a model instance's option Swedish in English;
    the select written in Python does the same."""
    factories.make_administration("Miljö & <hälsa>")
    with translation.override(language):
        ours = str(ModelSelect(data=data)["administration"])
        theirs = str(ModelSelect(data=data, renderer=TemplatesSetting())["administration"])
    assert ours == theirs
    assert ('lang="sv"' in ours) == (language == "en")
    assert "Miljö &amp; &lt;hälsa&gt;" in ours


# templates/forms/_field.html's body before `form_field` (config/form_layout.py) wrote it in
# Python: the two must agree byte for byte.
OLD_FIELD = (
    '{% with shape=field|field_shape %}{% if shape == "hidden" %}{{ field }}{% elif shape == "group" %}\n'  # noqa: E501
    '<fieldset id="{{ field.auto_id }}" tabindex="-1"{% if field.aria_describedby %} aria-describedby="{{ field.aria_describedby }}"{% endif %} class="field field-group{% if field.errors %} has-error{% endif %}" data-form-field="{{ field.name }}">\n'  # noqa: E501
    '  <legend{% if label_hidden %} class="visually-hidden"{% endif %}>{{ field_label|default:field.label }}{% if field_context %}<span class="visually-hidden">: {{ field_context }}</span>{% endif %}</legend>\n'  # noqa: E501
    '  {% if field.help_text %}<p class="helptext" id="{{ field.auto_id }}_helptext">{{ field.help_text|safe }}</p>{% endif %}\n'  # noqa: E501
    "  {{ field.errors }}\n"
    "  {% field_option_rows field %}\n"
    "</fieldset>\n"
    '{% elif shape == "checkbox" %}\n'
    '<div class="field field-checkbox{% if field.errors %} has-error{% endif %}" data-form-field="{{ field.name }}">\n'  # noqa: E501
    "  {{ field.errors }}\n"
    '  <div class="field-option">{{ field }} <label for="{{ field.id_for_label }}"{% if label_hidden %} class="visually-hidden"{% endif %}>{{ field_label|default:field.label }}{% if field_context %}<span class="visually-hidden">: {{ field_context }}</span>{% endif %}</label></div>\n'  # noqa: E501
    '  {% if field.help_text %}<p class="helptext" id="{{ field.auto_id }}_helptext">{{ field.help_text|safe }}</p>{% endif %}\n'  # noqa: E501
    "</div>\n"
    "{% else %}\n"
    '<div class="field field-{{ field|field_width }}{% if field.errors %} has-error{% endif %}" data-form-field="{{ field.name }}">\n'  # noqa: E501
    '  <label for="{{ field.id_for_label }}"{% if label_hidden %} class="visually-hidden"{% endif %}>{{ field_label|default:field.label }}{% if field_context %}<span class="visually-hidden">: {{ field_context }}</span>{% endif %}</label>\n'  # noqa: E501
    '  {% if field.help_text %}<p class="helptext" id="{{ field.auto_id }}_helptext">{{ field.help_text|safe }}</p>{% endif %}\n'  # noqa: E501
    "  {{ field.errors }}\n"
    "  {{ field }}\n"
    "</div>\n"
    "{% endif %}{% endwith %}\n"
)


class Layouts(forms.Form):
    title = forms.CharField(max_length=40, help_text="Kort <b>tips</b>")
    note = forms.CharField(widget=forms.Textarea, required=False)
    ok = forms.BooleanField(help_text="Kryssa i", label="Jag förstår")
    kind = forms.ChoiceField(
        choices=[("a", "A & B"), ("b", "<C>")], widget=forms.RadioSelect, help_text="Välj"
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    pick = forms.ChoiceField(choices=[("", "---------"), ("x", "X")], required=False)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("data", [None, {}, {"title": "<i>", "ok": "on", "kind": "b"}])
@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"field_label": "Annan <etikett>", "field_context": "Punkt 3 & 4", "label_hidden": True},
        {"exclude_choice": "a", "empty_text": "Inga"},
    ],
)
def test_the_field_layout_written_in_python_is_the_template_it_replaced(language, data, extra):
    with translation.override(language):
        form = Layouts(data=data)
        for name in form.fields:
            context = Context({"field": form[name], **extra})
            old = Template(OLD_FIELD).render(context)
            new = Template('{% include "forms/_field.html" %}').render(context)
            assert new == old, name


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_stamped_text_area_is_the_row_copy_included(language):
    """textarea_stamp renders the text area once and stamps each row's key and text into it:
    the same HTML as a row copy with that initial text included, the text escaped, and no
    text for none or an empty one."""
    from config.form_layout import textarea_stamp

    blank = Widgets()
    stamp = textarea_stamp(blank, "e", "note")
    template = Template(
        '{% load i18n %}{% form_copy blank "e" key note=note as row %}'
        '{% include "forms/_field.html" with field=row.note %}'
    )
    with translation.override(language):
        for key, note in ((7, 'Skolmat & <b>"klimat"</b>\nrad två'), (12, ""), (3, None)):
            included = template.render(Context({"blank": blank, "key": key, "note": note}))
            assert str(stamp(key, note)) == included
        assert "Skolmat &amp; &lt;b&gt;&quot;klimat&quot;" in stamp(7, 'Skolmat & <b>"klimat"')
    with pytest.raises(TypeError):
        textarea_stamp(blank, "e", "text")
