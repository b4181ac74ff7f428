"""Agenda pages: representatives' proposals, the coordinators' workspace, published versions.

A plain POST redirects with a message; an htmx POST gets the named partial of the page back.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import User
from config.http import AuthenticatedHttpRequest, HtmxHttpRequest
from config.prepared import Prepared, instance_maker
from meetings import paging
from meetings.access import coordinated_meeting, visible_meeting
from meetings.agenda import follow_up, rows
from meetings.agenda import versions as agenda_versions
from meetings.agenda import workflow as agenda
from meetings.agenda.forms import (
    MoveForm,
    OwnItemForm,
    ProposalForm,
    PublishForm,
    TimeForm,
    TriageForm,
)
from meetings.documents import workflow as documents
from meetings.goals import figures as goals
from meetings.models import AgendaItem, AgendaVersion, Meeting, seen_agenda
from meetings.rules import can_manage_agenda, can_propose_for
from networks import submissions
from networks.models import WorkArea
from representatives.models import Administration

# --- representatives -----------------------------------------------------------------------

PROPOSALS_PER_PAGE = 10  # pending proposals in the workspace, each with its form


def _proposal_context(
    request: AuthenticatedHttpRequest, meeting: Meeting, form: ProposalForm | None
) -> dict:
    closed = agenda.proposals_closed_reason(meeting)
    mine = list(
        meeting.agenda_items.filter(proposed_by=request.user)
        .select_related("work_area", "deferred_to__network")
        .order_by("-created_at")
    )
    # Where an accepted item stands in what members read (the published version), if it is
    # there: "in the draft" only for what is not published yet.
    version = agenda_versions.current_version(meeting)
    published = (
        {entry["id"]: index for index, entry in enumerate(version.snapshot, start=1)}
        if version
        else {}
    )
    for item in mine:
        item.published_position = published.get(item.pk)  # type: ignore[attr-defined]
    return {
        "meeting": meeting,
        "form": form or ProposalForm(network=meeting.network),
        "closed_reason": closed,
        "closes_at": agenda.proposals_close_at(meeting),
        "mine": mine,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def agenda_proposals(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    if not can_propose_for(request.user, meeting):
        raise PermissionDenied
    form = None
    announce = ""
    if request.method == "POST":
        if (repeat := submissions.repeat_of(request)) is not None:
            return submissions.repeated(request, repeat)
        form = ProposalForm(request.POST, network=meeting.network)
        if form.is_valid():
            try:
                with submissions.once(request.user, form) as submission:
                    item = agenda.propose(meeting, request.user, form.cleaned_data)
                    submission.url = reverse("agenda_proposals", kwargs={"pk": meeting.pk})
            except submissions.Repeated as repeated:
                return submissions.repeated(request, repeated)
            except agenda.AgendaError as error:
                form.add_error(None, str(error))
            else:
                announce = _("Förslaget ”%(title)s” är skickat till samordnarna.") % {
                    "title": item.title
                }
                if not request.htmx:
                    messages.success(request, announce)
                    return redirect("agenda_proposals", pk=meeting.pk)
                form = None
    context = _proposal_context(request, meeting, form)
    context["announce"] = announce
    template = "meetings/agenda/proposals.html"
    if request.htmx and request.method == "POST":
        template += "#proposal-area"
    return render(request, template, context)


def _own_proposal(request: HttpRequest, pk: int, item_pk: int) -> AgendaItem:
    meeting = visible_meeting(request, pk)
    # Someone else's proposal does not exist for you.
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__network", "work_area"),
        pk=item_pk,
        meeting=meeting,
        proposed_by=request.user,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def agenda_proposal_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _own_proposal(request, pk, item_pk)
    meeting = item.meeting
    if request.method == "POST":
        form = ProposalForm(
            request.POST, instance=AgendaItem.objects.get(pk=item.pk), network=meeting.network
        )
        if form.is_valid():
            try:
                agenda.update_proposal(item, request.user, form.cleaned_data)
            except agenda.AgendaError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Förslaget är ändrat."))
                return redirect("agenda_proposals", pk=meeting.pk)
    else:
        form = ProposalForm(instance=item, network=meeting.network)
    context = {
        "meeting": meeting,
        "item": item,
        "form": form,
        "closed_reason": agenda.proposals_closed_reason(meeting),
    }
    return render(request, "meetings/agenda/proposal_edit.html", context)


@require_POST
@login_required
def agenda_proposal_withdraw(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _own_proposal(request, pk, item_pk)
    try:
        agenda.withdraw(item, request.user)
    except agenda.AgendaError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Du har tagit tillbaka ”%(title)s”.") % {"title": item.title})
    return redirect("agenda_proposals", pk=item.meeting_id)


# --- coordinators --------------------------------------------------------------------------


def _shown(model: type[Model], *names: str) -> tuple[str, ...]:
    """These fields of `model` in the order of its columns (the order `from_db` reads)."""
    return tuple(field.attname for field in model._meta.concrete_fields if field.attname in names)


# The meeting's items (but for when they were made and changed, which the workspace does not
# show) with what it shows of their work area, administration and proposer; the other fields
# are left deferred, as `only` leaves them: the rest of a person or an administration, and
# the items' times, cost more to read and make than the rest of the item. Compiled once per
# connection (config/prepared.py), as the workspace is read after every change a coordinator
# makes in it.
_ITEM_FIELDS = tuple(
    field.attname
    for field in AgendaItem._meta.concrete_fields
    if field.attname not in ("created_at", "updated_at")
)
_RELATED = (
    ("work_area", WorkArea, _shown(WorkArea, "id", "name")),
    ("administration", Administration, _shown(Administration, "id", "name")),
    ("proposed_by", User, _shown(User, "id", "full_name", "email")),
)
_ITEMS = Prepared(
    lambda meeting_id: (
        AgendaItem.objects.filter(meeting_id=meeting_id)
        .order_by("position", "created_at")
        .values_list(
            *_ITEM_FIELDS,
            *(f"{name}__{column}" for name, _model, shown in _RELATED for column in shown),
        )
    ),
    meeting_id=int,
)

# The meeting's published versions, latest first, with who published each.
_VERSIONS = Prepared(
    lambda meeting_id: (
        AgendaVersion.objects.filter(meeting_id=meeting_id)
        .select_related("published_by")
        .order_by("-number")
    ),
    meeting_id=int,
)


def workspace_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda items by position, then as they came in, each with its work area,
    administration and proposer (as `select_related` would give them, with only the fields
    the workspace shows: `_ITEM_FIELDS`, `_RELATED`)."""
    width = len(_ITEM_FIELDS)
    make_item = instance_maker(AgendaItem, _ITEM_FIELDS)
    related = [
        (AgendaItem._meta.get_field(name), model, len(shown), instance_maker(model, shown))
        for name, model, shown in _RELATED
    ]
    items = []
    # A work area, administration or proposer is made once and shared by its items (as
    # prefetch_related shares them): a meeting's items come from a few of each.
    made: dict[tuple[type, int], Model] = {}
    for row in _ITEMS.rows(meeting_id=meeting.pk):
        item = make_item(row[:width])
        at = width
        for field, model, shown, make in related:
            part = row[at : at + shown]
            at += shown
            if part[0] is None:
                related_object = None
            elif (related_object := made.get((model, part[0]))) is None:
                related_object = made[model, part[0]] = make(part)
            field.set_cached_value(item, related_object)  # type: ignore[union-attr]
        items.append(item)
    return items


