"""Every form laid out alike: a form whose fields come from forms/_field.html is a
`stacked-form` (labels above the fields, one width), unless it is one of the compact forms
inside a list that have a layout of their own."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S)
OWN_LAYOUT = ("triage-form", "time-form")


def test_forms_with_fields_are_stacked():
    ragged = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for form in FORM.findall(path.read_text()):
            opening = form[: form.index(">") + 1]
            if "forms/_field.html" not in form or any(name in opening for name in OWN_LAYOUT):
                continue
            if "stacked-form" not in opening:
                ragged.append(f"{path.relative_to(TEMPLATES)}: {opening[:100]}")
    assert not ragged, "\n".join(ragged)
