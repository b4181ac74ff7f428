"""An account's life: deactivation when a person leaves, pseudonymisation after they have left.

`accounts` is the bottom of the dependency chain (every app points at the user model), so it
cannot know what other apps hold for a person. Apps that hold something that must end with an
account register a step here, from their `AppConfig.ready()`:

    from accounts import lifecycle
    lifecycle.on_deactivation(calendar.revoke_all_for_user)

`deactivate()` then runs every registered step in the same transaction. This is a plain,
explicit list of functions, not a signal: the order is the registration order and a failing
step rolls the whole deactivation back.

History is never touched: appointments, agenda items and meetings point at the user row,
which stays (deactivated, or pseudonymised), so every record keeps its content.
"""

import logging
from collections.abc import Callable
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.models import User

audit = logging.getLogger("audit")

DeactivationStep = Callable[[User], object]
_deactivation_steps: list[DeactivationStep] = []


def on_deactivation(step: DeactivationStep) -> DeactivationStep:
    """Register a function run (with the user) whenever an account is deactivated."""
    if step not in _deactivation_steps:
        _deactivation_steps.append(step)
    return step


def deactivation_steps() -> list[DeactivationStep]:
    return list(_deactivation_steps)


# Run at pseudonymisation with (user, former e-mail address), for data that names the person
# by address rather than by a link to the user row (e.g. a colleague's invitation).
PseudonymisationStep = Callable[[User, str], object]
_pseudonymisation_steps: list[PseudonymisationStep] = []


def on_pseudonymisation(step: PseudonymisationStep) -> PseudonymisationStep:
    if step not in _pseudonymisation_steps:
        _pseudonymisation_steps.append(step)
    return step


def end_sessions(user: User) -> int:
    """End every session of the user, wherever it is. Returns how many were ended.

    allauth's user sessions know the sessions made since it was enabled; with the database
    session store, sessions that it does not know are found by reading the live ones.
    """
    ended = 0
    if "allauth.usersessions" in settings.INSTALLED_APPS:
        from allauth.usersessions.models import UserSession

        for user_session in UserSession.objects.filter(user=user):
            user_session.end()
            ended += 1
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        store = import_module(settings.SESSION_ENGINE).SessionStore
        keys = [
            session.session_key
            for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
            if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
        ]
        for key in keys:
            store(key).delete()
        ended += len(keys)
    return ended


def deactivate(user: User, by: User | None = None) -> None:
    """Deactivate the account: it can no longer sign in, its sessions end, and every
    registered step runs (calendar links are revoked). Its history stays as it was."""
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        for step in _deactivation_steps:
            step(user)
        end_sessions(user)
    audit.info("account_deactivated user=%s by=%s", user.pk, by.pk if by else None)


def reactivate(user: User, by: User | None = None) -> None:
    """Let a deactivated person sign in again (e.g. appointed anew). Nothing ended comes back:
    they sign in afresh and make new calendar links."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.info("account_reactivated user=%s by=%s", user.pk, by.pk if by else None)


def pseudonymised_name(user: User) -> str:
    return f"Före detta användare #{user.pk}"


def pseudonymised_email(user: User) -> str:
    return f"anonymiserad-{user.pk}@invalid"


def pseudonymise(user: User, by: User | None = None) -> None:
    """Replace the person's name and address for good, after they have left.

    The row stays, so appointments, agenda items and history keep pointing at it and keep
    their content; only what identifies the person goes. Deactivates the account too.
    """
    with transaction.atomic():
        deactivate(user, by)
        former_email = user.email
        user.full_name = pseudonymised_name(user)
        user.email = pseudonymised_email(user)
        user.set_unusable_password()
        user.save(update_fields=["full_name", "email", "password"])
        if "allauth.account" in settings.INSTALLED_APPS:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.filter(user=user).delete()
        if "allauth.mfa" in settings.INSTALLED_APPS:
            from allauth.mfa.models import Authenticator

            Authenticator.objects.filter(user=user).delete()
        if "allauth.socialaccount" in settings.INSTALLED_APPS:
            from allauth.socialaccount.models import SocialAccount

            SocialAccount.objects.filter(user=user).delete()
        for step in _pseudonymisation_steps:
            step(user, former_email)
    audit.info("account_pseudonymised user=%s by=%s", user.pk, by.pk if by else None)
