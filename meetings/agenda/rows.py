"""The coordinators' workspace's long lists, written without a template pass per item.

Each item on the agenda carries two forms (time and presenter; remove, defer or decline) and
each pending proposal one, all alike but for the item's id, title and values: rendering them
through the form layout per item was most of the page. They are rendered once per request for
a stand-in item (`Stamp`) and each item's values are put into that HTML: the same markup as the
template's (tests/agenda/test_rows.py renders the page both ways). An item whose form came back
with errors is rendered by the template, as before.

The handled proposals, one line each, are written with format_html (compared with the template
loop they replaced in the same test).
"""

import functools
import html
import re
import types
import uuid
from collections.abc import Iterable

from django.db import models
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from config.content_language import interface_is_swedish, sv, sv_text
from config.dates import moment
from meetings.agenda.forms import OwnItemForm, PublishForm, TriageForm
from meetings.form_fields import goal_rows, work_area_rows
from meetings.models import AgendaItem, AgendaVersion, Meeting
from networks.models import Network

# Stand-ins for an item's values in a stamp. The id must be a number (the links' URLs take
# one); the others are private-use characters no one types.
PK = 987654321
TITLE, MINUTES, PRESENTER = "\ue020", "\ue021", "\ue022"
_STAND_INS = re.compile(f"({PK}|{TITLE}|{MINUTES}|{PRESENTER})")
# The CSRF token's stand-in in a kept stamp: each request puts its own token there.
CSRF = "\ue023"

# Stamps kept by what their HTML is made of (`Stamp`): the template, the interface language,
# the meeting, the deferral targets and the stand-in item. A workspace is read after every
# change a coordinator makes in it, and its stamps differ only when one of these does.
_KEPT: dict[tuple, str] = {}
_MAX_KEPT = 256


class Stamp:
    """A template (or partial) rendered once for a stand-in item, giving each item's HTML by
    replacing the stand-ins with its escaped values.

    The context's forms are the page's blank ones (`time_blank`, `triage_blank`): what they
    show depends only on the deferral targets, so the HTML is kept per process under those,
    the meeting and the language (`_KEPT`), with a stand-in for the CSRF token."""

    parts: list[str] | None = None  # the HTML split at its stand-ins, when first stamped

    def __init__(self, template_name: str, context: dict, request: HttpRequest, **stand_in):
        key = (template_name, get_language(), _made_of(context), tuple(sorted(stand_in.items())))
        html = _KEPT.get(key)
        if html is None:
            item = types.SimpleNamespace(
                pk=PK, title=TITLE, time_form=None, triage_form=None, **stand_in
            )
            html = render_to_string(
                template_name, {**context, "item": item, "csrf_token": CSRF}, request
            )
            if len(_KEPT) >= _MAX_KEPT:
                _KEPT.clear()
            _KEPT[key] = html
        self.html = html.replace(CSRF, _token(request))

    def without(self, text: str) -> "Stamp | None":
        """This stamp with `text` taken out, when it holds it once and the stand-in it carries
        nowhere else (else None: render the other stamp)."""
        stand_ins = [part for part in (TITLE, MINUTES, PRESENTER) if part in text]
        if self.html.count(text) != 1 or any(
            self.html.count(part) != text.count(part) for part in stand_ins
        ):
            return None
        other = object.__new__(Stamp)
        other.html = mark_safe(self.html.replace(text, ""))  # noqa: S308 (our render, less)
        return other

    def __call__(self, item: AgendaItem) -> SafeString:
        # The HTML split once at its stand-ins (the odd parts), then joined with each item's
        # values: one pass a row, not a replacement over the whole HTML per stand-in.
        parts = self.parts
        if parts is None:
            parts = self.parts = _STAND_INS.split(self.html)
        values = {
            str(PK): str(item.pk),
            TITLE: html.escape(item.title),
            MINUTES: str(item.minutes),
            PRESENTER: html.escape(item.presenter),
        }
        joined = parts[:]
        joined[1::2] = [values[stand_in] for stand_in in parts[1::2]]
        return mark_safe("".join(joined))  # noqa: S308 (our render; every value is escaped)


def _made_of(context: dict) -> tuple:
    """What a stamp's HTML depends on besides its template, stand-ins and language: the
    meeting (its URLs) and the deferral targets offered (their ids and names)."""
    targets = context["triage_blank"].fields["to_meeting"].choices
    return (context["meeting"].pk, tuple((str(pk), str(label)) for pk, label in targets))


