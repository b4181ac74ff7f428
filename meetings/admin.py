from django.contrib import admin
from django.db import models
from django_tasks_db.models import DBTaskResult

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
from networks.history import KeepHistoryAdmin, KeepRecordsAdmin, ReadOnlyAdmin
from networks.versions import ReadOnlyInline, VersionedAdmin


class AgendaItemInline(KeepHistoryAdmin, admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    fields = ["position", "title", "kind", "status", "allotted_minutes", "presenter"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(KeepHistoryAdmin, VersionedAdmin, admin.ModelAdmin):
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
class AgendaVersionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """A published version is frozen: what the members were told. A change is a new version,
    published from the agenda workspace with a change note."""

    list_display = ["meeting", "number", "published_at", "published_by"]
    list_filter = ["meeting__network"]
    readonly_fields = ["meeting", "number", "published_at", "published_by", "snapshot"]
    list_select_related = ["meeting__network", "published_by"]


@admin.register(Attendance)
class AttendanceAdmin(KeepRecordsAdmin, admin.ModelAdmin):
    """Who answered and who was there: the minutes and the reports count on it."""

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
class DocumentAdmin(KeepHistoryAdmin, VersionedAdmin, admin.ModelAdmin):
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
        "version",
        "created_at",
        "updated_at",
    ]
    inlines = [ConsultationResponseInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


# Theme wishes.
from meetings.models import ThemeSuggestion, ThemeSupport  # noqa: E402


class ThemeSupportInline(admin.TabularInline):
    model = ThemeSupport
    extra = 0
    fields = ["person", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["person"]


@admin.register(ThemeSuggestion)
class ThemeSuggestionAdmin(KeepRecordsAdmin, admin.ModelAdmin):
    """The network's suggestions are closed or adopted in the app, not deleted."""

    list_display = ["title", "network", "administration", "status", "created_at"]
    list_filter = ["network", "status"]
    search_fields = ["title", "why"]
    list_select_related = ["network", "administration"]
    raw_id_fields = ["suggested_by", "handled_by", "adopted_meeting"]
    inlines = [ThemeSupportInline]


# The governance loop. Steps that the app records with who and when (a question's
# state, an action marked done, a publication) are read-only here, so the admin cannot take
# them past the trail; texts and dates can be corrected, and every change has a history row.
from meetings.models import (  # noqa: E402
    ActionItem,
    Minutes,
    MinutesEntry,
    MinutesVersion,
    Question,
    QuestionEvent,
    ReportBack,
)


class QuestionEventInline(ReadOnlyAdmin, admin.TabularInline):
    model = QuestionEvent
    extra = 0
    fields = ["at", "state", "actor", "meeting", "note"]
    readonly_fields = fields  # type: ignore[assignment]


@admin.register(Question)
class QuestionAdmin(KeepHistoryAdmin, admin.ModelAdmin):
    list_display = ["title", "network", "administration", "state", "raised_on", "meeting"]
    list_filter = ["network", "state", "administration"]
    search_fields = ["title", "description", "outcome", "written_answer"]
    date_hierarchy = "raised_on"
    list_select_related = ["network", "administration", "meeting__network"]
    raw_id_fields = ["agenda_item", "meeting", "raised_by", "referred_to"]
    readonly_fields = ["state", "created_at", "updated_at"]
    inlines = [QuestionEventInline]


class MinutesEntryInline(KeepHistoryAdmin, admin.TabularInline):
    model = MinutesEntry
    extra = 0
    fields = ["agenda_item", "note", "outcome"]
    raw_id_fields = ["agenda_item"]


@admin.register(Minutes)
class MinutesAdmin(KeepHistoryAdmin, VersionedAdmin, admin.ModelAdmin):
    list_display = ["meeting", "written_by", "updated_at"]
    list_filter = ["meeting__network"]
    search_fields = ["meeting__theme_title", "summary"]
    list_select_related = ["meeting__network", "written_by"]
    raw_id_fields = ["meeting", "written_by"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [MinutesEntryInline]


@admin.register(MinutesVersion)
class MinutesVersionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """A published version is frozen: what the network was told, word for word."""

    list_display = ["minutes", "number", "published_at", "published_by"]
    list_filter = ["minutes__meeting__network"]
    search_fields = ["minutes__meeting__theme_title", "correction_note"]
    list_select_related = ["minutes__meeting__network", "published_by"]


@admin.register(ActionItem)
class ActionItemAdmin(KeepHistoryAdmin, admin.ModelAdmin):
    list_display = ["title", "meeting", "due_on", "status", "goal"]
    list_filter = ["status", "meeting__network"]
    search_fields = ["title", "done_comment"]
    date_hierarchy = "due_on"
    list_select_related = ["meeting__network", "goal"]
    raw_id_fields = ["meeting", "agenda_item", "goal"]
    filter_horizontal = ["administrations"]
    readonly_fields = ["status", "done_at", "done_by", "created_by", "created_at", "updated_at"]


@admin.register(ReportBack)
class ReportBackAdmin(KeepHistoryAdmin, admin.ModelAdmin):
    list_display = ["meeting", "administration", "presented_on", "marked_by", "marked_at"]
    list_filter = ["meeting__network", "administration"]
    search_fields = ["meeting__theme_title", "administration__name"]
    list_select_related = ["meeting__network", "administration", "marked_by"]
    raw_id_fields = ["meeting"]
    readonly_fields = ["marked_by", "marked_at"]


# Goals and indicators.
from meetings.models import Goal, Indicator, IndicatorValue  # noqa: E402


class IndicatorInline(ReadOnlyInline, admin.TabularInline):
    """Shown with the goal; edited on its own page, through its version check."""

    model = Indicator
    extra = 0
    fields = ["name", "unit", "baseline_year", "baseline_value", "target_value", "direction"]


@admin.register(Goal)
class GoalAdmin(KeepHistoryAdmin, VersionedAdmin, admin.ModelAdmin):
    list_display = ["title", "work_area", "target_year"]
    list_filter = ["work_area__network", "target_year"]
    search_fields = ["title", "description"]
    list_select_related = ["work_area__network"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [IndicatorInline]


class IndicatorValueInline(KeepHistoryAdmin, admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["year", "value", "source", "comment", "entered_by", "entered_at"]
    readonly_fields = ["entered_by"]


@admin.register(Indicator)
class IndicatorAdmin(KeepHistoryAdmin, VersionedAdmin, admin.ModelAdmin):
    list_display = ["name", "goal", "unit", "baseline_year", "target_value", "direction"]
    list_filter = ["goal__work_area__network", "direction", "responsible_administration"]
    search_fields = ["name", "goal__title"]
    list_select_related = ["goal"]
    raw_id_fields = ["goal"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [IndicatorValueInline]

    def save_formset(self, request, form, formset, change) -> None:
        """A value entered here is entered by the admin, as in the app."""
        for value_form in formset.forms:
            if value_form.instance.pk is None and value_form.has_changed():
                value_form.instance.entered_by = request.user
        super().save_formset(request, form, formset, change)


# Meeting evaluations: only the questions a network asks. The answers are
# personal (coordinators see them without names) and are not shown in the admin; a person
# downloads their own under "Mina uppgifter".
from meetings.models import EvaluationSettings  # noqa: E402


@admin.register(EvaluationSettings)
class EvaluationSettingsAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = ["network", "ask_usefulness", "ask_length", "ask_format", "ask_comment"]
    list_select_related = ["network"]
    readonly_fields = ["version", "updated_at"]


# The worker's task rows are plumbing (each says "deliver the outbox"); what people need to see
# is the outbox itself, on the coordinators' "Misslyckade utskick" page.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
