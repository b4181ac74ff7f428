"""The governance loop's records: questions, minutes, action items and report-backs.

A management group's question travels: raised by the administration's representative, onto a
meeting's agenda (or answered in writing, or referred to the other network), dealt with, given
an outcome, reported back to the management group, closed. Each step is a `QuestionEvent`, so the
trail shows who did what and when. The rules for which step may follow which, and who may take
it, live in `meetings/questions/steps.py`; these models only hold the data and the database rules.

Minutes are a draft (`Minutes` + one `MinutesEntry` per agenda item) until published; each
publication freezes a `MinutesVersion`, so a correction is a new version with a note and the
earlier versions stay readable (minutes are public records).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history import register

from meetings.models.agenda import AgendaItem
from meetings.models.meeting import Meeting
from networks.history import History
from networks.models import Network
from networks.versions import version_field
from representatives.models import Administration


class Question(models.Model):
    """A question from an administration's management group (ledningsgruppen)."""

    class State(models.TextChoices):
        RAISED = "raised", _("Väckt")
        ON_AGENDA = "on_agenda", _("På dagordningen")
        ANSWERED = "answered", _("Besvarad skriftligt")
        REFERRED = "referred", _("Hänvisad till andra nätverket")
        DEALT_WITH = "dealt_with", _("Behandlad på möte")
        OUTCOME = "outcome", _("Utfall registrerat")
        REPORTED_BACK = "reported_back", _("Återrapporterad")
        CLOSED = "closed", _("Avslutad")
        WITHDRAWN = "withdrawn", _("Tillbakadragen")

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="questions", verbose_name=_("nätverk")
    )
    administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("förvaltning"),
    )
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), max_length=5000, blank=True)
    raised_on = models.DateField(_("väckt i ledningsgruppen"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerad av"),
    )
    state = models.CharField(_("läge"), max_length=20, choices=State.choices, default=State.RAISED)
    # The agenda item that carries the question to a meeting (proposed in the same step).
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("dagordningspunkt"),
    )
    # The meeting where the question was dealt with; an outcome needs one.
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("behandlad på mötet"),
    )
    written_answer = models.TextField(_("skriftligt svar"), max_length=10000, blank=True)
    referred_to = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hänvisad till nätverk"),
    )
    outcome = models.TextField(_("utfall"), max_length=10000, blank=True)
    reported_back_on = models.DateField(
        _("återrapporterad till ledningsgruppen"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("fråga från ledningsgruppen")
        verbose_name_plural = _("frågor från ledningsgrupperna")
        ordering = ["raised_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state__in=["dealt_with", "outcome"]) | Q(meeting__isnull=False),
                name="question_dealt_with_needs_meeting",
                violation_error_message=_("Ett utfall kräver ett möte där frågan behandlades."),
            ),
            models.CheckConstraint(
                condition=~Q(state="referred") | Q(referred_to__isnull=False),
                name="question_referred_needs_network",
            ),
        ]
        indexes = [
            # A network's questions in a state, by the day they were raised (the coordinators'
            # "new questions"; the lists filtered by state).
            models.Index(fields=["network", "state", "raised_on"], name="question_network_state"),
            # The question lists, oldest or latest first, a page at a time: read in this order
            # and stopped at the page's end instead of sorting every visible question.
            models.Index(fields=["raised_on"], name="question_raised_on"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def state_label(self) -> str:
        """The state as people should read it: "on the agenda" only once the proposal carrying
        the question is accepted; before that, or after it fell through, what became of it."""
        proposal = None
        if self.state == self.State.ON_AGENDA and self.agenda_item_id is not None:
            proposal = self.agenda_item.status  # type: ignore[union-attr]
        return state_label(self.state, proposal)


STATE_LABELS: dict[str, object] = dict(Question.State.choices)
# What an "on the agenda" question reads, by the status of the proposal carrying it.
ON_AGENDA_LABELS: dict[str, object] = {
    AgendaItem.Status.PROPOSED: _("Föreslagen till dagordningen"),
    AgendaItem.Status.DECLINED: _("Förslaget till dagordningen avböjt"),
    AgendaItem.Status.WITHDRAWN: _("Förslaget till dagordningen återtaget"),
    AgendaItem.Status.DEFERRED: _("Flyttad till ett senare möte"),
}


def state_label(state: str, proposal_status: str | None) -> str:
    """`Question.state_label` from the question's state and the status of the proposal
    carrying it (None without one), for a list that reads them as columns."""
    if state == Question.State.ON_AGENDA and proposal_status is not None:
        label = ON_AGENDA_LABELS.get(str(proposal_status))
        if label is not None:
            return str(label)
    # Not get_state_display(): it translates every state's name on each call.
    return str(STATE_LABELS.get(state, state))


class QuestionEvent(models.Model):
    """One step in a question's trail: the state it entered, when, by whom, with a note."""

    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="events", verbose_name=_("fråga")
    )
    state = models.CharField(_("läge"), max_length=20, choices=Question.State.choices)
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utfört av"),
    )
    note = models.TextField(_("anteckning"), max_length=10000, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("möte"),
    )

    class Meta:
        verbose_name = _("händelse för en fråga")
        verbose_name_plural = _("händelser för frågor")
        ordering = ["question", "at", "pk"]
        # The coordinators' digest and dashboard look for the questions raised in a day.
        indexes = [models.Index(fields=["at"], name="question_event_at")]

    def __str__(self) -> str:
        return f"{self.question}: {self.get_state_display()}"


class Minutes(models.Model):
    """The minutes (protokoll/minnesanteckningar) of one held meeting: a draft until published."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="minutes", verbose_name=_("möte")
    )
    # Markdown, rendered through the sanitiser in meetings/markdown.py.
    summary = models.TextField(_("allmänna anteckningar"), max_length=20000, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skrivet av"),
    )
    # The draft's optimistic lock: the edit form carries the version it was rendered from
    # (networks/versions.py), so a stale form cannot overwrite another coordinator's text.
    version = version_field()
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)

    class Meta:
        verbose_name = _("minnesanteckningar")
        verbose_name_plural = _("minnesanteckningar")

    def __str__(self) -> str:
        return str(self.meeting)


class MinutesEntry(models.Model):
    """The draft note and outcome for one agenda item."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.PROTECT, related_name="entries", verbose_name=_("anteckningar")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        related_name="minutes_entries",
        verbose_name=_("dagordningspunkt"),
    )
    note = models.TextField(_("anteckning"), max_length=20000, blank=True)
    outcome = models.TextField(_("utfall"), max_length=10000, blank=True)

    class Meta:
        verbose_name = _("anteckning för en punkt")
        verbose_name_plural = _("anteckningar för punkter")
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "agenda_item"], name="one_minutes_entry_per_agenda_item"
            ),
        ]

    def __str__(self) -> str:
        return str(self.agenda_item)


