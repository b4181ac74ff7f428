"""The measured pages: one line per page. Add every new page here.

Each entry maps a name to a function of the dataset's `Subjects` (see `dataset.py`) that
returns the URL to fetch. `run.py` fetches each as every measured role (coordinator,
representative, director, staff) and measures it for those it answers 200; the floor page and
the feeds' 304s (`conditional_headers`) are added there.
"""

from django.urls import reverse

PAGES = {
    "start": lambda s: reverse("home"),
    "my networks": lambda s: reverse("my_networks"),
    "network": lambda s: reverse("network_detail", kwargs={"code": s.network.code.lower()}),
    "meetings": lambda s: reverse("network_meetings", kwargs={"code": s.network.code.lower()}),
    "representatives": lambda s: reverse(
        "network_representatives", kwargs={"code": s.network.code.lower()}
    ),
    "term summary": lambda s: reverse(
        "term_summary", kwargs={"code": s.network.code.lower(), "term": s.meeting.term.code}
    ),
    "search": lambda s: reverse("search") + "?q=remiss",
    "search rare": lambda s: reverse("search") + "?q=ledningsgruppen",
    "meeting": lambda s: reverse("meeting_detail", kwargs={"pk": s.meeting.pk}),
    "held meeting": lambda s: reverse("meeting_detail", kwargs={"pk": s.held.pk}),
    # Coordination.
    "dashboard": lambda s: reverse("coordination_dashboard", kwargs={"code": "neh"}),
    "settings": lambda s: reverse("network_settings", kwargs={"code": "neh"}),
    "new meeting": lambda s: reverse("meeting_new", kwargs={"code": "neh"}),
    "administrations": lambda s: reverse("administration_list"),
    "merge": lambda s: reverse("administration_merge", kwargs={"pk": s.administration.pk}),
    "failed mail": lambda s: reverse("outbox_failed", kwargs={"code": "neh"}),
    "reminders": lambda s: reverse("reminder_preferences"),
    "plan": lambda s: reverse("plan_term", kwargs={"code": "neh"}),
    "edit": lambda s: reverse("meeting_edit", kwargs={"pk": s.meeting.pk}),
    "publish": lambda s: reverse("meeting_publish", kwargs={"pk": s.meeting.pk}),
    "resched": lambda s: reverse("meeting_reschedule", kwargs={"pk": s.meeting.pk}),
    "cancel": lambda s: reverse("meeting_cancel", kwargs={"pk": s.meeting.pk}),
    # Agenda.
    "proposals": lambda s: reverse("agenda_proposals", kwargs={"pk": s.meeting.pk}),
    "manage": lambda s: reverse("agenda_manage", kwargs={"pk": s.meeting.pk}),
    "agenda": lambda s: reverse("agenda_current", kwargs={"pk": s.meeting.pk}),
    "version": lambda s: reverse("agenda_version", kwargs={"pk": s.meeting.pk, "number": 1}),
    "text": lambda s: reverse("agenda_text", kwargs={"pk": s.meeting.pk}),
    # Minutes and action items.
    "minutes": lambda s: reverse("minutes_detail", kwargs={"pk": s.held.pk}),
    "minutes v1": lambda s: reverse("minutes_version", kwargs={"pk": s.held.pk, "number": 1}),
    "write minutes": lambda s: reverse("minutes_edit", kwargs={"pk": s.held.pk}),
    "new action": lambda s: reverse("action_create", kwargs={"pk": s.held.pk}),
    "action": lambda s: reverse("action_done", kwargs={"pk": _first_action(s).pk}),
    "edit action": lambda s: reverse("action_edit", kwargs={"pk": _first_action(s).pk}),
    "actions": lambda s: reverse("action_list", kwargs={"code": s.network.code.lower()}),
    # Calendar.
    "calendar": lambda s: reverse("calendar_page"),
    "ics": lambda s: reverse("meeting_calendar_file", kwargs={"pk": s.meeting.pk}),
    "feed": lambda s: reverse("calendar_feed", kwargs={"secret": s.feed_secret}),
    "network feed": lambda s: reverse("calendar_feed", kwargs={"secret": s.network_feed_secret}),
    "contacts": lambda s: reverse("network_contacts", kwargs={"code": s.network.code.lower()}),
    "contacts csv": lambda s: reverse(
        "network_contacts_csv", kwargs={"code": s.network.code.lower()}
    ),
    "documents": lambda s: reverse("document_list", kwargs={"code": s.network.code.lower()}),
    "consultation": lambda s: _first_consultation(s).get_absolute_url(),
    "account": lambda s: reverse("my_account"),
    "my_data": lambda s: reverse("my_data"),
    "export": lambda s: reverse("my_data_download"),
    "inactive": lambda s: reverse("people_to_deactivate"),
    # Reports.
    "report": lambda s: reverse("participation_report", kwargs={"code": s.network.code.lower()}),
    "term report": lambda s: reverse("term_report_print", kwargs={"code": s.network.code.lower()}),
    "attendance csv": lambda s: reverse(
        "report_attendance_csv", kwargs={"code": s.network.code.lower()}
    ),
    "areas csv": lambda s: reverse(
        "report_work_areas_csv", kwargs={"code": s.network.code.lower()}
    ),
    # Theme wishes.
    "wishes": lambda s: reverse("theme_suggestions", kwargs={"code": s.network.code.lower()}),
    "handled wishes": lambda s: (
        reverse("theme_suggestions", kwargs={"code": s.network.code.lower()}) + "?visa=behandlade"
    ),
    # Meeting evaluations: the last held NEH meeting, which the measured
    # user attended (see dataset._evaluations).
    "evaluate": lambda s: reverse("evaluation_answer", kwargs={"pk": _last_held(s).pk}),
    "evaluation": lambda s: reverse("evaluation_results", kwargs={"pk": _last_held(s).pk}),
    "evaluations": lambda s: reverse("evaluation_term", kwargs={"code": "neh"}),
    "eval questions": lambda s: reverse("evaluation_settings", kwargs={"code": "neh"}),
    # The report-back pack.
    "pack": lambda s: reverse(
        "report_back_pack", kwargs={"pk": _held(s).pk, "administration_pk": _own(s).pk}
    ),
    "pack text": lambda s: reverse(
        "report_back_text", kwargs={"pk": _held(s).pk, "administration_pk": _own(s).pk}
    ),
    "pack status": lambda s: reverse("report_back_status", kwargs={"pk": _held(s).pk}),
    # Questions from the management groups.
    "questions": lambda s: reverse("question_list"),
    "closed questions": lambda s: reverse("question_list") + "?lage=avslutade",
    "network questions": lambda s: reverse(
        "network_questions", kwargs={"code": s.network.code.lower()}
    ),
    "question": lambda s: reverse("question_detail", kwargs={"pk": _first_question().pk}),
    # Change history.
    "history": lambda s: reverse("object_history", kwargs={"key": "mote", "pk": s.meeting.pk}),
    # Goals and indicators.
    "goals": lambda s: reverse("goal_list", kwargs={"code": s.network.code.lower()}),
    "goal": lambda s: _first_goal(s).get_absolute_url(),
    "goal report": lambda s: reverse("goal_report", kwargs={"code": s.network.code.lower()}),
    "goal csv": lambda s: reverse("goal_report_csv", kwargs={"code": s.network.code.lower()}),
    "goal value": lambda s: reverse(
        "indicator_value_record", kwargs={"pk": _first_goal(s).indicators.order_by("pk")[0].pk}
    ),
    "goal actions": lambda s: reverse("goal_action_link", kwargs={"pk": _first_goal(s).pk}),
}


def conditional_headers(url: str) -> dict:
    """The validators of a feed's full answer, sent back as a calendar client would."""
    from django.test import Client

    response = Client().get(url)
    return {"If-None-Match": response["ETag"], "If-Modified-Since": response["Last-Modified"]}


def _last_held(s):
    from tests.bench.dataset import last_held

    return last_held(s.network)


def _held(s):
    from meetings.models import Meeting
    from tests.bench.dataset import REPORT_BACK_THEME

    return Meeting.objects.get(theme_title=REPORT_BACK_THEME)


def _own(s):
    from representatives.models import Administration

    return Administration.objects.get(short_name="ZZ")


def _first_question():
    from meetings.models import Question

    return Question.objects.order_by("pk").first()


def _first_goal(s):
    from meetings.models import Goal

    return Goal.objects.filter(work_area__network=s.network).order_by("pk").first()


def _first_consultation(s):
    from meetings.models import Document

    return Document.objects.consultations().filter(network=s.network).order_by("pk").first()


def _first_action(s):
    from meetings.models import ActionItem

    return ActionItem.objects.filter(meeting=s.held).order_by("pk").first()
