"""The network, "Möten" and meeting pages' lookups compiled once (config/prepared.py) find what
their querysets do: the meetings a person may see, the work areas, the person's visit, a
meeting's documents, invitations and agenda."""

import pytest
from django.utils import timezone

from meetings.models import Meeting
from meetings.pages import views
from meetings.visits import changes
from networks.views import work_area_context
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["coordinator", "representative"])
def test_upcoming_meetings_are_the_querysets(role, neh, nsh, coordinator, representative):
    for days, status in [(5, "planned"), (9, "published"), (-4, "published"), (20, "cancelled")]:
        factories.make_meeting(neh, days_ahead=days, status=status)
    for days in (30, 40):
        factories.make_meeting(neh, days_ahead=days)
    factories.make_meeting(nsh, days_ahead=3)
    user = {"coordinator": coordinator, "representative": representative}[role]
    expected = list(
        Meeting.objects.visible_to(user)
        .filter(network=neh)
        .upcoming()[: views.UPCOMING_ON_OVERVIEW]
    )
    found = views._upcoming_in(neh, user)
    assert [m.pk for m in found] == [m.pk for m in expected]
    assert len(found) == views.UPCOMING_ON_OVERVIEW
    statuses = {m.status for m in found}
    assert ("planned" in statuses) == (role == "coordinator")


def test_work_areas_and_visit_are_the_querysets(neh, coordinator):
    first = neh.work_areas.active().order_by("position").first()
    first.archived_at = timezone.now()
    first.save()
    context = work_area_context(neh, True)
    areas = list(neh.work_areas.all())
    assert context["work_areas"] == [a for a in areas if not a.is_archived]
    assert context["archived_work_areas"] == [first]
    assert [a.name for a in context["work_areas"]] == [a.name for a in areas if not a.is_archived]
    now = timezone.now()
    assert changes.record_visit(coordinator, neh, now) is None  # the first visit
    visit = changes._VISIT.objects(user_id=coordinator.pk, network_id=neh.pk)
    assert [(v.pk, v.seen_at) for v in visit] == [
        (v.pk, v.seen_at) for v in changes.NetworkVisit.objects.filter(user=coordinator)
    ]
    assert changes._VISIT.objects(user_id=coordinator.pk, network_id=neh.pk + 1000) == []


@pytest.mark.parametrize("role", ["coordinator", "representative"])
def test_meetings_page_terms_and_past_meetings_are_the_querysets(
    role, neh, nsh, coordinator, representative
):
    """The "Möten" page's span of held meetings and a term's held meetings, compiled once
    (`rows_by_shape`, `by_shape`), are `past().aggregate(...)` and `past().in_term(term)`."""
    import datetime

    from django.db.models import Max, Min

    from config.dates import local_midnight
    from config.prepared import by_shape, numbering, rows_by_shape
    from meetings.terms import Term

    user = {"coordinator": coordinator, "representative": representative}[role]
    values = {"network_id": neh.pk, "now": timezone.now()}
    values |= numbering("coordinated_", [neh.pk] if role == "coordinator" else [])
    assert rows_by_shape(views._past_span, **values) == []  # none held yet
    for days, status in [(-400, "published"), (-200, "planned"), (-30, "published")]:
        factories.make_meeting(neh, days_ahead=days, status=status)
    factories.make_meeting(nsh, days_ahead=-900)
    factories.make_meeting(neh, days_ahead=10)
    past = Meeting.objects.visible_to(user).filter(network=neh).past()
    span = past.aggregate(first=Min("starts_at"), last=Max("starts_at"))
    assert rows_by_shape(views._past_span, **values) == [(span["first"], span["last"])]
    for meeting in past:
        term = Term.of(timezone.localdate(meeting.starts_at))
        found = by_shape(
            views._past_in_term,
            first=local_midnight(term.first_day),
            after=local_midnight(term.last_day + datetime.timedelta(days=1)),
            **values,
        )
        assert [m.pk for m in found] == [m.pk for m in past.in_term(term)] != []
    assert len(past) == (3 if role == "coordinator" else 2)


def test_meeting_page_lookups_are_the_querysets(neh, coordinator, representative, administration):
    """The meeting page's documents, invitations and latest agenda version, compiled once,
    are what their querysets find, in their order, with their relations."""
    from django.db.models import F

    from meetings.documents import workflow as documents
    from meetings.models import Document, Invitation
    from meetings.models.agenda import seen_agenda
    from meetings.participation import workflow as participation

    meeting = factories.make_meeting(neh, days_ahead=20)
    item = factories.make_agenda_item(meeting, title="Punkten")
    for title, withdrawn in [("B", None), ("A", timezone.now()), ("C", None)]:
        factories.make_document(
            neh, meeting=meeting, title=title, agenda_item=item, withdrawn_at=withdrawn
        )
    factories.make_document(neh, title="Annat möte")
    expected = Document.objects.filter(meeting=meeting).order_by(
        F("withdrawn_at").asc(nulls_first=True), "title", "pk"
    )
    found = documents.meeting_documents(meeting)
    assert [(d.pk, d.title, d.agenda_item.title) for d in found] == [
        (d.pk, d.title, d.agenda_item.title) for d in expected
    ]
    assert [d.title for d in found] == ["B", "C", "A"]
    for n in range(2):
        Invitation.objects.create(
            meeting=meeting,
            invited_by=representative,
            administration=administration,
            full_name=f"Gäst {n}",
            email=f"gast{n}@example.org",
            reason="Kunnig",
            token_hash=f"hash{n}",
        )
    invited = participation._INVITATIONS.objects(meeting_id=meeting.pk)
    assert [(i.pk, i.invited_by.email, i.administration.name) for i in invited] == [
        (i.pk, i.invited_by.email, i.administration.name)
        for i in meeting.invitations.select_related("invited_by", "administration")
    ]
    assert len(invited) == 2
    assert seen_agenda(meeting) is None  # not published
    for number in (1, 2):
        meeting.agenda_versions.create(number=number, snapshot=[], published_by=coordinator)
    meeting.agenda_published_at = timezone.now()
    assert seen_agenda(meeting) == meeting.agenda_versions.order_by("-number").first()
    assert seen_agenda(meeting).number == 2


def test_meeting_work_areas_are_the_querysets(neh):
    meeting = factories.make_meeting(neh, days_ahead=20)
    areas = list(neh.work_areas.all())
    meeting.work_areas.set(areas[::2])
    found = views._MEETING_WORK_AREAS.objects(meeting_id=meeting.pk)
    assert found == list(meeting.work_areas.all()) and len(found) > 1
    assert [a.name for a in found] == [a.name for a in meeting.work_areas.all()]


def test_coordinator_names_are_the_querysets(neh, nsh, coordinator):
    """The overview's coordinators, named in the people's order (name, then e-mail)."""
    for name, email in [("Örjan Ek", "b@example.se"), ("Anna Berg", "z@example.se")]:
        neh.coordinators.add(factories.make_user(email=email, full_name=name))
    neh.coordinators.add(factories.make_user(email="a@example.se", full_name="Örjan Ek"))
    found = views._COORDINATOR_NAMES.rows(network_id=neh.pk)
    assert [name for (name,) in found] == [p.full_name for p in neh.coordinators.all()]
    assert len(found) == 4
    assert views._COORDINATOR_NAMES.rows(network_id=nsh.pk) == [
        (p.full_name,) for p in nsh.coordinators.all()
    ]
