from django.contrib import admin
from django.db import models

from meetings.models import (
    AgendaItem,
    AgendaVersion,
    Attendance,
    CalendarToken,
    ConsultationResponse,
    Document,
    Invitation,
    Meeting,
)
from networks.history import KeepHistoryAdmin


class AgendaItemInline(KeepHistoryAdmin, admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    fields = ["position", "title", "kind", "status", "allotted_minutes", "presenter"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(KeepHistoryAdmin, admin.ModelAdmin):
    list_display = ["starts_at", "network", "theme_title", "status", "format", "sequence"]
    list_filter = ["network", "status", "format"]
    search_fields = ["theme_title", "theme_description", "place"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["work_areas"]
    readonly_fields = ["uid", "sequence", "version", "created_at", "updated_at"]
    inlines = [AgendaItemInline]
    # Links typed without a scheme are https (Django 6's default; silences its deprecation).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(AgendaItem)
class AgendaItemAdmin(KeepHistoryAdmin, admin.ModelAdmin):
    list_display = ["title", "meeting", "kind", "status", "position", "proposed_by"]
    list_filter = ["status", "kind", "meeting__network", "is_management_question"]
    search_fields = ["title", "description", "proposed_by__full_name", "proposed_by__email"]
    autocomplete_fields = ["meeting", "proposed_by", "administration", "work_area"]
    list_select_related = ["meeting__network", "proposed_by"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    """Read-only: the secret itself is stored nowhere, only its hash."""

    list_display = ["user", "kind", "network", "created_at", "revoked_at"]
    list_filter = ["kind", "network", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__full_name", "user__email"]
    list_select_related = ["user", "network"]
    readonly_fields = ["user", "kind", "network", "token_hash", "created_at", "revoked_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AgendaVersion)
class AgendaVersionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "number", "published_at", "published_by"]
    list_filter = ["meeting__network"]
    readonly_fields = ["meeting", "number", "published_at", "published_by", "snapshot"]
    list_select_related = ["meeting__network", "published_by"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["person", "meeting", "answer", "answered_at", "attended"]
    list_filter = ["answer", "attended", "meeting__network"]
    search_fields = ["person__full_name", "person__email"]
    raw_id_fields = ["meeting", "person"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "meeting", "invited_by", "created_at"]
    search_fields = ["full_name", "email", "invited_by__full_name"]
    raw_id_fields = ["meeting", "invited_by"]
    exclude = ["token_hash"]


class ConsultationResponseInline(KeepHistoryAdmin, admin.TabularInline):
    model = ConsultationResponse
    extra = 0
    fields = ["administration", "sent_at", "sent_by"]
    raw_id_fields = ["sent_by"]


@admin.register(Document)
class DocumentAdmin(KeepHistoryAdmin, admin.ModelAdmin):
    list_display = ["title", "network", "kind", "deadline", "created_at"]
    list_filter = ["network", "kind"]
    search_fields = ["title", "file_name"]
    filter_horizontal = ["work_areas"]
    raw_id_fields = ["meeting", "created_by"]
    # Files are uploaded through the app's form, which checks their content; the admin shows
    # them but does not take uploads past those checks.
    readonly_fields = [
        "file",
        "file_name",
        "file_size",
        "file_content_type",
        "file_key",
        "uid",
        "created_at",
        "updated_at",
    ]
    inlines = [ConsultationResponseInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


# Theme wishes (issue 11).
from meetings.models_wishes import ThemeSuggestion, ThemeSupport  # noqa: E402


class ThemeSupportInline(admin.TabularInline):
    model = ThemeSupport
    extra = 0
    fields = ["person", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["person"]


@admin.register(ThemeSuggestion)
class ThemeSuggestionAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "administration", "status", "created_at"]
    list_filter = ["network", "status"]
    search_fields = ["title", "why"]
    raw_id_fields = ["suggested_by", "handled_by", "adopted_meeting"]
    inlines = [ThemeSupportInline]
