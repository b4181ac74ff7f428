"""Theme wishes: the network's suggestions page, support, adoption and closing.

One page per network (`/natverk/<code>/temaforslag/`) for its members and coordinators:
members suggest and support, coordinators adopt or close. Supporting answers htmx with the
support form's partial (focus kept, the new count announced), a plain POST with a redirect.
Outsiders get 403 for the page (the network is public) and 404 for a suggestion's URLs.
"""

import html
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from config.content_language import Swedish
from config.dates import long_date
from config.form_layout import blank_fields, kept_field_stamp
from config.http import AuthenticatedHttpRequest
from config.reversing import key_url
from meetings import paging
from meetings.access import network_by_code
from meetings.form_fields import work_area_rows
from meetings.models import ThemeSuggestion
from meetings.rules import (
    can_handle_suggestion,
    can_see_theme_suggestions,
    can_suggest_theme,
    can_support_suggestion,
)
from meetings.wishes import workflow as wishes
from meetings.wishes.forms import AdoptForm, CloseForm, SuggestionForm, SupportForm
from meetings.wishes.rows import OpenRows, handled_row
from networks import submissions
from networks.models import Network
from networks.rules import is_coordinator

HANDLED_ON_MAIN_PAGE = 5  # the latest handled suggestions under the open ones; the rest: archive


def _network(request: HttpRequest, code: str) -> Network:
    network = network_by_code(code)
    if not can_see_theme_suggestions(request.user, network):
        raise PermissionDenied
    return network


def _suggestion(request: HttpRequest, code: str, pk: int) -> ThemeSuggestion:
    """404 for people who may not see the network's suggestions, or another network's."""
    suggestion = get_object_or_404(
        ThemeSuggestion.objects.select_related("network", "suggested_by"),
        pk=pk,
        network__code=code.upper(),
    )
    if not can_see_theme_suggestions(request.user, suggestion.network):
        raise Http404
    return suggestion


def _list_url(suggestion: ThemeSuggestion) -> str:
    return suggestion.get_absolute_url()


def support_text(count: int) -> str:
    return ngettext("%(count)d stöder förslaget", "%(count)d stöder förslaget", count) % {
        "count": count
    }


def support_label(count: int) -> str:
    """The count under a suggestion (the page's own wording, not `support_text`'s)."""
    return ngettext("%(count)s stöder förslaget", "%(count)s stöder förslaget", count) % {
        "count": count
    }


def support_block(
    request: HttpRequest,
    suggestion: ThemeSuggestion,
    *,
    announce: str = "",
    error: str = "",
    csrf: str = "",
    words: "SupportWords | None" = None,
    swedish: Swedish | None = None,
) -> SafeString:
    """A suggestion's support count, with the form to support it or take the support back when
    the person may (htmx swaps the form for this block again after a click). Written here, not
    by a template: the page has one per suggestion and a template's cost per row dominated it.
    `suggestion` carries `support_label`, `supported` and `may_support` (see `_page`); `words`
    and `swedish`, made once for a page of rows."""
    words = words or SupportWords()
    pk = suggestion.pk
    supported = getattr(suggestion, "supported", False)
    count = html.escape(suggestion.support_label)  # type: ignore[attr-defined]
    too = words.too if supported else ""
    announced = (
        f'<span class="visually-hidden" data-announce="{escape(announce)}"></span>'
        if announce
        else ""
    )
    if not (getattr(suggestion, "may_support", False) and suggestion.is_open):
        own = words.own if suggestion.suggested_by_id == request.user.pk else ""
        failed = f' <span class="errorlist">{escape(error)}</span>' if error else ""
        return mark_safe(  # noqa: S308 (all escaped)
            f'<p class="support-count" id="support-{pk}">{count}{too}{own}{failed}{announced}</p>'
        )
    url = key_url("theme_suggestion_support", suggestion.network.code.lower(), key=pk)
    title = (swedish or Swedish())(suggestion.title)
    focus = " data-focus" if announce else ""
    if supported:
        action, button_class, label = "withdraw", ' class="button-secondary"', words.withdraw
    else:
        action, button_class, label = "support", "", words.support
    failed = f'<p class="errorlist">{escape(error)}</p>' if error else ""
    csrf = escape(csrf or get_token(request))  # one per page is enough
    return mark_safe(  # noqa: S308 (all escaped)
        f'<form method="post" action="{url}" hx-post="{url}" hx-target="this"'
        f' hx-swap="outerHTML" class="support-form inline-actions" id="support-{pk}">\n'
        f'  <input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">\n'
        f'  <p class="support-count" id="support-count-{pk}">{count}{too}</p>\n'
        f'  <input type="hidden" name="action" value="{action}">\n'
        f'  <button type="submit"{button_class} id="support-button-{pk}"'
        f' aria-describedby="support-count-{pk}"{focus}>{label}'
        f'<span class="visually-hidden">: {title}</span></button>\n'
        f"  {failed}{announced}\n</form>"
    )


