"""Drop an answer written as Outlook writes it into the network's mailbox (IMAP_URL), as if the
person had pressed Acceptera / Avböj / Preliminärt on the invitation: for the demo (`make run`
serves a mailbox) and for trying a mailbox out. The worker reads it on its next round.

Without IMAP_URL (a second terminal beside `make run`) it uses the demo's mailbox, on
127.0.0.1 at IMAP_PORT (1143 unless set), as the Makefile starts it."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from meetings.models import Meeting
from meetings.replies import mailbox, outlook


def demo_mailbox_url() -> str:
    """The mailbox `make run` serves (Makefile: DEMO_IMAP_URL)."""
    port = os.environ.get("IMAP_PORT", "").strip() or "1143"
    return f"imap://natverken:demo@127.0.0.1:{port}/INBOX"


class Command(BaseCommand):
    help = (
        "Lägger ett svar från Outlook (iTIP REPLY) på ett möte i nätverkets brevlåda "
        "(IMAP_URL), som om personen svarat på inbjudan i Outlook. Arbetaren läser det sedan."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="Personens e-postadress (en representant/ersättare).")
        parser.add_argument(
            "--answer",
            choices=sorted(outlook.ANSWERS),
            default="accepted",
            help="Svaret: accepted (kommer), declined (kommer inte), tentative (preliminärt).",
        )
        parser.add_argument(
            "--meeting",
            type=int,
            help="Mötets nummer (som i /moten/<nummer>/); annars personens nästa möte.",
        )
        parser.add_argument("--comment", default="", help="En anteckning med svaret.")
        parser.add_argument(
            "--url",
            help="Brevlådan (imap://…); annars IMAP_URL, och utan den demons brevlåda.",
        )

    def handle(self, *args, email: str, answer: str, meeting, comment: str, url, **options):
        url = url or settings.IMAP_URL or demo_mailbox_url()
        person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if person is None:
            raise CommandError(f"Ingen aktiv person har adressen {email}.")
        if meeting is None:
            found = outlook.next_meeting_for(person)
            if found is None:
                raise CommandError(
                    f"{person.email} har inget kommande publicerat möte i sina nätverk."
                )
        else:
            found = Meeting.objects.select_related("network").filter(pk=meeting).first()
            if found is None:
                raise CommandError(f"Det finns inget möte nummer {meeting}.")
        raw = outlook.reply_message(found, person, answer, comment)
        try:
            outlook.append(url, raw)
        except mailbox.MailboxError as exc:
            raise CommandError(str(exc)) from None
        day = timezone.localtime(found.starts_at).date().isoformat()
        self.stdout.write(
            self.style.SUCCESS(
                f"Svar från Outlook ({answer}) från {person.email} på möte {found.pk} "
                f"({found.network.code} {day}) ligger i brevlådan. "
                "Arbetaren läser den vid sin nästa läsning av brevlådan (var tionde sekund "
                f"med make run); se {found.get_absolute_url()}"
            )
        )
