"""Change history for every app: django-simple-history with the project's two additions.

Each tracked model gets `history = History()` (or `register(Model, records_class=History)`);
the library then writes a historical row on every `save()` and M2M change, with the signed-in
person from `simple_history.middleware.HistoryRequestMiddleware`.

`QuerySet.update()` and `bulk_update()` send no signals, so the library sees nothing of them.
Code that changes a tracked model that way (the meeting's optimistic `UPDATE … WHERE version`,
a consultation response marked sent) calls `record(instance)` afterwards. `one_row(instance)`
makes a save and its M2M changes (a form with work areas) one row instead of several.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

_RECORDS: dict[type, HistoricalRecords] = {}

CREATED, CHANGED = "+", "~"


class History(HistoricalRecords):
    """simple-history's records, remembered per model so `record()` can write a row by hand."""

    def get_meta_options(self, model) -> dict:
        options = super().get_meta_options(model)
        options["verbose_name"] = format_lazy(_("historik: {}"), model._meta.verbose_name)
        options["verbose_name_plural"] = format_lazy(
            _("historik: {}"), model._meta.verbose_name_plural
        )
        return options

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs) -> None:
        """The library records changes made from the tracked side only (`meeting.work_areas`);
        from the other side (`area.meetings.add(...)`) each tracked object gets its row here.
        (A clear from the other side names no objects and stays unrecorded.)"""
        if not reverse:
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        elif action in ("post_add", "post_remove") and pk_set:
            for tracked in self.cls._default_manager.filter(pk__in=pk_set):
                self.create_historical_record(tracked, CHANGED)

    def finalize(self, sender, **kwargs) -> None:
        super().finalize(sender, **kwargs)
        if self.cls is sender:
            _RECORDS[sender] = self


def tracked_models() -> list[type]:
    return list(_RECORDS)


def record(instance, history_type: str = CHANGED) -> None:
    """Write a history row with the instance's current values (and its M2M rows)."""
    _RECORDS[type(instance)].create_historical_record(instance, history_type)


@contextmanager
def unrecorded(instance) -> Iterator[None]:
    """Inside the block, saves and M2M changes of `instance` write no history rows.

    For steps that a row written right after covers (`one_row`, `Meeting.save_changes`).
    """
    instance.skip_history_when_saving = True
    try:
        yield
    finally:
        del instance.skip_history_when_saving


@contextmanager
def one_row(instance, history_type: str = CHANGED) -> Iterator[None]:
    """A save and M2M changes of `instance` as one history row, written after the block.

    If the block raises, no row is written (and the caller's transaction undoes the writes).
    """
    with unrecorded(instance):
        yield
    record(instance, history_type)


class KeepRecordsAdmin:
    """Admin mixin for public records (and their inlines): no deleting, which also takes the
    bulk "delete selected" action away. The app ends, cancels, archives, withdraws or corrects
    them instead (tests/history/test_no_deletes.py)."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(KeepRecordsAdmin):
    """Admin mixin for records the app writes and keeps as they are (a published agenda, a
    question's trail, published minutes) and for inlines edited on their own page: the admin
    shows them and changes nothing."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class KeepHistoryAdmin(KeepRecordsAdmin):
    """Admin mixin for tracked models (and their inlines): public records, never deleted."""
