"""Meetings: the record itself, its states and the optimistic version check."""

import datetime
import uuid
from collections.abc import Iterable

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.dates import local_midnight
from meetings.terms import Term
from networks.history import History, record
from networks.models import Network, WorkArea
from networks.rules import coordinated_network_ids


class MeetingStateError(Exception):
    """A change the meeting's state or data does not allow. The message is shown to the user."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message


class StaleMeetingError(MeetingStateError):
    """Someone saved the meeting after this copy was read (the optimistic version check)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Mötet har ändrats av någon annan under tiden. Läs in sidan igen "
                "och gör om din ändring."
            )
        )


# Everything a calendar entry shows (time, place, link, title, description): a change to one
# of these must reach the calendars, so it raises the sequence number and, once the meeting is
# published, updates every invitation copy (meetings/calendar/outlook.py).
CALENDAR_FIELDS = frozenset(
    {
        "starts_at",
        "ends_at",
        "place",
        "online_url",
        "format",
        "status",
        "theme_title",
        "theme_description",
        "work_areas",
    }
)


def check_meeting_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    """Refuse a meeting time in the past or ending before it starts (Swedish messages)."""
    if ends_at <= starts_at:
        raise MeetingStateError(_("Mötet måste sluta efter att det börjar."))
    if starts_at <= timezone.now():
        raise MeetingStateError(_("Mötet kan inte läggas på en tid som redan har passerat."))


