"""Logging: secrets masked in every line, and one line per refused request.

Secrets that travel in URLs are credentials: a calendar feed (`/kalender/<secret>.ics`, and
anything else after `/kalender/` but the page's own steps), a
colleague's invitation (`/moten/<id>/inbjudan/<token>/`), a password reset key
(`/konto/password/reset/key/<uid>-<key>/`) and an address confirmation key
(`/konto/confirm-email/<key>/`). They are masked three ways:

- `MaskSecrets`, a filter on the loggers that write request paths (django.request,
  django.security.csrf, django.server), rewrites the record itself, so every handler sees it
  masked;
- `MaskingFormatter` masks the whole formatted line, traceback included, of every record the
  console handler writes, whichever logger it came from;
- gunicorn's access and error logs are masked by config/gunicorn_logging.py.

Refusals: Django logs a 403 with a traceback of some twenty lines; the audit log already has
one line for it (`denied …`, accounts/audit.py), so `OneLinePerRefusal` drops Django's, and any
other 4xx (404, 405, a bad request) keeps its one line without the traceback.
"""

import logging
import re

from django.utils.log import ServerFormatter

HIDDEN = "[hemlig]"
_SECRETS = [
    # Whatever follows /kalender/ but the page's own steps is a feed secret, with or without
    # its .ics (a mistyped or truncated feed URL is answered 404, and Django logs the path).
    (
        re.compile(
            r"(/kalender/)(?!(?:ny-lank|leverans)(?:[/\s\"'?#]|$))"
            r"[^/\s\"'?#]+?((?i:\.ics))?(?=[/\s\"'?#]|$)"
        ),
        rf"\1{HIDDEN}\2",
    ),
    (re.compile(r"(/inbjudan/)[^/\s\"'?#]+"), rf"\1{HIDDEN}"),
    (re.compile(r"(/password/reset/key/[0-9A-Za-z]+-)[^/\s\"'?#]+"), rf"\1{HIDDEN}"),
    (re.compile(r"(/confirm-email/)[^/\s\"'?#]+"), rf"\1{HIDDEN}"),
]


def mask_secrets(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class MaskSecrets(logging.Filter):
    """Rewrites the record's message with the secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg = masked
            record.args = ()
            if getattr(record, "request", None) is not None:
                # AdminEmailHandler and others repr the request; hide its path there too.
                record.request = None
        return True


class MaskingFormatter(logging.Formatter):
    """The line as formatted (message, traceback and all), secrets masked."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_secrets(super().format(record))


class MaskingServerFormatter(ServerFormatter):
    """runserver's request lines, secrets masked."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_secrets(super().format(record))


class OneLinePerRefusal(logging.Filter):
    """Drops Django's line for a 403 (the audit log has it) and the traceback of other 4xx."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if not isinstance(status, int) or not 400 <= status < 500:
            return True
        if status == 403 and record.name.startswith(("django.request", "django.security")):
            return False
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