class SupportWords:
    """The support block's wording, translated and escaped once for a page of rows."""

    def __init__(self) -> None:
        self.too = f' <span class="badge">{html.escape(_("du också"))}</span>'
        self.own = f' <span class="badge">{html.escape(_("ditt förslag"))}</span>'
        self.withdraw = html.escape(_("Ta tillbaka mitt stöd"))
        self.support = html.escape(_("Stöd förslaget"))


def _meta(
    suggestion: ThemeSuggestion,
    words: tuple[str, str] | None = None,
    swedish: Swedish | None = None,
) -> SafeString:
    """The line under a suggestion's title: work area, who suggested it, for which
    administration, when (a row of `workflow.page_of_suggestions`, with those names). Built
    here, not in the template: the page lists many. `words`: its two translations
    (`_meta_words`), and `swedish`, made once for a page of rows."""
    said, unknown = words or _meta_words()
    swedish = swedish or Swedish()
    # The names as the page's query reads them (workflow._names).
    by = suggestion.suggester_name or ""  # type: ignore[attr-defined]
    administration = suggestion.administration_name or ""  # type: ignore[attr-defined]
    text = said % {
        "name": html.escape(by or unknown),
        "administration": swedish(administration),
        "day": html.escape(long_date(suggestion.created_at)),
    }
    area = swedish(suggestion.work_area_name)  # type: ignore[attr-defined]
    return mark_safe(f"{area} · {text}")  # noqa: S308 (all escaped)


def _meta_words() -> tuple[str, str]:
    """The meta line's wording (escaped) and the word for an unknown suggester."""
    return escape(_("föreslaget av %(name)s, %(administration)s, %(day)s")), _("okänd")


