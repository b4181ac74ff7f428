"""Taking part: a person's answer and attendance, and colleagues invited to one meeting."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models.meeting import Meeting
from representatives.models import Administration


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

    class Source(models.TextChoices):
        """Where the latest answer was given: on the app's pages or in Outlook (an iTIP
        REPLY read from the network's mailbox, meetings/replies/)."""

        APP = "app", _("i appen")
        OUTLOOK = "outlook", _("i Outlook")

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
    source = models.CharField(
        _("svarade via"), max_length=10, choices=Source.choices, default=Source.APP
    )
    # The note a person added to their answer in Outlook (the reply's COMMENT).
    comment = models.TextField(_("kommentar"), max_length=1000, blank=True)
    # Outlook's "Preliminärt" (PARTSTAT=TENTATIVE): noted beside the answer, which it leaves
    # as it was; the next answer, in the app or in Outlook, clears it.
    tentative = models.BooleanField(_("preliminärt"), default=False)
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
