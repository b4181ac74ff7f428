"""Meeting evaluations: the participants' one page, and the coordinators' results and settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.http import AuthenticatedHttpRequest
from meetings.access import coordinated_meeting, coordinated_network, visible_meeting
from meetings.evaluations import workflow as evaluations
from meetings.evaluations.forms import EvaluationForm, EvaluationSettingsForm
from meetings.models import Evaluation, EvaluationSettings
from meetings.reports.figures import term_value
from meetings.reports.forms import chosen_term
from networks.versions import StaleRecordError


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def evaluation_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The one page the e-mail links to: answer, or change the answer, until the window closes."""
    meeting = visible_meeting(request, pk)
    own = Evaluation.objects.filter(meeting=meeting, person=request.user).first()
    try:
        closes = evaluations.check_can_answer(meeting, request.user)
    except evaluations.EvaluationError as exc:
        # Looking is allowed (the page says why no answer can be given now, and shows the
        # person's answer if there is one); only sending an answer is refused.
        context = {"meeting": meeting, "reason": str(exc), "own": own}
        status = 403 if request.method == "POST" else 200
        return render(request, "meetings/evaluations/refused.html", context, status=status)
    settings = EvaluationSettings.for_network(meeting.network)
    initial = {}
    if own is not None:
        initial = {
            "usefulness": own.usefulness,
            "length": own.length,
            "preferred_format": own.preferred_format,
            "comment": own.comment,
            "extra_answer": own.extra_answer,
        }
    data = request.POST if request.method == "POST" else None
    form = EvaluationForm(data, initial=initial, settings=settings)
    if request.method == "POST" and form.is_valid():
        try:
            _evaluation, created = evaluations.save_evaluation(
                meeting, request.user, form.cleaned_data
            )
        except evaluations.EvaluationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Tack! Din utvärdering är sparad.")
                if created
                else _("Din utvärdering är ändrad."),
            )
            return redirect("evaluation_answer", pk=meeting.pk)
    context = {"meeting": meeting, "form": form, "own": own, "closes": closes}
    return render(
        request,
        "meetings/evaluations/answer.html",
        context,
        status=422 if form.errors else 200,
    )


@require_POST
@login_required
def evaluation_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The coordinators' "Skicka utvärdering": one e-mail per participant, once per meeting."""
    meeting = coordinated_meeting(request, pk)
    try:
        sent = evaluations.send_request(meeting, request.user)
    except evaluations.EvaluationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Utvärderingen är skickad till %(count)s deltagare.") % {"count": sent.recipients},
        )
    return redirect("evaluation_results", pk=meeting.pk)


@require_safe
@login_required
def evaluation_results(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = coordinated_meeting(request, pk)
    closes = evaluations.window_closes_at(meeting)
    context = {
        "meeting": meeting,
        "held": meeting.is_held,
        "closed": closes is not None and closes <= timezone.now(),
        "sent": meeting.evaluation_request if hasattr(meeting, "evaluation_request") else None,
        "results": evaluations.meeting_results(meeting),
        "settings": EvaluationSettings.for_network(meeting.network),
    }
    return render(request, "meetings/evaluations/results.html", context)


@require_safe
@login_required
def evaluation_term(request: HttpRequest, code: str) -> HttpResponse:
    network = coordinated_network(request, code)
    form, term = chosen_term(request, network)
    template = "meetings/evaluations/term.html"
    if term is None:
        return render(request, template, {"network": network, "form": form}, status=400)
    context = {
        "network": network,
        "form": form,
        "report": evaluations.term_evaluations(network, term),
        "term_value": term_value(term),
    }
    return render(request, template, context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def evaluation_settings(request: HttpRequest, code: str) -> HttpResponse:
    network = coordinated_network(request, code)
    instance = EvaluationSettings.for_network(network)
    form = EvaluationSettingsForm(
        request.POST if request.method == "POST" else None, instance=instance
    )
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except StaleRecordError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Utvärderingens frågor är sparade."))
            return redirect("evaluation_settings", code=network.code.lower())
    return render(
        request,
        "meetings/evaluations/settings.html",
        {"network": network, "form": form},
        status=422 if form.errors else 200,
    )
