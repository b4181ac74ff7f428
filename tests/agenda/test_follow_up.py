""" "Uppföljning" (the network's open actions) on the published agenda and in its plain text."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.agenda.follow_up import MAX_LISTED
from meetings.agenda.versions import draft_items, snapshot
from meetings.models import ActionItem, AgendaVersion
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_meeting(neh, administration, coordinator):
    held = factories.make_meeting(neh, days_ahead=-10)
    item = factories.make_agenda_item(held, position=1, title="Solel")
    for title, status in (("Ta fram en mall", "open"), ("Redan klar sak", "done")):
        action = ActionItem.objects.create(
            meeting=held,
            agenda_item=item,
            title=title,
            status=status,
            due_on=timezone.localdate() - datetime.timedelta(days=1),
            done_at=timezone.now() if status == "done" else None,
        )
        action.administrations.set([administration])
    meeting = factories.make_meeting(neh, days_ahead=14)
    factories.make_agenda_item(meeting, position=1, title="Information")
    meeting.agenda_published_at = timezone.now()
    meeting.save(update_fields=["agenda_published_at"])
    AgendaVersion.objects.create(
        meeting=meeting, number=1, published_by=coordinator, snapshot=snapshot(draft_items(meeting))
    )
    return meeting


def test_current_agenda_version_shows_the_open_actions_as_live_data(
    next_meeting, client_for, coordinator
):
    version = next_meeting.agenda_versions.get()
    frozen = version.snapshot
    html = client_for("representative").get(reverse("agenda_current", args=[next_meeting.pk]))
    html = html.content.decode()
    assert "Uppföljning" in html and "Ta fram en mall" in html
    assert "Listan visar läget nu" in html and "försenad" in html
    assert "Redan klar sak" not in html
    version.refresh_from_db()
    assert version.snapshot == frozen  # live data, not written into the version
    # An earlier version is a record as it was: no live list under it.
    AgendaVersion.objects.create(
        meeting=next_meeting, number=2, published_by=coordinator, snapshot=frozen
    )
    client = client_for("representative")
    old = client.get(reverse("agenda_version", args=[next_meeting.pk, 1])).content.decode()
    assert "Ta fram en mall" not in old
    current = client.get(reverse("agenda_current", args=[next_meeting.pk])).content.decode()
    assert "Ta fram en mall" in current


def test_agenda_text_lists_the_follow_up_with_its_date(next_meeting, client_for, administration):
    text = client_for("representative").get(reverse("agenda_text", args=[next_meeting.pk]))
    text = text.content.decode()
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert f"Uppföljning: öppna åtgärder från tidigare möten (läget {today})" in text
    assert f"- Ta fram en mall ({administration.name}), klart senast" in text
    assert "(försenad)" in text and "Redan klar sak" not in text


def _open_action(meeting, title, due_on, administration):
    action = ActionItem.objects.create(meeting=meeting, title=title, due_on=due_on)
    action.administrations.set([administration])
    return action


def test_follow_up_lists_what_is_due_by_the_meeting_and_counts_the_rest(
    next_meeting, client_for, administration, nsh
):
    held = next_meeting.network.meetings.filter(starts_at__lt=timezone.now()).get()
    day = timezone.localdate(next_meeting.starts_at)
    _open_action(held, "Klar på mötesdagen", day, administration)
    _open_action(held, "Klar efter mötet", day + datetime.timedelta(days=1), administration)
    _open_action(held, "Klar nästa år", day + datetime.timedelta(days=300), administration)
    other = factories.make_meeting(nsh, days_ahead=-10)
    _open_action(other, "Det andra nätverkets åtgärd", day, administration)

    for role in ("representative", "coordinator"):
        html = client_for(role).get(reverse("meeting_detail", args=[next_meeting.pk]))
        html = html.content.decode()
        # Due on the meeting's day and overdue: listed; due later: counted; other network: not.
        assert "Klar på mötesdagen" in html and "Ta fram en mall" in html
        assert "Klar efter mötet" not in html and "Klar nästa år" not in html
        assert "Det andra nätverkets åtgärd" not in html
        assert "Nätverket har ytterligare 2 öppna åtgärder." in html
        link = reverse("action_list", args=["neh"])
        assert (f'href="{link}"' in html) is (role == "coordinator")

    actions = client_for("coordinator").get(reverse("action_list", args=["neh"])).content.decode()
    assert "Klar efter mötet" in actions and "Klar nästa år" in actions

    text = client_for("representative").get(reverse("agenda_text", args=[next_meeting.pk]))
    text = text.content.decode()
    assert "Klar på mötesdagen" in text and "Klar nästa år" not in text
    assert "Nätverket har ytterligare 2 öppna åtgärder." in text


def test_follow_up_says_so_when_nothing_is_due_but_others_are_open(
    next_meeting, client_for, administration
):
    ActionItem.objects.filter(title="Ta fram en mall").update(
        due_on=timezone.localdate(next_meeting.starts_at) + datetime.timedelta(days=5)
    )
    html = client_for("coordinator").get(reverse("agenda_manage", args=[next_meeting.pk]))
    html = html.content.decode()
    assert "Inga åtgärder ska vara klara till det här mötet." in html
    assert "Nätverket har ytterligare 1 öppen åtgärd." in html
    assert "Ta fram en mall" not in html
    assert reverse("action_list", args=["neh"]) in html


def test_follow_up_lists_at_most_a_bounded_number_of_overdue_actions(
    next_meeting, client_for, administration
):
    """Overdue actions nobody closes must not make the meeting page grow with the years."""
    held = next_meeting.network.meetings.filter(starts_at__lt=timezone.now()).get()
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    for n in range(MAX_LISTED + 5):
        _open_action(held, f"Gammal åtgärd {n:02d}", long_ago, administration)
    html = client_for("representative").get(reverse("meeting_detail", args=[next_meeting.pk]))
    html = html.content.decode()
    shown = [n for n in range(MAX_LISTED + 5) if f"Gammal åtgärd {n:02d}" in html]
    assert shown == list(range(MAX_LISTED))  # the most overdue first, then by age
    assert "Ta fram en mall" not in html  # due yesterday: less overdue than the cap's
    assert "Nätverket har ytterligare 6 öppna åtgärder." in html


def test_follow_up_texts_are_in_the_language_asked(next_meeting, administration):
    """The due and decided texts are remembered per day and language: Swedish, then English,
    then Swedish again for the same days."""
    from django.utils import translation

    from config.dates import long_date
    from meetings.agenda.follow_up import open_actions

    held = next_meeting.network.meetings.filter(starts_at__lt=timezone.now()).get()
    day = timezone.localdate(next_meeting.starts_at)
    _open_action(held, "Klar på mötesdagen", day, administration)
    decided = timezone.localdate(held.starts_at)
    texts = {}
    for language in ("sv", "en", "sv"):
        with translation.override(language):
            action = next(a for a in open_actions(next_meeting) if a.title == "Klar på mötesdagen")
            texts[language] = (action.due_text, action.from_text)
            assert texts[language] == (
                translation.gettext("klart senast %(date)s") % {"date": long_date(day)},
                translation.gettext("från mötet %(date)s") % {"date": long_date(decided)},
            )
    assert texts["sv"][0].startswith("klart senast") and texts["en"][0].startswith("due by")


# minutes/_follow_up.html as a template, before `{% follow_up_section %}` wrote it.
TEMPLATE_SECTION = """{% load i18n %}{% if follow_up %}<section aria-labelledby="follow-up-heading" class="follow-up">
  <h2 id="follow-up-heading">{% translate "Uppföljning" %}</h2>
  <p>{% translate "Öppna åtgärder från nätverkets tidigare möten som ska vara klara till det här mötet." %}{% if follow_up_live %} {% translate "Listan visar läget nu och är inte en del av den publicerade versionen." %}{% endif %}</p>
  {% if follow_up.actions %}<ul class="follow-up-list">
    {{ follow_up.rows_html }}
  </ul>{% else %}<p>{% translate "Inga åtgärder ska vara klara till det här mötet." %}</p>{% endif %}
  {% if follow_up.others or can_coordinate or can_manage %}<p>{% if follow_up.others %}{% blocktranslate count count=follow_up.others trimmed %}
    Nätverket har ytterligare {{ count }} öppen åtgärd.
  {% plural %}
    Nätverket har ytterligare {{ count }} öppna åtgärder.
  {% endblocktranslate %}{% endif %}{% if can_coordinate or can_manage %} <a href="{% url 'action_list' meeting.network.code|lower %}">{% translate "Alla åtgärder i nätverket" %}</a>{% endif %}</p>{% endif %}
