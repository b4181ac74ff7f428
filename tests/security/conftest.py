"""The `world` the security tests run in: every role's user and the objects URLs point at.

A feature that adds a view whose URL needs an object (a proposal, an appointment, …) adds
that object here as one more attribute, then refers to it from its matrix row
(`kwargs=lambda w: {"pk": w.my_object.pk}`). Keep objects of two administrations and both
networks so object-level refusals can be stated.
"""

import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from meetings.agenda import versions as agenda_versions
from meetings.calendar import ics as calendar
from meetings.models import AgendaItem, AgendaVersion, Attendance, Invitation, Meeting
from networks.models import WorkArea
from tests import factories


@pytest.fixture(autouse=True)
def staff_need_a_second_factor(settings):
    """The security tests run with production's rule: coordinators and administrators need a
    session that used a second factor (accounts/mfa.py). `client_for` gives them one."""
    settings.REQUIRE_MFA_FOR_STAFF_ROLES = True


@pytest.fixture
def world(
    neh,
    nsh,
    administration,
    other_administration,
    staff,
    representative,
    substitute,
    director,
    coordinator,
    admin_user,
):
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    # Real accounts have a verified address (allauth requires it in production); allauth's
    # account pages behave differently without one.
    people = [staff, representative, substitute, director, coordinator, admin_user]
    EmailAddress.objects.bulk_create(
        EmailAddress(user=p, email=p.email, verified=True, primary=True) for p in people
    )
    published_neh = factories.make_meeting(neh, theme_title="Publicerat NEH-möte")
    factories.make_agenda_item(published_neh, position=1, administration=administration)
    planned = Meeting.Status.PLANNED
    # The agenda: a representative's open proposal on the published NEH meeting,
    # whose agenda is published as version 1; a later NEH meeting with a draft of two items
    # and no version yet (to reorder, publish, and defer to).
    own_proposal = factories.make_agenda_item(
        published_neh,
        status=AgendaItem.Status.PROPOSED,
        proposed_by=representative,
        administration=administration,
        title="Representantens förslag",
        wished_minutes=15,
    )
    agenda_version = AgendaVersion.objects.create(
        meeting=published_neh,
        number=1,
        published_by=coordinator,
        snapshot=agenda_versions.snapshot(agenda_versions.draft_items(published_neh)),
    )
    published_neh.agenda_published_at = agenda_version.published_at
    published_neh.save(update_fields=["agenda_published_at"])
    later_neh = factories.make_meeting(neh, days_ahead=60, theme_title="Senare NEH-möte")
    draft_items = [
        factories.make_agenda_item(later_neh, position=1, allotted_minutes=20),
        factories.make_agenda_item(later_neh, position=2, allotted_minutes=20),
    ]
    world = SimpleNamespace(
        neh=neh,
        nsh=nsh,
        administration=administration,
        other_administration=other_administration,
        staff=staff,
        representative=representative,
        substitute=substitute,
        director=director,
        coordinator=coordinator,
        admin=admin_user,
        published_neh=published_neh,
        published_nsh=factories.make_meeting(nsh, theme_title="Publicerat NSH-möte"),
        planned_neh=factories.make_meeting(neh, status=planned, theme_title="Hemligt NEH"),
        planned_nsh=factories.make_meeting(nsh, status=planned, theme_title="Hemligt NSH"),
        # So every admin change page has an object to show.
        # Appointments of two administrations, for object-level rows: the representative's
        # own (Miljöförvaltningen, NEH) and one of Socialförvaltningen in NSH.
        own_appointment=representative.appointments.get(),
        other_appointment=factories.make_appointment(
            factories.make_user("representant.social@example.org", "Sixten Social"),
            other_administration,
            nsh,
        ),
        # Documents: a consultation in NEH asking both administrations, a report
        # in NSH with an uploaded file, and a plain link.
        consultation_neh=factories.make_consultation(
            neh, asked=[administration, other_administration], title="Remiss i NEH"
        ),
        file_document=_file_document(nsh, coordinator),
        link_document=factories.make_document(neh, title="Länkat dokument"),
        steering_document=factories.make_document(neh, kind="steering", title="Styrdokument"),
        group=Group.objects.create(name="Granskare"),
        # Work areas: NEH's, NSH's, and an archived one of NEH.
        neh_area=neh.work_areas.active().first(),
        nsh_area=nsh.work_areas.active().first(),
        archived_neh_area=WorkArea.objects.create(
            network=neh, name="Arkiverat område", position=99, archived_at=published_neh.created_at
        ),
        own_proposal=own_proposal,
        # Someone else's proposal (the substitute's, same administration and network).
        other_proposal=factories.make_agenda_item(
            published_neh,
            status=AgendaItem.Status.PROPOSED,
            proposed_by=substitute,
            administration=administration,
            title="Ersättarens förslag",
        ),
        agenda_version=agenda_version,
        later_neh=later_neh,
        draft_items=draft_items,
        # Accounts: a former representative whose last appointment has ended, so the
        # coordinators' deactivation prompt has someone in it.
        former_representative=_former_representative(administration, nsh),
        # The coordinator's personal calendar feed (the URL carries the secret).
        feed_secret=calendar.new_token(coordinator),
        authenticator=Authenticator.objects.create(
            user=admin_user,
            type=Authenticator.Type.RECOVERY_CODES,
            data={"seed": "00" * 20, "used_mask": 0},
        ),
    )
    # A held meeting, an answer and an invitation (with the secret its link carries).
    world.held_neh = factories.make_meeting(neh, days_ahead=-2, theme_title="Hållet NEH-möte")
    # The report-back pack: a held NSH meeting, for the other network's refusals.
    world.held_nsh = factories.make_meeting(nsh, days_ahead=-3, theme_title="Hållet NSH-möte")
    world.invitation_token = "demo-secret-for-the-matrix-0123456789abcdef"
    world.invitation = Invitation.objects.create(
        meeting=published_neh,
        invited_by=representative,
        administration=administration,
        full_name="Kalle Kollega",
        email="kalle.kollega@example.org",
        reason="Arbetar med temat.",
        token_hash=Invitation.hash_token(world.invitation_token),
    )
    world.attendance = Attendance.objects.create(
        meeting=published_neh, person=representative, answer=Attendance.Answer.COMING
    )
    _theme_wishes(world)
    _evaluation_world(world)
    _minutes_world(world)
    _questions(world)
    _goals(world)
    _admin_objects(world)
    _failed_deliveries(world)
    return world


