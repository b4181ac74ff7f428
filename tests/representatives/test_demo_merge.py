"""On the demo data: the coordinator merges two administrations, and their history reads right."""

import pytest
from django.urls import reverse

from meetings.demo import build_demo
from representatives.models import Administration, Appointment
from tests.accounts.support import sign_in_as

pytestmark = pytest.mark.django_db


def test_the_coordinator_merges_two_administrations(client):
    accounts = build_demo()
    coordinator = accounts["samordnare@example.org"]
    source = Administration.objects.get(short_name="AMF")
    target = Administration.objects.get(short_name="SOC")
    seated = {
        (a.network_id, a.role): a.person
        for a in Appointment.objects.current().filter(administration=source)
    }
    assert seated, "the demo's Arbetsmarknadsförvaltningen has seats"
    # Socialförvaltningen's own seats stay; the others move.
    taken = set(
        Appointment.objects.filter(administration=target, end_date=None).values_list(
            "network_id", "role"
        )
    )
    expected_moves = {seat: person for seat, person in seated.items() if seat not in taken}
    sign_in_as(client, coordinator)

    # From the dashboard to the list, to the merge page.
    dashboard = client.get(reverse("coordination_dashboard", args=["nsh"])).content.decode()
    assert f'href="{reverse("administration_list")}"' in dashboard
    listing = client.get(reverse("administration_list")).content.decode()
    merge_url = reverse("administration_merge", args=[source.pk])
    assert f'href="{merge_url}"' in listing
    page = client.get(merge_url)
    assert page.status_code == 200 and f'value="{target.pk}"' in page.content.decode()

    response = client.post(merge_url, {"target": target.pk, "confirm": "on"}, follow=True)
    assert "Arbetsmarknadsförvaltningen är sammanslagen med Socialförvaltningen" in (
        response.content.decode()
    )
    assert "sammanslagen med Socialförvaltningen" in response.content.decode()

    # The merged administration's history: who merged it, into what, that it is inactive.
    history = client.get(reverse("object_history", args=["forvaltning", source.pk]))
    text = history.content.decode()
    assert history.status_code == 200
    assert "Sammanslagen med" in text and "Socialförvaltningen" in text
    assert "Aktiv" in text and "Nej" in text
    assert coordinator.full_name in text
    # Its seats ended, and were kept; where Socialförvaltningen had nobody, they moved.
    assert not Appointment.objects.current().filter(administration=source).exists()
    assert Appointment.objects.filter(administration=source).count() >= len(seated)
    ended = Appointment.objects.filter(administration=source).order_by("-end_date").first()
    seat_history = client.get(reverse("object_history", args=["uppdrag", ended.pk]))
    assert "Till" in seat_history.content.decode()
    moved = Appointment.objects.current().filter(administration=target, appointed_by=coordinator)
    assert {(a.network_id, a.role): a.person for a in moved} == expected_moves
    # Merged, not deleted: still there, inactive, and no longer offered for a new merge.
    source.refresh_from_db()
    assert not source.is_active and source.merged_into == target
    again = client.get(reverse("administration_merge", args=[target.pk])).content.decode()
    assert f'value="{source.pk}"' not in again
