"""The meetings app's models, one module per concern, all importable from `meetings.models`.

Sibling modules import each other by module path (`meetings.models.meeting`), never through
this package, so the import order below is the only one and there is no cycle.
"""

from meetings.models.agenda import AgendaItem, AgendaVersion, seen_agenda, seen_agenda_prefetch
from meetings.models.calendar import CalendarToken, CalendarTokenQuerySet
from meetings.models.documents import (
    ConsultationResponse,
    Document,
    DocumentQuerySet,
    document_upload_to,
)
from meetings.models.evaluations import Evaluation, EvaluationRequest, EvaluationSettings
from meetings.models.goals import Goal, Indicator, IndicatorValue
from meetings.models.governance import (
    ActionItem,
    Minutes,
    MinutesEntry,
    MinutesVersion,
    Question,
    QuestionEvent,
    ReportBack,
)
from meetings.models.meeting import (
    CALENDAR_FIELDS,
    Meeting,
    MeetingQuerySet,
    MeetingStateError,
    StaleMeetingError,
    check_meeting_times,
)
from meetings.models.outbox import (
    OutboxFanout,
    OutboxMessage,
    OutboxMessageQuerySet,
    PeriodicJob,
)
from meetings.models.participation import Attendance, AttendanceQuerySet, Invitation
from meetings.models.reminders import ReminderPreferences
from meetings.models.visits import NetworkVisit
from meetings.models.wishes import ThemeSuggestion, ThemeSupport

__all__ = [
    "CALENDAR_FIELDS",
    "ActionItem",
    "AgendaItem",
    "AgendaVersion",
    "Attendance",
    "AttendanceQuerySet",
    "CalendarToken",
    "CalendarTokenQuerySet",
    "ConsultationResponse",
    "Document",
    "DocumentQuerySet",
    "Evaluation",
    "EvaluationRequest",
    "EvaluationSettings",
    "Goal",
    "Indicator",
    "IndicatorValue",
    "Invitation",
    "Meeting",
    "MeetingQuerySet",
    "MeetingStateError",
    "Minutes",
    "MinutesEntry",
    "MinutesVersion",
    "NetworkVisit",
    "OutboxFanout",
    "OutboxMessage",
    "OutboxMessageQuerySet",
    "PeriodicJob",
    "Question",
    "QuestionEvent",
    "ReminderPreferences",
    "ReportBack",
    "StaleMeetingError",
    "ThemeSuggestion",
    "ThemeSupport",
    "check_meeting_times",
    "document_upload_to",
    "seen_agenda",
    "seen_agenda_prefetch",
]
