"""Minutes and action items: the coordinators' draft, published versions, follow-up.

The draft is only the coordinators' (404/403 like the other coordinator pages); published
versions are read by everyone who can see the meeting page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.form_layout import textarea_stamp
from config.prepared import Prepared, by_shape
from meetings import paging
from meetings.access import (
    coordinated_meeting,
    coordinated_network,
    visible_action,
    visible_meeting,
)
from meetings.minutes import actions
from meetings.minutes import workflow as minutes
from meetings.minutes.forms import (
    ActionEditForm,
    ActionForm,
    DoneForm,
    EntryForm,
    PublishMinutesForm,
    SummaryForm,
)
from meetings.minutes.rows import action_rows
from meetings.models import ActionItem, AgendaItem, Meeting, Minutes, MinutesEntry, MinutesVersion
from meetings.participation.workflow import answer_counts
from meetings.rules import can_mark_action_done, can_write_minutes
from networks import submissions
from networks.rules import is_coordinator
from networks.versions import StaleRecordError

NOT_HELD_STATUS = 409  # the meeting exists and is yours, but it has not been held (yet)


# The action list's two pagers: open and done actions are paged apart.
OPEN_PARAM, DONE_PARAM = "oppna", "klara"


def _not_held(request: HttpRequest, meeting: Meeting, reason: str) -> HttpResponse:
    return render(
        request,
        "meetings/minutes/not_held.html",
        {"meeting": meeting, "reason": reason},
        status=NOT_HELD_STATUS,
    )


# --- reading --------------------------------------------------------------------------------


@require_safe
@login_required
def minutes_detail(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    """The latest published version (or an earlier one), with the list of all versions."""
    meeting = visible_meeting(request, pk)
    versions = list(
        MinutesVersion.objects.filter(minutes__meeting=meeting)
        # The content (the whole text) is read only when the shown version's body is not in
        # the cache yet (minutes_detail.html caches it per version and language).
        .defer("content")
        .order_by("-number")
    )
    if number is None:
        version = versions[0] if versions else None
    else:
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            raise Http404
    context = {
        "meeting": meeting,
        "version": version,
        "versions": versions,
        "is_current": bool(versions) and version is versions[0],
        "can_write": can_write_minutes(request.user, meeting),
        "not_held_reason": minutes.not_held_reason(meeting),
    }
    return render(request, "meetings/minutes/minutes_detail.html", context)


# --- the coordinators' draft ----------------------------------------------------------------


# The editor's lookups, compiled once per connection (config/prepared.py): the draft, its
# entries, the accepted agenda, the latest published version (without its text: the page
# shows its number) and the actions taken at those items.
_DRAFT = Prepared(
    lambda meeting_id: Minutes.objects.filter(meeting_id=meeting_id).order_by("pk")[:1],
    meeting_id=int,
)
_ENTRIES = Prepared(
    lambda minutes_id: MinutesEntry.objects.filter(minutes_id=minutes_id), minutes_id=int
)
_ITEMS = Prepared(
    lambda meeting_id: AgendaItem.objects.filter(
        meeting_id=meeting_id, status=AgendaItem.Status.ACCEPTED
    ).order_by("position", "created_at"),
    meeting_id=int,
)
_LATEST = Prepared(
    lambda minutes_id: (
        MinutesVersion.objects.filter(minutes_id=minutes_id)
        .defer("content")
        .order_by("-number")[:1]
    ),
    minutes_id=int,
)
# Only the actions of the items listed (the accepted agenda): those the page shows under
# them. A network's actions taken at a meeting but from no item (hundreds, after years)
# were read, each with its administrations, and never shown.
_ACTIONS = Prepared(
    lambda meeting_id: ActionItem.objects.filter(
        meeting_id=meeting_id,
        agenda_item__meeting_id=meeting_id,
        agenda_item__status=AgendaItem.Status.ACCEPTED,
    ).order_by("due_on", "pk"),
    meeting_id=int,
)


def _edit_context(meeting: Meeting, summary_form=None, entry_forms=None, publish_form=None):
    """The editor: `entry_forms` are the items' forms sent back with errors; without them,
    each item's note and outcome are one render of a blank form's fields with the item's id
    and text put in (`textarea_stamp`), not a form and two field renders per item."""
    found = _DRAFT.objects(meeting_id=meeting.pk)
    draft = found[0] if found else None
    entries = (
        {entry.agenda_item_id: entry for entry in _ENTRIES.objects(minutes_id=draft.pk)}
        if draft
        else {}
    )
    items = _ITEMS.objects(meeting_id=meeting.pk)
    versions = _LATEST.objects(minutes_id=draft.pk) if draft else []
    latest = versions[0] if versions else None
    if entry_forms is None:
        blank = EntryForm()
        note, outcome = textarea_stamp(blank, "e", "note"), textarea_stamp(blank, "e", "outcome")
        for item in items:
            entry = entries.get(item.pk)
            item.note_html = note(item.pk, entry.note if entry else None)
            item.outcome_html = outcome(item.pk, entry.outcome if entry else None)
    else:
        for item in items:
            entry = entries.get(item.pk)
            item.entry_form = entry_forms.get(item.pk) or EntryForm(
                prefix=f"e{item.pk}",
                initial={"note": entry.note, "outcome": entry.outcome} if entry else None,
            )
    meeting_actions = _ACTIONS.objects(meeting_id=meeting.pk)
    if meeting_actions:
        prefetch_related_objects(meeting_actions, "administrations")
    by_item: dict[int | None, list] = {}
    for action in meeting_actions:
        by_item.setdefault(action.agenda_item_id, []).append(action)
    for item in items:
        item.actions = by_item.get(item.pk, [])
    return {
        "meeting": meeting,
        "draft": draft,
        "items": items,
        # The counts only: the whole list (every seat of the network) is on the meeting page,
        # a page at a time, and goes into the minutes as it stands when they are published.
        "attendance_counts": answer_counts(meeting),
        "summary_form": summary_form
        or SummaryForm(
            initial={"summary": draft.summary if draft else "", "version": _version(draft)}
        ),
        "publish_form": publish_form
        or PublishMinutesForm(
            initial={"based_on": latest.number if latest else 0, "draft_version": _version(draft)}
        ),
        "latest": latest,
    }


def _version(draft) -> int:
    return draft.version if draft else 0


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk, "meetings.write_minutes")
    reason = minutes.not_held_reason(meeting)
    if reason:
        return _not_held(request, meeting, reason)
    if request.method != "POST":
        return render(request, "meetings/minutes/minutes_edit.html", _edit_context(meeting))
    items = minutes.agenda_items(meeting)
    summary_form = SummaryForm(request.POST)
    entry_forms = {item.pk: EntryForm(request.POST, prefix=f"e{item.pk}") for item in items}
    if summary_form.is_valid() and all(form.is_valid() for form in entry_forms.values()):
        try:
            minutes.save_draft(
                meeting,
                request.user,
                summary_form.cleaned_data["summary"],
                {pk_: form.cleaned_data for pk_, form in entry_forms.items()},
                seen_version=summary_form.cleaned_data["version"],
            )
        except minutes.MinutesError as error:
            summary_form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Utkastet är sparat. Bara samordnarna ser det tills det publiceras."),
            )
            return redirect("minutes_edit", pk=meeting.pk)
    context = _edit_context(meeting, summary_form, entry_forms)
    context["entry_forms"] = list(entry_forms.values())
    return render(request, "meetings/minutes/minutes_edit.html", context)


@require_POST
@login_required
def minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk, "meetings.write_minutes")
    reason = minutes.not_held_reason(meeting)
    if reason:
        return _not_held(request, meeting, reason)
    form = PublishMinutesForm(request.POST)
    if form.is_valid():
        try:
            version = minutes.publish(
                meeting,
                request.user,
                form.cleaned_data["correction_note"],
                form.cleaned_data["based_on"],
                draft_version=form.cleaned_data["draft_version"],
            )
        except minutes.MinutesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Version %(number)s av minnesanteckningarna är publicerad och skickad till "
                    "nätverket."
                )
                % {"number": version.number},
            )
            return redirect("minutes_detail", pk=meeting.pk)
    context = _edit_context(meeting, publish_form=form)
    context["form"] = form
    return render(request, "meetings/minutes/minutes_edit.html", context)


# --- action items ---------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk, "meetings.write_minutes")
    reason = minutes.not_held_reason(meeting)
    if reason:
        return _not_held(request, meeting, reason)
    if request.method == "POST":
        if (repeat := submissions.repeat_of(request)) is not None:
            return submissions.repeated(request, repeat)
        form = ActionForm(request.POST, meeting=meeting)
        if form.is_valid():
            try:
                with submissions.once(request.user, form) as submission:
                    action = actions.create(meeting, request.user, **form.cleaned_data)
                    submission.url = reverse("minutes_edit", kwargs={"pk": meeting.pk})
            except submissions.Repeated as repeated:
                return submissions.repeated(request, repeated)
            except actions.ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Åtgärden ”%(title)s” är skapad.") % {"title": action.title}
                )
                return redirect("minutes_edit", pk=meeting.pk)
    else:
        initial = {}
        item = request.GET.get("punkt", "")
        if item.isdigit() and len(item) < 12:
            initial["agenda_item"] = int(item)
        form = ActionForm(meeting=meeting, initial=initial)
    return render(
        request, "meetings/minutes/action_create.html", {"meeting": meeting, "form": form}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action = visible_action(request, pk)
    # Everyone who sees the meeting reads the action; only the people who answer for it (and
    # the coordinators) mark it done.
    can_mark = can_mark_action_done(request.user, action)
    if request.method == "POST" and not can_mark:
        raise PermissionDenied
    form = DoneForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            actions.mark_done(action, request.user, form.cleaned_data["done_comment"])
        except actions.ActionError as error:
            form.add_error(None, str(error))
            status = 409
        else:
            messages.success(
                request, _("Åtgärden ”%(title)s” är markerad som klar.") % {"title": action.title}
            )
            if is_coordinator(request.user, action.meeting.network):
                return redirect("action_list", code=action.meeting.network.code.lower())
            return redirect("action_done", pk=action.pk)
    context = {
        "action": action,
        "meeting": action.meeting,
        "administrations": list(action.administrations.order_by("name")),
        "form": form,
        "can_mark": can_mark,
    }
    return render(request, "meetings/minutes/action_done.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The network's coordinators correct an open action: what, who answers for it, by when.
    Closing it with a comment is `action_done`."""
    action = visible_action(request, pk)
    if not can_write_minutes(request.user, action.meeting):
        raise PermissionDenied
    status = 200
    if action.status != ActionItem.Status.OPEN:
        status = 409
    form = ActionEditForm(request.POST if request.method == "POST" else None, action=action)
    if request.method == "POST" and status == 200:
        if form.is_valid():
            try:
                actions.edit(action, **form.cleaned_data)
            except (actions.ActionError, StaleRecordError) as error:
                form.add_error(None, getattr(error, "message", None) or str(error))
            else:
                messages.success(
                    request,
                    _("Åtgärden ”%(title)s” är sparad.") % {"title": form.cleaned_data["title"]},
                )
                return redirect("action_done", pk=action.pk)
        status = 422
    context = {"action": action, "meeting": action.meeting, "form": form}
    return render(request, "meetings/minutes/action_edit.html", context, status=status)


