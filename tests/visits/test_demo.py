import pytest
from django.urls import reverse

from meetings.demo import build_demo
from meetings.models import NetworkVisit

pytestmark = pytest.mark.django_db


def test_demo_representative_sees_what_changed_since_her_last_visit(client):
    accounts = build_demo()
    representative = accounts["representant.miljo@example.org"]
    assert NetworkVisit.objects.get(user=representative, network__code="NEH")
    client.force_login(representative)
    html = client.get(reverse("network_detail", args=["neh"])).content.decode()
    section = html[html.index('id="since-visit"') : html.index('class="aktuellt"')]
    assert section.count("<li>") >= 2
    assert "Minnesanteckningarna publicerade" in section and "Ny remiss" in section