def _workspace_context(
    request: HttpRequest,
    meeting: Meeting,
    bound: dict | None = None,
    focus: tuple[int, str] | None = None,
) -> dict:
    """Everything the coordinators' workspace shows; `bound` holds forms that failed, `focus`
    the item and direction of the move button to focus.

    Pending proposals come a page at a time (oldest first, `?page=`), each with its form; one
    whose form failed is shown even when it is not on the page, so its errors are seen."""
    bound = bound or {}
    items = workspace_items(meeting)
    targets = agenda.deferral_target_list(meeting)
    draft = [item for item in items if item.status == AgendaItem.Status.ACCEPTED]
    draft.sort(key=lambda item: item.position)  # type: ignore[arg-type,return-value]
    goals.attach_goal_figures(draft)
    pending = [item for item in items if item.status == AgendaItem.Status.PROPOSED]
    proposals_page = paging.page_of(request, pending, PROPOSALS_PER_PAGE)
    proposals: list[AgendaItem] = list(proposals_page.object_list)
    proposals += [
        item for item in pending if ("triage", item.pk) in bound and item not in proposals
    ]
    handled = [
        item
        for item in items
        if item.status
        in (AgendaItem.Status.DEFERRED, AgendaItem.Status.DECLINED, AgendaItem.Status.WITHDRAWN)
    ]
    # Only a form bound with errors is kept per item; the others are written out by a plain
    # template loop from one blank form (labels, choices), which is far cheaper than rendering
    # two forms' widgets for each of a hundred items (the workspace at scale).
    for item in proposals + draft:
        item.triage_form = bound.get(("triage", item.pk))  # type: ignore[attr-defined]
    for item in draft:
        item.time_form = bound.get(("time", item.pk))  # type: ignore[attr-defined]
    versions = _VERSIONS.objects(meeting_id=meeting.pk)
    latest = versions[0] if versions else None
    draft_snapshot = agenda_versions.snapshot(draft)
    total = sum(item.minutes for item in draft)
    context = {
        "meeting": meeting,
        # Open actions of earlier meetings, under "Uppföljning".
        "follow_up": follow_up.open_actions(meeting),
        "proposals": proposals,
        "proposals_page": proposals_page,
        "handled": handled,
        "draft": draft,
        "total_minutes": total,
        "over_budget": total > meeting.duration_minutes,
        "versions": versions,
        "latest": latest,
        "unpublished_changes": agenda_versions.diff(
            latest.snapshot if latest else [], draft_snapshot
        ),
        "draft_differs": latest is None or latest.snapshot != draft_snapshot,
        "triage_blank": TriageForm(targets=targets),
        "time_blank": TimeForm(),
        # A blank form's fields are kept HTML (`add_fields`); one with errors is rendered.
        "add_form": bound.get("add"),
        "goal_kind": AgendaItem.Kind.GOAL_FOLLOW_UP,
        "publish_form": bound.get("publish")
        or PublishForm(initial={"based_on": latest.number if latest else 0}),
        "handled_rows": rows.handled_rows(handled),
        "version_rows": rows.version_rows(versions),
    }
    if "publish" not in bound:  # a blank form's HTML is kept
        context["publish_fields"] = rows.publish_fields(latest.number if latest else 0)
    if "add" not in bound:
        context["add_fields"] = rows.add_fields(meeting.network)
    rows.attach_stamped_forms(request, context, proposals, draft, focus)
    return context