def _token(request: HttpRequest) -> str:
    """A form's CSRF token without the stand-in id in it: one masked token for all the
    stamped forms of a response (any masked token is valid; masking one costs more than
    putting it into a form)."""
    token = getattr(request, "_stamped_csrf_token", None)
    if token is None:
        while str(PK) in (token := get_token(request)):
            pass
        request._stamped_csrf_token = token  # type: ignore[attr-defined]
    return token


@functools.lru_cache(maxsize=16)
def _labels(choices: type[models.TextChoices], language: str | None) -> dict[str, str]:
    """A choice's label per value, escaped, in the active `language` (in the key)."""
    return {value: html.escape(str(label)) for value, label in choices.choices}


def stamped(meeting: Meeting, triage_blank: TriageForm) -> bool:
    """Whether stamps can be used: the stand-in id appears nowhere else in what they hold
    (the meeting's id, the deferral targets' ids and names)."""
    return str(PK) not in " ".join(
        [
            str(meeting.pk),
            *(f"{pk} {target}" for pk, target in triage_blank.targets.items()),
        ]
    )


def attach_stamped_forms(
    request: HttpRequest,
    context: dict,
    proposals: list[AgendaItem],
    draft: list[AgendaItem],
    focus: tuple[int, str] | None = None,
) -> None:
    """Set `settings_html` on each item on the agenda (what its "Tid, föredragande, ta bort"
    holds) and `triage_html` on each pending proposal (its decision form), unless its form
    came back with errors, or that has no title (the template renders those). When every
    item has its forms stamped, the rows are written here too (`draft_rows`, `proposal_rows`);
    `focus`: the item and the direction of the move button to focus (after a move)."""
    meeting = context["meeting"]
    if not stamped(meeting, context["triage_blank"]):
        return
    base = {
        "meeting": meeting,
        "time_blank": context["time_blank"],
        "triage_blank": context["triage_blank"],
    }
    settings_stamps: dict[bool, Stamp | None] = {}
    for item in draft:
        if item.time_form or item.triage_form or not item.title:  # type: ignore[attr-defined]
            continue
        has_presenter = bool(item.presenter)
        if not settings_stamps:
            with_presenter = settings_stamps[True] = Stamp(
                "meetings/agenda/manage.html#item-settings",
                base,
                request,
                status=AgendaItem.Status.ACCEPTED,
                minutes=MINUTES,
                presenter=PRESENTER,
            )
            # Without a presenter the field has no value attribute, which is the one place the
            # stand-in is: that stamp is this one without it, not a second render.
            settings_stamps[False] = with_presenter.without(f' value="{PRESENTER}"')
        stamp = settings_stamps[has_presenter]
        if stamp is None:
            stamp = settings_stamps[has_presenter] = Stamp(
                "meetings/agenda/manage.html#item-settings",
                base,
                request,
                status=AgendaItem.Status.ACCEPTED,
                minutes=MINUTES,
                presenter=PRESENTER if has_presenter else "",
            )
        item.settings_html = stamp(item)  # type: ignore[attr-defined]
    triage: Stamp | None = None
    for item in proposals:
        if item.triage_form or not item.title:  # type: ignore[attr-defined]
            continue
        if triage is None:
            triage = Stamp(
                "meetings/agenda/manage.html#proposal-triage",
                base,
                request,
                status=AgendaItem.Status.PROPOSED,
            )
        item.triage_html = triage(item)  # type: ignore[attr-defined]
    if draft and all(hasattr(item, "settings_html") for item in draft):
        context["draft_rows"] = draft_rows(draft, meeting, _token(request), focus)
    if proposals and all(hasattr(item, "triage_html") for item in proposals):
        htmx_get = bool(getattr(request, "htmx", False)) and request.method == "GET"
        context["proposal_rows"] = proposal_rows(proposals, focus_first=htmx_get)


# The own item form's blank fields kept by language and the network's work areas and goals
# (`add_fields`), with a stand-in for the one-time token each render gets anew.
_ADD_FIELDS: dict[tuple, str] = {}
# A network's (tens of kilobytes: every goal an option) per language: a few dozen at most.
_MAX_ADD_FIELDS = 64
SUBMISSION = uuid.UUID(int=PK)


