import pytest
from django.urls import reverse

from meetings.demo import build_demo
from meetings.minutes.demo import build_minutes_demo
from meetings.models import ActionItem, Meeting, MinutesVersion
from representatives.models import Administration

pytestmark = pytest.mark.django_db


def test_demo_has_corrected_minutes_and_actions_under_follow_up(client):
    accounts = build_demo()
    versions = list(MinutesVersion.objects.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].correction_note
    assert versions[0].content != versions[1].content
    held = versions[0].minutes.meeting
    assert held.network.code == "NEH" and held.is_past
    assert any(e["outcome"] for e in versions[1].content["entries"])
    miljo = Administration.objects.get(short_name="MF")
    # The minutes' own actions (the goals' demo adds an action plan with actions of its own).
    actions = ActionItem.objects.filter(goal=None)
    statuses = sorted(a.status for a in actions.filter(administrations=miljo))
    assert statuses == ["done", "open"]
    open_action = actions.get(status="open")
    # The network's next meeting (in the demo a planned one, whose theme the coordinator is
    # about to publish) carries the open action on its draft agenda and meeting page.
    next_neh = Meeting.objects.filter(network=held.network).upcoming().not_cancelled().first()
    client.force_login(accounts["samordnare@example.org"])
    for url in (next_neh.get_absolute_url(), reverse("agenda_manage", args=[next_neh.pk])):
        html = client.get(url).content.decode()
        assert "Uppföljning" in html and open_action.title in html
    done_action = actions.get(status="done")
    assert done_action.title not in html
    client.force_login(accounts["representant.miljo@example.org"])
    page = client.get(reverse("minutes_detail", args=[held.pk])).content.decode()
    assert "Förtydligat" in page
    # Idempotent: a second run adds nothing.
    build_minutes_demo(accounts["samordnare@example.org"], miljo, accounts)
    assert MinutesVersion.objects.count() == 2 and actions.count() == 2
