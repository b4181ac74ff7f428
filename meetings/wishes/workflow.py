"""Theme wishes: suggesting, supporting, adopting and closing (the rules and the e-mails).

- Current representatives and substitutes of a network suggest themes and support other
  people's open suggestions, one vote per person and suggestion, which they may withdraw while
  the suggestion is open. The suggester's own suggestion is not a vote: support counts others.
- Coordinators of the network adopt an open suggestion as the draft theme of a planned future
  meeting of the network (one without a published theme, not already given another
  suggestion), or close it with a reason. Either way the suggester gets an e-mail on commit.
  Adopting only drafts the theme: the coordinator publishes it as usual
  (`Meeting.publish_theme`), so the network is told then, not now.

Every change runs in one transaction with the suggestion's row locked, so two coordinators (or
two clicks) cannot adopt, close or vote twice.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.mail import absolute_url, message, render_subject, render_text
from config.prepared import Prepared, by_shape
from meetings.models import Meeting, ThemeSuggestion, ThemeSupport
from meetings.outbox import outbox
from networks.models import Network
from representatives.rules import current_appointment


class WishError(Exception):
    """A step the rules do not allow; the message (Swedish) is shown to the person."""


def suggestions_for(network: Network, user) -> QuerySet[ThemeSuggestion]:
    """The network's suggestions with their support count and whether `user` supports each:
    open ones by support (most first, ties oldest first), then handled ones, latest first."""
    supported = (
        Exists(ThemeSupport.objects.filter(suggestion=OuterRef("pk"), person=user))
        if user.is_authenticated
        else Value(False, output_field=BooleanField())
    )
    # The count as a subquery per suggestion, not a GROUP BY over the suggestions joined with
    # everything shown: ranking thousands of open suggestions then costs one index lookup each.
    supports = (
        ThemeSupport.objects.filter(suggestion=OuterRef("pk"))
        .order_by()
        .values("suggestion")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        ThemeSuggestion.objects.filter(network=network)
        .select_related("work_area", "administration", "suggested_by", "adopted_meeting", "network")
        .annotate(
            support_count=Coalesce(Subquery(supports), 0),
            supported=supported,
            **_names(),
        )
        .order_by("status", "-support_count", "created_at", "pk")
    )


def _names() -> dict[str, F]:
    """The names the suggestions page shows of a suggestion's work area, administration and
    suggester (None for none): columns of the row, not three model instances each."""
    return {
        "work_area_name": F("work_area__name"),
        "administration_name": F("administration__name"),
        "suggester_name": F("suggested_by__full_name"),
    }


def split_by_status(suggestions) -> tuple[QuerySet, QuerySet]:
    """Open suggestions (in their ranking) and handled ones (latest handled first), each a
    queryset for the page to take one page of."""
    open_rows = suggestions.filter(status=ThemeSuggestion.Status.OPEN)
    handled = suggestions.exclude(status=ThemeSuggestion.Status.OPEN).order_by(
        Coalesce("handled_at", "created_at").desc(), "-pk"
    )
    return open_rows, handled


# The suggestions page's queries (views._page), compiled once per connection and page
# (config/prepared.py): building and compiling these querysets was a good part of the page.
# Each is `split_by_status(suggestions_for(...))` but for the network, which the page sets on
# each suggestion itself instead of reading it once per row (tests/wishes/test_queries.py).


def _support_count() -> Coalesce:
    # A plain COUNT(*) of the suggestion's supports, not Count(), whose GROUP BY made SQLite
    # set up a grouping for each of the thousands of open suggestions the page ranks (a
    # quarter of the ranking's time). Zero supports count 0 either way.
    supports = (
        ThemeSupport.objects.filter(suggestion=OuterRef("pk"))
        .order_by()
        .annotate(n=Func(template="COUNT(*)", output_field=IntegerField()))
        .values("n")
    )
    return Coalesce(Subquery(supports), 0)


def _for_page(network_id: int, person_id: int) -> QuerySet[ThemeSuggestion]:
    supported = Exists(ThemeSupport.objects.filter(suggestion=OuterRef("pk"), person_id=person_id))
    return (
        ThemeSuggestion.objects.filter(network_id=network_id)
        .select_related("adopted_meeting")
        .annotate(support_count=_support_count(), supported=supported, **_names())
        .order_by("status", "-support_count", "created_at", "pk")
    )


def _open_page(network_id: int, person_id: int, *, limit: int, offset: int) -> QuerySet:
    # The page's ids are ranked first, from the suggestions alone; only those rows are then
    # read with what they show: ranking thousands of rows joined with their work area,
    # administration and suggester cost the database two to three times as much.
    ranked = (
        ThemeSuggestion.objects.filter(network_id=network_id, status=ThemeSuggestion.Status.OPEN)
        .annotate(support_count=_support_count())
        .order_by("-support_count", "created_at", "pk")
        .values("pk")[offset : offset + limit]
    )
    open_rows, _handled = split_by_status(_for_page(network_id, person_id))
    return open_rows.filter(pk__in=ranked)


def _handled_page(network_id: int, person_id: int, *, limit: int, offset: int) -> QuerySet:
    _open, handled = split_by_status(_for_page(network_id, person_id))
    return handled[offset : offset + limit]


_COUNTS = Prepared(
    lambda network_id: (
        ThemeSuggestion.objects.filter(network_id=network_id)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    ),
    network_id=int,
)


def counts(network: Network) -> tuple[int, int]:
    """How many open and how many handled suggestions the network has, in one query."""
    by_status = dict(_COUNTS.rows(network_id=network.pk))
    open_count = by_status.pop(ThemeSuggestion.Status.OPEN, 0)
    return open_count, sum(by_status.values())


def page_of_suggestions(
    network: Network, user, *, handled: bool, offset: int, limit: int
) -> list[ThemeSuggestion]:
    """One page of the network's open (or handled) suggestions as `split_by_status` orders
    them, each with its support count, whether `user` supports it, its network, its adopted
    meeting and the names of its work area, administration and suggester (`_names`; those
    three relations are not read)."""
    build = _handled_page if handled else _open_page
    found = by_shape(build, limit, offset, network_id=network.pk, person_id=user.pk)
    for suggestion in found:
        suggestion.network = network
    return found


def suggest(network: Network, user, data: dict) -> ThemeSuggestion:
    appointment = current_appointment(user, network)
    if appointment is None:
        raise WishError(_("Bara representanter och ersättare i nätverket kan föreslå teman."))
    if data["work_area"].network_id != network.pk or data["work_area"].is_archived:
        raise WishError(_("Välj ett av nätverkets aktuella arbetsområden."))
    return ThemeSuggestion.objects.create(
        network=network,
        title=data["title"].strip(),
        why=data["why"].strip(),
        work_area=data["work_area"],
        suggested_by=user,
        administration=appointment.administration,
    )


def _locked(pk: int) -> ThemeSuggestion:
    return (
        # Only the suggestion's row: PostgreSQL refuses FOR UPDATE on the nullable side of the
        # outer join to the suggester.
        ThemeSuggestion.objects.select_for_update(of=("self",))
        .select_related("network", "suggested_by")
        .get(pk=pk)
    )


def support_count(suggestion: ThemeSuggestion) -> int:
    return suggestion.supports.count()


@transaction.atomic
def support(suggestion_pk: int, user) -> ThemeSuggestion:
    """Add the user's one vote. A second vote is refused, never counted."""
    suggestion = _locked(suggestion_pk)
    _check_may_vote(suggestion, user)
    if suggestion.supports.filter(person=user).exists():
        raise WishError(_("Du stöder redan det här förslaget. Varje person har en röst."))
    try:
        with transaction.atomic():
            ThemeSupport.objects.create(suggestion=suggestion, person=user)
    except IntegrityError as error:  # a parallel request of the same person won
        raise WishError(
            _("Du stöder redan det här förslaget. Varje person har en röst.")
        ) from error
    return suggestion


