"""Results per meeting and per term against a hand-built dataset; the chart's numbers are the
table's."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from meetings.evaluations import workflow as evaluations
from meetings.models import Attendance, Evaluation
from meetings.terms import Term
from tests import factories

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _at(network, starts_at, **extra):
    from meetings.models import Meeting

    return Meeting.objects.create(
        network=network,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        status=extra.pop("status", Meeting.Status.PUBLISHED),
        theme_title=extra.pop("theme_title", "Tema"),
        published_at=starts_at - datetime.timedelta(days=30),
        **extra,
    )


@pytest.fixture
def dataset(neh, nsh):
    """HT 2025 in NEH: three held meetings and a cancelled one.

    - 10 Sep: five people ticked (four present); answers usefulness 5, 4, 3 → mean 4.0;
      lengths right, right, too long; formats hybrid ×2, digital; two comments.
    - 15 Oct: nobody ticked, two said "kommer", one "kommer inte"; answers 2 and 3 → 2.5.
    - 20 Nov: two present, no answers → mean None.
    - 1 Dec: cancelled (not held); an NSH meeting with answers must not count.
    """
    people = [factories.make_user(f"p{n}@example.org", f"Person {n}") for n in range(6)]
    first = _at(neh, datetime.datetime(2025, 9, 10, 9, tzinfo=STOCKHOLM), theme_title="Ett")
    second = _at(neh, datetime.datetime(2025, 10, 15, 9, tzinfo=STOCKHOLM), theme_title="Två")
    third = _at(neh, datetime.datetime(2025, 11, 20, 9, tzinfo=STOCKHOLM), theme_title="Tre")
    _at(neh, datetime.datetime(2025, 12, 1, 9, tzinfo=STOCKHOLM), status="cancelled")
    other = _at(nsh, datetime.datetime(2025, 10, 1, 9, tzinfo=STOCKHOLM))
    for n, person in enumerate(people[:5]):
        Attendance.objects.create(meeting=first, person=person, attended=n != 4)
    for person, answer in zip(people[:3], ["coming", "coming", "not_coming"], strict=True):
        Attendance.objects.create(meeting=second, person=person, answer=answer)
    for person in people[:2]:
        Attendance.objects.create(meeting=third, person=person, attended=True)
    for person, (use, length, fmt, comment) in zip(
        people,
        [
            (5, "right", "hybrid", "Mycket bra."),
            (4, "right", "hybrid", ""),
            (3, "too_long", "digital", "För långt."),
        ],
        strict=False,
    ):
        Evaluation.objects.create(
            meeting=first,
            person=person,
            usefulness=use,
            length=length,
            preferred_format=fmt,
            comment=comment,
        )
    Evaluation.objects.create(meeting=second, person=people[0], usefulness=2)
    Evaluation.objects.create(meeting=second, person=people[1], usefulness=3, comment="Okej.")
    Evaluation.objects.create(meeting=other, person=people[0], usefulness=1)
    return first, second, third


def test_meeting_results_by_hand(dataset):
    first, _second, _third = dataset
    results = evaluations.meeting_results(first)
    assert (results.participants, results.answered, results.mean_usefulness) == (4, 3, 4.0)
    assert [c.count for c in results.usefulness_counts] == [0, 0, 1, 1, 1]
    assert {c.value: c.count for c in results.length_counts} == {
        "too_short": 0,
        "right": 2,
        "too_long": 1,
    }
    assert {c.value: c.count for c in results.format_counts} == {
        "on_site": 0,
        "digital": 1,
        "hybrid": 2,
    }
    assert results.comments == ["Mycket bra.", "För långt."]


def test_term_rows_by_hand(dataset, neh):
    report = evaluations.term_evaluations(neh, Term(2025, "HT"))
    rows = [
        (row.meeting.theme_title, row.participants, row.answered, row.mean_usefulness)
        for row in report.rows
    ]
    assert rows == [("Ett", 4, 3, 4.0), ("Två", 2, 2, 2.5), ("Tre", 2, 0, None)]
    assert report.rows[1].comments == ["Okej."]
    chart = report.chart
    # x: 48 to 540 in two steps of 246; y: 1 → 180, 5 → 16, so 4.0 → 57 and 2.5 → 118.5 → 118.
    assert [(p["x"], p["y"]) for p in chart["points"]] == [(48, 57), (294, 118)]
    assert [label["x"] for label in chart["labels"]] == [48, 294, 540]
    assert chart["line"] == "48,57 294,118"


def test_term_page_chart_numbers_equal_the_table(client, dataset, coordinator):
    client.force_login(coordinator)
    path = reverse("evaluation_term", kwargs={"code": "neh"}) + "?termin=2025-HT"
    page = client.get(path).content.decode()
    chart = page[page.index('<svg class="chart" id="chart-usefulness"') : page.index("</svg>")]
    table = page[page.index('<table id="term-table"') : page.index("</table>")]
    in_chart = re.findall(r'class="chart-value"[^>]*data-value="([^"]*)"', chart)
    in_table = [v for v in re.findall(r'class="num-usefulness" data-value="([^"]*)"', table) if v]
    assert in_chart == in_table == ["4,0", "2,5"]
    assert "Mycket bra." in page and "Okej." in page
    assert 'aria-hidden="true"' in chart


def test_results_page_shows_counts_mean_and_comments(client, dataset, coordinator):
    first, _second, _third = dataset
    client.force_login(coordinator)
    page = client.get(reverse("evaluation_results", kwargs={"pk": first.pk})).content.decode()
    assert "3 svar av 4 deltagare." in page
    assert "Genomsnittlig nytta: 4,0 av 5." in page
    assert "För långt." in page
    # Not sent, but the network's next meeting has started: too late to send.
    assert "Skicka utvärdering</button>" not in page
    assert "kan inte längre skickas" in page


def test_term_page_shows_each_meetings_latest_comments_and_links_the_rest(
    client, dataset, coordinator
):
    from meetings.evaluations.workflow import COMMENTS_PER_MEETING

    first, _second, _third = dataset
    for n in range(COMMENTS_PER_MEETING + 1):
        person = factories.make_user()
        Evaluation.objects.create(meeting=first, person=person, comment=f"Tanke {n:02d}")
    report = evaluations.term_evaluations(first.network, Term(2025, "HT"))
    row = report.rows[0]
    assert row.comments == [f"Tanke {n:02d}" for n in range(1, COMMENTS_PER_MEETING + 1)]
    assert row.more_comments == 3  # "Mycket bra.", "För långt." and the first new one
    assert row.answered == 3 + COMMENTS_PER_MEETING + 1
    client.force_login(coordinator)
    path = reverse("evaluation_term", kwargs={"code": "neh"}) + "?termin=2025-HT"
    page = client.get(path).content.decode()
    assert "3 kommentarer till på mötets resultatsida" in page
    assert reverse("evaluation_results", kwargs={"pk": first.pk}) in page
