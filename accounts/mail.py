"""Where allauth's e-mails (password reset, address confirmation, sign-in notices) go.

`accounts` sits below every app, so it cannot use the meetings app's outbox itself. The meetings
app registers a sender here from its `AppConfig.ready()` (meetings/account_hooks.py), which
records the message in the outbox: it then leaves with the worker, is retried when the SMTP
server is away, and a request never waits on the mail server. Without a registered sender
(`accounts` on its own) the message is sent at once, as allauth does.

A sender takes the rendered message and allauth's template prefix
(`account/email/password_reset_key`).
"""

from collections.abc import Callable

from django.core.mail import EmailMessage

Sender = Callable[[EmailMessage, str], None]
_senders: list[Sender] = []


def register_sender(sender: Sender) -> Sender:
    """Send allauth's e-mails with `sender` from now on (the last registered wins)."""
    _senders[:] = [sender]
    return sender


def send(message: EmailMessage, template_prefix: str) -> None:
    if _senders:
        _senders[0](message, template_prefix)
    else:
        message.send()
