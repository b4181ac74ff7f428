"""Dates one way per language, everywhere (config/dates.py): Swedish as Språkrådet recommends,
English in the British order."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

from config.dates import long_date, moment, when
from meetings.terms import Term

START = timezone.make_aware(datetime.datetime(2026, 12, 22, 9, 0))
END = START + datetime.timedelta(hours=2)
# Machine formats (ISO in <time datetime>, file names) and the charts' short axis labels.
MACHINE_FORMATS = {"c", "Y-m-d", "j/n", "j F"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "tisdag 22 december 2026 kl. 09.00–11.00"),
        ("en", "Tuesday 22 December 2026, 09:00–11:00"),
    ],
)
def test_a_meeting_time_is_written_one_way_per_language(language, expected):
    with translation.override(language):
        assert when(START, END) == expected
        rendered = Template("{{ start|when:end }}").render(Context({"start": START, "end": END}))
        assert rendered == expected


def test_moments_dates_and_days_across_midnight():
    with translation.override("sv"):
        assert moment(START) == "22 december 2026 kl. 09.00"
        assert long_date(START.date()) == "22 december 2026"
        late = START + datetime.timedelta(days=1, hours=1)
        assert when(START, late) == (
            "tisdag 22 december 2026 kl. 09.00 – onsdag 23 december 2026 kl. 10.00"
        )
    with translation.override("en"):
        assert moment(START) == "22 December 2026, 09:00"
        assert long_date(START.date()) == "22 December 2026"


def test_terms_are_translated():
    with translation.override("sv"):
        assert str(Term(2027, "VT")) == "VT 2027"
    with translation.override("en"):
        assert (str(Term(2027, "VT")), str(Term(2027, "HT"))) == ("Spring 2027", "Autumn 2027")


def test_templates_write_dates_through_the_one_set_of_filters():
    """`|date:"…"` only for machine formats; people's dates go through config/dates.py."""
    pattern = re.compile(r"\|date:[\"']([^\"']*)[\"']")
    found = [
        f"{path.name}: {fmt}"
        for path in Path(settings.BASE_DIR, "templates").rglob("*")
        if path.suffix in (".html", ".txt")
        for fmt in pattern.findall(path.read_text())
        if fmt not in MACHINE_FORMATS
    ]
    assert not found


def test_iso_text_from_stored_snapshots_is_read():
    with translation.override("sv"):
        assert long_date("2026-12-19") == "19 december 2026"
        assert long_date("inte ett datum") == "inte ett datum"
        assert long_date(None) == ""


def test_remembered_dates_keep_languages_and_zones_apart():
    """Formatted dates are remembered (config/dates._formatted): the same moment still reads
    in each language and in each time zone, whichever was asked first."""
    with translation.override("sv"):
        assert long_date(START) == "22 december 2026"
    with translation.override("en"):
        assert long_date(START) == "22 December 2026"
    late = timezone.make_aware(datetime.datetime(2026, 12, 22, 23, 30))
    with translation.override("sv"):
        assert moment(late) == "22 december 2026 kl. 23.30"
        with timezone.override(datetime.UTC):
            assert moment(late) == "22 december 2026 kl. 22.30"
        with timezone.override("Asia/Tokyo"):
            assert moment(late) == "23 december 2026 kl. 07.30"
        assert moment(late) == "22 december 2026 kl. 23.30"


def test_remembered_formats_keep_languages_and_time_zones_apart():
    """The formats are remembered (config.dates._formatted): per language and per UTC offset."""
    for _ in range(2):  # the second time from the memo
        with translation.override("sv"):
            assert long_date(START.date()) == "22 december 2026"
            with timezone.override("UTC"):
                assert moment(START) == "22 december 2026 kl. 08.00"
            assert moment(START) == "22 december 2026 kl. 09.00"
        with translation.override("en"):
            assert long_date(START.date()) == "22 December 2026"
            assert moment(START) == "22 December 2026, 09:00"