@transaction.atomic
def withdraw_support(suggestion_pk: int, user) -> ThemeSuggestion:
    suggestion = _locked(suggestion_pk)
    _check_may_vote(suggestion, user)
    deleted, _rows = suggestion.supports.filter(person=user).delete()
    if not deleted:
        raise WishError(_("Du stöder inte det här förslaget."))
    return suggestion


def _check_may_vote(suggestion: ThemeSuggestion, user) -> None:
    if current_appointment(user, suggestion.network) is None:
        raise WishError(_("Bara representanter och ersättare i nätverket kan stödja förslag."))
    if suggestion.suggested_by_id == user.pk:
        raise WishError(_("Ditt eget förslag räknas inte som en röst; stöd andras förslag."))
    if not suggestion.is_open:
        raise WishError(_("Förslaget är redan behandlat och går inte längre att rösta på."))


def adoption_targets(network: Network) -> QuerySet[Meeting]:
    """Meetings a suggestion may become the theme of: the network's planned meetings still to
    come (a planned meeting has no published theme) that no suggestion has been adopted for."""
    return _targets(network.pk, timezone.now())


def _targets(network_id: int, now: datetime.datetime) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(
            network_id=network_id, status=Meeting.Status.PLANNED, starts_at__gt=now
        )
        .exclude(theme_suggestions__status=ThemeSuggestion.Status.ADOPTED)
        .select_related("network")
        .order_by("starts_at")
    )


