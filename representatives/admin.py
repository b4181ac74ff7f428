from django.contrib import admin

from networks.history import KeepHistoryAdmin
from networks.versions import VersionedAdmin
from representatives.models import Administration, Appointment


@admin.register(Administration)
class AdministrationAdmin(KeepHistoryAdmin, VersionedAdmin, admin.ModelAdmin):
    """Merging and deactivating are the app's steps (they end and move seats); here an
    administrator sets the director and corrects names, through the version check."""

    list_display = ["name", "short_name", "director", "is_active", "merged_into"]
    list_filter = ["is_active"]
    search_fields = ["name", "short_name", "director__full_name", "director__email"]
    autocomplete_fields = ["director"]
    readonly_fields = ["version", "is_active", "merged_into"]


@admin.register(Appointment)
class AppointmentAdmin(KeepHistoryAdmin, admin.ModelAdmin):
    list_display = ["person", "role", "administration", "network", "start_date", "end_date"]
    list_filter = ["network", "role", "administration", ("end_date", admin.EmptyFieldListFilter)]
    search_fields = ["person__full_name", "person__email", "administration__name"]
    autocomplete_fields = ["person", "appointed_by"]
    date_hierarchy = "start_date"
