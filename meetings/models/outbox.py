"""The outbox: every e-mail the app sends, recorded in the transaction of the change that
causes it, then delivered by the worker (meetings/outbox/).

A row holds the fully rendered message, or what its builder needs to render it at delivery
(a change that tells many people costs the request the same for any number), so delivery
needs nothing but the row and the database: a change that
is rolled back records nothing, a saved change never loses its messages, and the SMTP server
being down or slow only delays them.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from networks.models import Network


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, now) -> "OutboxMessageQuerySet":
        return self.filter(status=OutboxMessage.Status.QUEUED, next_attempt_at__lte=now)

    def failed(self) -> "OutboxMessageQuerySet":
        return self.filter(status=OutboxMessage.Status.FAILED)

    def for_network(self, network: Network) -> "OutboxMessageQuerySet":
        """A network's messages, and those tied to no network (every coordinator sees them)."""
        return self.filter(models.Q(network=network) | models.Q(network__isnull=True))


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Väntar")
        SENDING = "sending", _("Skickas")
        SENT = "sent", _("Skickat")
        FAILED = "failed", _("Misslyckat")

    # What the message is: the same recipient, kind, object and version is recorded once.
    recipient = models.CharField(max_length=254)
    kind = models.CharField(max_length=60)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_key = models.CharField(max_length=200)  # "app.model:pk", or the caller's own key
    version = models.CharField(max_length=64)
    # The messages recorded by one call, which the task enqueued on commit delivers.
    batch = models.CharField(max_length=32, blank=True)
    # Whose coordinators see it when delivery fails (none: every coordinator).
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The rendered message.
    subject = models.CharField(max_length=998)
    body = models.TextField()
    from_email = models.CharField(max_length=320, blank=True)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list)
    bcc = models.JSONField(default=list)
    reply_to = models.JSONField(default=list)
    headers = models.JSONField(default=dict)
    # [[content, mimetype], ...]: the HTML version, the iTIP part ("text/calendar; method=…").
    alternatives = models.JSONField(default=list)
    # [[filename, text content, mimetype], ...]
    attachments = models.JSONField(default=list)
    # A message recorded with `outbox.record_later`: the worker renders it at delivery with the
    # builder of this name (meetings/outbox/builders.py) from these arguments, and stores the
    # result in the fields above. Empty for a message recorded rendered.
    builder = models.CharField(max_length=60, blank=True, default="")
    arguments = models.JSONField(null=True, blank=True)

    # Delivery.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_key", "version"],
                name="outbox_once_per_recipient_kind_object_version",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient} ({self.status})"

    # allauth's e-mails (meetings/account_hooks.py): a password reset link or a code is a key
    # to someone's account, so such a message is shown to coordinators without its subject,
    # and keeps no body once sent (meetings/outbox/delivery.py).
    ACCOUNT_KIND_PREFIX = "account."

    @property
    def is_account_message(self) -> bool:
        return self.kind.startswith(self.ACCOUNT_KIND_PREFIX)


class OutboxFanoutQuerySet(models.QuerySet):
    def pending(self) -> "OutboxFanoutQuerySet":
        return self.filter(status=OutboxFanout.Status.QUEUED)


class OutboxFanout(models.Model):
    """One change told to everyone concerned (a meeting published, moved, cancelled, a new
    agenda version): recorded in the change's transaction as one row, whatever the number of
    people; the worker expands it into one OutboxMessage per person (meetings/outbox/fanout.py),
    reading the audience then, and delivers them."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Väntar")
        EXPANDED = "expanded", _("Utskickad")
        FAILED = "failed", _("Misslyckat")

    # Who is told: the audience registered under this name lists them from `arguments`.
    audience = models.CharField(max_length=60)
    # How each message is rendered (outbox builder), from `arguments` and what the audience
    # adds for each person (address, name, calendar method).
    builder = models.CharField(max_length=60)
    arguments = models.JSONField(default=dict)
    # The key each expanded message gets (with its recipient), and the fan-out's own: the same
    # kind, object and version is recorded once.
    kind = models.CharField(max_length=60)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_key = models.CharField(max_length=200)
    version = models.CharField(max_length=64)
    batch = models.CharField(max_length=32, blank=True)
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # When the change was recorded: the expanded messages are due from then, so they are sent
    # before anything recorded after the change (a seat's CANCEL after a meeting's REQUEST).
    recorded_at = models.DateTimeField()
    expanded_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxFanoutQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_key", "version"], name="outbox_fanout_once_per_version"
            )
        ]
        indexes = [models.Index(fields=["status", "recorded_at"], name="outbox_fanout_pending")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_key} v{self.version} ({self.status})"


class PeriodicJob(models.Model):
    """When a job of meetings/outbox/schedule.py last ran, and whether a worker holds it."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name
