"""Swedish public holidays and the weeks no network meets (Christmas to Epiphany, July): what
the demo's meeting plan keeps clear of, like any real coordinator would."""

import datetime
import functools


def _easter(year: int) -> datetime.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@functools.cache
def swedish_holidays(year: int) -> frozenset[datetime.date]:
    """Public holidays and the eves treated as days off (julafton, midsommarafton, nyårsafton)."""
    easter = _easter(year)
    midsummer_eve = next(
        datetime.date(year, 6, day)
        for day in range(19, 26)
        if datetime.date(year, 6, day).weekday() == 4
    )
    return frozenset(
        {
            datetime.date(year, 1, 1),
            datetime.date(year, 1, 6),
            easter - datetime.timedelta(days=2),
            easter + datetime.timedelta(days=1),
            datetime.date(year, 5, 1),
            easter + datetime.timedelta(days=39),
            datetime.date(year, 6, 6),
            midsummer_eve,
            datetime.date(year, 12, 24),
            datetime.date(year, 12, 25),
            datetime.date(year, 12, 26),
            datetime.date(year, 12, 31),
        }
    )


def is_meeting_day(day: datetime.date) -> bool:
    """A weekday that is no holiday, outside Christmas–Epiphany and July."""
    if day.weekday() >= 5 or day in swedish_holidays(day.year) or day.month == 7:
        return False
    return not ((day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 7))
