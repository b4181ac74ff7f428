"""The questions from the management groups: register, follow, and take each step.

Who sees a question: its administration's director, its representative and substitute in the
question's network, and that network's coordinators (meetings.rules.can_see_question); for
everyone else it does not exist (404). A step someone may see but does not own is 403.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.http import HtmxHttpRequest
from meetings import paging
from meetings.access import network_by_code, visible_question
from meetings.models import Question
from meetings.questions import steps as questions
from meetings.questions.forms import FORMS, ListFilterForm, QuestionForm
from meetings.questions.rows import question_rows
from meetings.rules import can_see_question
from networks import submissions
from networks.models import Network
from networks.rules import coordinated_network_ids
from representatives.models import Administration
from representatives.rules import (
    current_appointment,
    current_seats,
    directed_administration_ids,
)

LIST_RELATED = ("network", "administration", "agenda_item__meeting", "meeting")


# The columns of the list's tables (_question_table.html): hundreds of rows with two meetings
# each, and turning every column of five models into Python was much of the page's time.
LIST_FIELDS = (
    "title",
    "raised_on",
    "state",
    "network__code",
    "administration__name",
    "meeting__starts_at",
    "agenda_item__status",
    "agenda_item__meeting__starts_at",
)


@require_safe
@login_required
def question_list(request: HtmxHttpRequest, code: str | None = None) -> HttpResponse:
    """ "Frågor": every question the person may see (as director, representative or
    coordinator) in one list, filtered by state (by default what still needs work: open, or
    dealt with but not reported back), term and administration, a page at a time; closed
    ones are one filter away. An htmx "Visa fler" gets only the next rows.

    With a network's `code` it is that network's section "Frågor" (its sub-navigation, its
    questions only, the roles held in it); without, the list across networks, which links to
    each network's."""
    user = request.user
    network = network_by_code(code) if code is not None else None
    directed = directed_administration_ids(user)
    coordinated = coordinated_network_ids(user)
    seats = current_seats(user)
    if network is not None:
        # Only the roles held in this network count: another network's seat or coordination
        # shows nothing here (its questions are filtered out below anyway).
        coordinated = coordinated & {network.pk}
        seats = [seat for seat in seats if seat.network_id == network.pk]
    visible = Q(pk__in=[])
    if directed:
        visible |= Q(administration_id__in=directed)
    for seat in seats:
        # A network the person coordinates shows all its questions: a seat's in it adds
        # nothing, and an OR the database cannot answer from its index on network and state.
        if seat.network_id not in coordinated:
            visible |= Q(network_id=seat.network_id, administration_id=seat.administration_id)
    if coordinated:
        visible |= Q(network_id__in=coordinated)
    administrations = (
        Administration.objects.order_by("name")
        if coordinated
        else Administration.objects.filter(
            Q(pk__in=directed) | Q(pk__in=[seat.administration_id for seat in seats])
        ).order_by("name")
    )
    # (pk, name) pairs, not models: a coordinator's filter lists every administration.
    filters = ListFilterForm(request.GET, administrations=administrations.values_list("pk", "name"))
    rows = Question.objects.filter(visible)
    if network is not None:
        rows = rows.filter(network=network)
    state = filters.value("lage") or ListFilterForm.CURRENT
    if state == ListFilterForm.CURRENT:
        rows = rows.filter(state__in=(*questions.OPEN_STATES, *questions.AWAITING_REPORT_STATES))
    elif state == ListFilterForm.OPEN:
        rows = rows.filter(state__in=questions.OPEN_STATES)
    elif state == ListFilterForm.AWAITING:
        rows = rows.filter(state__in=questions.AWAITING_REPORT_STATES)
    elif state == ListFilterForm.CLOSED:
        rows = rows.exclude(state__in=(*questions.OPEN_STATES, *questions.AWAITING_REPORT_STATES))
    if (term := filters.term()) is not None:
        rows = rows.filter(raised_on__range=(term.first_day, term.last_day))
    if administration := filters.value("forvaltning"):
        rows = rows.filter(administration_id=int(administration))
    # What needs work: the oldest first; the record (closed, all): the latest first.
    oldest_first = state in (ListFilterForm.CURRENT, ListFilterForm.OPEN, ListFilterForm.AWAITING)
    rows = rows.order_by(*(("raised_on", "pk") if oldest_first else ("-raised_on", "-pk")))
    # Counted apart, and the page's questions picked by their ids first (IdsFirst): a window
    # count, or the page's joins, would join and sort every visible question (thousands for a
    # coordinator) before the limit. The rows are written in Python (meetings/questions/rows.py).
    page = paging.page_of(
        request,
        paging.IdsFirst(rows, lambda page: page.select_related(*LIST_RELATED).only(*LIST_FIELDS)),
    )
    shown = list(page.object_list)
    # The networks to register a question in (where the person holds a seat), and on the list
    # across networks each network's own list.
    seated = {seat.network_id for seat in seats}
    if network is not None:
        networks = [network]
    else:
        networks = list(Network.objects.only("code", "name").order_by("code"))
    context = {
        "network": network,
        "networks": networks,
        "seat_networks": [n for n in networks if n.pk in seated],
        "directed": bool(directed),
        "coordinated": bool(coordinated),
        "any_role": bool(directed or seats or coordinated),
        "filters": filters,
        "state": state,
        "page": page,
        "rows": shown,
        "question_rows": question_rows(shown, page, bool(request.htmx)),
    }
    template = "meetings/questions/question_list.html"
    if request.htmx:
        template += "#question-rows"
    return render(request, template, context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def question_create(request: HttpRequest, code: str) -> HttpResponse:
    network = network_by_code(code)
    if current_appointment(request.user, network) is None:
        raise PermissionDenied
    meetings = questions.proposable_meetings(network)
    if request.method == "POST":
        if (repeat := submissions.repeat_of(request)) is not None:
            return submissions.repeated(request, repeat)
        form = QuestionForm(request.POST, meetings=meetings)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with submissions.once(request.user, form) as submission:
                    question = questions.raise_and_propose(
                        network, request.user, data, data["meeting"], data["wished_minutes"]
                    )
                    submission.url = reverse("question_detail", kwargs={"pk": question.pk})
            except submissions.Repeated as repeated:
                return submissions.repeated(request, repeated)
            except questions.QuestionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Frågan är föreslagen till dagordningen.")
                    if data["meeting"]
                    else _("Frågan är registrerad."),
                )
                return redirect("question_detail", pk=question.pk)
    else:
        form = QuestionForm(meetings=meetings)
    return render(
        request,
        "meetings/questions/question_form.html",
        {"network": network, "form": form, "has_meetings": bool(meetings)},
    )


