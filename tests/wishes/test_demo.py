import pytest

from meetings.demo import build_demo
from meetings.models import ThemeSuggestion, ThemeSupport
from meetings.wishes.demo import build_wishes

pytestmark = pytest.mark.django_db


def test_demo_has_neh_suggestions_with_support_and_one_adopted():
    accounts = build_demo()
    neh = ThemeSuggestion.objects.filter(network__code="NEH")
    representative = accounts["representant.miljo@example.org"]
    assert neh.filter(suggested_by=representative, status="open").exists()
    assert neh.filter(status="adopted").count() == 1
    adopted = neh.get(status="adopted")
    assert adopted.adopted_meeting.status == "planned"
    assert adopted.adopted_meeting.theme_title == adopted.title
    assert neh.filter(status="closed").exclude(closed_reason="").exists()
    assert ThemeSupport.objects.filter(suggestion__network__code="NEH").count() >= 5
    assert not ThemeSupport.objects.filter(suggestion__suggested_by=models_f()).exists()
    counts = (ThemeSuggestion.objects.count(), ThemeSupport.objects.count())
    build_wishes(accounts["samordnare@example.org"])
    assert (ThemeSuggestion.objects.count(), ThemeSupport.objects.count()) == counts


def models_f():
    from django.db.models import F

    return F("person")
