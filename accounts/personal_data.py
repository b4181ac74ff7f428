"""What the app holds about a person, as one JSON document they can download.

Like the lifecycle (accounts/lifecycle.py), each app that holds something about a person
registers a section from its `AppConfig.ready()`, since `accounts` cannot import them:

    personal_data.register("uppdrag", appointments_of)

A section is a function of the user returning JSON-serialisable data (lists of dicts).
Secrets are never exported: no password hash, no calendar link hashes, no two-factor seeds.
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

from accounts.models import User

Section = Callable[[User], object]
_sections: dict[str, Section] = {}

FORMAT_VERSION = 1


def register(name: str, section: Section) -> None:
    _sections[name] = section


def iso(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def account_section(user: User) -> dict:
    data: dict[str, object] = {
        "id": user.pk,
        "e-postadress": user.email,
        "namn": user.full_name,
        "aktiv": user.is_active,
        "administratör": user.is_staff,
        "skapad": iso(user.date_joined),
        "senaste_inloggning": iso(user.last_login),
        "kalenderleverans": user.calendar_delivery,
    }
    if "allauth.account" in settings.INSTALLED_APPS:
        from allauth.account.models import EmailAddress

        data["e-postadresser"] = [
            {"adress": a.email, "verifierad": a.verified, "primär": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ]
    if "allauth.mfa" in settings.INSTALLED_APPS:
        from allauth.mfa.models import Authenticator

        data["tvåstegsverifiering"] = [
            {"typ": a.type, "skapad": iso(a.created_at), "senast_använd": iso(a.last_used_at)}
            for a in Authenticator.objects.filter(user=user).order_by("created_at")
        ]
    if "allauth.usersessions" in settings.INSTALLED_APPS:
        from allauth.usersessions.models import UserSession

        data["sessioner"] = [
            {
                "ip-adress": s.ip,
                "webbläsare": s.user_agent,
                "startad": iso(s.created_at),
                "senast_sedd": iso(s.last_seen_at),
            }
            for s in UserSession.objects.filter(user=user).order_by("created_at")
        ]
    return data


def export(user: User) -> dict:
    """Everything, by section: the account first, then each registered section."""
    document: dict[str, object] = {
        "format": FORMAT_VERSION,
        "exporterad": iso(timezone.now()),
        "konto": account_section(user),
    }
    for name, section in _sections.items():
        document[name] = section(user)
    return document