def add_fields(network: Network) -> SafeString:
    """A blank own item form's (empty) error summary and fields (manage.html's `add-fields`),
    rendered once per language and choices (the network's work areas and goals: the goal
    select lists every goal of the network) and given a new one-time token each time. The
    form is only made for a render."""
    work_areas, goals = work_area_rows(network.pk), goal_rows(network.pk)
    key = (get_language(), tuple(work_areas), tuple(goals))
    html = _ADD_FIELDS.get(key)
    if html is None:
        form = OwnItemForm(network=network, initial={"submission": SUBMISSION})
        # The rows just read, not read again when the selects are written.
        form.fields["work_area"].choice_rows = work_areas  # type: ignore[attr-defined]
        form.fields["goal"].choice_rows = goals  # type: ignore[attr-defined]
        html = render_to_string("meetings/agenda/manage.html#add-fields", {"add_form": form})
        if len(_ADD_FIELDS) >= _MAX_ADD_FIELDS:
            _ADD_FIELDS.clear()
        _ADD_FIELDS[key] = html
    token = str(uuid.uuid4())
    return mark_safe(html.replace(str(SUBMISSION), token))  # noqa: S308 (our render, a uuid)


def version_rows(versions: Iterable[AgendaVersion]) -> SafeString:
    """The published versions' `<li>`s: each linked, when and by whom it was published, and
    its note (what manage.html's loop wrote; tests/agenda/test_rows.py compares them)."""
    swedish = interface_is_swedish()
    rows = []
    for version in versions:
        by = version.published_by
        who = f", {html.escape(by.full_name or by.email)}" if by else ""
        note = f": {sv_text(version.change_note, swedish)}" if version.change_note else ""
        number = gettext("Version %(number)s") % {"number": version.number}
        rows.append(
            f'\n        <li><a href="{html.escape(version.get_absolute_url())}">{number}</a>, '
            f"{html.escape(moment(version.published_at))}{who}{note}</li>\n      "
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped)


# The publish form's blank fields kept by language and the version it is based on.
_PUBLISH_FIELDS: dict[tuple, str] = {}


def publish_fields(based_on: int) -> SafeString:
    """A blank publish form's (empty) error summary and fields (manage.html's
    `publish-fields`), rendered once per language and version number."""
    key = (get_language(), based_on)
    found = _PUBLISH_FIELDS.get(key)
    if found is None:
        form = PublishForm(initial={"based_on": based_on})
        found = render_to_string(
            "meetings/agenda/manage.html#publish-fields", {"publish_form": form}
        )
        if len(_PUBLISH_FIELDS) >= _MAX_KEPT:
            _PUBLISH_FIELDS.clear()
        _PUBLISH_FIELDS[key] = found
    return mark_safe(found)  # noqa: S308 (our render)


def draft_rows(
    items: list[AgendaItem], meeting: Meeting, token: str, focus: tuple[int, str] | None
) -> SafeString:
    """The agenda's `<li>`s, each with its stamped settings (`settings_html`): title, kind,
    time, presenter, administration, a goal follow-up's figures, and the buttons that move
    it up and down (none up for the first, none down for the last)."""
    swedish = interface_is_swedish()
    kinds = _labels(AgendaItem.Kind, get_language())
    move = html.escape(reverse("agenda_move", args=[meeting.pk, PK]))
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{html.escape(token)}">'
    labels = {"up": f"↑ {html.escape(gettext('Upp'))}", "down": f"↓ {html.escape(gettext('Ner'))}"}

    def button(item: AgendaItem, direction: str, title: str) -> str:
        url = move.replace(str(PK), str(item.pk))
        focused = " data-focus" if focus == (item.pk, direction) else ""
        return (
            f'<form method="post" action="{url}" hx-post="{url}" hx-target="#workspace">\n'
            f'{csrf}<input type="hidden" name="position" value="{item.position}">'
            f'<input type="hidden" name="direction" value="{direction}">\n'
            f'<button type="submit" class="button-secondary" id="move-{direction}-{item.pk}"'
            f'{focused}>{labels[direction]}<span class="visually-hidden">: {title}</span>'
            "</button>\n</form>"
        )

    rows = []
    last = len(items) - 1
    for index, item in enumerate(items):
        title = sv_text(item.title, swedish)
        minutes = ngettext("%(minutes)s minut", "%(minutes)s minuter", item.minutes) % {
            "minutes": item.minutes
        }
        meta = f"{kinds.get(item.kind, html.escape(item.kind))} · {minutes}"
        if item.presenter:
            meta += f" · {sv_text(item.presenter, swedish)}"
        if item.administration:
            meta += f" · {sv_text(item.administration.name, swedish)}"
        figures = getattr(item, "goal_figures", None)
        goal = figures.agenda_html() if figures else ""
        rows.append(
            f'<li id="item-{item.pk}">\n<div class="agenda-row">\n<div>\n'
            f'<span class="agenda-title">{title}</span>\n'
            f'<span class="agenda-meta">{meta}</span>\n{goal}\n</div>\n'
            f'<div class="move-buttons">\n{button(item, "up", title) if index else ""}\n'
            f"{button(item, 'down', title) if index < last else ''}\n</div>\n</div>\n"
            f'<details class="item-settings">\n{item.settings_html}</details>\n</li>'  # type: ignore[attr-defined]
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every value above is escaped)


