"""When a person last looked at a network's overview: what "Sedan ditt senaste besök" counts
from (meetings/visits/). One row per person and network, written at most every few minutes."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from networks.models import Network


class NetworkVisit(models.Model):
    """One person's visits to one network's overview.

    A visit is a run of views of the overview with short gaps: `seen_at` is the latest view
    recorded, `previous_seen_at` the last view of the visit before. The list of changes counts
    from `previous_seen_at`, so it stays while the person reloads the page and only moves on
    with the next visit (meetings/visits/changes.py).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_visits",
        verbose_name=_("person"),
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="+", verbose_name=_("nätverk")
    )
    seen_at = models.DateTimeField(_("senast sedd"))
    previous_seen_at = models.DateTimeField(_("förra besöket"), null=True, blank=True)

    class Meta:
        verbose_name = _("besök på nätverkets översikt")
        verbose_name_plural = _("besök på nätverkens översikter")
        constraints = [
            models.UniqueConstraint(fields=["user", "network"], name="one_visit_row_per_network"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.network}"

    def since(self, now: datetime.datetime, gap: datetime.timedelta) -> datetime.datetime | None:
        """The moment the changes count from when the person looks at `now`: the end of the
        previous visit. A view more than `gap` after the latest one starts a new visit, whose
        previous visit ended at `seen_at`."""
        if now - self.seen_at >= gap:
            return self.seen_at
        return self.previous_seen_at