def _workspace_response(
    request: HtmxHttpRequest,
    meeting: Meeting,
    *,
    done: str = "",
    error: str = "",
    status: int = 200,
    extra: dict | None = None,
    bound: dict | None = None,
) -> HttpResponse:
    """After a coordinator's POST: the partial for htmx, else a redirect (or the page again)."""
    if not request.htmx and not bound:
        if done:
            messages.success(request, done)
        if error:
            messages.error(request, error)
        return redirect("agenda_manage", pk=meeting.pk)
    extra = extra or {}
    focus = (extra["focus_pk"], extra["focus_direction"]) if "focus_pk" in extra else None
    context = _workspace_context(request, meeting, bound, focus)
    context.update({"announce": done or error, "error": error, **extra})
    template = "meetings/agenda/manage.html"
    if request.htmx:
        template += "#workspace"
    return render(request, template, context, status=status)


@require_safe
@login_required
def agenda_manage(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk, "meetings.manage_agenda")
    template = "meetings/agenda/manage.html"
    if request.htmx:  # "Visa fler" under the proposals: only the next ones
        template += "#proposal-page"
    return render(request, template, _workspace_context(request, meeting))


@require_POST
@login_required
def agenda_triage(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk, "meetings.manage_agenda")
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    form = TriageForm(
        request.POST, targets=list(agenda.deferral_targets(meeting)), prefix=f"t{item.pk}"
    )
    if not form.is_valid():
        if item.status not in (AgendaItem.Status.PROPOSED, AgendaItem.Status.ACCEPTED):
            # Handled (or withdrawn) meanwhile: its form is no longer on the page to show
            # the errors in, so say what happened instead.
            return _workspace_response(
                request,
                meeting,
                error=_("Förslaget är redan behandlat av någon annan. Sidan är uppdaterad."),
            )
        return _workspace_response(request, meeting, bound={("triage", item.pk): form})
    action = form.cleaned_data["action"]
    reason = form.cleaned_data["reason"].strip()
    try:
        if action == TriageForm.ACCEPT:
            item = agenda.accept(meeting, item.pk, request.user)
            done = _("”%(title)s” står nu sist på dagordningen.")
        elif action == TriageForm.DEFER:
            item = agenda.defer(
                meeting, item.pk, form.cleaned_data["to_meeting"], reason, request.user
            )
            done = _("”%(title)s” är flyttad till ett senare möte.")
        else:
            item = agenda.decline(meeting, item.pk, reason, request.user)
            done = _("”%(title)s” är avböjd.")
    except agenda.AgendaError as error:
        return _workspace_response(request, meeting, error=str(error))
    return _workspace_response(
        request, meeting, done=done % {"title": item.title, "position": item.position}
    )


@require_POST
@login_required
def agenda_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk, "meetings.manage_agenda")
    if (repeat := submissions.repeat_of(request)) is not None:
        return submissions.repeated(request, repeat)
    form = OwnItemForm(request.POST, network=meeting.network)
    if not form.is_valid():
        return _workspace_response(request, meeting, bound={"add": form})
    try:
        with submissions.once(request.user, form) as submission:
            item = agenda.add_item(meeting, request.user, form.cleaned_data)
            submission.url = reverse("agenda_manage", kwargs={"pk": meeting.pk})
    except submissions.Repeated as repeated:
        return submissions.repeated(request, repeated)
    except agenda.AgendaError as error:
        return _workspace_response(request, meeting, error=str(error))
    return _workspace_response(
        request,
        meeting,
        done=_("”%(title)s” är tillagd sist på dagordningen.") % {"title": item.title},
    )