@require_safe
@login_required
def action_list(request: HttpRequest, code: str) -> HttpResponse:
    """The network's actions: open ones (due first first) and done ones (latest first), each a
    page at a time ("Visa fler", `?oppna=` and `?klara=`): the list no longer grows with every
    action ever decided. An htmx "Visa fler" gets only that list's next rows."""
    network = coordinated_network(request, code)
    open_count, done_count = actions.counts_of_network(network)
    open_page = paging.page_of(
        request, actions.open_of_network(network), param=OPEN_PARAM, count=open_count
    )
    done_page = paging.page_of(
        request, actions.done_of_network(network), param=DONE_PARAM, count=done_count
    )
    # A first page, which nearly everyone sees, by a query compiled once (config/prepared.py);
    # later pages as the paginator slices them.
    open_rows = (
        by_shape(actions.first_open, paging.PER_PAGE, network_id=network.pk)
        if open_page.number == 1
        else list(open_page.object_list)
    )
    done_rows = (
        by_shape(actions.first_done, paging.PER_PAGE, network_id=network.pk)
        if done_page.number == 1
        else list(done_page.object_list)
    )
    actions.describe([*open_rows, *done_rows])  # both pages' names in one query
    htmx = bool(getattr(request, "htmx", False))
    context = {
        "network": network,
        "open_page": open_page,
        "open_actions": open_rows,
        "done_page": done_page,
        "done_actions": done_rows,
        # Written in Python (meetings/minutes/rows.py): a template row per action dominated.
        "open_rows": action_rows(open_rows, open_page, htmx),
        "done_rows": action_rows(done_rows, done_page, htmx),
    }
    template = "meetings/minutes/action_list.html"
    if htmx:
        template += "#done-rows" if DONE_PARAM in request.GET else "#open-rows"
    return render(request, template, context)


# --- for the meeting page and the agenda workspace ------------------------------------------
