import datetime
import hashlib
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.terms import Term
from networks.history import History, record
from networks.models import Network, WorkArea
from networks.rules import coordinated_network_ids
from representatives.models import Administration


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


# Changes to these fields must reach the calendars: they raise the sequence number.
CALENDAR_FIELDS = frozenset({"starts_at", "ends_at", "place", "online_url", "format", "status"})


def check_meeting_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    """Refuse a meeting time in the past or ending before it starts (Swedish messages)."""
    if ends_at <= starts_at:
        raise MeetingStateError(_("Mötet måste sluta efter att det börjar."))
    if starts_at <= timezone.now():
        raise MeetingStateError(_("Mötet kan inte läggas på en tid som redan har passerat."))


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user) -> "MeetingQuerySet":
        """Published and cancelled meetings for all signed in; planned ones for coordinators."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(status__in=[Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED])
            | Q(network_id__in=coordinated_network_ids(user))
        )

    def upcoming(self) -> "MeetingQuerySet":
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self) -> "MeetingQuerySet":
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")

    def in_term(self, term: Term) -> "MeetingQuerySet":
        return self.filter(
            starts_at__date__gte=term.first_day, starts_at__date__lte=term.last_day
        ).order_by("starts_at")

    def not_cancelled(self) -> "MeetingQuerySet":
        return self.exclude(status=Meeting.Status.CANCELLED)

    def held(self) -> "MeetingQuerySet":
        """Published (not planned, not cancelled) meetings that have ended (`Meeting.is_held`)."""
        return self.filter(status=Meeting.Status.PUBLISHED, ends_at__lt=timezone.now())


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
        indexes = [models.Index(fields=["network", "starts_at"])]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        title = self.theme_title or _("Tema ej publicerat")
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
    # The goal a goal follow-up (måluppföljning) item follows up (issue 11).
    goal = models.ForeignKey(
        "meetings.Goal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
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


class CalendarTokenQuerySet(models.QuerySet["CalendarToken"]):
    def active(self) -> "CalendarTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class CalendarToken(models.Model):
    """The secret in a calendar feed URL. Only its SHA-256 is stored: a database dump reveals no
    working URL, and the secret is shown once, when it is made."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Personlig kalender")
        NETWORK = "network", _("Nätverkets kalender")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_tokens",
        verbose_name=_("nätverk"),
    )
    token_hash = models.CharField(_("hash av hemligheten"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("kalenderlänk")
        verbose_name_plural = _("kalenderlänkar")
        ordering = ["user", "kind", "network"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="personal", network__isnull=True)
                | Q(kind="network", network__isnull=False),
                name="calendar_token_network_iff_network_kind",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(kind="personal", revoked_at__isnull=True),
                name="one_active_personal_calendar_token",
            ),
            models.UniqueConstraint(
                fields=["user", "network"],
                condition=Q(kind="network", revoked_at__isnull=True),
                name="one_active_network_calendar_token",
            ),
        ]

    def __str__(self) -> str:
        feed = self.network.code if self.network_id else self.get_kind_display()
        return f"{self.user} – {feed}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AgendaVersion(models.Model):
    """A published agenda (dagordning, version N): a frozen snapshot of the accepted items.

    Members read the snapshot, never the live draft, so later edits stay private until a
    coordinator publishes them with a change note.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_versions", verbose_name=_("möte")
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


class AttendanceQuerySet(models.QuerySet["Attendance"]):
    def for_person(self, user) -> "AttendanceQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(person=user)


class Attendance(models.Model):
    """A person's answer for a meeting (anmälan) and, afterwards, whether they were there."""

    class Answer(models.TextChoices):
        COMING = "coming", _("Kommer")
        NOT_COMING = "not_coming", _("Kommer inte")
        SUBSTITUTE_COMING = "substitute_coming", _("Ersättare kommer")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("möte")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("person"),
    )
    administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("förvaltning"),
    )
    answer = models.CharField(_("svar"), max_length=20, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("svarade"), null=True, blank=True)
    # None until a coordinator has ticked the list after the meeting.
    attended = models.BooleanField(_("närvarade"), null=True, blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="one_attendance_per_person_and_meeting",
                violation_error_message=_("Personen har redan svarat för mötet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.meeting}: {self.get_answer_display()}"


class Invitation(models.Model):
    """A colleague a representative invites to one meeting.

    Only a hash of the secret token is stored; the token itself is in the e-mail link alone.
    """

    MAX_PER_REPRESENTATIVE = 5

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("möte")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sent_invitations",
        verbose_name=_("inbjuden av"),
    )
    administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("förvaltning"),
    )
    full_name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-postadress"))
    reason = models.TextField(_("anledning"), max_length=1000)
    token_hash = models.CharField(_("token (hash)"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["meeting", "created_at"]
        indexes = [models.Index(fields=["meeting", "invited_by"])]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.meeting}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return self.meeting.is_past


# --- Documents and consultations (issue 9) ----------------------------------------------------


def document_upload_to(instance: "Document", filename: str) -> str:
    """A random stored name: the original name is kept in `file_name`, never in the path."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"documents/{uuid.uuid4().hex}{'.' + suffix if suffix else ''}"


class DocumentQuerySet(models.QuerySet["Document"]):
    def consultations(self) -> "DocumentQuerySet":
        return self.filter(kind=Document.Kind.CONSULTATION)

    def open_consultations(self) -> "DocumentQuerySet":
        """Consultations whose deadline is today or later, the nearest deadline first."""
        return (
            self.consultations()
            .filter(deadline__gte=timezone.localdate())
            .order_by("deadline", "pk")
        )

    def recent(self) -> "DocumentQuerySet":
        return self.order_by("-created_at", "-pk")


class Document(models.Model):
    """A document the unit shares in a network: a link or an uploaded file, never both.

    A consultation (remiss) also has a response deadline and the administrations asked to
    respond (`ConsultationResponse`, one row per asked administration).
    """

    class Kind(models.TextChoices):
        STEERING = "steering", _("Styrdokument")
        CONSULTATION = "consultation", _("Remiss")
        REPORT = "report", _("Rapport")
        OTHER = "other", _("Övrigt")

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="documents", verbose_name=_("nätverk")
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    url = models.URLField(_("länk"), max_length=500, blank=True)
    file = models.FileField(_("fil"), upload_to=document_upload_to, max_length=200, blank=True)
    file_name = models.CharField(_("filens namn"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(_("filens storlek (byte)"), null=True, blank=True)
    file_content_type = models.CharField(_("filtyp"), max_length=100, blank=True)
    # The download URL carries this random key, so file URLs cannot be guessed from ids.
    file_key = models.UUIDField(_("nyckel i fillänken"), default=uuid.uuid4, unique=True)
    work_areas = models.ManyToManyField(
        WorkArea, verbose_name=_("arbetsområden"), related_name="documents", blank=True
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("presenteras på mötet"),
    )
    deadline = models.DateField(_("sista dag för svar"), null=True, blank=True)
    asked_administrations = models.ManyToManyField(
        Administration,
        through="ConsultationResponse",
        related_name="consultations",
        verbose_name=_("förvaltningar som ska svara"),
        blank=True,
    )
    # Calendar identity of the deadline's all-day entry.
    uid = models.UUIDField(_("kalender-UID"), default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tillagt av"),
    )
    created_at = models.DateTimeField(_("tillagt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)

    objects = DocumentQuerySet.as_manager()
    history = History(m2m_fields=[work_areas])

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="document_link_xor_file",
                violation_error_message=_("Ange antingen en länk eller en fil, inte båda."),
            ),
            models.CheckConstraint(
                condition=Q(kind="consultation", deadline__isnull=False)
                | (~Q(kind="consultation") & Q(deadline__isnull=True)),
                name="document_deadline_iff_consultation",
                violation_error_message=_("En remiss har ett sista svarsdatum, andra inte."),
            ),
        ]
        indexes = [models.Index(fields=["network", "kind", "deadline"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("document_detail", kwargs={"pk": self.pk})

    def get_file_url(self) -> str:
        return reverse("document_file", kwargs={"key": self.file_key})

    @property
    def is_consultation(self) -> bool:
        return self.kind == self.Kind.CONSULTATION

    @property
    def has_file(self) -> bool:
        return bool(self.file)

    @property
    def is_open(self) -> bool:
        return self.is_consultation and self.deadline >= timezone.localdate()


class ConsultationResponse(models.Model):
    """An administration asked to answer a consultation, and whether its answer was sent."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="responses", verbose_name=_("remiss")
    )
    administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        related_name="consultation_responses",
        verbose_name=_("förvaltning"),
    )
    sent_at = models.DateTimeField(_("svar skickat"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("markerat av"),
    )

    history = History()

    class Meta:
        verbose_name = _("remissvar")
        verbose_name_plural = _("remissvar")
        ordering = ["document", "administration__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "administration"],
                name="one_response_per_administration",
                violation_error_message=_("Förvaltningen är redan tillfrågad."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} – {self.administration}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


# The governance loop's, goal steering's and evaluations' (issues 8 and 11) models live in
# their own modules; importing them here registers them.
from meetings.models_evaluations import (  # noqa: E402, F401
    Evaluation,
    EvaluationRequest,
    EvaluationSettings,
)
from meetings.models_goals import Goal, Indicator, IndicatorValue  # noqa: E402, F401
from meetings.models_governance import (  # noqa: E402, F401
    ActionItem,
    Minutes,
    MinutesEntry,
    MinutesVersion,
    Question,
    QuestionEvent,
    ReportBack,
)

# Theme wishes (issue 11): suggestions for coming themes and their support.
from meetings.models_wishes import ThemeSuggestion, ThemeSupport  # noqa: E402, F401
