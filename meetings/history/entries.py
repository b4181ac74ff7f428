"""An object's change history as people read it: who, when, which fields from what to what.

The rows are written by django-simple-history (networks/history.py). This module says which
models have a history page (`REGISTRY`, keyed by the slug in `/historik/<key>/<pk>/`) and
turns the rows into entries: field names by their verbose names, choices by their labels,
related objects by their names. A page costs a fixed number of queries however long the
history is: the rows with their users in one, each M2M field's rows in one, and the related
objects' names in one per related model.
"""

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import get_m2m_reverse_field_name

from meetings.models import (
    ActionItem,
    AgendaItem,
    ConsultationResponse,
    Document,
    Goal,
    Indicator,
    Meeting,
    Minutes,
    MinutesEntry,
    Question,
    ReportBack,
)
from networks.history import CREATED
from networks.models import Network, WorkArea
from representatives.models import Administration, Appointment
from representatives.rules import is_director

# Bookkeeping that changes with every save and says nothing to a reader.
HIDDEN_FIELDS = frozenset(
    {"id", "version", "sequence", "created_at", "updated_at", "uid", "file_key", "marked_at"}
)
# The newest rows shown; older ones are summarised as "and N older changes".
SHOWN = 100
LONG_TEXT = 300


@dataclasses.dataclass(frozen=True)
class Tracked:
    """A model with a history page: how to load an object and where its own page is."""

    model: type[models.Model]
    related: tuple[str, ...]
    page: Callable[[Any, object], str]  # (object, user) -> the URL of its page
    label: str | Promise


def _meeting_page(obj, user) -> str:
    return obj.meeting.get_absolute_url()


def _appointment_page(obj, user) -> str:
    """The director's own page for their administration's seats, else the network's list."""
    if is_director(user, obj.administration):
        return reverse("administration_detail", kwargs={"pk": obj.administration_id})
    return reverse("network_contacts", kwargs={"code": obj.network.code.lower()})


REGISTRY: dict[str, Tracked] = {
    "mote": Tracked(
        Meeting, ("network",), lambda o, user: o.get_absolute_url(), gettext_lazy("Möte")
    ),
    "dagordningspunkt": Tracked(
        AgendaItem,
        ("meeting__network",),
        lambda o, user: reverse("agenda_manage", kwargs={"pk": o.meeting_id}),
        gettext_lazy("Dagordningspunkt"),
    ),
    "dokument": Tracked(
        Document, ("network",), lambda o, user: o.get_absolute_url(), gettext_lazy("Dokument")
    ),
    "remissvar": Tracked(
        ConsultationResponse,
        ("document__network", "administration"),
        lambda o, user: o.document.get_absolute_url(),
        gettext_lazy("Remissvar"),
    ),
    "uppdrag": Tracked(
        Appointment,
        ("network", "administration", "person"),
        _appointment_page,
        gettext_lazy("Uppdrag"),
    ),
    "fraga": Tracked(
        Question,
        ("network",),
        lambda o, user: o.network.get_absolute_url(),
        gettext_lazy("Fråga från ledningsgruppen"),
    ),
    "anteckningar": Tracked(
        Minutes, ("meeting__network",), _meeting_page, gettext_lazy("Minnesanteckningar")
    ),
    "anteckning": Tracked(
        MinutesEntry,
        ("minutes__meeting__network", "agenda_item"),
        lambda o, user: o.minutes.meeting.get_absolute_url(),
        gettext_lazy("Anteckning för en punkt"),
    ),
    "atgard": Tracked(ActionItem, ("meeting__network",), _meeting_page, gettext_lazy("Åtgärd")),
    "aterrapport": Tracked(
        ReportBack,
        ("meeting__network", "administration"),
        _meeting_page,
        gettext_lazy("Återrapport"),
    ),
    "mal": Tracked(
        Goal, ("work_area__network",), lambda o, user: o.get_absolute_url(), gettext_lazy("Mål")
    ),
    "indikator": Tracked(
        Indicator,
        ("goal__work_area__network",),
        lambda o, user: o.goal.get_absolute_url() + f"#indicator-{o.pk}",
        gettext_lazy("Indikator"),
    ),
    "arbetsomrade": Tracked(
        WorkArea,
        ("network",),
        lambda o, user: reverse(
            "work_area_edit", kwargs={"code": o.network.code.lower(), "pk": o.pk}
        ),
        gettext_lazy("Arbetsområde"),
    ),
    "natverk": Tracked(
        Network,
        (),
        lambda o, user: reverse("network_settings", kwargs={"code": o.code.lower()}),
        gettext_lazy("Nätverkets inställningar"),
    ),
    "forvaltning": Tracked(
        Administration,
        (),
        lambda o, user: reverse("administration_list"),
        gettext_lazy("Förvaltning"),
    ),
}
KEYS = {tracked.model: key for key, tracked in REGISTRY.items()}


