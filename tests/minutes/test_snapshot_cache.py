"""The body of a published version of the minutes is rendered once and kept in the cache:
a new version shows at once, earlier ones keep their own text, and the languages don't mix."""

import datetime

import pytest
from django.urls import reverse

from meetings.minutes import workflow as minutes
from meetings.models import MinutesVersion
from tests.minutes.build import held_meeting_with_minutes

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(neh, coordinator, administration):
    return held_meeting_with_minutes(neh, coordinator, administration)


def test_a_new_version_shows_at_once_and_the_earlier_keeps_its_text(
    client_for, meeting, coordinator
):
    client = client_for("staff")
    current = reverse("minutes_detail", args=[meeting.pk])
    first = reverse("minutes_version", args=[meeting.pk, 1])
    assert "(rättat)" in client.get(current).content.decode()  # v2, now in the cache
    assert "(rättat)" not in client.get(first).content.decode()

    draft = minutes.draft_for(meeting)
    draft = minutes.save_draft(
        meeting, coordinator, "Tredje versionen.", {}, seen_version=draft.version
    )
    minutes.publish(meeting, coordinator, "Ny sammanfattning.", 2, draft_version=draft.version)

    page = client.get(current).content.decode()
    assert "Tredje versionen." in page
    assert "(rättat)" not in page
    second = reverse("minutes_version", args=[meeting.pk, 2])
    assert "(rättat)" in client.get(second).content.decode()
    assert "Tredje versionen." not in client.get(first).content.decode()


def test_a_replaced_row_under_the_same_number_is_not_shown_the_old_text(client_for, meeting):
    client = client_for("staff")
    url = reverse("minutes_detail", args=[meeting.pk])
    assert "(rättat)" in client.get(url).content.decode()
    version = MinutesVersion.objects.get(minutes__meeting=meeting, number=2)
    # What a restored database could hold: another row's text under the same key but a
    # different publication time.
    content = {**version.content, "summary": "Ersatt text."}
    MinutesVersion.objects.filter(pk=version.pk).update(
        content=content, published_at=version.published_at + datetime.timedelta(seconds=1)
    )
    page = client.get(url).content.decode()
    assert "Ersatt text." in page
    assert "(rättat)" not in page


def test_swedish_and_english_bodies_do_not_mix(client_for, meeting):
    client = client_for("staff")
    url = reverse("minutes_detail", args=[meeting.pk])
    swedish = client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    client.cookies["django_language"] = "sv"
    again = client.get(url).content.decode()

    assert "Allmänna anteckningar" in swedish and "General notes" not in swedish
    assert "General notes" in english and "Allmänna anteckningar" not in english
    # Swedish text is marked as such on the English page only.
    assert 'class="markdown" lang="sv"' in english
    assert 'class="markdown" lang="sv"' not in swedish
    assert body(again) == body(swedish)


def body(page: str) -> str:
    return page[page.index('id="attendance-heading"') : page.index('id="actions-heading"')]
