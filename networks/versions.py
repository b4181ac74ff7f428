"""Optimistic version checks for records that two people can edit at once.

A versioned model has `version = version_field()`. Its edit form carries the version it was
rendered from (a hidden field); saving first moves the row on with one conditional
`UPDATE … SET version = version + 1 WHERE pk = X AND version = <seen>` and only then writes the
form's values, in the same transaction. The UPDATE holds the row lock until the transaction
ends, so of two saves from the same version exactly one wins; the other is told, in Swedish,
that someone else changed the record, and nothing of it is saved. The meeting has the same
check written out (`Meeting.save_changes`), because its UPDATE also moves the calendar's
sequence number.
"""

from django import forms
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from networks.history import ReadOnlyAdmin

# The largest value a PositiveIntegerField holds everywhere: a bigger "version" is made up.
MAX_VERSION = 2**31 - 1

STALE = _(
    "%(what)s har ändrats av någon annan under tiden. Läs in sidan igen och gör om din ändring."
)
SOMETHING = pgettext_lazy("stale record", "Det här")


def version_field() -> models.PositiveIntegerField:
    return models.PositiveIntegerField(_("version"), default=1, editable=False)


def stale_message(what: str | Promise = SOMETHING) -> str:
    return STALE % {"what": what}


class StaleRecordError(Exception):
    """Someone saved the record after the form was rendered. The message is for the person."""

    def __init__(self, what: str | Promise = SOMETHING) -> None:
        self.message = stale_message(what)
        super().__init__(self.message)


def claim_version(instance: models.Model, seen: int, what: str | Promise = SOMETHING) -> None:
    """Move the saved row from version `seen` to the next, or raise StaleRecordError.

    Call it inside the transaction that then writes the record: the UPDATE locks the row until
    that transaction ends. Sends no signals and writes no history row (the save that follows
    does)."""
    assert transaction.get_connection().in_atomic_block, "claim_version needs a transaction"
    model = type(instance)
    moved = model._default_manager.filter(pk=instance.pk, version=seen).update(
        version=F("version") + 1
    )
    if not moved:
        raise StaleRecordError(what)
    instance.version = seen + 1  # type: ignore[attr-defined]


def version_form_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Version"),
        widget=forms.HiddenInput,
        min_value=0,
        max_value=MAX_VERSION,
        error_messages={
            "required": _("Formuläret saknar sin version. Läs in sidan igen."),
            "invalid": _("Formulärets version är ogiltig. Läs in sidan igen."),
            "min_value": _("Formulärets version är ogiltig. Läs in sidan igen."),
            "max_value": _("Formulärets version är ogiltig. Läs in sidan igen."),
        },
    )


class VersionedModelForm(forms.ModelForm):
    """An edit form with the optimistic version check. `stale_subject` names the record in
    the message ("Målet har ändrats av någon annan …").

    A create form (an instance not saved yet) has no version field, unless `versioned_create`:
    then the form says version 0, and the insert fails as stale if someone created the record
    meanwhile (a one-per-network settings row, unique in the database)."""

    version = version_form_field()
    stale_subject: str | Promise = SOMETHING
    versioned_create = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            if self.versioned_create:
                self.fields["version"].initial = 0
            else:
                del self.fields["version"]
        else:
            self.fields["version"].initial = self.instance.version

    @property
    def current_version(self) -> int:
        return 0 if self.instance._state.adding else self.instance.version

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("version")
        if "version" in self.fields and seen is not None and seen != self.current_version:
            # Refused before any write; the conditional UPDATE in save() settles races.
            self.add_error(None, stale_message(self.stale_subject))
        return cleaned

    def save(self, commit: bool = True):
        """Save through the version check; raises StaleRecordError if someone saved meanwhile."""
        if "version" not in self.fields:
            return super().save(commit)
        assert commit, "a versioned save writes at once, in its own transaction"
        seen = self.cleaned_data["version"]
        if self.instance._state.adding:
            try:
                with transaction.atomic():
                    return super().save()
            except IntegrityError:
                raise StaleRecordError(self.stale_subject) from None
        with transaction.atomic():
            claim_version(self.instance, seen, self.stale_subject)
            return super().save()


class VersionedAdminForm(forms.ModelForm):
    """The admin's change form with the version it was rendered from (`seen_version`, hidden).

    The row is locked while the form is checked (the admin saves in one transaction), so the
    conditional UPDATE in `VersionedAdmin.save_model` cannot then find it moved on."""

    seen_version = version_form_field()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["seen_version"]
        if self.instance._state.adding:
            field.required = False  # a new record has no version to compare yet
        else:
            field.initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance._state.adding or cleaned.get("seen_version") is None:
            return cleaned
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        current = rows.values_list("version", flat=True).first()
        if cleaned["seen_version"] != current:
            self.add_error(None, stale_message())
        return cleaned


class VersionedAdmin:
    """Admin mixin for versioned models: a change saved from a stale page is refused with the
    same message as in the app, and every admin save moves the version on, so a coordinator's
    form rendered before it is refused too. Inlines of other versioned models are read-only
    (they are edited on their own admin page, with their own check)."""

    form: type[forms.ModelForm] = VersionedAdminForm

    def save_model(self, request, obj, form, change) -> None:
        if change:
            claim_version(obj, form.cleaned_data["seen_version"])
        super().save_model(request, obj, form, change)  # type: ignore[misc]


class ReadOnlyInline(ReadOnlyAdmin):
    """An inline shown with a link to the record's own admin page, where it is edited."""

    show_change_link = True
