"""The open suggestions' rows, written in Python: a template's cost per row (an include, two
forms' `{% url %}` and `{% csrf_token %}`, the title five times through `|sv`) was most of
the suggestions page. tests/wishes/test_rows.py holds them to the template rows they replaced
(still used for a row whose coordinator form came back with errors)."""

from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.content_language import Swedish
from config.dates import long_date
from config.reversing import key_url, pk_url


class _Urls:
    """The adopt and close URLs of a network's suggestions, reversed once."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.plan = escape(reverse("plan_term", args=[code]))

    def of(self, name: str, pk: int) -> str:
        return escape(key_url(name, self.code, key=pk))


def suggestion_body(suggestion: Any, swedish: Swedish, title: str | None = None) -> str:
    """templates/meetings/wishes/_suggestion.html: title, meta line, why and support block.
    `title`: the title as `swedish` writes it, if the caller has it already."""
    title = swedish(suggestion.title) if title is None else title
    why = swedish(linebreaksbr(suggestion.why, autoescape=True))
    return (
        f'<h3 class="h-small agenda-title">{title}</h3>\n'
        f'<p class="agenda-meta">{conditional_escape(suggestion.meta)}</p>\n'
        f"<p>{why}</p>\n"
        f"{conditional_escape(suggestion.support)}"
    )


class OpenRows:
    """Writes the open suggestions' `<li>` rows of one page for one person."""

    def __init__(
        self, *, code: str, can_coordinate: bool, has_targets: bool, csrf: str, htmx: bool
    ) -> None:
        self.can_coordinate = can_coordinate
        self.has_targets = has_targets
        self.csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf)}">'
        self.htmx = htmx
        self.urls = _Urls(code) if can_coordinate else None
        self.swedish = Swedish()
        if can_coordinate:
            # As `{% translate %}` writes them: not escaped (the catalogue's own markup).
            self.adopt_summary = _("Gör till mötets tema")
            self.adopt_button = _("Gör till tema")
            self.no_targets = _(
                "Nätverket har inga planerade, kommande möten utan publicerat tema."
            )
            self.plan_link = _("Planera möten")
            self.close_summary = _("Avsluta förslaget")
            self.close_button = _("Avsluta")

    def row(self, suggestion: Any, first: bool) -> SafeString:
        pk = int(suggestion.pk)
        focus = ' tabindex="-1" data-focus' if self.htmx and first else ""
        title = self.swedish(suggestion.title)
        parts = [
            f'<li class="suggestion" id="suggestion-{pk}"{focus}>',
            suggestion_body(suggestion, self.swedish, title),
        ]
        if self.can_coordinate:
            assert self.urls is not None
            hidden = f'<span class="visually-hidden">: {title}</span>'
            parts.append(
                f'<details class="item-settings"><summary>{self.adopt_summary}{hidden}</summary>'
            )
            if self.has_targets:
                parts.append(
                    f'<form method="post" action="{self.urls.of("theme_suggestion_adopt", pk)}"'
                    f' class="stacked-form" novalidate>{self.csrf}'
                    f"{conditional_escape(suggestion.adopt_field)}"
                    f'<button type="submit">{self.adopt_button}{hidden}</button></form>'
                )
            else:
                parts.append(
                    f'<p>{self.no_targets} <a href="{self.urls.plan}">{self.plan_link}</a></p>'
                )
            parts.append(
                "</details>"
                f'<details class="item-settings"><summary>{self.close_summary}{hidden}</summary>'
                f'<form method="post" action="{self.urls.of("theme_suggestion_close", pk)}"'
                f' class="stacked-form" novalidate>{self.csrf}'
                f"{conditional_escape(suggestion.close_field)}"
                f'<button type="submit" class="button-secondary">{self.close_button}{hidden}'
                "</button></form></details>"
            )
        parts.append("</li>")
        return mark_safe("\n".join(parts))  # noqa: S308 (all escaped)


def handled_row(suggestion: Any, *, first: bool, htmx: bool, can_coordinate: bool) -> SafeString:
    """A handled suggestion's `<li>` (adopted or closed), as the page's template wrote it."""
    pk = int(suggestion.pk)
    focus = ' tabindex="-1" data-focus' if htmx and first else ""
    swedish = Swedish()
    parts = [
        f'<li class="suggestion suggestion-{escape(suggestion.status)}" id="suggestion-{pk}"'
        f"{focus}>",
        suggestion_body(suggestion, swedish),
    ]
    if suggestion.status == "adopted":
        meeting = suggestion.adopted_meeting
        day = escape(long_date(meeting.starts_at))
        # As {% blocktranslate %} writes it: its values escaped, the text not.
        if meeting.is_published or can_coordinate:
            url = escape(pk_url("meeting_detail", meeting.pk))
            said = f'<a href="{url}">{_("mötet %(day)s") % {"day": day}}</a>'
        else:
            said = _("mötet %(day)s (temat publiceras senare)") % {"day": day}
        parts.append(f'<p><span class="status">{_("Antaget som tema")}</span> – {said}</p>')
    else:
        parts.append(
            f'<p><span class="status">{_("Avslutat")}</span></p>'
            f'<p class="reason">{_("Samordnarnas motivering:")} '
            f"{swedish(suggestion.closed_reason)}</p>"
        )
    parts.append("</li>")
    return mark_safe("\n".join(parts))  # noqa: S308 (all escaped)
