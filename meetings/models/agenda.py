"""Agenda items and the published agenda versions (frozen snapshots)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.prepared import Prepared
from meetings.models.meeting import Meeting
from networks.history import History
from networks.models import WorkArea
from representatives.models import Administration


class AgendaItem(models.Model):
    """An agenda item (dagordningspunkt): proposed by a representative or added by a coordinator."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        DISCUSSION = "discussion", _("Diskussion")
        DECISION = "decision", _("Beslut")
        EXPERIENCE = "experience", _("Erfarenhetsutbyte")
        CONSULTATION = "consultation", _("Remiss")
        GOAL_FOLLOW_UP = "goal_follow_up", _("Måluppföljning")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Föreslagen")
        ACCEPTED = "accepted", _("Accepterad")
        DEFERRED = "deferred", _("Flyttad till senare möte")
        DECLINED = "declined", _("Avböjd")
        WITHDRAWN = "withdrawn", _("Återtagen")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="agenda_items", verbose_name=_("möte")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.INFORMATION)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    decision_reason = models.TextField(_("motivering"), blank=True)
    wished_minutes = models.PositiveSmallIntegerField(
        _("önskad tid (minuter)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    allotted_minutes = models.PositiveSmallIntegerField(
        _("tilldelad tid (minuter)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    position = models.PositiveIntegerField(_("plats på dagordningen"), null=True, blank=True)
    presenter = models.CharField(_("föredragande"), max_length=200, blank=True)
    work_area = models.ForeignKey(
        WorkArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("arbetsområde"),
    )
    # The goal a goal follow-up (måluppföljning) item follows up. Indexed by a partial index
    # (Meta.indexes), not the usual one: see there.
    goal = models.ForeignKey(
        "meetings.Goal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
        related_name="agenda_items",
        verbose_name=_("mål"),
    )
    is_management_question = models.BooleanField(_("fråga från ledningsgruppen"), default=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_agenda_items",
        verbose_name=_("föreslagen av"),
    )
    administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("förvaltning"),
    )
    deferred_to = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("flyttad till möte"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    history = History()

    class Meta:
        verbose_name = _("dagordningspunkt")
        verbose_name_plural = _("dagordningspunkter")
        ordering = ["meeting", "position", "created_at"]
        # The coordinators' digest and dashboard count the proposals that came in a day.
        indexes = [
            models.Index(fields=["created_at"], name="agenda_item_created"),
            # A goal's follow-ups (its page). Few items follow up a goal, but a full index on the
            # column counts its many NULLs, so SQLite's planner judged it useless and read the
            # goal's page through every visible meeting's items instead (26 ms at 10x).
            models.Index(fields=["goal"], name="agenda_item_goal", condition=Q(goal__isnull=False)),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                condition=Q(position__isnull=False),
                name="agenda_position_unique_in_meeting",
                violation_error_message=_("Två punkter kan inte ha samma plats på dagordningen."),
            ),
            models.CheckConstraint(
                condition=Q(wished_minutes__gte=1, wished_minutes__lte=120),
                name="agenda_wished_minutes_1_120",
            ),
            models.CheckConstraint(
                condition=Q(allotted_minutes__isnull=True)
                | Q(allotted_minutes__gte=1, allotted_minutes__lte=120),
                name="agenda_allotted_minutes_1_120",
            ),
            # Only accepted items sit on the agenda.
            models.CheckConstraint(
                condition=Q(position__isnull=True) | Q(status="accepted"),
                name="agenda_position_only_when_accepted",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def minutes(self) -> int:
        """The time the item takes on the agenda: allotted if set, else wished."""
        return self.allotted_minutes or self.wished_minutes

    @property
    def kind_label(self) -> str:
        # The same name as in a version's snapshot, so templates show either.
        return self.get_kind_display()

    def propose_again_at(self, meeting: Meeting) -> "AgendaItem":
        """The same proposal, waiting at `meeting`: what deferring an item leaves there."""
        return AgendaItem.objects.create(
            meeting=meeting,
            status=AgendaItem.Status.PROPOSED,
            title=self.title,
            description=self.description,
            kind=self.kind,
            wished_minutes=self.wished_minutes,
            work_area=self.work_area,
            is_management_question=self.is_management_question,
            proposed_by=self.proposed_by,
            administration=self.administration,
        )


class AgendaVersion(models.Model):
    """A published agenda (dagordning, version N): a frozen snapshot of the accepted items.

    Members read the snapshot, never the live draft, so later edits stay private until a
    coordinator publishes them with a change note.
    """

    # PROTECT: a published version is a public record; nothing deletes it with its meeting.
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="agenda_versions", verbose_name=_("möte")
    )
    number = models.PositiveIntegerField(_("versionsnummer"))
    published_at = models.DateTimeField(_("publicerad"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publicerad av"),
    )
    change_note = models.TextField(_("vad har ändrats"), blank=True)
    # [{"id", "position", "title", "description", "kind", "minutes", "presenter",
    #   "work_area", "administration", "is_management_question"}, ...] in agenda order.
    snapshot = models.JSONField(_("punkterna"), default=list)

    class Meta:
        verbose_name = _("dagordningsversion")
        verbose_name_plural = _("dagordningsversioner")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="agenda_version_number_unique_in_meeting"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="agenda_version_number_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("agenda_version", kwargs={"pk": self.meeting_id, "number": self.number})

    @property
    def items(self) -> list[dict]:
        """The snapshot with display labels added (kinds are stored as their values)."""
        labels = dict(AgendaItem.Kind.choices)
        return [
            {**item, "kind_label": labels.get(item["kind"], item["kind"])} for item in self.snapshot
        ]

    @property
    def total_minutes(self) -> int:
        return sum(item["minutes"] for item in self.snapshot)


# The name under which `seen_agenda_prefetch()` leaves a meeting's versions, newest first.
SEEN_AGENDA_ATTR = "seen_agenda_versions"


def seen_agenda(meeting: Meeting) -> AgendaVersion | None:
    """The agenda people see: the meeting's latest published version, None while none is.

    Every reader outside the coordinators' draft asks this one function: the meeting page, the
    plain text, the feeds, the "add to calendar" download and every e-mail invitation. The
    draft's accepted items are never shown to anyone else.
    """
    if not meeting.agenda_is_published:  # set with the first version: saves the query
        return None
    prefetched = getattr(meeting, SEEN_AGENDA_ATTR, None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    found = _LATEST_VERSION.objects(meeting_id=meeting.pk)
    return found[0] if found else None


# The meeting's latest version, compiled once per connection (config/prepared.py): the meeting
# page asks for it on every view.
_LATEST_VERSION = Prepared(
    lambda meeting_id: AgendaVersion.objects.filter(meeting_id=meeting_id).order_by("-number")[:1],
    meeting_id=int,
)


def seen_agenda_prefetch() -> Prefetch:
    """For lists of meetings (feeds): their versions in one query, read by `seen_agenda()`."""
    return Prefetch(
        "agenda_versions",
        queryset=AgendaVersion.objects.order_by("-number"),
        to_attr=SEEN_AGENDA_ATTR,
    )
