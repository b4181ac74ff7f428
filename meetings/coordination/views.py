"""The coordinators' pages: plan a term, edit a meeting, publish, move, cancel, the dashboard.

Only the coordinators of a meeting's network may use them (`meetings/rules.py`). A planned meeting
is private to them (404 for others); a published one is public, so its forms answer 403.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect

from config.http import HtmxHttpRequest
from meetings.access import coordinated_meeting, coordinated_network
from meetings.calendar import outlook
from meetings.coordination import dashboard, planning
from meetings.coordination.forms import (
    CancelForm,
    MeetingForm,
    PlanFormSet,
    PublishForm,
    RescheduleForm,
    SingleMeetingForm,
    TermForm,
    clean_term_value,
)
from meetings.models import Meeting, MeetingStateError
from meetings.reminders import digest
from meetings.terms import Term
from networks import submissions
from representatives.recipients import network_recipients

COVERAGE_DAYS = 365


def _refuse_cancelled(request: HtmxHttpRequest, meeting: Meeting) -> HttpResponse | None:
    if not meeting.is_cancelled:
        return None
    messages.error(request, _("Mötet är inställt och kan inte ändras."))
    if request.htmx:
        return HttpResponseClientRedirect(meeting.get_absolute_url())
    return redirect(meeting)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def plan_term(request: HttpRequest, code: str) -> HttpResponse:
    network = coordinated_network(request, code)
    today = timezone.localdate()
    terms = planning.selectable_terms(today)
    # By default the next term, with as many meetings as it still lacks to reach the target.
    already = len(planning.taken_days(network, terms[1])) if not request.GET else 0
    defaults = {
        "term": planning.term_value(terms[1]),
        "count": max(network.target_meetings_max - already, 1),
        "weekday": planning.DEFAULT_WEEKDAY,
        "start_time": planning.DEFAULT_START,
    }
    term: Term | None = None
    warnings: list[str] = []
    term_error = ""
    if request.method == "POST":
        if (
            request.POST.get("action") != "check"
            and (repeat := submissions.repeat_of(request)) is not None
        ):
            return submissions.repeated(request, repeat)
        term_form = TermForm(initial=defaults, today=today)
        # The plan's one-time token: creating the term's meetings twice would double them.
        once_form = submissions.OnceForm(request.POST)
        try:
            term = clean_term_value(request.POST.get("term", ""), today)
        except ValidationError as error:
            term_error = " ".join(error.messages)
        formset = PlanFormSet(request.POST, form_kwargs={"term": term})
        if term is not None and formset.is_valid() and once_form.is_valid():
            slots = formset.slots()  # type: ignore[attr-defined]
            warnings = planning.plan_warnings(network, term, slots)
            if request.POST.get("action") != "check":
                dashboard = reverse("coordination_dashboard", kwargs={"code": network.code.lower()})
                try:
                    with submissions.once(request.user, once_form) as submission:
                        created = planning.create_meetings(network, slots)
                        submission.url = dashboard
                except submissions.Repeated as repeated:
                    return submissions.repeated(request, repeated)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d möte planerat för %(term)s.",
                        "%(count)d möten planerade för %(term)s.",
                        len(created),
                    )
                    % {"count": len(created), "term": term},
                )
                for warning in warnings:
                    messages.warning(request, warning)
                return redirect(dashboard)
    else:
        once_form = submissions.OnceForm()
        term_form = TermForm(request.GET or None, initial=defaults, today=today)
        if not request.GET:
            term_form = TermForm(defaults, today=today)
        initial_rows = []
        if term_form.is_valid():
            data = term_form.cleaned_data
            term = data["term"]
            zone = timezone.get_current_timezone()
            length = datetime.timedelta(minutes=network.default_meeting_minutes)
            taken = planning.taken_days(network, term)
            for day in planning.propose_dates(
                term, data["count"], weekday=data["weekday"], today=today, taken=taken
            ):
                starts_at = datetime.datetime.combine(day, data["start_time"], zone)
                initial_rows.append(
                    {
                        "date": day,
                        "start_time": data["start_time"],
                        "end_time": (starts_at + length).time(),
                        "format": Meeting.Format.ON_SITE,
                    }
                )
            proposal = [
                planning.Slot(
                    starts_at=datetime.datetime.combine(r["date"], r["start_time"], zone),
                    ends_at=datetime.datetime.combine(r["date"], r["end_time"], zone),
                )
                for r in initial_rows
            ]
            warnings = planning.plan_warnings(network, term, proposal)
        formset = PlanFormSet(initial=initial_rows, form_kwargs={"term": term})
    existing = (
        list(Meeting.objects.filter(network=network).in_term(term)) if term is not None else []
    )
    context = {
        "network": network,
        "term_form": term_form,
        "term": term,
        "term_value": planning.term_value(term) if term else "",
        "term_error": term_error,
        "formset": formset,
        "once_form": once_form,
        "warnings": warnings,
        "existing": existing,
    }
    return render(request, "meetings/coordination/plan_term.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    """One extra meeting besides the term plan ("Nytt möte"), planned like the plan's meetings
    (theme later), with the plan's checks and warnings. "Kontrollera" shows the warnings without
    creating anything."""
    network = coordinated_network(request, code)
    today = timezone.localdate()
    warnings: list[str] = []
    checking = request.POST.get("action") == "check"
    if request.method == "POST":
        if not checking and (repeat := submissions.repeat_of(request)) is not None:
            return submissions.repeated(request, repeat)
        form = SingleMeetingForm(request.POST, today=today)
        if form.is_valid():
            slot = form.slot()
            term = Term.of(timezone.localdate(slot.starts_at))
            warnings = planning.plan_warnings(network, term, [slot])
            if not checking:
                try:
                    with submissions.once(request.user, form) as submission:
                        (meeting,) = planning.create_meetings(network, [slot])
                        submission.url = meeting.get_absolute_url()
                except submissions.Repeated as repeated:
                    return submissions.repeated(request, repeated)
                messages.success(
                    request,
                    _("Mötet den %(day)s är planerat. Publicera det när temat är klart.")
                    % {"day": timezone.localdate(meeting.starts_at).isoformat()},
                )
                for warning in warnings:
                    messages.warning(request, warning)
                return redirect(meeting)
    else:
        start = planning.DEFAULT_START
        end = (
            datetime.datetime.combine(today, start)
            + datetime.timedelta(minutes=network.default_meeting_minutes)
        ).time()
        form = SingleMeetingForm(
            initial={"start_time": start, "end_time": end, "format": Meeting.Format.ON_SITE},
            today=today,
        )
    status = 422 if form.errors else 200
    context = {"network": network, "form": form, "warnings": warnings}
    return render(request, "meetings/coordination/meeting_new.html", context, status=status)


def _facts_context(meeting: Meeting, **extra) -> dict:
    return {
        "meeting": meeting,
        "work_areas": meeting.work_areas.all(),
        "can_coordinate": True,
        **extra,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def meeting_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk)
    refused = _refuse_cancelled(request, meeting)
    if refused:
        return refused
    template = (
        "meetings/coordination/meeting_edit.html#edit-form"
        if request.htmx
        else "meetings/coordination/meeting_edit.html"
    )
    if request.method == "POST":
        form = MeetingForm(request.POST, instance=meeting)
        if form.is_valid() and not set(form.changed_data) - {"version"}:
            # Nothing changed: nothing is saved, so the meeting's version, its history and
            # every calendar's validators stay as they were.
            if request.htmx:
                return render(
                    request,
                    "meetings/coordination/_meeting_facts.html#facts",
                    _facts_context(meeting, announce=_("Inga ändringar att spara."), updated=True),
                )
            messages.info(request, _("Inga ändringar att spara."))
            return redirect(meeting)
        if form.is_valid():
            try:
                with transaction.atomic():
                    form.save()
                    outlook.meeting_edited(meeting, form.calendar_changes)
            except MeetingStateError as error:
                form.add_error(None, error.message)
            else:
                if request.htmx:
                    return render(
                        request,
                        "meetings/coordination/_meeting_facts.html#facts",
                        _facts_context(meeting, announce=_("Mötet är sparat."), updated=True),
                    )
                messages.success(request, _("Mötet är sparat."))
                return redirect(meeting)
    else:
        form = MeetingForm(instance=meeting)
    return render(request, template, {"meeting": meeting, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def meeting_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk)
    form = PublishForm(
        request.POST if request.method == "POST" else None,
        initial={"version": meeting.version},
        current_version=meeting.version,
    )
    if request.method == "POST" and form.is_valid():
        meeting.version = form.cleaned_data["version"]
        try:
            with transaction.atomic():
                meeting.publish_theme()
                outlook.meeting_published(meeting)
        except MeetingStateError as error:
            form.add_error(None, error.message)
        else:
            count = network_recipients(meeting.network).count()
            messages.success(
                request,
                ngettext(
                    "Temat är publicerat. %(count)d e-postmeddelande skickas till nätverket.",
                    "Temat är publicerat. %(count)d e-postmeddelanden skickas till nätverket.",
                    count,
                )
                % {"count": count},
            )
            return redirect(meeting)
    context = {
        "meeting": meeting,
        "form": form,
        # Counted, not read: a large network's people are hundreds of accounts.
        "recipient_count": network_recipients(meeting.network).count(),
    }
    return render(request, "meetings/coordination/meeting_publish.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def meeting_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk)
    start = timezone.localtime(meeting.starts_at)
    initial = {
        "version": meeting.version,
        "date": start.date(),
        "start_time": start.time(),
        "end_time": timezone.localtime(meeting.ends_at).time(),
        "place": meeting.place,
    }
    form = RescheduleForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        current_version=meeting.version,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting.version = data["version"]
        try:
            with transaction.atomic():
                old_starts_at, old_ends_at = meeting.reschedule(
                    data["starts_at"], data["ends_at"], data["place"]
                )
                outlook.meeting_moved(meeting, old_starts_at, old_ends_at)
        except MeetingStateError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Mötet är flyttat och nätverket får veta det."))
            return redirect(meeting)
    context = {"meeting": meeting, "form": form}
    return render(request, "meetings/coordination/meeting_reschedule.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk)
    form = CancelForm(
        request.POST if request.method == "POST" else None,
        initial={"version": meeting.version},
        current_version=meeting.version,
    )
    if request.method == "POST" and form.is_valid():
        meeting.version = form.cleaned_data["version"]
        try:
            with transaction.atomic():
                meeting.cancel(form.cleaned_data["reason"])
                outlook.meeting_cancelled(meeting)
        except MeetingStateError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Mötet är inställt och nätverket får veta det."))
            return redirect(meeting)
    context = {"meeting": meeting, "form": form}
    return render(request, "meetings/coordination/meeting_cancel.html", context)


@require_safe
@login_required
def coordination_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    network = coordinated_network(request, code)
    now = timezone.now()
    today = timezone.localdate()
    term = Term.of(today)
    # The lookups are compiled once (meetings/coordination/dashboard.py); each meeting is
    # given the page's network, which its figures read (the theme's lead days).
    this_term = dashboard.TERM_MEETINGS.objects(**dashboard.term_values(network.pk, term))
    for meeting in this_term:
        meeting.network = network
    next_term = term.next()
    next_term_count = dashboard.term_count(network.pk, next_term)
    held = [m for m in this_term if not m.is_cancelled]
    lead_limit = now + datetime.timedelta(days=network.theme_lead_days)
    unpublished = dashboard.UNPUBLISHED.objects(network_id=network.pk, now=now)
    for meeting in unpublished:
        meeting.network = network
        meeting.days_left = (timezone.localdate(meeting.starts_at) - today).days
        meeting.inside_lead_time = meeting.starts_at <= lead_limit
    # Only the administrations that lack a role are read, each with a flag per role.
    vacancies = dashboard.vacancies(network.pk, today)
    coverage = dashboard.COVERAGE.objects(network_id=network.pk, now=now)
    year_ago = now - datetime.timedelta(days=COVERAGE_DAYS)
    arrivals = digest.counts(network, now - datetime.timedelta(days=1), now)
    for area in coverage:
        area.recent = area.last_theme is not None and area.last_theme >= year_ago
    context = {
        "network": network,
        "term": term,
        "next_term": next_term,
        "next_term_count": next_term_count,
        "this_term": this_term,
        "held_count": len(held),
        "on_target": network.target_meetings_min <= len(held) <= network.target_meetings_max,
        "unpublished": unpublished,
        "vacancies": vacancies,
        "coverage": coverage,
        "published_this_term": [m for m in this_term if m.published_at],
        # The daily digest's counts for the last 24 hours, and the failed e-mails now.
        "arrivals": arrivals,
        "failed_deliveries": arrivals["failed_total"],
    }
    return render(request, "meetings/coordination/dashboard.html", context)
