"""The accessibility statement (tillgänglighetsredogörelse) and the footer link to it."""

import re
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
    assert '<time datetime="2026-12-05">5 december 2026</time>' in content
    # Feedback and complaint.
    assert '<a href="mailto:hallbarhet@example.org">' in content
    assert '<a href="https://www.digg.se/tdosanmalan">' in content


def test_statement_has_every_section_of_diggs_model(client, settings):
    settings.MUNICIPALITY_NAME = "Sjöstads kommun"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@sjostad.example"
    content = client.get(STATEMENT).content.decode()
    headings = re.findall(r"<h[23][^>]*>(.*?)</h[23]>", content)
    for heading in (
        "Hur tillgänglig är webbtjänsten?",
        "Vad kan du göra om du inte kan använda delar av webbtjänsten?",
        "Rapportera brister i webbtjänstens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbtjänstens tillgänglighet",
        "Kända brister: bristande förenlighet med lagkraven",
        "Oskäligt betungande anpassning",
        "Innehåll som inte omfattas av lagen",
        "Hur vi har testat webbtjänsten",
    ):
        assert heading in headings
    # The municipality and the feedback address come from settings; the answer time is stated.
    assert "kommunledningsförvaltningen i Sjöstads kommun" in content
    assert '<a href="mailto:tillganglighet@sjostad.example">' in content
    assert "Vi svarar inom 5 arbetsdagar" in content
    # Every known gap names its WCAG criterion and the date it is fixed by.
    gaps = content.split('class="statement-gaps">')[1].split("</ul>")[0].split("<li>")[1:]
    assert len(gaps) >= 3
    for gap in gaps:
        assert re.search(r"WCAG 2\.1: \d\.\d\.\d+ ", gap), gap
        assert re.search(r'Åtgärdas senast\s+<time datetime="\d{4}-\d\d-\d\d">', gap), gap
    # Publication and last review.
    assert '<time datetime="2026-09-01">1 september 2026</time>' in content


def test_statement_in_english_is_english(client):
    client.cookies["django_language"] = "en"
    content = client.get(STATEMENT).content.decode()
    assert "Disproportionate burden" in content
    assert "Content not within the scope of the law" in content
    assert "To be fixed by" in content and "1 September 2026" in content
    assert "Åtgärdas" not in content and "Oskäligt" not in content


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
