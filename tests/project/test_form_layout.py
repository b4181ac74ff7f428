"""Every form laid out alike, written once: labels, hints, errors and controls come only from
templates/forms/ (config/form_layout.py), so a new form cannot look different.

A template outside templates/forms/ may not write a <label> or a control (<input> other than
hidden, <select>, <textarea>), call label_tag, render a bound field itself (`{{ form.title }}`,
`{{ field }}`, `{{ radio.tag }}`) or use Django's own layouts (`as_p`, `as_div`...). It includes
forms/_field.html, or writes `{{ form }}`, which renders through the same partial. Hidden fields
that carry state, not anything a person types, may be written directly;
test_form_rendering.py checks that they are hidden inputs in every form."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S)
OWN_LAYOUT = ("triage-form", "time-form")

# The shared layout itself, and Django's widget templates it adjusts (choices people wrote are
# marked as Swedish): the only places that may write labels and controls.
LAYOUT_DIRS = ("forms/", "django/forms/")

# Fields rendered without the partial because they are hidden inputs: a double-submit token
# (submission), optimistic-locking versions, the formset's management form, a fixed choice.
HIDDEN_FIELDS = {
    "submission",
    "version",
    "based_on",
    "draft_version",
    "administration",
    "management_form",
}

# Templates that may keep hand-written form markup, and why. Keep it short.
ALLOWED = {
    "base.html": (
        "the site header's search box and language switcher: one compact control each, in the "
        "header bar, not a page's form"
    ),
}

LABEL = re.compile(r"<label\b|label_tag")
CONTROL = re.compile(r"<(?:select|textarea)\b|<input\b(?![^>]*type=\"hidden\")")
BOUND = re.compile(r"\{\{\s*(?P<expr>[\w.]+)\s*(?:\|[^}]*)?\}\}")
DJANGO_LAYOUT = re.compile(r"\.as_(?:p|ul|table|div|field_group)\b")


def hand_written(text: str) -> list[str]:
    """What in a template's text is form markup written outside the shared layout."""
    found = [f"writes {match.group(0)!r}" for match in LABEL.finditer(text)]
    found += [f"writes a control {match.group(0)!r}" for match in CONTROL.finditer(text)]
    found += [f"uses Django's layout {m.group(0)!r}" for m in DJANGO_LAYOUT.finditer(text)]
    for match in BOUND.finditer(text):
        parts = match.group("expr").split(".")
        bound_field = len(parts) == 2 and parts[0].endswith("form") and parts[1] != "errors"
        if bound_field and parts[1] in HIDDEN_FIELDS | {"non_field_errors"}:
            continue
        if bound_field or parts == ["field"] or parts[-1] == "tag":
            found.append(f"renders {match.group(0)!r} itself")
    return found


def templates_outside_the_layout() -> list[Path]:
    return [
        path
        for path in sorted(TEMPLATES.rglob("*.html"))
        if not str(path.relative_to(TEMPLATES)).startswith(LAYOUT_DIRS)
    ]


def test_no_template_writes_form_markup_outside_the_shared_layout():
    offenders = []
    for path in templates_outside_the_layout():
        name = str(path.relative_to(TEMPLATES))
        if name in ALLOWED:
            continue
        offenders += [f"{name}: {what}" for what in hand_written(path.read_text())]
    assert not offenders, "\n".join(offenders)


def test_allow_list_names_templates_that_still_need_it():
    """An exception that is no longer needed goes, so the list only ever shrinks."""
    stale = [
        name
        for name in ALLOWED
        if not (TEMPLATES / name).exists() or not hand_written((TEMPLATES / name).read_text())
    ]
    assert not stale, stale


def test_the_check_catches_hand_written_markup():
    assert hand_written('<label for="id_title">Rubrik</label>')
    assert hand_written("{{ form.title.label_tag }}")
    assert hand_written("{{ form.title }}")
    assert hand_written("{{ field }}")
    assert hand_written("{% for radio in form.direction %}{{ radio.tag }}{% endfor %}")
    assert hand_written("{{ form.as_p }}")
    assert hand_written('<input type="text" name="q">')
    assert hand_written('<select name="language">')
    assert not hand_written('<input type="hidden" name="next" value="/">')
    assert not hand_written('{% include "forms/_field.html" with field=form.title %}')
    assert not hand_written("{{ form }}{{ form.submission }}{{ form.title.errors }}")


def test_forms_with_fields_are_stacked():
    """A form whose fields come from forms/_field.html is a `stacked-form` (labels above the
    fields), or a filter row (`filter-form`) or a table of rows (`plan-form`) that are variants
    of the same layout."""
    ragged = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for form in FORM.findall(path.read_text()):
            opening = form[: form.index(">") + 1]
            if "forms/_field.html" not in form or any(name in opening for name in OWN_LAYOUT):
                continue
            if not any(kind in opening for kind in ("stacked-form", "filter-form", "plan-form")):
                ragged.append(f"{path.relative_to(TEMPLATES)}: {opening[:100]}")
    assert not ragged, "\n".join(ragged)
