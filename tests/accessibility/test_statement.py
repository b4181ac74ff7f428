"""The accessibility statement (tillgänglighetsredogörelse) and the footer link to it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

STATEMENT = "/tillganglighet/"
FOOTER_LINK = f'<a href="{STATEMENT}">Tillgänglighetsredogörelse</a>'


def test_statement_url():
    assert reverse("accessibility_statement") == STATEMENT


@pytest.mark.parametrize("role", ["anonymous", "staff", "coordinator"])
def test_statement_follows_diggs_model(client_for, role):
    response = client_for(role).get(STATEMENT)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Tillgänglighet för Hållbarhetsnätverken</h1>" in content
    # Organisation and service.
    assert "Hållbarhetsenheten på kommunledningsförvaltningen" in content
    assert "webbtjänsten Hållbarhetsnätverken" in content
    # Degree of compliance, honestly, and the known gaps behind it.
    assert "<strong>delvis förenlig</strong>" in content
    assert "Kända brister" in content
    assert "PDF-filer" in content and "django-allauth" in content
    # How and when it was assessed.
    assert "axe-core" in content and "tangentbordet" in content and "320 pixlar" in content
    assert '<time datetime="2026-11-30">30 november 2026</time>' in content
    # Feedback and complaint.
    assert '<a href="mailto:hallbarhet@example.org">' in content
    assert '<a href="https://www.digg.se/tdosanmalan">' in content


def test_statement_refuses_post(client):
    assert client.post(STATEMENT).status_code == 405


@pytest.mark.parametrize(
    ("url", "role"),
    [
        ("/", "staff"),
        ("/natverk/neh/", "representative"),
        (STATEMENT, "anonymous"),
        ("/konto/login/", "anonymous"),
        ("/konto/password/reset/", "anonymous"),
    ],
)
def test_footer_links_to_statement_on_pages(client_for, url, role):
    content = client_for(role).get(url).content.decode()
    assert FOOTER_LINK in content


def test_footer_links_to_statement_on_404_page(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert FOOTER_LINK in response.content.decode()


def test_footer_links_to_statement_on_403_pages(rf, staff):
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = staff
    for template in ["403.html", "403_csrf.html"]:
        assert FOOTER_LINK in render_to_string(template, request=request)


def test_footer_links_to_statement_on_csrf_failure(staff):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": staff.email, "password": "x"})
    assert response.status_code == 403
    assert FOOTER_LINK in response.content.decode()


def test_static_500_page_links_to_statement():
    content = (Path(settings.BASE_DIR) / "templates" / "500.html").read_text()
    assert FOOTER_LINK in content