def _failed_deliveries(world) -> None:
    """A message of each network that the worker gave up on (the coordinators' retry page)."""
    from config.mail import message
    from meetings.models import OutboxMessage
    from meetings.outbox import outbox

    for name, meeting in (("neh", world.held_neh), ("nsh", world.held_nsh)):
        outbox.record(message("Ämne", "Text", to=[f"{name}@example.org"]), kind="test", obj=meeting)
        row = OutboxMessage.objects.get(recipient=f"{name}@example.org")
        OutboxMessage.objects.filter(pk=row.pk).update(status="failed", attempts=6)
        setattr(world, f"failed_delivery_{name}", row)


def _admin_objects(world) -> None:
    """So the admin's change pages of the governance and evaluation models have an object to
    show: a report-back and evaluation settings, both in NSH (no role user's pages change)."""
    from django.utils import timezone

    from meetings.models import EvaluationSettings, ReportBack

    world.report_back_nsh = ReportBack.objects.create(
        meeting=world.held_nsh,
        administration=world.other_administration,
        presented_on=timezone.localdate(),
    )
    world.evaluation_settings_nsh = EvaluationSettings.objects.create(network=world.nsh)


def _theme_wishes(world) -> None:
    """The representative's open NEH suggestion, a closed one of the substitute's,
    and an open one in NSH (Socialförvaltningen's representative's)."""
    from meetings.models import ThemeSuggestion

    def suggestion(network, person, administration, area, **extra):
        return ThemeSuggestion.objects.create(
            network=network,
            title=extra.pop("title", "Temaförslag"),
            why="För att.",
            work_area=area,
            suggested_by=person,
            administration=administration,
            **extra,
        )

    world.suggestion_neh = suggestion(
        world.neh, world.representative, world.administration, world.neh_area
    )
    world.closed_suggestion_neh = suggestion(
        world.neh,
        world.substitute,
        world.administration,
        world.neh_area,
        status=ThemeSuggestion.Status.CLOSED,
        closed_reason="Redan behandlat.",
    )
    world.suggestion_nsh = suggestion(
        world.nsh,
        world.other_appointment.person,
        world.other_administration,
        world.nsh_area,
    )


def _evaluation_world(world) -> None:
    """A held NEH meeting (after `held_neh`, so its window is open) where the
    representative was ticked present and the substitute absent; an earlier one whose window
    closed (the representative answered "kommer", no list ticked); a held NSH meeting."""
    coming = Attendance.Answer.COMING
    world.evaluated_neh = factories.make_meeting(
        world.neh, days_ahead=-1, theme_title="Utvärderat NEH-möte"
    )
    Attendance.objects.create(
        meeting=world.evaluated_neh, person=world.representative, answer=coming, attended=True
    )
    Attendance.objects.create(
        meeting=world.evaluated_neh, person=world.substitute, answer=coming, attended=False
    )
    world.evaluation_closed_neh = factories.make_meeting(
        world.neh, days_ahead=-10, theme_title="Stängd utvärdering"
    )
    Attendance.objects.create(
        meeting=world.evaluation_closed_neh, person=world.representative, answer=coming
    )
    world.held_nsh = factories.make_meeting(world.nsh, days_ahead=-1, theme_title="Hållet NSH")


