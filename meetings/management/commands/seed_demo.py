from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meetings.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, build_demo, demo_exists


class Command(BaseCommand):
    help = "Bygger demokommunen (förvaltningar, personer, möten). Körs bara med DEBUG på."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo skapar konton med ett känt lösenord och körs därför bara med DEBUG på. "
                "Sätt DEBUG=1 i en utvecklingsmiljö."
            )
        if demo_exists():
            self.stdout.write("Demodata finns redan; ingenting ändrades.")
        else:
            build_demo()
            self.stdout.write(self.style.SUCCESS("Demodata skapad."))
        self.stdout.write(f"\nDemokonton (lösenord: {DEMO_PASSWORD}):")
        for email, _name, purpose in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<36} {purpose}")
