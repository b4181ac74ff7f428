"""The suggestions page runs the same number of queries whatever the amount of data."""

import pytest
from django.urls import reverse

from meetings.wishes import workflow as wishes
from tests import factories
from tests.wishes.conftest import make_suggestion

pytestmark = pytest.mark.django_db


def build(neh, representative, substitute, administration, size):
    for n in range(size):
        factories.make_meeting(neh, days_ahead=40 + n, status="planned", theme_title="")
        open_one = make_suggestion(neh, representative, administration, title=f"Öppet {n}")
        wishes.support(open_one.pk, substitute)
        own = make_suggestion(neh, substitute, administration, title=f"Ersättarens {n}")
        wishes.support(own.pk, representative)
        wishes.close(
            make_suggestion(neh, representative, administration, title=f"Stängt {n}").pk,
            "Nej.",
            None,
        )
    target = factories.make_meeting(neh, days_ahead=200, status="planned", theme_title="")
    adopted = make_suggestion(neh, substitute, administration, title="Antaget")
    wishes.adopt(adopted.pk, target.pk, None)


# sessions + user, then the page's own queries; paged: one count of the open and the handled
# ones (grouped by status), a page of the open ones and the latest few of the handled ones
EXPECTED = {"coordinator": 9, "representative": 9, "substitute": 9}


@pytest.mark.parametrize("role", sorted(EXPECTED))
@pytest.mark.parametrize("size", [1, 6])
def test_suggestions_page_query_count_does_not_grow(
    role,
    size,
    client_for,
    neh,
    representative,
    substitute,
    administration,
    coordinator,
    django_assert_num_queries,
):
    build(neh, representative, substitute, administration, size)
    client = client_for(role)
    url = reverse("theme_suggestions", kwargs={"code": "neh"})
    with django_assert_num_queries(EXPECTED[role]):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["open_suggestions"]) == 2 * size


@pytest.mark.parametrize("size", [1, 6])
def test_archive_query_count_does_not_grow(
    size,
    client_for,
    neh,
    representative,
    substitute,
    administration,
    coordinator,
    django_assert_num_queries,
):
    build(neh, representative, substitute, administration, size)
    client = client_for("representative")
    url = reverse("theme_suggestions", kwargs={"code": "neh"}) + "?visa=behandlade"
    with django_assert_num_queries(7):  # sessions, user, then the counts and a page of handled
        response = client.get(url)
    assert len(response.context["handled_suggestions"]) == size + 1


@pytest.mark.parametrize("role", ["coordinator", "substitute"])
def test_prepared_pages_are_the_querysets_pages(
    role, neh, representative, substitute, administration, coordinator
):
    """The page's prepared queries (workflow.page_of_suggestions, counts) find what
    split_by_status(suggestions_for(...)) does, in its order, with its annotations."""
    build(neh, representative, substitute, administration, 3)
    user = {"coordinator": coordinator, "substitute": substitute}[role]
    open_rows, handled = wishes.split_by_status(wishes.suggestions_for(neh, user))
    assert wishes.counts(neh) == (open_rows.count(), handled.count()) == (6, 4)

    def seen(rows):
        return [
            (
                row.pk,
                row.support_count,
                row.supported,
                row.work_area_name,
                row.administration_name,
                row.suggester_name,
                row.adopted_meeting_id and row.adopted_meeting.starts_at,
                row.network.code,
            )
            for row in rows
        ]

    # The names are the suggestion's relations' names.
    assert all(
        (row.work_area_name, row.administration_name, row.suggester_name)
        == (row.work_area.name, row.administration.name, row.suggested_by.full_name)
        for row in wishes.suggestions_for(neh, user)
    )
    for handled_ones, rows in ((False, open_rows), (True, handled)):
        for offset, limit in ((0, 4), (4, 4), (2, 1)):
            page = wishes.page_of_suggestions(
                neh, user, handled=handled_ones, offset=offset, limit=limit
            )
            assert seen(page) == seen(rows[offset : offset + limit])
    # The values compared are not all alike: someone supports, and the substitute does.
    assert any(row.support_count for row in open_rows)
    assert any(row.supported for row in open_rows) == (role == "substitute")


def test_prepared_adoption_targets_are_the_querysets(
    neh, representative, substitute, administration
):
    """The page's targets (compiled once) are `adoption_targets`: planned meetings ahead
    without an adopted suggestion, soonest first, with their network."""
    build(neh, representative, substitute, administration, 3)
    factories.make_meeting(neh, days_ahead=-5, status="planned", theme_title="")  # past
    factories.make_meeting(neh, days_ahead=45, status="published")  # not planned
    expected = list(wishes.adoption_targets(neh))
    found = wishes.adoption_target_list(neh)
    assert [(m.pk, m.starts_at, m.network.code) for m in found] == [
        (m.pk, m.starts_at, m.network.code) for m in expected
    ]
    assert len(found) == 3  # the adopted one's meeting, the past and the published are not


@pytest.mark.parametrize("language", ["sv", "en"])
def test_work_area_choices_read_as_values_render_as_instances_did(neh, language):
    """The suggestion form's work areas, read as (pk, name) values, make the select Django's
    IdChoiceField makes from instances: same options, order and language marks."""
    from django import forms
    from django.utils import translation

    from meetings.form_fields import IdChoiceField
    from meetings.wishes.forms import SuggestionForm

    form = SuggestionForm(network=neh)
    field = form.fields["work_area"]
    old = IdChoiceField(queryset=field.queryset, empty_label=field.empty_label)
    assert old.iterator is not field.iterator
    with translation.override(language):
        html = str(form["work_area"])
        reference = forms.BoundField(form, old, "work_area")
        assert html == str(reference)
    assert html.count("<option") == neh.work_areas.active().count() + 1 > 2
