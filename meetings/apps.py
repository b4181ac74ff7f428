from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Möten")

    def ready(self) -> None:
        # What meetings holds for a person joins the account's lifecycle (accounts/lifecycle.py,
        # which cannot import us): calendar links end with the account.
        from meetings import account_hooks  # noqa: F401

        # A seat changing hands changes whose Outlook holds the network's meetings
        # (representatives/appointing.py, which cannot import us either).
        from meetings.calendar import outlook
        from representatives import appointing

        appointing.on_seat_change(outlook.seat_changed)
        # Its e-mails leave through the outbox, recorded with the appointment.
        from meetings.outbox import outbox

        appointing.send_mail_with(outbox.record)
        # The outbox builders the worker renders with, registered by the features that own the
        # messages (the calendar's come with outlook above).
        from meetings.agenda import mail  # noqa: F401