class MinutesVersion(models.Model):
    """A published version of the minutes, frozen: what the network was told, word for word."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.PROTECT, related_name="versions", verbose_name=_("anteckningar")
    )
    number = models.PositiveIntegerField(_("version"))
    # The whole published text: attendance, summary and one entry per agenda item.
    content = models.JSONField(_("innehåll"))
    correction_note = models.TextField(_("vad som rättats"), max_length=2000, blank=True)
    published_at = models.DateTimeField(_("publicerad"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publicerad av"),
    )

    class Meta:
        verbose_name = _("publicerad version av minnesanteckningar")
        verbose_name_plural = _("publicerade versioner av minnesanteckningar")
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "number"], name="minutes_version_number_unique"
            ),
            # A correction says what was corrected.
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(correction_note=""),
                name="minutes_correction_has_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} v{self.number}"


class ActionItem(models.Model):
    """An action (åtgärd) decided at a meeting: what, who answers for it, by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Öppen")
        DONE = "done", _("Klar")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("möte")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("dagordningspunkt"),
    )
    title = models.CharField(_("vad"), max_length=300)
    administrations = models.ManyToManyField(
        Administration, related_name="action_items", verbose_name=_("ansvariga förvaltningar")
    )
    due_on = models.DateField(_("klart senast"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    # The goal whose action plan (handlingsplan) the action belongs to.
    goal = models.ForeignKey(
        "meetings.Goal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("mål"),
    )
    done_comment = models.TextField(_("kommentar"), max_length=5000, blank=True)
    done_at = models.DateTimeField(_("markerad klar"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("markerad klar av"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    # Optimistic locking of the coordinators' edit form (networks/versions.py).
    version = version_field()

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", done_at__isnull=True)
                | Q(status="done", done_at__isnull=False),
                name="action_done_at_iff_done",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            # "Uppföljning" counts a network's open actions meeting by meeting (agenda/
            # follow_up.py): answered from the index, not by reading every action.
            models.Index(fields=["meeting", "status"], name="action_meeting_status"),
            # The network's done actions, the latest first (the action list, meetings/minutes/):
            # read in the index's order, not by sorting every done action.
            models.Index(fields=["status", "done_at", "id"], name="action_status_done"),
        ]

    def __str__(self) -> str:
        return self.title


class ReportBack(models.Model):
    """An administration's representative presented a meeting's outcomes to the management group."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="report_backs", verbose_name=_("möte")
    )
    administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        related_name="report_backs",
        verbose_name=_("förvaltning"),
    )
    presented_on = models.DateField(_("presenterat för ledningsgruppen"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("markerat av"),
    )
    marked_at = models.DateTimeField(_("markerat"), auto_now=True)

    class Meta:
        verbose_name = _("återrapport till ledningsgruppen")
        verbose_name_plural = _("återrapporter till ledningsgrupperna")
        ordering = ["meeting", "administration__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "administration"], name="one_report_back_per_administration"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.administration}"


# Change history: registered here in one block rather than in each class. The
# question trail (QuestionEvent) and the published minutes (MinutesVersion) are append-only
# records of their own and get no history.
for _model in (Question, Minutes, MinutesEntry, ReportBack):
    register(_model, records_class=History, app="meetings")
del _model
register(ActionItem, records_class=History, app="meetings", m2m_fields=["administrations"])