</section>{% endif %}
"""  # noqa: E501


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_follow_up_section_is_the_template(neh, language):
    """`{% follow_up_section %}` (FollowUp.section_html) writes what the template wrote: with
    and without listed actions, no, one or many others, linked for a coordinator or on the
    workspace, live on a published version, and nothing when there is nothing to follow up."""
    from types import SimpleNamespace

    from django.template import Context, Template
    from django.template.loader import get_template
    from django.utils import translation

    from meetings.agenda.follow_up import FollowUp

    meeting = SimpleNamespace(network=neh)
    action = SimpleNamespace(
        pk=7,
        title="Mall & <plan>",
        responsible=['Förvaltning "A"'],
        due_text="klart",
        from_text="från",
        is_overdue=True,
    )
    written = get_template("meetings/minutes/_follow_up.html")
    cases = 0
    with translation.override(language):
        for actions in ([], [action]):
            for others in (0, 1, 2, 1354):
                for flags in ({}, {"can_coordinate": True}, {"can_manage": True}):
                    for live in (False, True):
                        follow_up = FollowUp(list(actions), others)
                        context = {"follow_up": follow_up, "meeting": meeting, **flags}
                        if live:
                            context["follow_up_live"] = True
                        expected = Template(TEMPLATE_SECTION).render(Context(context))
                        assert written.render(context) == expected
                        cases += bool(follow_up)
    assert cases == 42
