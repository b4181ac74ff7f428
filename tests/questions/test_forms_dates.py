"""The question form's date field is the browser's date picker, so its messages name no format
(an English browser shows mm/dd/yyyy, and a hint saying ÅÅÅÅ-MM-DD led people astray)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_bad_date_gets_a_message_that_names_no_format(client_for, neh, representative):
    client = client_for("representative")
    url = reverse("question_create", args=["neh"])
    form_page = client.get(url).content.decode()
    assert 'type="date"' in form_page and "ÅÅÅÅ" not in form_page
    response = client.post(url, {"title": "En fråga", "raised_on": "61201-02-02"})
    html = response.content.decode()
    assert "Ange ett giltigt datum." in html and "ÅÅÅÅ" not in html
