from django.core.management.base import BaseCommand

from accounts import retention


class Command(BaseCommand):
    help = "Delete data that are not records once their retention has passed (see README)."

    def handle(self, *args, **options) -> None:
        for name, count in retention.apply().items():
            self.stdout.write(f"{name}: {count}")
