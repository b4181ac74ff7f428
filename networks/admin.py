from django.contrib import admin

from networks.models import Network, WorkArea


class WorkAreaInline(admin.TabularInline):
    model = WorkArea
    extra = 0
    fields = ["name", "position", "archived_at"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "default_meeting_minutes"]
    search_fields = ["code", "name", "purpose"]
    filter_horizontal = ["coordinators"]
    inlines = [WorkAreaInline]


@admin.register(WorkArea)
class WorkAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "position", "archived_at"]
    list_filter = ["network", ("archived_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "description"]
