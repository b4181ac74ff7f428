"""Taking part: the representatives' own page, answers, invitations, and attendance.

These pages combine meetings with appointments, so they live in `meetings` (see README).
"""

from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import User
from config.http import AuthenticatedHttpRequest
from config.redirects import next_path
from meetings import paging
from meetings.access import visible_meeting
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.participation import workflow as participation
from meetings.participation.forms import (
    AnswerForm,
    AttendanceForm,
    InvitationForm,
    answer_form_for,
)
from meetings.todo import items as todo
from networks import submissions
from networks.rules import is_coordinator
from representatives.models import Appointment

# The assignment document's expectations on a representative, word for word.
REPRESENTATIVE_EXPECTATIONS = [
    gettext_lazy(
        "Representant i nätverken förväntas ha en tydlig koppling till hållbarhetsarbetet i den "
        "egna förvaltningen. Representanten har genom sin tjänst utrymme för och mandat att "
        "arbeta med hållbarhetsfrågor."
    ),
    gettext_lazy(
        "Att representanten fungerar som en väg in i förvaltningen för hållbarhetsfrågorna. Det "
        "medför att representanten behöver ha mandat att föra frågor/ information vidare till "
        "ledningsgrupp eller andra berörda vid behov."
    ),
    gettext_lazy(
        "Representanten tar ansvar för att vid behov/utifrån tema bjuda in berörd "
        "kollega/kollegor till nätverken."
    ),
    gettext_lazy(
        "Representanten deltar aktivt och bidrar också till agenda och erfarenhetsutbyte på mötena."
    ),
]


def _back(target: str | None, meeting: Meeting) -> HttpResponse:
    # `target` is from next_path(), read before anything was saved.
    return HttpResponseRedirect(target) if target else redirect(meeting)


# Mina nätverk shows the to-dos a page at a time ("Visa fler"): open actions and indicator
# values pile up over the years.
TODO_PARAM = "att-gora"
TODOS_PER_PAGE = 20
# A page number beyond this reads no further (the pager answers with the last page there is).
TODO_MAX_PAGE = 50


def todo_page(request: HttpRequest, appointments=None) -> Page:
    """The page of the person's to-dos that `?att-gora=` asks for: only the to-dos up to that
    page are read (the first pages are the most urgent)."""
    number = min(paging.page_number(request, TODO_PARAM), TODO_MAX_PAGE)
    todos = todo.for_person(request.user, appointments, limit=number * TODOS_PER_PAGE)
    return paging.page_of(request, todos, TODOS_PER_PAGE, TODO_PARAM, count=todos.total)


@require_safe
@login_required
def my_networks(request: AuthenticatedHttpRequest) -> HttpResponse:
    appointments = todo.current_appointments(request.user)
    page = todo_page(request, appointments)
    if request.htmx and TODO_PARAM in request.GET:  # "Visa fler": the next to-dos only
        return render(
            request, "meetings/participation/my_networks.html#todo-page", {"todo_page": page}
        )
    meetings = participation.upcoming_for_appointments(request.user, appointments)
    for appointment in appointments:
        appointment.upcoming = meetings[appointment.network_id]  # type: ignore[attr-defined]
        for meeting in appointment.upcoming:  # type: ignore[attr-defined]
            meeting.answer_form = answer_form_for(
                meeting, offer_substitute=appointment.role == Appointment.Role.REPRESENTATIVE
            )
    return render(
        request,
        "meetings/participation/my_networks.html",
        {
            "appointments": appointments,
            "todo_page": page,
            "expectations": REPRESENTATIVE_EXPECTATIONS,
        },
    )


@require_POST
@login_required
def attendance_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    if not participation.can_take_part(request.user, meeting):
        raise PermissionDenied
    target = next_path(request)
    form = answer_form_for(meeting, request.POST, person=request.user)
    attendance = None
    if form.is_valid():
        try:
            attendance = participation.answer(meeting, request.user, form.cleaned_data["answer"])
        except participation.ParticipationError as exc:
            form.add_error("answer", str(exc))
    if request.htmx:
        return _answer_swap(request, meeting, form, attendance)
    if attendance is None:
        messages.error(request, str(form.errors["answer"][0]))
    else:
        messages.success(
            request,
            _("Ditt svar är sparat: %(answer)s.") % {"answer": attendance.get_answer_display()},
        )
    return _back(target, meeting)


def _answer_swap(
    request: AuthenticatedHttpRequest,
    meeting: Meeting,
    form: AnswerForm,
    attendance: Attendance | None,
) -> HttpResponse:
    """The answer form again, the focus back on its choice; after a saved answer on Mina
    nätverk also its to-do list, which no longer asks for this answer."""
    if attendance is None:
        meeting.own_attendance = meeting.attendances.filter(person=request.user).first()  # type: ignore[attr-defined]
    else:
        meeting.own_attendance = attendance  # type: ignore[attr-defined]
        form = answer_form_for(meeting, person=request.user)
    meeting.answer_form = form  # type: ignore[attr-defined]
    context = {
        "meeting": meeting,
        "answer_saved": attendance is not None,
        "answer_focus": form.focus_value,
        "full_answer": _htmx_page_path(request) != reverse("my_networks"),
    }
    if attendance is not None and not context["full_answer"]:
        context.update(todo_page=todo_page(request), todo_swap=True)
    return render(
        request,
        "meetings/participation/my_networks.html#answer-swap",
        context,
        status=200 if attendance is not None else 422,
    )


