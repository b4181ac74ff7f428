import hashlib
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.terms import Term
from networks.models import Network, WorkArea
from networks.rules import coordinated_network_ids
from representatives.models import Administration


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
    def agenda_is_published(self) -> bool:
        return self.agenda_published_at is not None


class AgendaItem(models.Model):
    """An agenda item (dagordningspunkt): proposed by a representative or added by a coordinator."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        DISCUSSION = "discussion", _("Diskussion")
        DECISION = "decision", _("Beslut")
        EXPERIENCE = "experience", _("Erfarenhetsutbyte")
        CONSULTATION = "consultation", _("Remiss")

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
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

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
