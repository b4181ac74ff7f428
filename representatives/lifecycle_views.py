"""The coordinators' prompt: people whose last appointment has ended, to deactivate."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts import lifecycle
from config.http import AuthenticatedHttpRequest, HtmxHttpRequest
from representatives.lifecycle import can_prompt_deactivation, people_to_deactivate


class DeactivateForm(forms.Form):
    """The person is in the URL; the button sends `confirm=ja`, so a stray POST does
    nothing."""

    confirm = forms.ChoiceField(
        label=gettext_lazy("Bekräftelse"),
        choices=[("ja", "ja")],
        widget=forms.HiddenInput,
        error_messages={
            "required": gettext_lazy("Bekräfta att kontot ska avaktiveras."),
            "invalid_choice": gettext_lazy("Bekräfta att kontot ska avaktiveras."),
        },
    )


def _render(request: HtmxHttpRequest, *, deactivated=None, form=None, status=200) -> HttpResponse:
    template = "representatives/people_to_deactivate.html"
    if request.htmx and request.method == "POST":
        template += "#people"
    context = {"people": list(people_to_deactivate()), "deactivated": deactivated, "form": form}
    return render(request, template, context, status=status)


@require_safe
@login_required
def people_to_deactivate_page(request: HtmxHttpRequest) -> HttpResponse:
    if not can_prompt_deactivation(request.user):
        raise PermissionDenied
    return _render(request)


@require_POST
@login_required
def person_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not can_prompt_deactivation(request.user):
        raise PermissionDenied
    # Only people in the prompt: anyone else's account is none of the coordinators' business.
    person = people_to_deactivate().filter(pk=pk).first()
    if person is None:
        raise Http404
    form = DeactivateForm(request.POST)
    if not form.is_valid():
        return _render(request, form=form, status=400)
    lifecycle.deactivate(person, by=request.user)
    if request.htmx:
        return _render(request, deactivated=person)
    messages.success(request, _("Kontot för %(name)s är avaktiverat.") % {"name": person})
    return redirect("people_to_deactivate")