def _page(
    request: HttpRequest,
    network: Network,
    *,
    form: SuggestionForm | None = None,
    bound: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """The suggestions page; `bound` holds a coordinator's form that failed, by suggestion.

    Open suggestions are paged (most supported first); handled ones are in the archive
    (`?visa=behandlade`, paged, latest first), with the latest few under the open ones. An
    htmx "Visa fler" gets only the next rows (the `…-page` partials)."""
    bound = bound or {}
    user = request.user
    open_count, handled_count = wishes.counts(network)

    def fetch(*, handled: bool) -> Callable[[int, int], list]:
        return lambda offset, limit: wishes.page_of_suggestions(
            network, user, handled=handled, offset=offset, limit=limit
        )

    archive = request.GET.get("visa") == "behandlade"
    if archive:
        handled_page = paging.fetched_page(request, handled_count, fetch(handled=True))
        open_page = None
        open_rows: list = []
    else:
        open_page = paging.fetched_page(request, open_count, fetch(handled=False))
        open_rows = list(open_page.object_list)
        handled_paginator: Paginator = Paginator([], HANDLED_ON_MAIN_PAGE)
        handled_paginator.__dict__["count"] = handled_count  # a cached_property
        handled_page = Page(fetch(handled=True)(0, HANDLED_ON_MAIN_PAGE), 1, handled_paginator)
    can_coordinate = is_coordinator(request.user, network)
    can_suggest = can_suggest_theme(request.user, network)
    targets = wishes.adoption_target_list(network) if can_coordinate else []
    # Only a form that failed is kept per suggestion; the others are written out by a plain
    # template loop from one blank form each (labels, choices), as the agenda workspace does:
    # rendering two forms' widgets for each of hundreds of suggestions dominated the page.
    # ... and not even a template loop per row: each blank field is rendered once and stamped
    # with the row's prefix and title (config.form_layout.field_stamp).
    # ... and those two fields' blank renders are kept per process (config.form_layout
    # .kept_field_stamp): by the meetings offered, in the time zone their days are shown in.
    adopt_field = close_field = None
    if can_coordinate:
        if targets:
            offered = tuple((m.pk, m.starts_at, m.theme_title) for m in targets)
            adopt_field = kept_field_stamp(
                ("theme-adopt", timezone.get_current_timezone_name(), offered),
                lambda: AdoptForm(targets=targets),
                "a",
                "meeting",
            )
        close_field = kept_field_stamp(("theme-close",), CloseForm, "c", "reason")
    handled_rows = list(handled_page.object_list)
    words, swedish, support_words = _meta_words(), Swedish(), SupportWords()
    labels: dict[int, str] = {}
    for row in (*open_rows, *handled_rows):
        row.meta = _meta(row, words, swedish)
        if row.support_count not in labels:
            labels[row.support_count] = support_label(row.support_count)
        row.support_label = labels[row.support_count]
    htmx = bool(getattr(request, "htmx", False))
    for n, row in enumerate(handled_rows):
        row.support = support_block(request, row, words=support_words, swedish=swedish)
        row.row = handled_row(row, first=n == 0, htmx=htmx, can_coordinate=can_coordinate)
    csrf = get_token(request)
    rows = OpenRows(
        code=network.code.lower(),
        can_coordinate=can_coordinate,
        has_targets=bool(targets),
        csrf=csrf,
        htmx=htmx,
    )
    for n, row in enumerate(open_rows):
        row.may_support = can_suggest and row.suggested_by_id != request.user.pk
        row.support = support_block(request, row, csrf=csrf, words=support_words, swedish=swedish)
        if can_coordinate:
            row.adopt_bound = bound.get(("adopt", row.pk))
            row.close_bound = bound.get(("close", row.pk))
            title = SafeString(swedish(row.title))
            if adopt_field and not row.adopt_bound:
                row.adopt_field = adopt_field(row.pk, title)
            if close_field and not row.close_bound:
                row.close_field = close_field(row.pk, title)
        # A row whose form came back with errors is left to the template (its bound form).
        if not (can_coordinate and (row.adopt_bound or row.close_bound)):
            row.row = rows.row(row, first=n == 0)
    # A blank suggestion form's fields, rendered once per set of the network's work areas.
    fields = None
    if can_suggest and form is None and not archive:
        areas = work_area_rows(network.pk)

        def blank() -> SuggestionForm:
            made = SuggestionForm(network=network)
            made.fields["work_area"].choice_rows = lambda: areas  # type: ignore[attr-defined]
            return made

        fields = blank_fields(("theme-suggestion", network.pk, *areas), blank)
    context = {
        "network": network,
        "archive": archive,
        "open_page": open_page,
        "open_suggestions": open_rows,
        # All the open rows as one text when Python wrote each (no row's form failed), as the
        # template's loop joins them.
        "open_rows_html": (
            SafeString("".join(f"{row.row}\n    " for row in open_rows))
            if open_rows and all(getattr(row, "row", None) for row in open_rows)
            else None
        ),
        "handled_page": handled_page,
        "handled_suggestions": handled_rows,
        "can_coordinate": can_coordinate,
        "can_suggest": can_suggest,
        "form": form or (SuggestionForm(network=network) if can_suggest and not fields else None),
        "suggestion_fields": fields,
        "targets": targets,
        # The one form that failed, if any (the bad-input harness reads it from here).
        "bound_form": next(iter(bound.values()), None),
    }
    template = "meetings/wishes/suggestions.html"
    if getattr(request, "htmx", False) and request.method == "GET":
        template += "#handled-page" if archive else "#open-page"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def theme_suggestions(request: HttpRequest, code: str) -> HttpResponse:
    network = _network(request, code)
    if request.method != "POST":
        return _page(request, network)
    if not can_suggest_theme(request.user, network):
        raise PermissionDenied
    if (repeat := submissions.repeat_of(request)) is not None:
        return submissions.repeated(request, repeat)
    form = SuggestionForm(request.POST, network=network)
    if form.is_valid():
        try:
            with submissions.once(request.user, form) as submission:
                suggestion = wishes.suggest(network, request.user, form.cleaned_data)
                submission.url = _list_url(suggestion)
        except submissions.Repeated as repeated:
            return submissions.repeated(request, repeated)
        except wishes.WishError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Ditt temaförslag ”%(title)s” är sparat. Nu kan andra i nätverket stödja det.")
                % {"title": suggestion.title},
            )
            return redirect(_list_url(suggestion))
    return _page(request, network, form=form)


