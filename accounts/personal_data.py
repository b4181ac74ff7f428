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
from config.prepared import Prepared

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


# The account's own lists, each a query compiled once (config/prepared.py): the export reads
# about twenty small tables, and building and compiling their querysets cost Django more than
# reading them. Each only when its app is installed.
if "allauth.account" in settings.INSTALLED_APPS:
    from allauth.account.models import EmailAddress

    _EMAIL_ADDRESSES = Prepared(
        lambda user_id: (
            EmailAddress.objects.filter(user_id=user_id)
            .order_by("email")
            .values_list("email", "verified", "primary")
        ),
        user_id=int,
    )
if "allauth.mfa" in settings.INSTALLED_APPS:
    from allauth.mfa.models import Authenticator

    _AUTHENTICATORS = Prepared(
        lambda user_id: (
            Authenticator.objects.filter(user_id=user_id)
            .order_by("created_at")
            .values_list("type", "created_at", "last_used_at")
        ),
        user_id=int,
    )
if "allauth.usersessions" in settings.INSTALLED_APPS:
    from allauth.usersessions.models import UserSession

    _SESSIONS = Prepared(
        lambda user_id: (
            UserSession.objects.filter(user_id=user_id)
            .order_by("created_at")
            .values_list("ip", "user_agent", "created_at", "last_seen_at")
        ),
        user_id=int,
    )


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
        data["e-postadresser"] = [
            {"adress": email, "verifierad": verified, "primär": primary}
            for email, verified, primary in _EMAIL_ADDRESSES.rows(user_id=user.pk)
        ]
    if "allauth.mfa" in settings.INSTALLED_APPS:
        data["tvåstegsverifiering"] = [
            {"typ": kind, "skapad": iso(created_at), "senast_använd": iso(last_used_at)}
            for kind, created_at, last_used_at in _AUTHENTICATORS.rows(user_id=user.pk)
        ]
    if "allauth.usersessions" in settings.INSTALLED_APPS:
        data["sessioner"] = [
            {
                "ip-adress": ip,
                "webbläsare": user_agent,
                "startad": iso(created_at),
                "senast_sedd": iso(last_seen_at),
            }
            for ip, user_agent, created_at, last_seen_at in _SESSIONS.rows(user_id=user.pk)
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
