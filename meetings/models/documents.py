"""Documents the unit shares in a network, and consultations' responses."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.reversing import pk_url
from meetings.models.meeting import Meeting
from networks.history import History
from networks.models import Network, WorkArea
from networks.versions import version_field
from representatives.models import Administration


def document_upload_to(instance: "Document", filename: str) -> str:
    """A random stored name: the original name is kept in `file_name`, never in the path."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"documents/{uuid.uuid4().hex}{'.' + suffix if suffix else ''}"


class DocumentQuerySet(models.QuerySet["Document"]):
    def consultations(self) -> "DocumentQuerySet":
        return self.filter(kind=Document.Kind.CONSULTATION)

    def current(self) -> "DocumentQuerySet":
        """Documents not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def open_consultations(self) -> "DocumentQuerySet":
        """Consultations not withdrawn whose deadline is today or later, nearest first."""
        return (
            self.consultations()
            .current()
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

    class Drafting(models.TextChoices):
        """Where a governance document being drawn up stands, in the order it moves."""

        DRAFTING = "drafting", _("Under framtagande")
        CONSULTATION = "consultation", _("På remiss")
        DECIDED = "decided", _("Beslutad")

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
    # Where on the meeting's agenda it is presented, if under one item (an item of `meeting`).
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("presenteras under punkten"),
    )
    deadline = models.DateField(_("sista dag för svar"), null=True, blank=True)
    asked_administrations = models.ManyToManyField(  # type: ignore[var-annotated]
        Administration,
        through="ConsultationResponse",
        related_name="consultations",
        verbose_name=_("förvaltningar som ska svara"),
        blank=True,
    )
    # A governance document being drawn up: its step and the day it reached each step.
    drafting_status = models.CharField(
        _("status i framtagandet"), max_length=20, choices=Drafting.choices, blank=True
    )
    drafting_since = models.DateField(_("under framtagande sedan"), null=True, blank=True)
    consultation_since = models.DateField(_("på remiss sedan"), null=True, blank=True)
    decided_on = models.DateField(_("beslutad den"), null=True, blank=True)
    # A withdrawn document is kept (and shown as withdrawn), never deleted.
    withdrawn_at = models.DateTimeField(_("tillbakadraget"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("skäl till att dokumentet drogs tillbaka"), blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tillbakadraget av"),
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
    # Optimistic locking of the edit forms, the app's and the admin's (networks/versions.py).
    version = version_field()
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
            models.CheckConstraint(
                condition=Q(drafting_status="") | Q(kind="steering"),
                name="document_drafting_only_steering",
                violation_error_message=_("Bara styrdokument har en status i framtagandet."),
            ),
        ]
        indexes = [
            models.Index(fields=["network", "kind", "deadline"]),
            # A network's documents, the latest first (its document list, paged): read from
            # the index, not sorted from every document the network ever had.
            models.Index(
                "network", F("created_at").desc(), F("id").desc(), name="document_network_recent"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # Reversed once, the key put in (config/reversing.py): lists show many documents.
        return pk_url("document_detail", self.pk)

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
        return (
            self.is_consultation and not self.is_withdrawn and self.deadline >= timezone.localdate()  # type: ignore[operator]
        )

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def drafting_steps(self) -> list[tuple[object, object]]:
        """The drafting steps reached so far, each with its label and date, in order."""
        dates = {
            self.Drafting.DRAFTING: self.drafting_since,
            self.Drafting.CONSULTATION: self.consultation_since,
            self.Drafting.DECIDED: self.decided_on,
        }
        return [(step.label, dates[step]) for step in self.Drafting if dates[step] is not None]


class ConsultationResponse(models.Model):
    """An administration asked to answer a consultation, and whether its answer was sent."""

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="responses", verbose_name=_("remiss")
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
        # The coordinators' start page lists the responses sent lately, across every document.
        # Only sent ones are indexed: most asked administrations have not answered, and with
        # their NULLs in the index SQLite's statistics made it look useless, so the digest
        # read every response of the network's documents instead.
        indexes = [
            models.Index(
                fields=["sent_at"],
                name="consultation_response_sent",
                condition=Q(sent_at__isnull=False),
            )
        ]
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
