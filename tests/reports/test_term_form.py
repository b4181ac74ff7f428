"""The reports' term form is kept per what it shows (meetings/reports/forms.py,
`written_term_form`): the same HTML as its template's include, in both languages, for the
current term and a chosen one; a form with errors is left to the template."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from meetings.reports.forms import chosen_term, written_term_form

pytestmark = pytest.mark.django_db

INCLUDE = '{% include "meetings/reports/_term_form.html" %}'


@pytest.mark.parametrize("language", ["sv", "en"])
def test_written_term_form_is_the_include(neh, language):
    written = {}
    with translation.override(language):
        for query in ({}, {"termin": "2025-VT"}, {"termin": "2024-HT"}):
            form, term = chosen_term(RequestFactory().get("/", query), neh)
            assert term is not None
            expected = Template(INCLUDE).render(Context({"form": form}))
            written[query.get("termin")] = written_term_form(form)
            assert written[query.get("termin")] == expected
            assert written_term_form(form) is written[query.get("termin")]  # kept
        invalid, term = chosen_term(RequestFactory().get("/", {"termin": "1066-VT"}), neh)
        assert term is None and written_term_form(invalid) is None
    assert len(set(written.values())) == 3
    assert 'value="2025-VT" selected' in written["2025-VT"]
