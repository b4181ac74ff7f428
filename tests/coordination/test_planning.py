"""Proposing a term's dates, the warnings, and creating the meetings at once."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from meetings.coordination import planning
from meetings.models import Meeting
from meetings.terms import Term

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("Europe/Stockholm")


def slot(day: datetime.date, hour: int = 9, minutes: int = 120) -> planning.Slot:
    starts_at = datetime.datetime.combine(day, datetime.time(hour), ZONE)
    return planning.Slot(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=minutes)
    )


@pytest.mark.parametrize("count", [3, 4])
def test_propose_dates_spreads_same_weekday_over_the_term(count):
    term = Term(2027, "VT")
    dates = planning.propose_dates(term, count, weekday=1, today=datetime.date(2026, 11, 30))
    assert len(dates) == count
    assert all(day.weekday() == 1 for day in dates)
    assert all(term.first_day <= day <= term.last_day for day in dates)
    assert dates == sorted(dates) and (dates[-1] - dates[0]).days > 100
    assert not any(planning.holiday_name(day) for day in dates)


def test_propose_dates_skips_holidays_and_starts_after_today():
    # Ascension Day 2027 is Thursday 6 May; a Thursday proposal never lands on it.
    dates = planning.propose_dates(Term(2027, "VT"), 4, weekday=3, today=datetime.date(2027, 4, 1))
    assert all(day > datetime.date(2027, 4, 7) for day in dates)
    assert datetime.date(2027, 5, 6) not in dates


def test_holiday_name_knows_swedish_holidays_not_sundays():
    assert planning.holiday_name(datetime.date(2027, 6, 6)) == "Nationaldagen"
    assert planning.holiday_name(datetime.date(2027, 5, 6)) == "Kristi himmelsfärdsdag"
    assert planning.holiday_name(datetime.date(2027, 5, 9)) is None  # an ordinary Sunday


def test_parse_term_accepts_values_and_refuses_garbage():
    assert planning.parse_term("ht-2027") == Term(2027, "HT")
    for bad in ["", "XX-2027", "HT-27", "HT", "VT-abcd"]:
        assert planning.parse_term(bad) is None


def test_warnings_for_too_few_too_many_holiday_and_overlap(neh):
    term = Term(2027, "VT")
    few = planning.plan_warnings(neh, term, [slot(datetime.date(2027, 2, 2))])
    assert few == ["VT 2027 får bara 1 möte; målet är 3–4 per termin."]
    days = [datetime.date(2027, 2, d) for d in (2, 9, 16, 23)] + [datetime.date(2027, 5, 6)]
    many = planning.plan_warnings(neh, term, [slot(d) for d in days])
    assert "VT 2027 får 5 möten; målet är 3–4 per termin." in many
    assert "2027-05-06 är en helgdag (Kristi himmelsfärdsdag)." in many
    overlapping = [slot(datetime.date(2027, 3, 2)), slot(datetime.date(2027, 3, 2), 10)]
    overlapping.append(slot(datetime.date(2027, 4, 6)))
    assert planning.plan_warnings(neh, term, overlapping) == [
        "Två möten i NEH krockar den 2027-03-02."
    ]


def test_warnings_count_existing_meetings_but_not_cancelled_ones(neh):
    existing = Meeting.objects.create(
        network=neh,
        starts_at=datetime.datetime(2027, 3, 2, 9, tzinfo=ZONE),
        ends_at=datetime.datetime(2027, 3, 2, 11, tzinfo=ZONE),
    )
    term = Term(2027, "VT")
    slots = [slot(datetime.date(2027, 3, 2), 10), slot(datetime.date(2027, 4, 6))]
    assert planning.plan_warnings(neh, term, slots) == ["Två möten i NEH krockar den 2027-03-02."]
    existing.status = Meeting.Status.CANCELLED
    existing.save()
    assert planning.plan_warnings(neh, term, slots) == [
        "VT 2027 får bara 2 möten; målet är 3–4 per termin."
    ]


def test_create_meetings_is_all_or_nothing(neh):
    good = slot(datetime.date(2027, 2, 2))
    bad = planning.Slot(starts_at=good.ends_at, ends_at=good.starts_at)
    with pytest.raises(Exception, match="sluta efter"):
        planning.create_meetings(neh, [good, bad])
    assert not Meeting.objects.exists()
    created = planning.create_meetings(neh, [good, slot(datetime.date(2027, 3, 2))])
    assert [m.status for m in created] == [Meeting.Status.PLANNED] * 2
    assert Meeting.objects.filter(network=neh).count() == 2


def test_selectable_terms_are_current_and_two_next():
    assert planning.selectable_terms(datetime.date(2026, 11, 30)) == [
        Term(2026, "HT"),
        Term(2027, "VT"),
        Term(2027, "HT"),
    ]


def test_propose_dates_step_over_days_the_network_already_meets():
    term = Term(2027, "VT")
    today = datetime.date(2026, 11, 30)
    first = planning.propose_dates(term, 4, today=today)
    again = planning.propose_dates(term, 4, today=today, taken=frozenset(first[:2]))
    assert not set(again) & set(first[:2])
    assert all(day.weekday() == 1 for day in again) and len(again) == 4


def test_taken_days_ignore_cancelled_meetings(neh):
    kept = Meeting.objects.create(
        network=neh,
        starts_at=datetime.datetime(2027, 3, 2, 9, tzinfo=ZONE),
        ends_at=datetime.datetime(2027, 3, 2, 11, tzinfo=ZONE),
    )
    Meeting.objects.create(
        network=neh,
        status=Meeting.Status.CANCELLED,
        starts_at=datetime.datetime(2027, 4, 6, 9, tzinfo=ZONE),
        ends_at=datetime.datetime(2027, 4, 6, 11, tzinfo=ZONE),
    )
    assert planning.taken_days(neh, Term(2027, "VT")) == {kept.starts_at.date()}