@require_POST
@login_required
def theme_suggestion_support(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    suggestion = _suggestion(request, code, pk)
    if not can_support_suggestion(request.user, suggestion):
        raise PermissionDenied
    form = SupportForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Ogiltigt val."), status=400, content_type="text/plain")
    error = ""
    try:
        if form.cleaned_data["action"] == SupportForm.SUPPORT:
            wishes.support(suggestion.pk, request.user)
            done = _("Du stöder ”%(title)s”. %(count)s.")
        else:
            wishes.withdraw_support(suggestion.pk, request.user)
            done = _("Du har tagit tillbaka ditt stöd för ”%(title)s”. %(count)s.")
    except wishes.WishError as exc:
        error = str(exc)
    count = wishes.support_count(suggestion)
    announce = error or done % {"title": suggestion.title, "count": support_text(count)}
    if request.htmx:
        suggestion.support_count = count  # type: ignore[attr-defined]
        suggestion.support_label = support_label(count)  # type: ignore[attr-defined]
        suggestion.supported = suggestion.supports.filter(person=request.user).exists()  # type: ignore[attr-defined]
        suggestion.refresh_from_db(fields=["status"])
        suggestion.may_support = True  # type: ignore[attr-defined]
        return HttpResponse(support_block(request, suggestion, announce=announce, error=error))
    if error:
        return _refused(request, suggestion, error)
    messages.success(request, announce)
    return redirect(_list_url(suggestion))


def _handled(request: HttpRequest, code: str, pk: int) -> ThemeSuggestion:
    suggestion = _suggestion(request, code, pk)
    if not can_handle_suggestion(request.user, suggestion):
        raise PermissionDenied
    return suggestion


def _refused(request: HttpRequest, suggestion: ThemeSuggestion, error: str) -> HttpResponse:
    """A step the suggestion's state no longer allows (handled meanwhile, a second vote): the
    page again with the reason, as 409, and nothing written."""
    messages.error(request, error)
    return _page(request, suggestion.network, status=409)


@require_POST
@login_required
def theme_suggestion_adopt(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    suggestion = _handled(request, code, pk)
    if not suggestion.is_open:
        return _refused(request, suggestion, _("Förslaget är redan behandlat."))
    targets = list(wishes.adoption_targets(suggestion.network))
    form = AdoptForm(request.POST, targets=targets, prefix=f"a{suggestion.pk}")
    if not form.is_valid():
        return _page(request, suggestion.network, bound={("adopt", suggestion.pk): form})
    try:
        suggestion = wishes.adopt(suggestion.pk, form.cleaned_data["meeting"], request.user)
    except wishes.WishError as error:
        form.add_error("meeting", str(error))
        return _page(request, suggestion.network, bound={("adopt", suggestion.pk): form})
    messages.success(
        request,
        _(
            "”%(title)s” är nu utkast till tema för mötet %(day)s, och förslagsställaren får "
            "veta det. Publicera temat från mötessidan när det är klart."
        )
        % {
            "title": suggestion.title,
            "day": date_format(timezone.localtime(suggestion.adopted_meeting.starts_at), "j F Y"),  # type: ignore[union-attr]
        },
    )
    return redirect(suggestion.adopted_meeting)  # type: ignore[arg-type]


@require_POST
@login_required
def theme_suggestion_close(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    suggestion = _handled(request, code, pk)
    if not suggestion.is_open:
        return _refused(request, suggestion, _("Förslaget är redan behandlat."))
    form = CloseForm(request.POST, prefix=f"c{suggestion.pk}")
    if not form.is_valid():
        return _page(request, suggestion.network, bound={("close", suggestion.pk): form})
    try:
        suggestion = wishes.close(suggestion.pk, form.cleaned_data["reason"], request.user)
    except wishes.WishError as error:
        form.add_error("reason", str(error))
        return _page(request, suggestion.network, bound={("close", suggestion.pk): form})
    messages.success(
        request,
        _("”%(title)s” är avslutat och förslagsställaren får motiveringen.")
        % {"title": suggestion.title},
    )
    return redirect(_list_url(suggestion))