def _minutes_world(world) -> None:
    """Minutes and actions: the held NEH meeting with an item, published minutes
    (version 1) and an action for Miljöförvaltningen; a held NSH meeting with an action for
    Socialförvaltningen (for the other network's refusals)."""
    import datetime

    from django.utils import timezone

    from meetings.models import ActionItem, Minutes, MinutesVersion

    world.held_item = factories.make_agenda_item(world.held_neh, position=1, title="Hållen punkt")
    world.minutes = Minutes.objects.create(meeting=world.held_neh, summary="Anteckningar")
    world.minutes_v1 = MinutesVersion.objects.create(
        minutes=world.minutes,
        number=1,
        content={"attendance": [], "summary": "Första versionen", "entries": [], "actions": []},
        published_by=world.coordinator,
    )
    # world.held_nsh: the held NSH meeting of _evaluation_world.
    world.held_nsh_item = factories.make_agenda_item(world.held_nsh, position=1)
    due = timezone.localdate() + datetime.timedelta(days=10)
    world.action = ActionItem.objects.create(
        meeting=world.held_neh, agenda_item=world.held_item, title="Miljöns åtgärd", due_on=due
    )
    world.action.administrations.set([world.administration])
    world.other_action = ActionItem.objects.create(
        meeting=world.held_nsh, agenda_item=world.held_nsh_item, title="NSH:s åtgärd", due_on=due
    )
    world.other_action.administrations.set([world.other_administration])


def _questions(w) -> None:
    """Miljöförvaltningen's NEH questions, one in each state a step starts from, and
    Socialförvaltningen's (one in NEH, which NEH's coordinator sees; one in NSH, nobody here)."""

    def make(state, administration=w.administration, network=w.neh, **extra):
        return factories.make_question(
            network, administration, state=state, raised_by=w.representative, **extra
        )

    w.question_raised = make("raised", title="Väckt fråga")
    w.question_on_agenda = make("on_agenda", title="Fråga på dagordningen")
    w.question_dealt_with = make("dealt_with", meeting=w.held_neh, title="Behandlad fråga")
    w.question_outcome = make("outcome", meeting=w.held_neh, outcome="Utfall", title="Med utfall")
    w.question_reported = make("reported_back", meeting=w.held_neh, title="Återrapporterad")
    w.social_question_neh = make("raised", w.other_administration, title="Socials NEH-fråga")
    w.social_question_nsh = make("raised", w.other_administration, w.nsh, title="Socials NSH")


def _goals(world) -> None:
    """An NEH goal whose indicator Miljöförvaltningen answers for, a second NEH
    indicator Socialförvaltningen answers for, an NSH goal, and an action in each network."""
    world.goal_neh = factories.make_goal(world.neh, title="Koldioxidmålet")
    world.indicator_neh = factories.make_indicator(
        world.goal_neh, responsible_administration=world.administration, values={2022: "800"}
    )
    world.foreign_indicator = factories.make_indicator(
        world.goal_neh, responsible_administration=world.other_administration
    )
    world.goal_nsh = factories.make_goal(world.nsh, title="Ett NSH-mål")
    world.indicator_nsh = factories.make_indicator(
        world.goal_nsh, responsible_administration=world.administration
    )
    world.action_neh = factories.make_action(
        world.published_neh, administrations=[world.administration], title="NEH-åtgärd"
    )
    world.action_nsh = factories.make_action(
        world.published_nsh, administrations=[world.other_administration], title="NSH-åtgärd"
    )


def _file_document(network, user):
    from meetings.documents import workflow as documents
    from meetings.models import Document
    from tests.documents import samples

    return documents.add_document(
        network=network,
        user=user,
        document=Document(title="Rapport med fil", kind=Document.Kind.REPORT),
        work_areas=[],
        upload=samples.upload("rapport.pdf", samples.pdf()),
        upload_kind=documents.PDF,
        asked=[],
    )


def _former_representative(administration, network):
    import datetime

    person = factories.make_user("tidigare@example.org", "Tove Tidigare")
    appointment = factories.make_appointment(
        person, administration, network, start_date=datetime.date(2024, 1, 1)
    )
    appointment.end(datetime.date(2025, 12, 31))
    # A (stale) session record, so the admin's usersessions pages have an object; on someone
    # who never signs in here, as the list page would purge a signed-in role's stale record.
    from allauth.usersessions.models import UserSession

    UserSession.objects.create(user=person, ip="127.0.0.1", session_key="x" * 32, user_agent="-")
    return person


ADMIN_OBJECT = re.compile(r"<(?:path:)?(object_id|id)>")


def admin_path(route, world) -> str:
    """A concrete URL for an admin pattern: an existing object where the pattern wants one."""
    if route.name == "admin:app_list":
        return reverse("admin:app_list", kwargs={"app_label": "meetings"})
    if route.route.endswith("(?P<url>.*)$"):
        return "/admin/finns-inte/"
    if route.name == "admin:view_on_site":
        content_type = ContentType.objects.get_for_model(Meeting)
        return f"/admin/r/{content_type.pk}/{world.published_neh.pk}/"
    path = "/" + route.route
    if ADMIN_OBJECT.search(path):
        _admin, app_label, model_name, *_rest = route.route.split("/")
        model = apps.get_model(app_label, model_name)
        obj = model._default_manager.order_by("pk").first()
        pk = obj.pk if obj is not None else 999_999
        path = ADMIN_OBJECT.sub(str(pk), path)
    return path
