from django.contrib import admin

from networks.history import KeepHistoryAdmin, KeepRecordsAdmin
from networks.models import Network, WorkArea
from networks.versions import ReadOnlyInline, VersionedAdmin


class WorkAreaInline(ReadOnlyInline, admin.TabularInline):
    """Shown with the network; edited on its own page, through its version check."""

    model = WorkArea
    extra = 0
    fields = ["name", "position", "archived_at"]


@admin.register(Network)
class NetworkAdmin(KeepRecordsAdmin, VersionedAdmin, admin.ModelAdmin):
    list_display = ["code", "name", "default_meeting_minutes"]
    search_fields = ["code", "name", "purpose"]
    filter_horizontal = ["coordinators"]
    readonly_fields = ["version"]
    inlines = [WorkAreaInline]


@admin.register(WorkArea)
class WorkAreaAdmin(KeepHistoryAdmin, VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "network", "position", "archived_at"]
    list_filter = ["network", ("archived_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "description"]
    readonly_fields = ["version"]
