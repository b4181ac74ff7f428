"""The language menu names each language in itself, marked with its own language, whichever
language the page is in (WCAG 3.1.2)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

OPTIONS = (
    re.compile(r'<option value="sv" lang="sv"( selected)?>Svenska</option>'),
    re.compile(r'<option value="en" lang="en"( selected)?>English</option>'),
)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_language_menu_names_each_language_in_itself(language):
    client = Client()
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    content = client.get("/tillganglighet/").content.decode()
    for option in OPTIONS:
        assert option.search(content)
    menu = content.split('<select id="language-select"')[1].split("</select>")[0]
    assert "Engelska" not in menu and "Swedish" not in menu
