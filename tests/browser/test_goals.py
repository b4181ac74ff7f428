"""Goal steering in a real Chromium: the representative of the responsible
administration records an indicator value and sees it in the chart and the table."""

import re

import pytest
from playwright.sync_api import expect

from meetings.models import IndicatorValue
from tests import factories

pytestmark = pytest.mark.browser


def test_responsible_representative_records_a_value(page, sign_in, neh, administration):
    goal = factories.make_goal(neh, title="Koldioxidmålet")
    indicator = factories.make_indicator(
        goal,
        name="Växthusgasutsläpp",
        responsible_administration=administration,
        values={2020: "900", 2022: "720"},
    )
    sign_in(page, "representative")
    page.goto(goal.get_absolute_url())
    card = page.locator(f"#indicator-{indicator.pk}")
    card.get_by_role("link", name=re.compile("Registrera värde")).click()

    # A value that is not a number: a Swedish message, nothing saved.
    page.get_by_label("År").fill("2024")
    page.get_by_label("Värde (ton CO2e)").fill("sexhundra")
    page.get_by_role("button", name="Spara värdet").click()
    expect(page.get_by_text("Formuläret behöver rättas")).to_be_visible()
    expect(page.locator(".error-summary")).to_contain_text("Ange ett tal")
    assert not IndicatorValue.objects.filter(indicator=indicator, year=2024).exists()

    page.get_by_label("Värde (ton CO2e)").fill("610,5")
    page.get_by_label("Källa").fill("Klimatbokslut 2024")
    page.get_by_role("button", name="Spara värdet").click()
    expect(page.get_by_text("Värdet för 2024 är registrerat.")).to_be_visible()

    card = page.locator(f"#indicator-{indicator.pk}")
    chart = card.locator(f"#chart-indicator-{indicator.pk} .chart-value")
    expect(chart).to_have_text(["900", "720", "610,5"])
    table = card.locator(f"#table-indicator-{indicator.pk} .indicator-value")
    expect(table).to_have_text(["900", "720", "610,5"])
    expect(card.locator(".latest-value")).to_contain_text("610,5 ton CO2e (2024)")
    value = IndicatorValue.objects.get(indicator=indicator, year=2024)
    assert value.entered_by.email == "representant@example.org"
