"""The coordinators' adopt and close fields are written out from one blank form each (speed,
the agenda workspace's pattern): they must be the HTML the suggestion's own forms would render."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from meetings.wishes import workflow as wishes
from meetings.wishes.forms import AdoptForm, CloseForm

pytestmark = pytest.mark.django_db


def _squeeze(html: str) -> str:
    return (
        re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html))
        .replace("> </textarea>", "></textarea>")
        .strip()
    )


def test_plain_fields_match_the_forms(client_for, suggestion, planned, neh):
    content = client_for("coordinator").get(reverse("theme_suggestions", args=["neh"])).content
    page = _squeeze(content.decode())
    targets = list(wishes.adoption_targets(neh))
    adopt = AdoptForm(targets=targets, prefix=f"a{suggestion.pk}")["meeting"]
    close = CloseForm(prefix=f"c{suggestion.pk}")["reason"]
    for field in (adopt, close):
        context = {"field": field, "field_context": suggestion.title}
        assert _squeeze(render_to_string("forms/_field.html", context)) in page
    assert f'<option value="{planned.pk}">' in page
