"""Signing in and out through the real allauth form, in a real browser, as every role."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SIGNED_IN = ["staff", "representative", "substitute", "director", "coordinator", "admin"]


@pytest.mark.parametrize("role", SIGNED_IN)
def test_sign_in_lands_on_start_page(page, sign_in, role):
    user = sign_in(page, role)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hållbarhetsnätverken")
    expect(page.locator(".signed-in-as")).to_have_text(user.full_name)
    expect(page.get_by_role("link", name="Start")).to_have_attribute("aria-current", "page")


def test_anonymous_is_sent_to_sign_in_page(page, live_server):
    page.goto(reverse("network_detail", kwargs={"code": "neh"}))
    assert page.url.startswith(f"{live_server.url}{reverse('account_login')}?next=")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")


def test_sign_in_with_wrong_password_shows_the_form_again(page, sign_in, staff):
    page.goto(reverse("account_login"))
    page.get_by_label("E-post").fill(staff.email)
    page.get_by_label("Lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_contain_text("Formuläret behöver rättas")
    expect(page.locator(".signed-in-as")).to_have_count(0)


def test_sign_in_returns_to_the_page_asked_for(page, staff, live_server):
    from tests import factories

    page.goto(reverse("network_detail", kwargs={"code": "nsh"}))
    page.get_by_label("E-post").fill(staff.email)
    page.get_by_label("Lösenord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(re.compile(r"/natverk/nsh/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("(NSH)")


def test_sign_out_returns_to_sign_in_page(page, sign_in, live_server):
    sign_in(page, "representative")
    page.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('account_login')}")
    page.goto(reverse("home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