@require_POST
@login_required
def agenda_move(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk, "meetings.manage_agenda")
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _workspace_response(request, meeting, error=_("Ogiltig flytt."), status=400)
    direction = form.cleaned_data["direction"]
    try:
        item = agenda.move(meeting, item_pk, direction, form.cleaned_data["position"])
    except agenda.AgendaError as error:
        return _workspace_response(request, meeting, error=str(error))
    # Keep the focus on the button just used, or on the other one when the item hit an end.
    if direction == agenda.UP and item.agenda_index == 1:  # type: ignore[attr-defined]
        direction = agenda.DOWN
    elif direction == agenda.DOWN and item.agenda_index == item.agenda_length:  # type: ignore[attr-defined]
        direction = agenda.UP
    return _workspace_response(
        request,
        meeting,
        done=_("”%(title)s” flyttades till plats %(position)s av %(count)s.")
        % {"title": item.title, "position": item.agenda_index, "count": item.agenda_length},  # type: ignore[attr-defined]
        extra={"focus_pk": item.pk, "focus_direction": direction},
    )


@require_POST
@login_required
def agenda_time(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk, "meetings.manage_agenda")
    form = TimeForm(request.POST, prefix=f"m{item_pk}")
    if not form.is_valid():
        return _workspace_response(request, meeting, bound={("time", item_pk): form})
    try:
        item = agenda.set_time(
            meeting, item_pk, form.cleaned_data["allotted_minutes"], form.cleaned_data["presenter"]
        )
    except agenda.AgendaError as error:
        return _workspace_response(request, meeting, error=str(error))
    return _workspace_response(
        request,
        meeting,
        done=_("”%(title)s”: %(minutes)s minuter.")
        % {"title": item.title, "minutes": item.allotted_minutes},
    )


@require_POST
@login_required
def agenda_publish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk, "meetings.manage_agenda")
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _workspace_response(request, meeting, bound={"publish": form})
    try:
        version = agenda.publish(
            meeting, request.user, form.cleaned_data["change_note"], form.cleaned_data["based_on"]
        )
    except agenda.AgendaError as error:
        form.add_error(None, str(error))
        return _workspace_response(request, meeting, bound={"publish": form})
    done = _("Version %(number)s av dagordningen är publicerad och skickad till nätverket.") % {
        "number": version.number
    }
    messages.success(request, done)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("agenda_manage", kwargs={"pk": meeting.pk})
        return response
    return redirect("agenda_manage", pk=meeting.pk)


# --- everyone signed in --------------------------------------------------------------------


@require_safe
@login_required
def agenda_version(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    """The published agenda (current, or an earlier version) and what changed in it."""
    meeting = visible_meeting(request, pk)
    versions = list(meeting.agenda_versions.order_by("-number"))  # the page names no publisher
    if not versions:
        raise Http404
    if number is None:
        version = versions[0]
    else:
        version = next((v for v in versions if v.number == number), None)  # type: ignore[assignment]
        if version is None:
            raise Http404
    previous = next((v for v in versions if v.number == version.number - 1), None)
    items = goals.attach_goal_figures(version.items)
    context = {
        "meeting": meeting,
        "version": version,
        "items": items,
        # The snapshot's part of the page is cached (version.html) unless an item shows a
        # goal's figures, which are live.
        "snapshot_only": not any(item.get("goal_id") for item in items),
        "is_current": version is versions[0],
        "versions": versions,
        "previous": previous,
        "changes": agenda_versions.changes_since_previous(version, previous) if previous else None,
        # Live, not part of the snapshot: only under the current version (none once held).
        "follow_up": follow_up.open_actions(meeting) if version is versions[0] else [],
        "can_manage": can_manage_agenda(request.user, meeting),
        "can_propose": can_propose_for(request.user, meeting),
    }
    return render(request, "meetings/agenda/version.html", context)


@require_safe
@login_required
def agenda_text(request: HttpRequest, pk: int) -> HttpResponse:
    """The current version as plain text, to paste into an Outlook invitation."""
    meeting = visible_meeting(request, pk)
    version = seen_agenda(meeting)
    if version is None:
        raise Http404
    response = HttpResponse(
        agenda_versions.as_text(
            meeting,
            version,
            follow_up=follow_up.open_actions(meeting),
            documents=documents.meeting_documents(meeting),
        ),
        content_type="text/plain; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="dagordning-{meeting.pk}.txt"'
    return response
