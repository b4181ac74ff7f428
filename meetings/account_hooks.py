"""What the meetings app contributes to an account's lifecycle, personal data export and
retention (see accounts/lifecycle.py, personal_data.py, retention.py).

Registered once, from MeetingsConfig.ready(): `accounts` sits below every app and cannot
import us, so it offers registration points and we fill them.
"""

import datetime

from accounts import lifecycle, personal_data, retention
from accounts.personal_data import iso
from meetings import calendar
from meetings.models import AgendaItem, CalendarToken

# Revoked calendar links are kept 90 days (to answer "why did my calendar stop?"), then deleted.
REVOKED_TOKENS_KEPT = datetime.timedelta(days=90)


def agenda_items_of(user) -> list[dict]:
    items = AgendaItem.objects.filter(proposed_by=user).select_related(
        "meeting__network", "administration", "work_area"
    )
    return [
        {
            "rubrik": item.title,
            "beskrivning": item.description,
            "typ": item.kind,
            "status": item.status,
            "önskad_tid_minuter": item.wished_minutes,
            "möte": iso(item.meeting.starts_at),
            "nätverk": item.meeting.network.code,
            "förvaltning": str(item.administration) if item.administration_id else None,
            "arbetsområde": str(item.work_area) if item.work_area_id else None,
            "skapad": iso(item.created_at),
        }
        for item in items.order_by("created_at", "pk")
    ]


def calendar_links_of(user) -> list[dict]:
    tokens = CalendarToken.objects.filter(user=user).select_related("network")
    return [
        {
            "typ": token.kind,
            "nätverk": token.network.code if token.network_id else None,
            "skapad": iso(token.created_at),
            "återkallad": iso(token.revoked_at),
        }
        for token in tokens.order_by("created_at", "pk")
    ]


def delete_old_revoked_tokens(now: datetime.datetime) -> int:
    deleted, _ = CalendarToken.objects.filter(revoked_at__lt=now - REVOKED_TOKENS_KEPT).delete()
    return deleted


lifecycle.on_deactivation(calendar.revoke_all_for_user)
personal_data.register("dagordningspunkter", agenda_items_of)
personal_data.register("kalenderlänkar", calendar_links_of)
retention.register("återkallade kalenderlänkar", delete_old_revoked_tokens)
