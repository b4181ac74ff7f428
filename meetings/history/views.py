"""An object's change history, for the people who keep the object (meetings/history/entries.py)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from meetings.history import entries as history
from meetings.rules import can_see_history


@require_safe
@login_required
def object_history(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """404 for an unknown key, a missing object and anyone who may not see the history: the
    history reveals drafts and people, so whether the object exists is not told either."""
    tracked = history.REGISTRY.get(key)
    if tracked is None:
        raise Http404
    obj = get_object_or_404(tracked.model._default_manager.select_related(*tracked.related), pk=pk)
    if not can_see_history(request.user, obj):
        raise Http404
    context = {
        "object": obj,
        "label": tracked.label,
        "back_url": tracked.page(obj, request.user),
        "page": history.history_page(obj),
    }
    return render(request, "meetings/history/object_history.html", context)
