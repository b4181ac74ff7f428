"""The coordinators' page of messages that could not be delivered, and "Skicka igen"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from meetings.access import coordinated_network
from meetings.models import OutboxMessage
from meetings.outbox import outbox

SHOWN = 200


@require_safe
@login_required
def failed_deliveries(request: HttpRequest, code: str) -> HttpResponse:
    network = coordinated_network(request, code)
    failed = OutboxMessage.objects.failed().for_network(network)
    context = {
        "network": network,
        "failed": list(failed.order_by("-next_attempt_at", "-pk")[:SHOWN]),
        "count": failed.count(),
        "shown": SHOWN,
    }
    return render(request, "meetings/outbox/failed.html", context)


def _retried(request: HttpRequest, network, count: int) -> HttpResponse:
    messages.success(
        request,
        ngettext(
            "%(count)s utskick ligger i kön igen och skickas strax.",
            "%(count)s utskick ligger i kön igen och skickas strax.",
            count,
        )
        % {"count": count},
    )
    return redirect(reverse("outbox_failed", kwargs={"code": network.code.lower()}))


@require_POST
@login_required
def retry_delivery(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    network = coordinated_network(request, code)
    if not OutboxMessage.objects.failed().for_network(network).filter(pk=pk).exists():
        raise Http404
    return _retried(request, network, outbox.retry([pk], network))


@require_POST
@login_required
def retry_all_deliveries(request: HttpRequest, code: str) -> HttpResponse:
    network = coordinated_network(request, code)
    pks = OutboxMessage.objects.failed().for_network(network).values_list("pk", flat=True)
    return _retried(request, network, outbox.retry(list(pks), network))
