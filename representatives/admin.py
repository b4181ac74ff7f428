from django.contrib import admin

from networks.history import KeepHistoryAdmin, KeepRecordsAdmin
from representatives.models import Administration, Appointment


@admin.register(Administration)
class AdministrationAdmin(KeepRecordsAdmin, admin.ModelAdmin):
    list_display = ["name", "short_name", "director"]
    search_fields = ["name", "short_name", "director__full_name", "director__email"]
    autocomplete_fields = ["director"]


@admin.register(Appointment)
class AppointmentAdmin(KeepHistoryAdmin, admin.ModelAdmin):
    list_display = ["person", "role", "administration", "network", "start_date", "end_date"]
    list_filter = ["network", "role", "administration", ("end_date", admin.EmptyFieldListFilter)]
    search_fields = ["person__full_name", "person__email", "administration__name"]
    autocomplete_fields = ["person", "appointed_by"]
    date_hierarchy = "start_date"
