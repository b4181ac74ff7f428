"""Documents and consultations: the network's list, adding one, a document's page, its file,
and an administration marking its consultation response as sent.

Documents are read by everyone signed in; coordinators of the network add them; the current
representative or substitute of an asked administration marks its response.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.http import HtmxHttpRequest
from meetings.access import network_by_code
from meetings.documents import workflow as documents
from meetings.documents.forms import DocumentEditForm, DocumentForm, ResponseForm, WithdrawForm
from meetings.documents.rows import document_rows, response_rows
from meetings.models import Document, Meeting
from networks import submissions
from networks.rules import is_coordinator
from networks.versions import StaleRecordError
from representatives.rules import seated_administration_ids

DOCUMENTS_PER_PAGE = 25


@require_safe
@login_required
def document_list(request: HttpRequest, code: str) -> HttpResponse:
    network = network_by_code(code)
    queryset = (
        Document.objects.filter(network=network)
        .recent()
        .prefetch_related(Prefetch("work_areas", to_attr="area_list"))
        .all()
    )
    page = Paginator(queryset, DOCUMENTS_PER_PAGE).get_page(request.GET.get("sida"))
    context = {
        "network": network,
        "page": page,
        "document_rows": document_rows(page.object_list),
        "can_coordinate": is_coordinator(request.user, network),
    }
    return render(request, "meetings/documents/document_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def document_create(request: HttpRequest, code: str) -> HttpResponse:
    network = network_by_code(code)
    if not is_coordinator(request.user, network):
        return render(
            request, "meetings/documents/document_form.html", {"network": network}, status=403
        )
    if request.method == "POST":
        if (repeat := submissions.repeat_of(request)) is not None:
            return submissions.repeated(request, repeat)
        form = DocumentForm(request.POST, request.FILES, network=network)
        if form.is_valid():
            try:
                with submissions.once(request.user, form) as submission:
                    document = documents.add_document(
                        network=network,
                        user=request.user,
                        document=form.save(commit=False),
                        work_areas=form.cleaned_data["work_areas"],
                        upload=form.cleaned_data.get("upload") or None,
                        upload_kind=form.upload_kind,
                        asked=list(form.cleaned_data["asked_administrations"]),
                    )
                    submission.url = document.get_absolute_url()
            except submissions.Repeated as repeated:
                return submissions.repeated(request, repeated)
            messages.success(request, _("Dokumentet är tillagt."))
            return redirect(document)
    else:
        # "Lägg till dokument" on a meeting's page picks that meeting.
        form = DocumentForm(network=network, initial={"meeting": request.GET.get("meeting")})
    context = {"network": network, "form": form, "can_coordinate": True}
    return render(request, "meetings/documents/document_form.html", context)


def _detail_context(request: HttpRequest, document: Document, form=None) -> dict:
    network = document.network
    can_coordinate = is_coordinator(request.user, network)
    responses = list(document.responses.select_related("administration", "sent_by"))
    answering = seated_administration_ids(request.user, network)
    meeting = document.meeting
    if meeting is not None and not Meeting.objects.visible_to(request.user).contains(meeting):
        meeting = None
    return {
        "document": document,
        "network": network,
        "meeting": meeting,
        "work_areas": document.work_areas.all(),
        "responses": responses,
        "own_responses": [r for r in responses if r.administration_id in answering],
        "sent_count": sum(1 for r in responses if r.is_sent),
        "response_rows": response_rows(responses) if can_coordinate else "",
        "can_coordinate": can_coordinate,
        "form": form,
    }


def _document(pk: int) -> Document:
    return get_object_or_404(Document.objects.select_related("network", "meeting"), pk=pk)


@require_safe
@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    return render(
        request, "meetings/documents/document_detail.html", _detail_context(request, document)
    )


@require_safe
@login_required
def document_file(request: HttpRequest, key: uuid.UUID) -> FileResponse:
    """The uploaded file, for signed-in people only, always as a download."""
    document = get_object_or_404(Document.objects.exclude(file=""), file_key=key)
    try:
        handle = default_storage.open(document.file.name, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.file_name or document.file.name.rsplit("/", 1)[-1],
        content_type=document.file_content_type or "application/octet-stream",
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_POST
@login_required
def consultation_response_mark(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The asked administration's representative or substitute marks its response as sent."""
    document = _document(pk)
    if not document.is_consultation:
        raise Http404
    form = ResponseForm(request.POST, document=document)
    if not form.is_valid():
        context = _detail_context(request, document, form=form)
        template = "meetings/documents/document_detail.html"
        if request.htmx:
            template += "#responses"
        return render(request, template, context, status=400 if request.htmx else 200)
    response = form.cleaned_data["response"]
    if not documents.may_mark_response(request.user, response, document.network):
        context = _detail_context(request, document)
        context["refusal"] = _(
            "Bara representanten eller ersättaren för %(administration)s i nätverket kan "
            "markera förvaltningens svar."
        ) % {"administration": response.administration.name}
        return render(request, "meetings/documents/document_detail.html", context, status=403)
    newly = documents.mark_response_sent(response, request.user)
    if newly:
        note = _("Svaret från %(administration)s är markerat som skickat.")
    else:
        note = _("Svaret från %(administration)s var redan markerat som skickat.")
    note = note % {"administration": response.administration.name}
    if request.htmx:
        context = _detail_context(request, document)
        context["announcement"] = note
        return render(request, "meetings/documents/document_detail.html#responses", context)
    messages.success(request, note)
    return redirect(document)


def _coordinated_document(request: HttpRequest, pk: int) -> Document:
    document = _document(pk)
    if not is_coordinator(request.user, document.network):
        raise PermissionDenied
    return document


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator corrects a document, with the version check and its change history."""
    document = _coordinated_document(request, pk)
    posted = request.POST if request.method == "POST" else None
    form = DocumentEditForm(posted, instance=document)
    if posted is not None and form.is_valid():
        try:
            document = documents.save_document_changes(form, request.user)
        except StaleRecordError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Dokumentet är sparat."))
            return redirect(document)
    context = {"document": document, "network": document.network, "form": form}
    return render(request, "meetings/documents/document_edit.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def document_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator withdraws a document: kept, marked withdrawn with the day and reason."""
    document = _coordinated_document(request, pk)
    context: dict = {"document": document, "network": document.network}
    if document.is_withdrawn and request.method != "POST":
        context["refusal"] = documents.AlreadyWithdrawn(document.withdrawn_at).message
        return render(request, "meetings/documents/document_withdraw.html", context)
    if request.method == "POST":
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                documents.withdraw_document(
                    document,
                    request.user,
                    form.cleaned_data["reason"],
                    form.cleaned_data["version"],
                )
            except documents.AlreadyWithdrawn as already:
                context["refusal"] = already.message
                return render(
                    request, "meetings/documents/document_withdraw.html", context, status=409
                )
            except StaleRecordError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Dokumentet är tillbakadraget."))
                return redirect(document)
    else:
        form = WithdrawForm(initial={"version": document.version})
    context["form"] = form
    return render(request, "meetings/documents/document_withdraw.html", context)