def proposal_rows(items: list[AgendaItem], *, focus_first: bool) -> SafeString:
    """The pending proposals' `<li>`s, each with its stamped decision form (`triage_html`):
    title, kind, wished time, administration, proposer, work area, whether it is a management
    group's question, and the description. `focus_first`: the rows "Visa fler" added, the
    first taking the focus."""
    swedish = interface_is_swedish()
    kinds = _labels(AgendaItem.Kind, get_language())
    management = html.escape(gettext("fråga från ledningsgrupp"))

    def text(value: str) -> str:  # the `sv` filter's output, escaped
        return sv_text(value, swedish)

    rows = []
    for index, item in enumerate(items):
        focus = ' tabindex="-1" data-focus' if focus_first and index == 0 else ""
        minutes = ngettext(
            "%(minutes)s minut önskas", "%(minutes)s minuter önskas", item.wished_minutes
        ) % {"minutes": item.wished_minutes}
        meta = [kinds.get(item.kind, html.escape(item.kind)), minutes]
        if item.administration:
            meta.append(text(item.administration.name))
        if item.proposed_by:
            meta.append(html.escape(item.proposed_by.full_name or item.proposed_by.email))
        if item.work_area:
            meta.append(text(item.work_area.name))
        if item.is_management_question:
            meta.append(f"<strong>{management}</strong>")
        description = ""
        if item.description:
            lines = linebreaksbr(item.description, autoescape=True)
            description = f"<p>{lines if swedish else sv(lines)}</p>"
        rows.append(
            f'<li class="proposal" id="proposal-{item.pk}"{focus}>\n'
            f'  <span class="agenda-title">{text(item.title)}</span>\n'
            f'  <span class="agenda-meta">{" · ".join(meta)}</span>\n'
            f"  {description}\n"
            f"  {item.triage_html}\n"  # type: ignore[attr-defined]
            "</li>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every value above is escaped)


def handled_rows(items: Iterable[AgendaItem]) -> SafeString:
    """The handled proposals' lines: title, status, administration, the reason given, and the
    link to the item's history. Written with f-strings of escaped values (a format_html per
    value cost more than the rest of the list)."""
    statuses = _labels(AgendaItem.Status, get_language())
    history = html.escape(gettext("Ändringshistorik"))
    link = html.escape(reverse("object_history", args=["dagordningspunkt", PK]))
    swedish = interface_is_swedish()

    def text(value: str) -> str:  # the `sv` filter's output, escaped
        return sv_text(value, swedish)

    rows = []
    for item in items:
        title = text(item.title)
        administration = f" · {text(item.administration.name)}" if item.administration else ""
        reason = (
            f'<p class="reason">{text(item.decision_reason)}</p>' if item.decision_reason else ""
        )
        hidden = f'<span class="visually-hidden">: {title}</span>' if item.title else ""
        status = html.escape(item.status)
        rows.append(
            f'<li><span class="agenda-title">{title}</span> <span class="status status-{status}">'
            f"{statuses.get(item.status, status)}</span>{administration}{reason} "
            f'<a class="history-link" href="{link.replace(str(PK), str(item.pk))}">{history}'
            f"{hidden}</a>\n</li>"
        )
    return mark_safe("\n      ".join(rows))  # noqa: S308 (every value above is escaped)