def meeting_seen_condition(coordinated: Iterable[int], through: str = "") -> Q:
    """The condition `MeetingQuerySet.seen_by` filters by, on the meeting behind the relation
    `through` if given (a record of a meeting filtered on its joined meeting: no list of every
    visible meeting's id, which SQLite builds in full before it reads a row)."""
    prefix = f"{through}__" if through else ""
    return Q(**{f"{prefix}status__in": Meeting.SEEN_BY_ALL}) | Q(
        **{f"{prefix}network_id__in": coordinated}
    )


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user) -> "MeetingQuerySet":
        """Published and cancelled meetings for all signed in; planned ones for coordinators
        (`Meeting.is_visible_to` for one meeting already read)."""
        if not user.is_authenticated:
            return self.none()
        return self.seen_by(coordinated_network_ids(user))

    def seen_by(self, coordinated: Iterable[int]) -> "MeetingQuerySet":
        """`visible_to` from the ids of the networks the person coordinates."""
        return self.filter(meeting_seen_condition(coordinated))

    def upcoming(self) -> "MeetingQuerySet":
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self) -> "MeetingQuerySet":
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")

    def in_term(self, term: Term) -> "MeetingQuerySet":
        # Local midnights, not `starts_at__date`: SQLite would convert every row's time in
        # Python to compare dates, and no database could use the index on starts_at.
        return self.filter(
            starts_at__gte=local_midnight(term.first_day),
            starts_at__lt=local_midnight(term.last_day + datetime.timedelta(days=1)),
        ).order_by("starts_at")

    def not_cancelled(self) -> "MeetingQuerySet":
        return self.exclude(status=Meeting.Status.CANCELLED)

    def held(self, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        """Published (not planned, not cancelled) meetings that have ended (`Meeting.is_held`)
        by `now` (the present moment when not given)."""
        return self.filter(status=Meeting.Status.PUBLISHED, ends_at__lt=now or timezone.now())


class Meeting(models.Model):
    """A network meeting (nätverksmöte) with its theme. Cancelled meetings are kept, not deleted."""

    class Format(models.TextChoices):
        ON_SITE = "on_site", _("På plats")
        DIGITAL = "digital", _("Digitalt")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerat")
        PUBLISHED = "published", _("Publicerat")
        CANCELLED = "cancelled", _("Inställt")

    # Every signed-in person may know of these; planned meetings only their coordinators.
    SEEN_BY_ALL = (Status.PUBLISHED, Status.CANCELLED)

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("nätverk")
    )
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    place = models.CharField(_("plats"), max_length=300, blank=True)
    online_url = models.URLField(_("länk till digitalt möte"), max_length=500, blank=True)
    format = models.CharField(
        _("mötesform"), max_length=20, choices=Format.choices, default=Format.ON_SITE
    )
    theme_title = models.CharField(_("tema"), max_length=200, blank=True)
    theme_description = models.TextField(_("beskrivning av temat"), blank=True)
    work_areas = models.ManyToManyField(
        WorkArea, verbose_name=_("arbetsområden"), related_name="meetings", blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    published_at = models.DateTimeField(_("tema publicerat"), null=True, blank=True)
    agenda_published_at = models.DateTimeField(_("dagordning publicerad"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("inställt"), null=True, blank=True)
    cancellation_reason = models.TextField(_("anledning till att mötet ställts in"), blank=True)
    # Calendar identity: the UID never changes, the sequence rises with each change that matters.
    uid = models.UUIDField(_("kalender-UID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("kalendersekvens"), default=0)
    # Optimistic locking: a form carries the version it was rendered from.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = History(m2m_fields=[work_areas])

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("Mötet måste sluta efter att det börjar."),
            ),
        ]
        indexes = [
            models.Index(fields=["network", "starts_at"]),
            # The search walks the newest meetings first when a word is in many agenda items.
            models.Index(fields=["starts_at"], name="meeting_starts"),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        title = self.theme_title or _("Temat är inte publicerat")
        return f"{self.network.code} {local:%Y-%m-%d}: {title}"

    def get_absolute_url(self) -> str:
        return reverse("meeting_detail", kwargs={"pk": self.pk})

    @property
    def term(self) -> Term:
        return Term.of(timezone.localdate(self.starts_at))

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def is_visible_to(self, user) -> bool:
        """Whether `MeetingQuerySet.visible_to(user)` holds this meeting."""
        if not user.is_authenticated:
            return False
        return self.status in self.SEEN_BY_ALL or self.network_id in coordinated_network_ids(user)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def is_held(self) -> bool:
        """Published and ended: what evaluations, report-back packs and reports count as held."""
        return self.is_published and self.is_past

    @property
    def proposals_close_at(self) -> datetime.datetime:
        """The deadline for agenda proposals: the network's number of days before the start."""
        return self.starts_at - datetime.timedelta(days=self.network.proposal_close_days)

    @property
    def agenda_is_published(self) -> bool:
        return self.agenda_published_at is not None

    @property
    def theme_days_ahead(self) -> int | None:
        """How many days before the meeting its theme was published (None if not yet)."""
        if self.published_at is None:
            return None
        return (timezone.localdate(self.starts_at) - timezone.localdate(self.published_at)).days

    @property
    def theme_published_late(self) -> bool:
        days = self.theme_days_ahead
        return days is not None and days < self.network.theme_lead_days

    def save_changes(
        self, fields: list[str] | set[str], *, changed: set[str] | None = None
    ) -> None:
        """Write `fields`, but only if nobody saved the meeting since `self.version` was read.

        The check is one conditional UPDATE (`WHERE version = X`), so two coordinators saving at
        once cannot both win. `changed` names the fields whose values really changed (all of
        `fields` when not given); if one of them matters to a calendar, the sequence rises.
        """
        changed = set(fields) if changed is None else changed
        values = {name: getattr(self, name) for name in fields}
        values["version"] = self.version + 1
        values["updated_at"] = timezone.now()
        calendar_change = bool(changed & CALENDAR_FIELDS)
        if calendar_change:
            values["sequence"] = F("sequence") + 1
        updated = Meeting.objects.filter(pk=self.pk, version=self.version).update(**values)
        if not updated:
            raise StaleMeetingError()
        self.version += 1
        self.updated_at = values["updated_at"]
        if calendar_change:
            self.sequence = Meeting.objects.values_list("sequence", flat=True).get(pk=self.pk)
        # update() sends no signals: the history row is written here, from the saved values.
        record(self)

    def raise_sequence(self) -> None:
        """A change people must see in Outlook that is not one of the meeting's own fields (a
        new agenda version): the sequence rises, so the invitation copies take the update."""
        now = timezone.now()
        Meeting.objects.filter(pk=self.pk).update(sequence=F("sequence") + 1, updated_at=now)
        self.sequence = Meeting.objects.values_list("sequence", flat=True).get(pk=self.pk)
        self.updated_at = now

    def publish_theme(self) -> None:
        """Planned → published: the theme goes out to the network, with the moment stored."""
        if self.status != self.Status.PLANNED:
            raise MeetingStateError(_("Bara ett planerat möte kan få sitt tema publicerat."))
        if not self.theme_title.strip():
            raise MeetingStateError(_("Mötet behöver ett tema innan det kan publiceras."))
        if self.starts_at <= timezone.now():
            raise MeetingStateError(_("Mötet har redan börjat eller ägt rum."))
        self.status = self.Status.PUBLISHED
        self.published_at = timezone.now()
        self.save_changes(["status", "published_at"])

    def reschedule(
        self, starts_at: datetime.datetime, ends_at: datetime.datetime, place: str
    ) -> tuple[datetime.datetime, datetime.datetime]:
        """Move a published meeting. Returns the old start and end, for telling everyone."""
        if self.status != self.Status.PUBLISHED:
            raise MeetingStateError(
                _("Bara ett publicerat möte kan flyttas; ett planerat möte ändrar du direkt.")
            )
        check_meeting_times(starts_at, ends_at)
        if (starts_at, ends_at, place) == (self.starts_at, self.ends_at, self.place):
            raise MeetingStateError(_("Ange en ny tid eller plats för mötet."))
        old = (self.starts_at, self.ends_at)
        self.starts_at, self.ends_at, self.place = starts_at, ends_at, place
        self.save_changes(["starts_at", "ends_at", "place"])
        return old

    def cancel(self, reason: str) -> None:
        """Published → cancelled. The meeting stays visible as cancelled; it is never deleted."""
        if self.status == self.Status.CANCELLED:
            raise MeetingStateError(_("Mötet är redan inställt."))
        if self.status != self.Status.PUBLISHED:
            raise MeetingStateError(_("Bara ett publicerat möte kan ställas in."))
        if self.is_past:
            raise MeetingStateError(_("Mötet har redan ägt rum och kan inte ställas in."))
        if not reason.strip():
            raise MeetingStateError(_("Ange varför mötet ställs in."))
        self.status = self.Status.CANCELLED
        self.cancelled_at = timezone.now()
        self.cancellation_reason = reason.strip()
        self.save_changes(["status", "cancelled_at", "cancellation_reason"])
