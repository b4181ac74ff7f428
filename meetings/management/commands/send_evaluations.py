from django.core.management.base import BaseCommand

from meetings.evaluations import workflow as evaluations


class Command(BaseCommand):
    help = (
        "Skickar utvärderingen av möten som slutat sedan i går (och inte redan fått den) till "
        "deras deltagare. Tänkt att köras dagligen från cron."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=1,
            help="Hur många dagar bakåt möten räknas (från dygnets början); standard 1, i går.",
        )

    def handle(self, *args, days: int, **options) -> None:
        sent = 0
        for meeting in evaluations.meetings_due(days):
            try:
                request = evaluations.send_request(meeting)
            except evaluations.EvaluationError as exc:
                self.stdout.write(f"{meeting}: {exc}")
            else:
                sent += 1
                self.stdout.write(f"{meeting}: {request.recipients} mottagare.")
        self.stdout.write(self.style.SUCCESS(f"Utvärderingar skickade för {sent} möten."))