def _form_for(action: str, question: Question, data=None):
    kwargs: dict[str, Any] = {"auto_id": f"{action}-%s"}
    if action == "propose":
        kwargs["meetings"] = questions.proposable_meetings(question.network)
    elif action == "deal_with":
        kwargs["meetings"] = questions.held_meetings(question.network, question)
    elif action == "refer":
        kwargs["network"] = question.network
    form = FORMS[action](data, **kwargs)
    if action == "deal_with" and data is None and question.agenda_item_id:
        form.initial["meeting"] = question.agenda_item.meeting_id  # type: ignore[union-attr]
    return form


def _detail(request: HttpRequest, question: Question, bound=None, status: int = 200):
    bound_action, bound_form = bound or (None, None)
    allowed = questions.allowed_actions(request.user, question)
    if bound_action and bound_action not in {t.action for t in allowed}:
        # The question moved on meanwhile: still show the form with what was wrong in it.
        allowed.append(questions.TRANSITIONS[bound_action])
    actions = [
        (t, bound_form if t.action == bound_action else _form_for(t.action, question))
        for t in allowed
    ]
    context = {
        "question": question,
        "events": list(question.events.select_related("actor", "meeting")),
        "actions": actions,
        "form": bound_form,
    }
    return render(request, "meetings/questions/question_detail.html", context, status=status)


@require_safe
@login_required
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, visible_question(request, pk))


def _run(action: str, question: Question, user, data: dict) -> Question:
    if action == "propose":
        return questions.propose(question, user, data["meeting"], data["wished_minutes"])
    if action == "answer":
        return questions.answer(question, user, data["written_answer"])
    if action == "refer":
        return questions.refer(question, user, data["to_network"], data["note"])
    if action == "deal_with":
        return questions.deal_with(question, user, data["meeting"], data["note"])
    if action == "outcome":
        return questions.record_outcome(question, user, data["outcome"])
    if action == "report_back":
        return questions.report_back(question, user, data["reported_back_on"], data["note"])
    if action == "withdraw":
        return questions.withdraw(question, user, data["note"])
    return questions.close(question, user, data["note"])


DONE = {
    "propose": gettext_lazy("Frågan är föreslagen till dagordningen."),
    "answer": gettext_lazy("Svaret är sparat och skickat till förvaltningen."),
    "refer": gettext_lazy("Frågan är hänvisad till andra nätverket."),
    "deal_with": gettext_lazy("Frågan är markerad som behandlad."),
    "outcome": gettext_lazy("Utfallet är sparat och skickat till förvaltningen."),
    "report_back": gettext_lazy("Återrapporten är registrerad."),
    "close": gettext_lazy("Frågan är avslutad."),
    "withdraw": gettext_lazy("Frågan är tillbakadragen. Den finns kvar med sin historik."),
}


@require_POST
@login_required
def question_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step of the table in meetings/questions/steps.py; the URL names the action."""
    question = visible_question(request, pk)
    transition = questions.TRANSITIONS[action]
    if not questions.has_role(request.user, question, transition.owner):
        raise PermissionDenied
    form = _form_for(action, question, request.POST)
    if form.is_valid():
        try:
            question = _run(action, question, request.user, form.cleaned_data)
        except questions.QuestionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, str(DONE[action]))
            if not can_see_question(request.user, question):
                return redirect("question_list")
            return redirect("question_detail", pk=question.pk)
    question = Question.objects.select_related(*LIST_RELATED, "raised_by", "referred_to").get(
        pk=question.pk
    )
    return _detail(request, question, bound=(action, form))