def history_url(obj) -> str:
    return reverse("object_history", kwargs={"key": KEYS[type(obj)], "pk": obj.pk})


@dataclasses.dataclass
class Change:
    field: str
    old: str
    new: str
    written: bool = False  # text people wrote (or the names of rows), so in Swedish


@dataclasses.dataclass
class Entry:
    at: datetime.datetime
    kind: str
    by: str
    changes: list[Change]


@dataclasses.dataclass
class Page:
    entries: list[Entry]
    older: int  # rows not shown


def _m2m_fields(history_model) -> list[tuple[models.ManyToManyField, str, str]]:
    """(field, accessor on a history row, attname of the related id in the M2M history row)."""
    found = []
    for field in history_model._history_m2m_fields:
        m2m_model = getattr(history_model, field.name).model
        accessor = m2m_model._meta.get_field("history").remote_field.get_accessor_name()
        target = m2m_model._meta.get_field(get_m2m_reverse_field_name(field)).attname
        found.append((field, accessor, target))
    return found


def _visible_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable and f.name not in HIDDEN_FIELDS and not f.primary_key
    ]


def history_page(obj, shown: int = SHOWN) -> Page:
    """The object's history, newest first, as entries of readable changes."""
    model = type(obj)
    m2m = _m2m_fields(obj.history.model)
    ordered = obj.history.order_by("-history_date", "-history_id")
    # One row more than shown, so the oldest shown row has something to be compared with.
    rows = list(
        ordered.select_related("history_user").prefetch_related(
            *(accessor for _field, accessor, _target in m2m)
        )[: shown + 1]
    )
    older = ordered.count() - shown if len(rows) > shown else 0
    fields = _visible_fields(model)
    names = [f.name for f in fields]
    by_name = {f.name: f for f in fields}

    raw: list[tuple[Any, list[tuple[models.Field, object, object]]]] = []
    for index, row in enumerate(rows[:shown]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changes: list[tuple[models.Field, object, object]] = []
        first = previous is None or row.history_type == CREATED
        if first:  # the values it was created with (or first recorded with)
            for f in fields:
                value = getattr(row, f.attname)
                if value not in (None, "", False):
                    changes.append((f, None, value))
        elif row.history_type != "-":
            delta = row.diff_against(previous, included_fields=names)
            changes = [(by_name[c.field], c.old, c.new) for c in delta.changes]
        for field, accessor, target in m2m:
            now = {getattr(r, target) for r in getattr(row, accessor).all()}
            before = (
                {getattr(r, target) for r in getattr(previous, accessor).all()}
                if not first
                else set()
            )
            if now != before:
                changes.append((field, before, now))
        raw.append((row, changes))

    names_of = _related_names(raw)
    entries = []
    for row, changes in raw:
        readable = [
            Change(
                capfirst(str(field.verbose_name)),
                _show(field, old, names_of),
                _show(field, new, names_of),
                _is_written(field),
            )
            for field, old, new in changes
        ]
        if row.history_type not in ("+", "-") and not readable:
            continue  # a save that changed only bookkeeping
        entries.append(
            Entry(
                at=row.history_date,
                kind={"+": _("Skapad"), "-": _("Borttagen")}.get(row.history_type, _("Ändrad")),
                by=_person(row.history_user),
                changes=readable,
            )
        )
    return Page(entries=entries, older=older)


def _person(user) -> str:
    if user is None:
        return _("systemet")
    return getattr(user, "full_name", "") or user.email


def _related_names(raw) -> dict[type[models.Model], dict[int, str]]:
    """The names of every related object the changes mention: one query per related model."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for _row, changes in raw:
        for field, old, new in changes:
            if field.many_to_many:
                wanted[field.related_model] |= old | new
            elif field.is_relation:
                wanted[field.related_model] |= {v for v in (old, new) if v is not None}
    return {
        related: {pk: str(obj) for pk, obj in related._default_manager.in_bulk(pks).items()}
        for related, pks in wanted.items()
        if pks
    }


def _is_written(field: models.Field) -> bool:
    """Whether the field's values are text people wrote, not choices, dates or numbers."""
    if field.is_relation:
        return True
    return not field.choices and isinstance(field, models.CharField | models.TextField)


def _show(field: models.Field, value, names_of: dict[Any, dict[int, str]]) -> str:
    empty = "–"
    if field.many_to_many:
        names = names_of.get(field.related_model, {})
        shown = sorted(names.get(pk, _("(borttagen #%(pk)s)") % {"pk": pk}) for pk in value)
        return "; ".join(shown) or empty
    if value is None or value == "":
        return empty
    if field.is_relation:
        return names_of.get(field.related_model, {}).get(
            value, _("(borttagen #%(pk)s)") % {"pk": value}
        )
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(field, models.FileField):
        return _("en fil")
    return Truncator(str(value)).chars(LONG_TEXT)