# `adoption_targets` for the suggestions page, compiled once per connection.
_TARGETS = Prepared(_targets, network_id=int, now=datetime.datetime)


def adoption_target_list(network: Network) -> list[Meeting]:
    """`adoption_targets(network)`, read by a query compiled once (the suggestions page)."""
    return _TARGETS.objects(network_id=network.pk, now=timezone.now())


@transaction.atomic
def adopt(suggestion_pk: int, meeting_pk: int, user) -> ThemeSuggestion:
    """Make the suggestion the meeting's draft theme, in one step, and tell the suggester."""
    suggestion = _locked(suggestion_pk)
    if not suggestion.is_open:
        raise WishError(_("Förslaget är redan behandlat av någon annan. Sidan är uppdaterad."))
    meeting = (
        adoption_targets(suggestion.network).select_for_update(of=("self",)).filter(pk=meeting_pk)
    ).first()
    if meeting is None:
        raise WishError(
            _(
                "Mötet kan inte längre få ett tema härifrån: välj ett planerat, kommande möte "
                "i nätverket som inte redan har ett antaget förslag."
            )
        )
    meeting.theme_title = suggestion.title
    meeting.theme_description = suggestion.why
    meeting.save_changes(["theme_title", "theme_description"])
    meeting.work_areas.add(suggestion.work_area_id)
    suggestion.status = ThemeSuggestion.Status.ADOPTED
    suggestion.adopted_meeting = meeting
    _mark_handled(suggestion, user, ["status", "adopted_meeting"])
    send_outcome(suggestion)
    return suggestion


@transaction.atomic
def close(suggestion_pk: int, reason: str, user) -> ThemeSuggestion:
    suggestion = _locked(suggestion_pk)
    if not suggestion.is_open:
        raise WishError(_("Förslaget är redan behandlat av någon annan. Sidan är uppdaterad."))
    if not reason.strip():
        raise WishError(_("Skriv varför förslaget avslutas."))
    suggestion.status = ThemeSuggestion.Status.CLOSED
    suggestion.closed_reason = reason.strip()
    _mark_handled(suggestion, user, ["status", "closed_reason"])
    send_outcome(suggestion)
    return suggestion


def _mark_handled(suggestion: ThemeSuggestion, user, fields: list[str]) -> None:
    suggestion.handled_by = user
    suggestion.handled_at = timezone.now()
    suggestion.save(update_fields=[*fields, "handled_by", "handled_at"])


def send_outcome(suggestion: ThemeSuggestion) -> None:
    """Tell the suggester that the suggestion was adopted or closed (through the outbox)."""
    person = suggestion.suggested_by
    if person is None or not person.is_active or not person.email:
        return
    url = absolute_url(
        reverse("theme_suggestions", kwargs={"code": suggestion.network.code.lower()})
    )
    with translation.override("sv"):
        context = {
            "suggestion": suggestion,
            "person": person,
            "network": suggestion.network,
            "meeting": suggestion.adopted_meeting,
            "url": url,
        }
        subject = render_subject("meetings/wishes/email/outcome_subject.txt", context)
        body = render_text("meetings/wishes/email/outcome.txt", context)
    reply_to = [suggestion.network.organizer_email] if suggestion.network.organizer_email else None
    outbox.record(
        message(subject, body, to=[person.email], reply_to=reply_to),
        kind="wishes.outcome",
        obj=suggestion,
        version=suggestion.status,
    )
