"""The e-mails the app builds: every one goes through `message()`.

- Subjects are single-line by construction: line breaks, tabs and other control characters in
  a title someone typed become spaces (a line break in a header made Django raise
  BadHeaderError after the change was saved, and no mail went out).
- Plain-text bodies and subjects are rendered without HTML escaping (`render_text`): Django's
  templates escape by default, which turned O'Brien into O&#x27;Brien and & in links into &amp;.
- Links in them (and in calendar parts) are absolute, on SITE_URL (`absolute_url`).
"""

import unicodedata
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template

# Line and paragraph separators and every control character (C0, DEL, C1 such as NEL).
_BREAKING = {"Cc", "Zl", "Zp"}


def single_line(text: object) -> str:
    """`text` on one line: every break or control character a space, runs of space one."""
    spaced = "".join(
        " " if unicodedata.category(character) in _BREAKING else character
        for character in str(text)
    )
    return " ".join(spaced.split())


def absolute_url(path: str) -> str:
    """The link to `path` (as `reverse()` or `get_absolute_url()` give it) on SITE_URL, for
    what is read outside the site: e-mails, calendar parts, feeds. One slash between the two
    whether or not SITE_URL ends with one or `path` starts with one."""
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def render_text(template_name: str, context: dict) -> str:
    """A plain-text template rendered as text: nothing HTML-escaped."""
    template = get_template(template_name).template  # type: ignore[attr-defined]
    return template.render(Context(context, autoescape=False))


def render_subject(template_name: str, context: dict, prefix: str | None = None) -> str:
    """A subject on one line, after the one prefix every e-mail of the app has (allauth's
    setting, so sign-in mail and ours read alike)."""
    if prefix is None:
        prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
    return single_line(prefix + render_text(template_name, context))


def message(
    subject: str,
    body: str,
    to: Sequence[str],
    *,
    from_email: str | None = None,
    reply_to: Sequence[str] | None = None,
) -> EmailMultiAlternatives:
    """A message with its subject on one line; attach calendar parts or alternatives to it."""
    return EmailMultiAlternatives(
        subject=single_line(subject),
        body=body,
        from_email=from_email,
        to=list(to),
        reply_to=list(reply_to) if reply_to else None,
    )
