"""The search page: one box in the header, the results grouped by kind."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from config.http import AuthenticatedHttpRequest
from meetings.search import engine
from meetings.search.forms import SearchForm
from meetings.search.rows import hit_rows


@require_safe
@login_required
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    asked = "q" in request.GET
    form = SearchForm(request.GET if asked else None)
    groups: list[engine.Group] = []
    status = 200
    if asked:
        if form.is_valid():
            groups = engine.search(request.user, form.cleaned_data["q"])
            for group in groups:
                group.rows = hit_rows(group.hits)
        else:
            status = 422
    context = {
        "form": form,
        "asked": asked and form.is_valid(),
        "query": form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else "",
        "groups": groups,
        "per_kind": engine.HITS_PER_KIND,
    }
    return render(request, "meetings/search/search.html", context, status=status)
