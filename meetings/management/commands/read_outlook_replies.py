from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.replies import mailbox


class Command(BaseCommand):
    help = (
        "Läser nätverkens brevlådor (IMAP_URL, IMAP_URL_<KOD>) och sparar svaren som getts i "
        "Outlook på mötesinbjudningar. Tänkt att köras med några minuters mellanrum."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--url",
            help="Läs bara den här brevlådan (imap://… eller imaps://…), inte de inställda.",
        )
        parser.add_argument(
            "--file",
            nargs="+",
            type=Path,
            help="Läs svaren i de här sparade e-postmeddelandena (.eml) i stället för en brevlåda.",
        )

    def handle(self, *args, url: str | None = None, file=None, **options) -> None:
        counts: Counter[str] = Counter()
        if file:
            for path in file:
                try:
                    raw = path.read_bytes()
                except OSError as exc:
                    raise CommandError(f"{path}: {exc.strerror}") from None
                outcomes = mailbox.handle_message(raw)
                counts.update([str(o) for o in outcomes] if outcomes is not None else ["skipped"])
        elif url:
            try:
                counts = mailbox.read_mailbox(url)
            except mailbox.MailboxError as exc:
                raise CommandError(str(exc)) from None
        else:
            if not mailbox.configured_urls():
                self.stdout.write("Ingen brevlåda är inställd (IMAP_URL).")
                return
            counts = mailbox.read_all_mailboxes()
        summary = ", ".join(f"{what}: {n}" for what, n in sorted(counts.items())) or "inga nya svar"
        self.stdout.write(self.style.SUCCESS(f"Outlook-svar lästa ({summary})."))
        if counts.get("mailbox errors"):
            raise CommandError("En eller flera brevlådor kunde inte läsas; se loggen.")