def _htmx_page_path(request: HttpRequest) -> str:
    """The path of the page an htmx request came from (its query string left off)."""
    return urlsplit(request.htmx.current_url_abs_path or "").path  # type: ignore[attr-defined]


@require_POST
@login_required
def attendance_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Who was there, for the people the list showed: the list is a page of administrations at
    a time, and each shown seat comes back as `seat` (a form without them, from before the list
    was paged, covers every current seat). A seat that is no longer current refuses the list."""
    meeting = visible_meeting(request, pk)
    if not is_coordinator(request.user, meeting.network):
        raise PermissionDenied
    seated = Appointment.objects.current().filter(network_id=meeting.network_id)
    people_seated = User.objects.filter(pk__in=seated.values("person_id")).only("full_name")
    shown: set[int] | None = None
    error = None
    if "seat" in request.POST:
        try:
            shown = {int(value) for value in request.POST.getlist("seat")}
        except ValueError:
            shown = set()
        if not all(0 < pk < 2**31 for pk in shown):  # no such id; too large for the database
            shown = set()
        people = list(people_seated.filter(pk__in=shown))
        if not shown or len(people) != len(shown):
            error = _("Listan kunde inte sparas. Ladda om sidan och försök igen.")
    else:
        people = list(people_seated)
    form = AttendanceForm(request.POST, people=people)
    if error is None and form.is_valid():
        try:
            participation.record_attendance(meeting, people, set(form.cleaned_data["present"]))
        except participation.ParticipationError as exc:
            error = str(exc)
    elif error is None:
        error = _("Listan kunde inte sparas. Ladda om sidan och försök igen.")
    if request.htmx:
        context = participation.participation_context(request.user, meeting, shown_people=shown)
        context.update(meeting=meeting, attendance_error=error, attendance_saved=error is None)
        return render(
            request,
            "meetings/participation/_participation.html#attendance",
            context,
            status=200 if error is None else 422,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Närvaron är sparad."))
    return redirect(_list_page(meeting, request))


def _list_page(meeting: Meeting, request: HttpRequest) -> str:
    """The meeting page at the page of the list the form was on (its action carries it)."""
    number = paging.page_number(request, participation.ANSWERS_PARAM)
    url = meeting.get_absolute_url()
    if number > 1:
        url += "?" + urlencode({participation.ANSWERS_PARAM: number})
    return url + "#participation"


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def invitation_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    if not participation.can_take_part(request.user, meeting):
        raise PermissionDenied
    if request.method == "POST" and (repeat := submissions.repeat_of(request)) is not None:
        return submissions.repeated(request, repeat)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with submissions.once(request.user, form) as submission:
                invitation, _token = participation.invite(
                    meeting, request.user, **form.cleaned_data
                )
                submission.url = reverse("invitation_create", kwargs={"pk": meeting.pk})
        except submissions.Repeated as repeated:
            return submissions.repeated(request, repeated)
        except participation.ParticipationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s är inbjuden och får e-post med mötet och en kalenderfil.")
                % {"name": invitation.full_name},
            )
            return redirect("invitation_create", pk=meeting.pk)
    closed_reason = None
    try:
        participation.check_open_for_answers(meeting)
    except participation.ParticipationError as exc:
        closed_reason = str(exc)
    sent = participation.invitations_sent_by(request.user, meeting)
    return render(
        request,
        "meetings/participation/invitation_form.html",
        {
            "meeting": meeting,
            "form": form,
            "sent": sent,
            "remaining": max(0, participation.Invitation.MAX_PER_REPRESENTATIVE - len(sent)),
            "closed_reason": closed_reason,
        },
        status=422 if form.errors else 200,
    )


@require_safe
def invitation_meeting(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The read-only meeting page an invited colleague opens without an account."""
    invitation = participation.invitation_for_token(pk, token)
    if invitation is None:
        raise Http404
    meeting = invitation.meeting
    agenda = []
    if meeting.agenda_is_published:
        agenda = list(
            meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED)
            .select_related("work_area", "administration")
            .order_by("position")
        )
    response = render(
        request,
        "meetings/participation/invitation_meeting.html",
        {
            "invitation": invitation,
            "meeting": meeting,
            "work_areas": meeting.work_areas.all(),
            "agenda": agenda,
            "agenda_minutes": sum(item.allotted_minutes or item.wished_minutes for item in agenda),
            "can_coordinate": False,
        },
    )
    # The token is in the URL: keep it out of Referer headers and shared caches.
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response
