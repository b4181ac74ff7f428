"""Retention of data that are not records: sessions, tokens, pending invitations.

Records (appointments, agenda items, meetings, minutes) are public records and are kept.
Everything else is kept only as long as it is needed, and `manage.py apply_retention`
(run daily, e.g. from cron) deletes what is older. The periods are in README ("Accounts").

Apps register their own rules from `AppConfig.ready()` (`accounts` cannot import them):

    retention.register("revoked calendar links", delete_old_revoked_tokens)

A rule is a function of `now` that deletes and returns how many rows it deleted.
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

Rule = Callable[[datetime.datetime], int]
_rules: dict[str, Rule] = {}


def register(name: str, rule: Rule) -> None:
    _rules[name] = rule


def delete_expired_sessions(now: datetime.datetime) -> int:
    """Sessions past their expiry (they no longer sign anyone in), and allauth's record of
    them (the "Mina inloggningar" list)."""
    deleted = 0
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    if "allauth.usersessions" in settings.INSTALLED_APPS:
        from allauth.usersessions.models import UserSession

        for user_session in UserSession.objects.all().iterator():
            if user_session.purge():
                deleted += 1
    return deleted


register("utgångna sessioner", delete_expired_sessions)


def apply(now: datetime.datetime | None = None) -> dict[str, int]:
    """Apply every rule; returns rows deleted per rule."""
    now = now or timezone.now()
    results = {}
    for name, rule in _rules.items():
        with transaction.atomic():
            results[name] = rule(now)
    return results
