"""The person's reminder choices ("Påminnelser", linked from Mitt konto)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from config.http import AuthenticatedHttpRequest
from meetings.models import ReminderPreferences
from meetings.reminders.forms import ReminderPreferencesForm
from networks.models import Network


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def reminder_preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    preferences = ReminderPreferences.objects.filter(user=request.user).first()
    if preferences is None:
        preferences = ReminderPreferences(user=request.user)  # everything on until saved
    coordinator = Network.objects.coordinated_by(request.user).exists()
    form = ReminderPreferencesForm(
        request.POST if request.method == "POST" else None,
        instance=preferences,
        coordinator=coordinator,
    )
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Dina val av påminnelser är sparade."))
            return redirect("reminder_preferences")
        return render(request, "meetings/reminders/preferences.html", {"form": form}, status=422)
    return render(request, "meetings/reminders/preferences.html", {"form": form})
