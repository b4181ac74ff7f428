"""The open suggestions' rows written in Python (meetings/wishes/rows.py) are the template rows
they replaced (still in the page's template, for a row whose form failed), in both languages,
for a coordinator (with the adopt and close forms, with and without a meeting to adopt into)
and for a member who may support; the suggestion form's fields kept from an earlier render
(config.form_layout.blank_fields) are the template's too."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import override

from config.content_language import Swedish, sv
from meetings.models import Meeting, ThemeSuggestion
from meetings.wishes import views
from meetings.wishes.rows import OpenRows
from tests import factories
from tests.wishes.conftest import make_suggestion

pytestmark = pytest.mark.django_db


def _normalised(html: str) -> str:
    """The same HTML to a browser, without each response's own CSRF token and submission id."""
    html = re.sub(r"\b[A-Za-z0-9]{64}\b", "(token)", html)
    html = re.sub(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", "(id)", html)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def _both_ways(client, monkeypatch, url: str, headers: dict | None = None) -> tuple[str, str]:
    written = client.get(url, headers=headers or {}).content.decode()
    with monkeypatch.context() as patched:
        patched.setattr(OpenRows, "row", lambda self, suggestion, first: "")
        patched.setattr(views, "handled_row", lambda suggestion, **kwargs: "")
        # The suggestion form rendered by the template too, not kept from an earlier render.
        patched.setattr(views, "blank_fields", lambda key, make: "")
        template = client.get(url, headers=headers or {}).content.decode()
    return _normalised(written), _normalised(template)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("role", ["coordinator", "representative"])
@pytest.mark.parametrize("with_target", [True, False])
def test_python_rows_are_the_template_rows(
    client_for,
    monkeypatch,
    request,
    neh,
    representative,
    administration,
    language,
    role,
    with_target,
):
    if with_target:
        request.getfixturevalue("planned")
    make_suggestion(neh, representative, administration)
    make_suggestion(
        neh,
        request.getfixturevalue("other_member"),
        request.getfixturevalue("other_administration"),
        title="Hav & <sjöar>",
        why="Första raden\nandra <raden> & mer",
    )
    # Handled ones: adopted for a published and for a planned meeting, and closed.
    published = factories.make_meeting(neh, days_ahead=40)
    planned = factories.make_meeting(neh, days_ahead=60, status=Meeting.Status.PLANNED)
    for n, meeting in enumerate([published, planned]):
        make_suggestion(
            neh,
            representative,
            administration,
            title=f"Antaget {n}",
            status=ThemeSuggestion.Status.ADOPTED,
            adopted_meeting=meeting,
            handled_at=timezone.now(),
        )
    make_suggestion(
        neh,
        representative,
        administration,
        title="Stängt",
        status=ThemeSuggestion.Status.CLOSED,
        closed_reason="Redan <gjort> & klart",
        handled_at=timezone.now(),
    )
    client = client_for(role)
    if language == "en":
        client.post(reverse("set_language"), {"language": "en"})
    url = reverse("theme_suggestions", args=["neh"])
    written, template = _both_ways(client, monkeypatch, url)
    assert written == template
    assert "Hav &amp; &lt;sjöar&gt;" in written
    if role == "representative":  # who may suggest: the form's fields, the work areas' choices
        assert 'data-form-field="work_area"' in written
    assert written.count('<li class="suggestion"') == 2
    # htmx's "Visa fler": the first row takes the focus.
    written, template = _both_ways(client, monkeypatch, url, {"HX-Request": "true"})
    assert written == template
    assert 'tabindex="-1" data-focus' in written
    # The archive of handled suggestions, and its "Visa fler".
    archive = f"{url}?visa=behandlade"
    written, template = _both_ways(client, monkeypatch, archive)
    assert written == template
    assert written.count("suggestion suggestion-") == 3
    assert "Redan &lt;gjort&gt; &amp; klart" in written
    written, template = _both_ways(client, monkeypatch, archive, {"HX-Request": "true"})
    assert written == template


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_rows_swedish_is_sv_escaped(language):
    """Swedish, made once for a page, writes a value as `conditional_escape(sv(value))`."""
    values = ["Skolmat", "Hav & <sjöar> \"'", "", None, mark_safe("rad<br>rad"), mark_safe("")]
    with override(language):
        swedish = Swedish()
        for value in values:
            assert swedish(value) == str(conditional_escape(sv(value))), value
    assert (swedish("Skolmat") == "Skolmat") == (language == "sv")
